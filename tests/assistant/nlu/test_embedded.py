from __future__ import annotations

from pathlib import Path

import pytest

from assistant.nlu import NLU, EmbeddedNLU, IntentClassifier, NluResult, TrainingData
from knowledge.errors import BadInput


@pytest.fixture(scope="module")
def nlu(training_data: TrainingData, classifier: IntentClassifier) -> EmbeddedNLU:
    return EmbeddedNLU.from_models(training_data, classifier)


def test_is_an_nlu_engine(nlu: EmbeddedNLU):
    assert isinstance(nlu, NLU)
    result = nlu.parse("lệ phí bao nhiêu?")
    assert isinstance(result, NluResult)
    assert (result.intent, [(e.entity, e.value) for e in result.entities]) == ("procedure_detail", [("detail_aspect", "lệ phí")])


def test_drafting_request_with_its_document_type(nlu: EmbeddedNLU):
    result = nlu.parse("soan giay moi hop giao ban 9h thu Hai tai phong hop so 2")
    assert result.intent == "draft_document"
    assert [(e.entity, e.value) for e in result.entities] == [("doc_type", "giấy mời")]


def test_choice_from_a_numbered_answer(nlu: EmbeddedNLU):
    result = nlu.parse("cái thứ hai")
    assert result.intent == "choose_option"
    assert [(e.entity, e.value) for e in result.entities] == [("choice", "2")]


def test_entities_outside_their_intents_are_dropped(nlu: EmbeddedNLU):
    result = nlu.parse("đi du lịch Đà Lạt nên ở đâu cho rẻ")
    assert result.intent == "out_of_scope"
    assert result.entities == ()


@pytest.mark.parametrize("text", ["", "   \n"])
def test_an_empty_message_is_bad_input(nlu: EmbeddedNLU, text: str):
    with pytest.raises(BadInput, match="trống"):
        nlu.parse(text)


def test_trains_on_first_parse_and_reuses_the_stored_model(data_dir: Path, fixtures_dir: Path):
    training_file = fixtures_dir / "nlu" / "small_nlu.yml"
    assert EmbeddedNLU(training_file).parse("phi bao nhieu").intent == "procedure_detail"
    stored = list((data_dir / "nlu").glob("*.joblib"))
    assert len(stored) == 1
    modified = stored[0].stat().st_mtime_ns
    assert EmbeddedNLU(training_file).parse("xin chao").intent == "greeting"
    assert [p.stat().st_mtime_ns for p in (data_dir / "nlu").glob("*.joblib")] == [modified]
