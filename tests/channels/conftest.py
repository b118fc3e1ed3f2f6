"""Fixtures of the channel tests: a real assistant over a tiny index of the test fixtures, and a
scripted one for what only the channel decides (buttons, cutting long answers)."""
from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import httpx
import pytest

from assistant.answer import Answer
from assistant.nlu import EmbeddedNLU
from assistant.security.users import UserDirectory
from assistant.tasks import TaskStore
from knowledge.settings import Settings


FIXTURE_DAY = date(2031, 1, 1)  # every fictional fixture law is in force


@pytest.fixture(scope="session")
def tiny_index(tmp_path_factory: pytest.TempPathFactory, fixtures_dir: Path) -> Path:
    """A root with the fixture laws and procedures (``knowledge/``) indexed with the hash embedder
    as of 2031, when every fictional fixture law is in force, and the NLU trained (``data/``)."""
    from assistant.nlu.model_cache import load_or_train
    from knowledge.ingest import Ingestor

    root = tmp_path_factory.mktemp("tiny")
    for part in ("legal", "procedures"):
        shutil.copytree(fixtures_dir / part, root / "knowledge" / part)
    settings = Settings(knowledge_dir=root / "knowledge", data_dir=root / "data", embedder="hash", today=lambda: FIXTURE_DAY)
    assert Ingestor(settings).ingest(None).errors == []
    load_or_train(data_dir=settings.data_dir)
    return root


@pytest.fixture
def tiny_assistant(tiny_index: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The real assistant over the tiny index, with fresh conversation, user and task stores."""
    from assistant.core import Assistant

    data = tmp_path / "data"
    shutil.copytree(tiny_index / "data", data, symlinks=True)
    monkeypatch.setenv("TROLY_DATA_DIR", str(data))
    return Assistant(Settings(knowledge_dir=tiny_index / "knowledge", data_dir=data, embedder="hash", today=lambda: FIXTURE_DAY))


@pytest.fixture
def tiny_settings(tiny_index_dir: Path, fixtures_dir: Path, tmp_path: Path) -> Settings:
    """Settings of a fresh copy of the tiny index (``tiny_index_dir``, as of today), for one test."""
    data = tmp_path / "data"
    shutil.copytree(tiny_index_dir, data, symlinks=True)
    return Settings(knowledge_dir=fixtures_dir, data_dir=data, embedder="hash")


@pytest.fixture(scope="session")
def tiny_nlu(tiny_index_dir: Path) -> EmbeddedNLU:
    """One trained intent classifier for every test of the session."""
    nlu = EmbeddedNLU(data_dir=tiny_index_dir)
    nlu.parse("xin chào")
    return nlu


class ScriptedAssistant:
    """Answers with the next prepared ``Answer`` and records each call; real user and task stores."""

    def __init__(self, data_dir: Path, answers: list[Answer]) -> None:
        self.settings = Settings.from_env({"TROLY_DATA_DIR": str(data_dir)})
        self.users = UserDirectory(data_dir / "users.sqlite3")
        self.tasks = TaskStore(data_dir / "tasks.sqlite3", self.users)
        self.answers = list(answers)
        self.calls: list[dict] = []

    def ask(self, message: str, **options) -> Answer:
        self.calls.append({"message": message, **options})
        return self.answers.pop(0)


@pytest.fixture
def scripted(tmp_path: Path):
    """``scripted(answer, ...)``: a ScriptedAssistant that will give these answers in turn."""
    return lambda *answers: ScriptedAssistant(tmp_path / "scripted", list(answers))


@pytest.fixture(scope="session")
def http() -> httpx.Client:
    """One HTTP client for the whole session (making one costs a tenth of a second)."""
    with httpx.Client(timeout=30) as client:
        yield client
