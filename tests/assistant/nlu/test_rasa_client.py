"""The Rasa server as NLU engine: its parse results read as troly's, and the embedded
engine answering (with one log line) while the server is down."""
from __future__ import annotations

import json
import logging

import httpx
import pytest

from assistant.nlu import NLU, EmbeddedNLU, NluResult, RasaConnection, RasaNLU, engine_for, result_from_rasa
from assistant.nlu.rasa_client import PARSE_TIMEOUT, BadRasaResult
from knowledge.errors import BadInput
from knowledge.settings import Settings

FEE_QUESTION = "lệ phí bao nhiêu tiền vậy"
RASA_PARSE = {
    "text": FEE_QUESTION,
    "intent": {"name": "procedure_detail", "confidence": 0.97},
    "entities": [{"entity": "detail_aspect", "start": 0, "end": 6, "value": "lệ phí", "extractor": "DIETClassifier"}],
    "intent_ranking": [{"name": "procedure_detail", "confidence": 0.97}, {"name": "procedure_guide", "confidence": 0.02}],
}


class FixedNLU:
    """The embedded engine's stand-in: says which engine answered."""

    def parse(self, text: str) -> NluResult:
        return NluResult("greeting", 1.0, (), (("greeting", 1.0),))


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def rasa_nlu(handler, clock: Clock | None = None) -> RasaNLU:
    client = httpx.Client(transport=httpx.MockTransport(handler))
    connection = RasaConnection("http://rasa.test/", "the embedded NLU answers", PARSE_TIMEOUT, client, 30.0, clock or Clock())
    return RasaNLU(connection, FixedNLU())


def test_a_parse_result_becomes_troly_intent_entities_and_ranking():
    result = result_from_rasa(RASA_PARSE)
    assert (result.intent, result.confidence) == ("procedure_detail", 0.97)
    [fee] = result.entities
    assert (fee.entity, fee.value, fee.text) == ("detail_aspect", "lệ phí", "lệ phí")
    assert result.ranking[1] == ("procedure_guide", 0.02)


def test_rasa_fallback_intent_is_out_of_scope_as_below_the_embedded_threshold():
    parse = {"text": "abc xyz", "intent": {"name": "nlu_fallback", "confidence": 0.3},
             "entities": [], "intent_ranking": [{"name": "nlu_fallback", "confidence": 0.3}, {"name": "greeting", "confidence": 0.21}]}
    result = result_from_rasa(parse)
    assert result.intent == "out_of_scope" and result.ranking[0] == ("out_of_scope", 0.3)


def test_a_result_without_intent_is_refused():
    with pytest.raises(BadRasaResult):
        result_from_rasa({"text": "xin chào", "intent": None, "entities": []})


def test_the_message_is_posted_to_model_parse():
    asked = []

    def handler(request: httpx.Request) -> httpx.Response:
        asked.append((request.url.path, json.loads(request.read())))
        return httpx.Response(200, json=RASA_PARSE)

    nlu = rasa_nlu(handler)
    assert isinstance(nlu, NLU) and nlu.parse(FEE_QUESTION).intent == "procedure_detail"
    assert asked == [("/model/parse", {"text": FEE_QUESTION})]


def test_rasa_down_logs_once_and_the_embedded_engine_answers_until_it_is_tried_again(caplog):
    clock = Clock()
    calls = []
    up = {"value": False}

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(clock.now)
        if not up["value"]:
            raise httpx.ConnectError("Connection refused")
        return httpx.Response(200, json=RASA_PARSE)

    nlu = rasa_nlu(handler, clock)
    with caplog.at_level(logging.WARNING, logger="assistant.nlu.rasa_client"):
        assert nlu.parse(FEE_QUESTION).intent == "greeting"
        clock.now = 10
        assert nlu.parse(FEE_QUESTION).intent == "greeting"
        up["value"] = True
        clock.now = 31
        assert nlu.parse(FEE_QUESTION).intent == "procedure_detail"
    assert calls == [0, 31]  # not tried again within 30 s
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 2
    assert "Rasa at http://rasa.test is unavailable" in messages[0] and "Connection refused" in messages[0]
    assert "the embedded NLU answers for the next 30 s" in messages[0]
    assert messages[1] == "Rasa at http://rasa.test answers again"


def test_a_server_without_a_model_is_treated_as_down(caplog):
    nlu = rasa_nlu(lambda request: httpx.Response(409, json={"message": "No agent loaded"}))
    with caplog.at_level(logging.WARNING, logger="assistant.nlu.rasa_client"):
        assert nlu.parse(FEE_QUESTION).intent == "greeting"
    assert "409" in caplog.records[0].getMessage()


def test_an_empty_message_is_bad_input_not_a_request():
    nlu = rasa_nlu(lambda request: pytest.fail("Rasa must not be asked"))
    with pytest.raises(BadInput):
        nlu.parse("   ")


def test_the_switch_chooses_the_engine(tmp_path):
    settings = Settings(knowledge_dir=tmp_path, data_dir=tmp_path, embedder="hash")
    assert isinstance(engine_for(settings), EmbeddedNLU)
    rasa = engine_for(Settings.from_env({"TROLY_DATA_DIR": str(tmp_path), "TROLY_NLU": "rasa", "TROLY_RASA_URL": "http://10.0.0.5:5005"}))
    assert isinstance(rasa, RasaNLU) and rasa.connection.url == "http://10.0.0.5:5005"
    assert isinstance(rasa.fallback, EmbeddedNLU)
    with pytest.raises(BadInput, match="TROLY_NLU='spacy'"):
        engine_for(Settings.from_env({"TROLY_NLU": "spacy"}))
