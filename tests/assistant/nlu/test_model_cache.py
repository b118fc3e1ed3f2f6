from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.nlu import IntentClassifier, load_or_train
from assistant.nlu.model_cache import model_path


@pytest.fixture
def small_file(fixtures_dir: Path, tmp_path: Path) -> Path:
    path = tmp_path / "nlu.yml"
    shutil.copy(fixtures_dir / "nlu" / "small_nlu.yml", path)
    return path


@pytest.fixture
def trainings(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts calls of IntentClassifier.train."""
    calls: list[int] = []
    original = IntentClassifier.train.__func__

    def counting(cls, examples):
        calls.append(len(examples))
        return original(cls, examples)

    monkeypatch.setattr(IntentClassifier, "train", classmethod(counting))
    return calls


def test_trained_once_then_loaded(small_file: Path, data_dir: Path, trainings: list[int]):
    first = load_or_train(small_file)  # data_dir comes from TROLY_DATA_DIR
    stored = model_path(small_file, data_dir)
    assert stored.is_file() and stored.parent == data_dir / "nlu"
    second = load_or_train(small_file)
    assert trainings == [30]
    assert second is not first
    assert second.predict("le phi bao nhieu") == first.predict("le phi bao nhieu")
    assert second.predict("le phi bao nhieu").intent == "procedure_detail"


def test_retrained_when_the_training_file_changes(small_file: Path, tmp_path: Path, trainings: list[int]):
    data_dir = tmp_path / "store"
    load_or_train(small_file, data_dir)
    old = model_path(small_file, data_dir)
    small_file.write_text(small_file.read_text(encoding="utf-8") + "\n- synonym: kết quả\n  examples: |\n    - ket qua\n", encoding="utf-8")
    load_or_train(small_file, data_dir)
    new = model_path(small_file, data_dir)
    assert new != old and new.is_file() and not old.exists()
    assert trainings == [30, 30]


def test_an_unreadable_stored_model_is_replaced(small_file: Path, tmp_path: Path, trainings: list[int]):
    data_dir = tmp_path / "store"
    path = model_path(small_file, data_dir)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a model")
    classifier = load_or_train(small_file, data_dir)
    assert classifier.predict("xin chào").intent == "greeting"
    assert trainings == [30]
    assert load_or_train(small_file, data_dir).predict("xin chào").intent == "greeting"
    assert trainings == [30]
