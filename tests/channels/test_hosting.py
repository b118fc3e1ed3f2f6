"""The webhook routes build their service from the environment, with the app's assistant, on first use."""
from __future__ import annotations

import json
import time
from collections.abc import Iterator

import pytest
from fastapi import FastAPI

from assistant.answer import Answer
from channels.telegram import webhook as telegram_webhook
from channels.zalo import webhook as zalo_webhook
from channels.hosting import MAX_BODY_BYTES
from channels.zalo.events import event_mac
from tests.channels.servers import serve
from tests.channels.telegram import updates
from tests.channels.telegram.bot_api import TOKEN, BotApi
from tests.channels.zalo.oa_api import APP_ID, APP_SECRET, OA_SECRET, OaApi


def test_both_routes_configure_themselves_from_the_environment(scripted, monkeypatch, http):
    assistant = scripted(Answer("Xin chào từ Telegram!", "greeting"), Answer("Xin chào từ Zalo!", "greeting"))
    app = FastAPI()
    app.state.assistant = assistant
    app.include_router(telegram_webhook.router)
    app.include_router(zalo_webhook.router)
    with BotApi() as telegram, OaApi() as zalo:
        for name, value in {
            "TROLY_TELEGRAM_TOKEN": TOKEN, "TROLY_TELEGRAM_API_BASE": telegram.url, "TROLY_TELEGRAM_WEBHOOK_SECRET": "s3cret",
            "TROLY_ZALO_APP_ID": APP_ID, "TROLY_ZALO_SECRET_KEY": OA_SECRET, "TROLY_ZALO_APP_SECRET": APP_SECRET,
            "TROLY_ZALO_REFRESH_TOKEN": "refresh-1", "TROLY_ZALO_API_BASE": zalo.url, "TROLY_ZALO_OAUTH_BASE": zalo.url,
        }.items():
            monkeypatch.setenv(name, value)
        body = json.dumps({"app_id": APP_ID, "event_name": "user_send_text", "timestamp": str(int(time.time() * 1000)),
                           "sender": {"id": "8001"}, "message": {"text": "xin chào", "msg_id": "m1"}}).encode()
        with serve(app) as base:
            to_telegram = http.post(base + telegram_webhook.WEBHOOK_PATH, json=updates.message(1, 42, "xin chào"),
                                    headers={telegram_webhook.SECRET_HEADER: "s3cret"})
            to_zalo = http.post(base + zalo_webhook.WEBHOOK_PATH, content=body, headers={
                "Content-Type": "application/json", zalo_webhook.SIGNATURE_HEADER: "mac=" + event_mac(APP_ID, body, json.loads(body)["timestamp"], OA_SECRET)})
        assert (to_telegram.status_code, to_zalo.status_code) == (200, 200)
        assert [r.params["text"] for r in telegram.calls("sendMessage")] == ["Xin chào từ Telegram!"]
        assert zalo.texts("8001") == ["Xin chào từ Zalo!"]
    stores = assistant.settings.data_dir
    assert (stores / "zalo-events.sqlite3").exists() and (stores / "zalo-tokens.sqlite3").exists()
    assert [c["session_id"] for c in assistant.calls] == ["tg:42", "zalo:8001"]


ENVIRONMENT = {
    "TROLY_TELEGRAM_TOKEN": TOKEN, "TROLY_TELEGRAM_WEBHOOK_SECRET": "s3cret",
    "TROLY_ZALO_APP_ID": APP_ID, "TROLY_ZALO_SECRET_KEY": OA_SECRET, "TROLY_ZALO_APP_SECRET": APP_SECRET,
    "TROLY_ZALO_REFRESH_TOKEN": "refresh-1",
}


@pytest.fixture
def both_routes(scripted, monkeypatch) -> Iterator[tuple[str, object]]:
    """The base URL of an app with both routes configured from the environment (the APIs unreachable), and its assistant."""
    assistant = scripted()
    app = FastAPI()
    app.state.assistant = assistant
    app.include_router(telegram_webhook.router)
    app.include_router(zalo_webhook.router)
    for name, value in {**ENVIRONMENT, "TROLY_TELEGRAM_API_BASE": "http://127.0.0.1:9",
                        "TROLY_ZALO_API_BASE": "http://127.0.0.1:9", "TROLY_ZALO_OAUTH_BASE": "http://127.0.0.1:9"}.items():
        monkeypatch.setenv(name, value)
    with serve(app) as base:
        yield base, assistant


def chunks(size: int) -> Iterator[bytes]:
    """A JSON-looking body of ``size`` bytes sent without a Content-Length, as a client streaming it would."""
    yield b'{"update_id": 1, "pad": "'
    for _ in range(size // 65_536):
        yield b"a" * 65_536
    yield b'"}'


@pytest.mark.parametrize("path", [telegram_webhook.WEBHOOK_PATH, zalo_webhook.WEBHOOK_PATH])
def test_a_body_that_is_not_json_or_over_a_megabyte_is_refused_unread(both_routes, http, path):
    base, assistant = both_routes
    url = base + path
    headers = {telegram_webhook.SECRET_HEADER: "s3cret", "Content-Type": "application/json"}
    as_form = http.post(url, data={"message": "xin chào"}, headers={telegram_webhook.SECRET_HEADER: "s3cret"})
    assert (as_form.status_code, as_form.text) == (415, "the body must be application/json, not 'application/x-www-form-urlencoded'")
    declared = http.post(url, content=b"{" + b" " * MAX_BODY_BYTES + b"}", headers=headers)
    assert (declared.status_code, declared.text) == (413, "the body is larger than 1,000,000 bytes")
    streamed = http.post(url, content=chunks(2 * MAX_BODY_BYTES), headers=headers)
    assert streamed.status_code == 413 and "content-length" not in streamed.request.headers
    assert assistant.calls == []
