"""Officers' API: tickets, handed-over conversations, replies delivered to the citizen's channel, top concerns."""
import pytest
from fastapi.testclient import TestClient

from assistant.tickets import Ticket
from channels.web import app as web_app
from tests.channels.web.conftest import bearer


def test_officers_pages_data_needs_an_officers_token(client, web_assistant):
    delegate = web_assistant.users.add_user("Lê Văn Hùng", "delegate")
    delegate_headers = bearer(web_assistant.users.issue_token(delegate.id))
    for method, path in (("get", "/api/tickets"), ("get", "/api/handovers"), ("get", "/api/analytics/top-concerns"),
                         ("post", "/api/tickets/PA-20261124-0001/reply")):
        anonymous = getattr(client, method)(path)
        assert anonymous.status_code == 401 and "token" in anonymous.json()["detail"]
        forbidden = getattr(client, method)(path, headers=delegate_headers)
        assert forbidden.status_code == 403 and "delegate" in forbidden.json()["detail"]


def test_a_handover_reaches_an_officer_whose_reply_the_chat_page_fetches_once(client, officer):
    client.post("/api/chat", json={"message": "cấp giấy phép nuôi chim bồ câu cần gì, sđt tôi 0912345678"})
    first = client.post("/api/chat", json={"message": "cấp giấy phép nuôi chim bồ câu cần gì, sđt tôi 0912345678"}).json()
    session = first["session_id"]
    handover = client.post("/api/chat", json={"message": "Tôi muốn gặp cán bộ", "session_id": session}).json()
    assert handover["intent"] == "handover" and handover["ticket"].startswith("HT-")

    waiting = client.get("/api/handovers", headers=officer).json()["conversations"]
    assert [c["session_id"] for c in waiting] == [session]
    assert waiting[0]["tickets"][0]["code"] == handover["ticket"] and waiting[0]["tickets"][0]["topic"] == "9.900001"
    transcript = " ".join(t["text"] + t["answer"] for t in waiting[0]["turns"])
    assert "nuôi chim bồ câu" in transcript and "0912345678" not in transcript

    assert client.get(f"/api/sessions/{session}/messages").json()["messages"] == []
    reply = client.post(f"/api/tickets/{handover['ticket']}/reply", headers=officer,
                        json={"text": "Chào anh/chị, hồ sơ nộp tại UBND xã, tôi sẽ hướng dẫn thêm."})
    assert reply.status_code == 200 and reply.json()["delivery"] == "waiting"
    assert reply.json()["ticket"]["status"] == "answered" and reply.json()["ticket"]["delivered"] is False

    fetched = client.get(f"/api/sessions/{session}/messages").json()["messages"]
    assert [(m["ticket"], m["officer"]) for m in fetched] == [(handover["ticket"], "Trần Thị Lan")]
    assert fetched[0]["text"].startswith("Chào anh/chị")
    assert client.get(f"/api/sessions/{session}/messages", params={"after": fetched[0]["at"]}).json()["messages"] == []
    answered = client.get("/api/tickets", params={"status": "answered"}, headers=officer).json()["tickets"]
    assert answered[0]["delivered"] is True and answered[0]["replied_by"] == "Trần Thị Lan"
    assert client.get("/api/handovers", headers=officer).json()["conversations"] == []
    assert len(client.get("/api/handovers", params={"waiting_only": False}, headers=officer).json()["conversations"]) == 1


def file(client, complaint: str) -> dict:
    """What the chat page's "Gửi phản ánh" form sends, then the "1. Gửi" button of the confirmation."""
    asked = client.post("/api/chat", json={"message": f"Tôi muốn phản ánh: {complaint}"}).json()
    assert [c["label"] for c in asked["choices"]] == ["Gửi", "Không"] and "ticket" not in asked
    return client.post("/api/chat", json={"message": "1", "session_id": asked["session_id"]}).json()


def test_feedback_becomes_an_open_ticket_once_confirmed(client, officer):
    asked = client.post("/api/chat", json={"message": "Tôi muốn phản ánh: cán bộ một cửa hẹn nhiều lần chưa trả kết quả"}).json()
    assert asked["answer"].startswith("Bạn muốn gửi phản ánh: «cán bộ một cửa hẹn nhiều lần chưa trả kết quả»?")
    assert client.get("/api/tickets", headers=officer).json()["tickets"] == []
    answer = client.post("/api/chat", json={"message": "1", "session_id": asked["session_id"]}).json()
    assert answer["intent"] == "feedback" and answer["ticket"].startswith("PA-")
    tickets = client.get("/api/tickets", headers=officer).json()["tickets"]
    assert [(t["code"], t["kind"], t["channel"], t["status"]) for t in tickets] == [
        (answer["ticket"], "phan_anh", "web", "open")
    ]


def test_replies_are_checked(client, officer):
    assert client.post("/api/tickets/PA-20991231-0001/reply", json={"text": "ok"}, headers=officer).status_code == 404
    code = file(client, "đường ngập")["ticket"]
    empty = client.post(f"/api/tickets/{code}/reply", json={"text": ""}, headers=officer)
    assert empty.status_code == 422 and "text" in empty.json()["detail"]
    assert client.get("/api/tickets", params={"status": "lost"}, headers=officer).status_code == 422


class RecordingDeliverer:
    """A push channel standing in for Telegram: it records what it was asked to send."""

    channel = "telegram"
    sent: list[Ticket] = []
    fail = False

    def deliver(self, ticket: Ticket) -> bool:
        if self.fail:
            raise ConnectionError("channel down")
        self.sent.append(ticket)
        return True


def recording_deliverer(assistant) -> RecordingDeliverer:
    return RecordingDeliverer()


@pytest.mark.parametrize("fail", [False, True])
def test_a_reply_to_a_ticket_from_another_channel_goes_through_that_channels_deliverer(
    monkeypatch, web_assistant, officer, fail
):
    monkeypatch.setattr(web_app, "REPLY_DELIVERERS", ("tests.channels.web.test_officer_api:recording_deliverer",))
    monkeypatch.setattr(RecordingDeliverer, "sent", [])
    monkeypatch.setattr(RecordingDeliverer, "fail", fail)
    ticket = web_assistant.tickets.create("phan_anh", "đèn đường hỏng", "telegram", "telegram:4242")
    with TestClient(web_app.create_app(assistant=web_assistant)) as client:
        assert client.get("/api/health").json()["reply_channels"] == ["telegram", "web"]
        reply = client.post(f"/api/tickets/{ticket.code}/reply", json={"text": "Đã báo điện lực."}, headers=officer).json()
    assert reply["delivery"] == ("failed" if fail else "sent")
    assert reply["ticket"]["delivered"] is not fail
    assert [t.reply for t in RecordingDeliverer.sent] == ([] if fail else ["Đã báo điện lực."])


def test_a_ticket_of_a_channel_not_served_here_waits_for_it(client, web_assistant, officer):
    ticket = web_assistant.tickets.create("kien_nghi", "mở thêm quầy", "zalo", "zalo:77")
    reply = client.post(f"/api/tickets/{ticket.code}/reply", json={"text": "Đã ghi nhận."}, headers=officer).json()
    assert reply["delivery"] == "no_channel" and reply["ticket"]["delivered"] is False


def test_top_concerns_count_citizens_conversations(client, officer):
    for _ in range(2):
        session = client.post("/api/chat", json={"message": "cấp giấy phép nuôi chim bồ câu cần gì"}).json()["session_id"]
        client.post("/api/chat", json={"message": "lệ phí bao nhiêu?", "session_id": session})
    client.post("/api/chat", json={"message": "Tôi muốn phản ánh: cán bộ hẹn nhiều lần"})
    client.post("/api/chat", json={"message": "cấp giấy phép nuôi chim bồ câu cần gì"}, headers=officer)

    for period in ("day", "week"):
        data = client.get("/api/analytics/top-concerns", params={"period": period}, headers=officer).json()
        assert data["period"] == period and data["conversations"] == 3
        assert data["by_procedure"] == [
            {"key": "9.900001", "label": "Cấp giấy phép nuôi chim bồ câu đưa thư (9.900001)", "conversations": 2}
        ]
        assert data["by_field"] == [{"key": "Chăn nuôi", "label": "Chăn nuôi", "conversations": 2}]
        assert {c["key"]: c["conversations"] for c in data["by_intent"]} == {
            "procedure_guide": 2, "procedure_detail": 2, "feedback": 1,
        }
    assert client.get("/api/analytics/top-concerns", params={"period": "month"}, headers=officer).status_code == 422
