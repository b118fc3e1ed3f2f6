"""Channels' messages through Rasa's REST channel (TROLY_DIALOGUE=rasa), against a stand-in
for Rasa that answers as its REST channel does, and troly answering alone when Rasa is down."""
from __future__ import annotations

import json
import logging
from dataclasses import replace

import httpx
import pytest

from assistant.answer import Answer, Choice, Citation
from assistant.core import Assistant
from assistant.nlu import RasaConnection
from channels.rasa_actions import rasa_response
from channels.rasa_dialogue import WEBHOOK_TIMEOUT, EmptyRasaReply, RasaDialogue, answer_from_rasa, responder
from knowledge.errors import BadInput

FEE = Answer(
    text="Lệ phí Cấp giấy phép nuôi chim bồ câu đưa thư:\n- Trực tiếp: 50,000 Việt Nam Đồng\n\nNguồn: Cổng DVC quốc gia",
    intent="procedure_detail", grounded=True,
    citations=(Citation(kind="procedure", id="9.900001", title="Cấp giấy phép nuôi chim bồ câu đưa thư"),),
)


def rest_channel_messages(*answers: Answer, sender: str = "phien-1") -> list[dict]:
    """What Rasa's REST channel returns for action responses: the text (one message per
    paragraph, whole with its buttons), then the custom payload."""
    messages = []
    for answer in answers:
        response = rasa_response(answer)
        if "buttons" in response:
            messages.append({"recipient_id": sender, "text": response["text"], "buttons": response["buttons"]})
        else:
            messages += [{"recipient_id": sender, "text": part} for part in response["text"].split("\n\n")]
        messages.append({"recipient_id": sender, "custom": response["custom"]})
    return messages


def test_troly_answer_is_read_back_whole_and_its_text_not_repeated():
    assert answer_from_rasa(rest_channel_messages(FEE)) == FEE
    choices = Answer(
        text="Có vài thủ tục gần với yêu cầu của bạn.\n\nBạn cần thủ tục nào?", intent="procedure_guide",
        choices=(Choice(1, "Đăng ký khai sinh", "1.001193"), Choice(2, "Đăng ký lại khai sinh", "1.004884")),
    )
    assert answer_from_rasa(rest_channel_messages(choices)) == choices


def test_text_rasa_writes_itself_is_kept_beside_troly_answer():
    messages = [{"recipient_id": "p", "text": "Chào bạn, đây là cổng hỗ trợ của UBND phường."}, *rest_channel_messages(FEE)]
    answer = answer_from_rasa(messages)
    assert answer.text == f"Chào bạn, đây là cổng hỗ trợ của UBND phường.\n\n{FEE.text}"
    assert (answer.intent, answer.citations) == ("procedure_detail", FEE.citations)
    alone = answer_from_rasa([{"recipient_id": "p", "text": "Hẹn gặp lại!"}])
    assert (alone.text, alone.intent) == ("Hẹn gặp lại!", "rasa_response")


def test_an_empty_reply_is_no_answer():
    with pytest.raises(EmptyRasaReply):
        answer_from_rasa([])
    with pytest.raises(EmptyRasaReply):
        answer_from_rasa({"error": "oops"})


@pytest.fixture
def assistant(tiny_settings, tiny_nlu) -> Assistant:
    return Assistant(tiny_settings, nlu=tiny_nlu)


def dialogue(assistant: Assistant, handler) -> RasaDialogue:
    client = httpx.Client(transport=httpx.MockTransport(handler))
    return RasaDialogue(assistant, RasaConnection("http://rasa.test", "troly's embedded dialogue answers", WEBHOOK_TIMEOUT, client))


def test_a_message_goes_to_the_rest_channel_with_the_session_as_sender_and_personal_data_hidden(assistant):
    sent = []

    def rasa(request: httpx.Request) -> httpx.Response:
        sent.append((request.url.path, json.loads(request.read())))
        return httpx.Response(200, json=rest_channel_messages(FEE))

    reply = dialogue(assistant, rasa)
    officer = assistant.users.add_user("Trần Thị Lan", role="officer")
    answer = reply("SĐT của tôi là 0912345678, lệ phí bao nhiêu?", user=officer, channel="telegram")
    [(path, body)] = sent
    assert path == "/webhooks/rest/webhook" and "0912345678" not in body["message"] and "lệ phí bao nhiêu?" in body["message"]
    assert answer == replace(FEE, session_id=body["sender"])
    session = assistant.sessions.start(body["sender"], "citizen", "web")
    assert (session.role, session.channel, session.user_id) == ("officer", "telegram", officer.id)


def test_rasa_down_logs_and_troly_answers_on_its_own(assistant, caplog):
    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("Connection refused")

    reply = dialogue(assistant, down)
    with caplog.at_level(logging.WARNING):
        answer = reply("thủ tục cấp giấy phép nuôi chim bồ câu đưa thư", session_id="dan-3")
    assert answer.citations[0].id == "9.900001" and answer.session_id == "dan-3"
    [record] = caplog.records
    assert "Rasa at http://rasa.test is unavailable" in record.getMessage()
    assert "troly's embedded dialogue answers" in record.getMessage()


def test_a_message_with_a_file_goes_straight_to_the_assistant(assistant, tmp_path):
    draft = tmp_path / "du-thao.txt"
    draft.write_text("ỦY BAN NHÂN DÂN\nQUYẾT ĐỊNH\nVề việc thử nghiệm", encoding="utf-8")
    reply = dialogue(assistant, lambda request: pytest.fail("Rasa's REST channel carries text only"))
    officer = assistant.users.add_user("Nguyễn Văn Minh", role="officer")
    answer = reply("rà soát giúp tôi dự thảo này", user=officer, upload=draft)
    assert answer.intent == "review_document"


def test_the_switch_chooses_rasa_or_the_assistant_itself(tiny_settings, tiny_nlu):
    embedded = Assistant(tiny_settings, nlu=tiny_nlu)
    assert responder(embedded) == embedded.ask
    rasa = Assistant(replace(tiny_settings, dialogue="rasa", rasa_url="http://10.0.0.5:5005"), nlu=tiny_nlu)
    chosen = responder(rasa)
    assert isinstance(chosen, RasaDialogue) and chosen.connection.url == "http://10.0.0.5:5005"
    with pytest.raises(BadInput, match="TROLY_DIALOGUE='botpress'"):
        responder(Assistant(replace(tiny_settings, dialogue="botpress"), nlu=tiny_nlu))
