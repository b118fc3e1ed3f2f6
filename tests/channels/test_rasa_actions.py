"""troly as Rasa's action server, spoken to as Rasa 3.6 speaks: trackers in, events and
responses out, over a tiny real index (the fixture law and procedures)."""
from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from assistant.answer import Answer, Choice
from assistant.core import Assistant
from assistant.nlu import NluResult
from assistant.skills.citizen_guide import ASK_PROCEDURE
from channels.rasa_actions import create_app, rasa_response, session_id_for
from knowledge.settings import Settings


class NotAsked:
    """An NLU engine that must stay unused: Rasa's understanding is passed on."""

    def parse(self, text: str) -> NluResult:
        raise AssertionError(f"the assistant parsed {text!r} again")


@pytest.fixture
def assistant(tiny_settings: Settings) -> Assistant:
    return Assistant(tiny_settings, nlu=NotAsked())


@pytest.fixture
def client(assistant: Assistant) -> TestClient:
    return TestClient(create_app(assistant))


def call(
    action: str, text: str | None, intent: str, entities: list[dict[str, Any]] = (), slots: dict[str, Any] | None = None,
    sender: str = "phien-1",
) -> dict[str, Any]:
    """The body Rasa posts to run ``action`` after the user said ``text``."""
    latest = {
        "text": text, "intent": {"name": intent, "confidence": 0.93}, "entities": list(entities),
        "intent_ranking": [{"name": intent, "confidence": 0.93}], "metadata": {},
    } if text is not None else {}
    tracker = {
        "sender_id": sender, "slots": slots or {}, "latest_message": latest, "events": [], "paused": False,
        "followup_action": None, "active_loop": {}, "latest_action_name": "action_listen",
    }
    return {"next_action": action, "sender_id": sender, "tracker": tracker, "domain": {"intents": []}, "version": "3.6.21"}


def troly_answer(body: dict[str, Any]) -> Answer:
    [response] = body["responses"]
    answer = Answer.from_json(response["custom"]["troly"])
    assert response["text"] == answer.text
    return answer


def test_a_legal_question_gets_the_quoted_article_with_its_citation(client):
    reply = client.post("/rasa/webhook", json=call(
        "action_legal_answer", "Luật Vườn hoa công cộng quy định phạm vi điều chỉnh thế nào", "legal_question",
    ))
    assert reply.status_code == 200 and reply.json()["events"] == []
    answer = troly_answer(reply.json())
    assert answer.intent == "legal_question" and answer.grounded
    law = answer.citations[0]
    assert (law.kind, law.id, law.article) == ("law", "12/2030/QH16", "1")
    assert "xây dựng, quản lý và sử dụng vườn hoa công cộng" in law.text


def test_a_named_procedure_is_guided_and_its_title_set_in_the_procedure_slot(client):
    reply = client.post("/rasa/webhook", json=call(
        "action_procedure_guide", "thủ tục cấp giấy phép nuôi chim bồ câu đưa thư", "procedure_guide",
    ))
    body = reply.json()
    answer = troly_answer(body)
    assert answer.intent == "procedure_guide" and answer.citations[0].id == "9.900001"
    assert body["events"] == [
        {"event": "slot", "name": "detail_aspect", "value": None, "timestamp": None},
        {"event": "slot", "name": "procedure", "value": "Cấp giấy phép nuôi chim bồ câu đưa thư", "timestamp": None},
    ]
    fee = client.post("/rasa/webhook", json=call(
        "action_procedure_guide", "lệ phí bao nhiêu?", "procedure_detail",
        [{"entity": "detail_aspect", "value": "lệ phí", "start": 0, "end": 6}],
    ))
    answer = troly_answer(fee.json())
    assert answer.text.startswith("Lệ phí Cấp giấy phép nuôi chim bồ câu đưa thư") and answer.citations[0].id == "9.900001"


def test_the_procedure_form_answer_is_asked_with_the_aspect_asked_before_it(client):
    """"lệ phí bao nhiêu?" with no procedure: the form asked which one; the answer, whatever
    Rasa made of it, is a named procedure and the fee is what was asked."""
    question = client.post("/rasa/webhook", json=call("action_ask_procedure", "lệ phí bao nhiêu?", "procedure_detail"))
    assert troly_answer(question.json()).text == ASK_PROCEDURE
    reply = client.post("/rasa/webhook", json=call(
        "action_procedure_guide", "nuôi chim bồ câu", "nlu_fallback", slots={"procedure": "nuôi chim bồ câu", "detail_aspect": "lệ phí"},
    ))
    answer = troly_answer(reply.json())
    assert answer.intent == "procedure_guide"
    assert answer.text.startswith("Lệ phí Cấp giấy phép nuôi chim bồ câu đưa thư")


def test_feedback_is_confirmed_with_buttons_before_its_ticket_and_handover_opens_one(client, assistant):
    reply = client.post("/rasa/webhook", json=call(
        "action_feedback_ticket", "tôi muốn phản ánh cán bộ phường làm việc chậm", "feedback", sender="dan-1",
    ))
    assert reply.json()["events"] == [{"event": "slot", "name": "ticket", "value": None, "timestamp": None}]
    assert [b["payload"] for b in reply.json()["responses"][0]["buttons"]] == ["1", "2"]
    confirmed = client.post("/rasa/webhook", json=call("action_procedure_guide", "1", "choose_option", sender="dan-1"))
    filed = troly_answer(confirmed.json())
    ticket = assistant.tickets.get(filed.extras["ticket"])
    assert (ticket.kind, ticket.session_id) == ("phan_anh", "dan-1") and ticket.code in filed.text
    handover = client.post("/rasa/webhook", json=call("action_feedback_ticket", "cho tôi gặp cán bộ", "handover", sender="dan-1"))
    assert assistant.tickets.get(handover.json()["events"][0]["value"]).kind == "handover"
    assert assistant.sessions.handed_over() == ["dan-1"]


def test_the_role_of_a_session_started_by_a_channel_carries_over(client, assistant):
    assistant.sessions.start("can-bo-7", "officer", "web")
    reply = client.post("/rasa/webhook", json=call("action_troly_reply", "xin chào", "greeting", sender="can-bo-7"))
    assert "soạn văn bản theo Nghị định 30/2020/NĐ-CP" in troly_answer(reply.json()).text
    citizen = client.post("/rasa/webhook", json=call("action_troly_reply", "soạn giấy mời họp", "draft_document", sender="dan-2"))
    assert troly_answer(citizen.json()).refusal_reason == "not_permitted"


def test_a_sender_id_that_cannot_name_a_session_gets_a_stable_digest(client, assistant):
    sender = "nguyễn văn a@zalo"
    client.post("/rasa/webhook", json=call("action_troly_reply", "cảm ơn", "thanks", sender=sender))
    session_id = session_id_for(sender)
    assert session_id == session_id_for(sender) and session_id.startswith("rasa-")
    assert [t.intent for t in assistant.sessions.turns(session_id=session_id)] == ["thanks"]


def test_an_unknown_action_is_404_and_an_action_without_a_message_is_rejected(client):
    unknown = client.post("/rasa/webhook", json=call("action_book_flight", "đặt vé", "out_of_scope"))
    assert unknown.status_code == 404 and unknown.json()["action_name"] == "action_book_flight"
    rejected = client.post("/rasa/webhook", json=call("action_legal_answer", None, "legal_question"))
    assert rejected.status_code == 400
    assert rejected.json() == {"error": "the tracker holds no user message to answer", "action_name": "action_legal_answer"}
    assert client.post("/rasa/webhook", json={"sender_id": "x"}).status_code == 422
    assert {"name": "action_procedure_guide"} in client.get("/rasa/actions").json()


def test_numbered_choices_become_buttons_that_send_their_number():
    answer = Answer(
        text="Có vài thủ tục gần với yêu cầu của bạn. Bạn cần thủ tục nào?", intent="procedure_guide", grounded=True,
        choices=(Choice(1, "Thủ tục đăng ký khai sinh (Cấp xã)", "1.001193"), Choice(2, "Đăng ký lại khai sinh", "1.004884")),
    )
    response = rasa_response(answer)
    assert response["buttons"] == [
        {"title": "Thủ tục đăng ký khai sinh (Cấp xã)", "payload": "1"}, {"title": "Đăng ký lại khai sinh", "payload": "2"},
    ]
    assert response["custom"]["troly"]["choices"][1]["value"] == "1.004884"
