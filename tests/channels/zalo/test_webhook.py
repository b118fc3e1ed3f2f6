"""The Zalo webhook under a real uvicorn, signed like Zalo signs, answering through the OA API stand-in."""
from __future__ import annotations

import json
import logging
import time

import httpx
import pytest
from fastapi import FastAPI

from assistant.answer import Answer, Citation
from channels.chat import APOLOGY, ChatGateway
from channels.zalo.api import ZaloClient, ZaloTokens
from channels.zalo.config import ZaloConfig
from channels.zalo.events import EventGate, event_mac
from channels.zalo.webhook import SIGNATURE_HEADER, WEBHOOK_PATH, ZaloWebhook, router
from tests.channels.servers import serve
from tests.channels.zalo.oa_api import APP_ID, APP_SECRET, OA_SECRET, OaApi

CITIZEN = "246845883529197922"


def event(text: str, msg_id: str, sender: str = CITIZEN, name: str = "user_send_text", at: float | None = None) -> bytes:
    return json.dumps({
        "app_id": APP_ID, "event_name": name, "timestamp": str(int((at or time.time()) * 1000)),
        "sender": {"id": sender}, "recipient": {"id": "388613280878808645"},
        "message": {"text": text, "msg_id": msg_id},
    }, ensure_ascii=False).encode()


def signature(body: bytes) -> str:
    return "mac=" + event_mac(APP_ID, body, json.loads(body)["timestamp"], OA_SECRET)


@pytest.fixture
def oa():
    with OaApi() as stand_in:
        yield stand_in


@pytest.fixture
def zalo(oa, tmp_path, http):
    """``zalo(assistant)``: ``post(body, signature=...)`` to an app serving the route, Zalo at the stand-in."""
    servers = []

    def start(assistant):
        config = ZaloConfig(APP_ID, OA_SECRET, APP_SECRET, refresh_token="refresh-1", api_base=oa.url, oauth_base=oa.url)
        client = ZaloClient(config, ZaloTokens(config, tmp_path / "zalo-tokens.sqlite3", http), http)
        app = FastAPI()
        app.include_router(router)
        app.state.zalo_webhook = ZaloWebhook(EventGate(config, tmp_path / "zalo-events.sqlite3"), client,
                                             ChatGateway(assistant, "zalo"))
        server = serve(app)
        servers.append(server)
        url = server.__enter__() + WEBHOOK_PATH

        def post(body: bytes, signed: str | None = "auto") -> httpx.Response:
            headers = {"Content-Type": "application/json"}
            if signed is not None:
                headers[SIGNATURE_HEADER] = signature(body) if signed == "auto" else signed
            return http.post(url, content=body, headers=headers)

        return post

    yield start
    for server in servers:
        server.__exit__(None, None, None)


def test_a_citizens_message_is_answered_through_the_oa_api(oa, zalo, tiny_assistant):
    post = zalo(tiny_assistant)
    assert post(event("giấy phép nuôi chim bồ câu cần giấy tờ gì", "m1")).status_code == 200
    refresh, message = oa.requests
    assert refresh.path == "/v4/oa/access_token"
    assert (message.path, message.headers["access_token"]) == ("/v3.0/oa/message/cs", "access-2")
    assert message.params["recipient"] == {"user_id": CITIZEN}
    text = message.params["message"]["text"]
    assert text.startswith("Hồ sơ Cấp giấy phép nuôi chim bồ câu đưa thư:\n☐ Tờ khai đề nghị")
    assert text.endswith("Nguồn:\n• Cấp giấy phép nuôi chim bồ câu đưa thư (9.900001): "
                         "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/00000000-0000-0000-0000-000000000001")
    [turn] = tiny_assistant.sessions.turns(session_id=f"zalo:{CITIZEN}")
    assert turn.channel == "zalo" and turn.role == "citizen"


def test_a_forged_signature_is_refused_and_nothing_is_sent(oa, zalo, scripted):
    assistant = scripted()
    post = zalo(assistant)
    body = event("xin chào", "m1")
    forged = "mac=" + event_mac(APP_ID, body, json.loads(body)["timestamp"], "guessed-secret")
    assert post(body, signed=forged).status_code == 401
    assert post(body, signed=None).status_code == 401
    assert oa.requests == [] and assistant.calls == []


def test_a_stale_event_is_refused(oa, zalo, scripted):
    assistant = scripted()
    assert zalo(assistant)(event("xin chào", "m1", at=time.time() - 3600)).status_code == 401
    assert oa.requests == [] and assistant.calls == []


def test_a_replayed_event_is_ignored(oa, zalo, scripted):
    assistant = scripted(Answer("Xin chào! Tôi có thể giúp gì cho bạn?", "greeting"))
    post = zalo(assistant)
    body = event("xin chào", "m1")
    assert post(body).status_code == 200
    assert post(body).status_code == 200
    assert oa.texts() == ["Xin chào! Tôi có thể giúp gì cho bạn?"] and len(assistant.calls) == 1


@pytest.mark.parametrize("body", [b'{"event_name": "user_send_text", "timestamp": ', b"", b"[]"])
def test_malformed_json_is_a_bad_request(oa, zalo, scripted, body):
    assert zalo(scripted())(body, signed="mac=" + "0" * 64).status_code == 400
    assert oa.requests == []


def test_other_events_are_acknowledged_and_ignored(oa, zalo, scripted, caplog):
    assistant = scripted()
    with caplog.at_level(logging.INFO, logger="channels.zalo.webhook"):
        assert zalo(assistant)(event("", "m1", name="follow")).status_code == 200
    assert "Zalo event follow ignored" in caplog.text
    assert oa.requests == [] and assistant.calls == []


def test_a_long_answer_goes_as_several_texts_within_zalos_limit(oa, zalo, scripted):
    lines = [f"Bước {i}: nộp hồ sơ tại bộ phận một cửa của Ủy ban nhân dân cấp xã nơi cư trú." for i in range(1, 80)]
    answer = Answer("\n".join(lines), "procedure_guide", (Citation("procedure", "1.001193", "Đăng ký khai sinh"),), True)
    zalo(scripted(answer))(event("trình tự", "m1"))
    texts = oa.texts(CITIZEN)
    assert len(texts) == 4 and all(len(t) <= 2000 for t in texts)
    assert "\n".join(texts).split("\n") == lines + ["", "Nguồn:", "• Đăng ký khai sinh (1.001193)"]


def test_an_officer_links_the_zalo_account_and_is_then_asked_as_the_officer(oa, zalo, scripted):
    assistant = scripted(Answer("Đã đặt nhắc việc #1.", "reminder"))
    minh = assistant.users.add_user("Nguyễn Văn Minh", "officer", "Văn phòng UBND")
    code = assistant.users.create_link_code(minh.id)
    post = zalo(assistant)
    post(event(f"liên kết {code}", "m1", sender="8001"))
    post(event("nhắc tôi nộp báo cáo quý 9h sáng thứ Hai tuần sau", "m2", sender="8001"))
    assert oa.texts("8001")[0].startswith("Đã liên kết với tài khoản Nguyễn Văn Minh.")
    assert assistant.users.user_at("zalo", "8001") == minh
    [call] = assistant.calls
    assert (call["user"], call["session_id"], call["channel"]) == (minh, "zalo:8001", "zalo")


def test_a_failing_assistant_gets_an_apology(oa, zalo, scripted, caplog):
    with caplog.at_level(logging.ERROR, logger="channels.zalo.webhook"):
        assert zalo(scripted())(event("xin chào", "m1")).status_code == 200
    assert oa.texts(CITIZEN) == [APOLOGY] and "answering Zalo message m1 failed" in caplog.text


def test_when_zalo_refuses_the_answer_the_event_is_still_acknowledged(oa, zalo, scripted, caplog):
    oa.refresh_token = "another"  # our refresh token no longer works
    with caplog.at_level(logging.ERROR, logger="channels.zalo.webhook"):
        assert zalo(scripted(Answer("Xin chào!", "greeting")))(event("xin chào", "m1")).status_code == 200
    assert oa.accepted == [] and "could not send the answer to Zalo message m1" in caplog.text


def test_without_configuration_the_route_is_not_there(http, monkeypatch):
    monkeypatch.delenv("TROLY_ZALO_APP_ID", raising=False)
    app = FastAPI()
    app.include_router(router)
    with serve(app) as base:
        assert http.post(base + WEBHOOK_PATH, content=event("xin chào", "m1")).status_code == 404
