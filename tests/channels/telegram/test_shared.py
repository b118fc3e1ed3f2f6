"""Telegram over the real assistant and the shared sample index: a citizen picks a procedure with a button,
an officer gets a quoted khoản with its source."""
from __future__ import annotations

import re

import httpx
import pytest
from fastapi import FastAPI

from channels.chat import ChatGateway
from channels.telegram.config import TelegramConfig
from channels.telegram.webhook import SECRET_HEADER, WEBHOOK_PATH, TelegramWebhook, router
from tests.channels.servers import serve
from tests.channels.telegram import updates
from tests.channels.telegram.bot_api import TOKEN, BotApi

pytestmark = [pytest.mark.shared, pytest.mark.slow]


def test_a_citizen_picks_birth_registration_and_an_officer_gets_the_law(shared_assistant, http: httpx.Client):
    with BotApi() as api:
        app = FastAPI()
        app.include_router(router)
        app.state.telegram_webhook = TelegramWebhook(TelegramConfig(TOKEN, "s3cret", api.url),
                                                     ChatGateway(shared_assistant, "telegram"))
        minh = shared_assistant.users.add_user("Nguyễn Văn Minh", "officer", "Phòng Tư pháp")
        with serve(app) as base:
            def post(update: dict) -> list[dict]:
                """The messages the bot sent for ``update`` (a long answer takes several)."""
                before = len(api.calls("sendMessage"))
                assert http.post(base + WEBHOOK_PATH, json=update, headers={SECRET_HEADER: "s3cret"}).status_code == 200
                return [r.params for r in api.calls("sendMessage")[before:]]

            [offer] = post(updates.message(1, 42, "con tôi mới sinh, làm giấy khai sinh cần gì"))
            buttons = [row[0] for row in offer["reply_markup"]["inline_keyboard"]]
            [birth] = [b for b in buttons if re.fullmatch(r"\d+\. Thủ tục đăng ký khai sinh \(.+\)", b["text"])]
            sent = post(updates.button(2, 42, birth["callback_data"], message_id=1))
            guide = "\n".join(m["text"] for m in sent)
            assert "1.001193" in guide and "Tờ khai" in guide and "<b>Nguồn:</b>" in guide
            assert sent[-1]["reply_markup"]["inline_keyboard"][-1] == [{"text": "Xem chi tiết", "callback_data": "details"}]
            details = "\n".join(m["text"] for m in post(updates.button(3, 42, "details", message_id=2)))
            assert "Chi tiết Thủ tục đăng ký khai sinh (mã 1.001193)" in details and "Căn cứ pháp lý:" in details

            post(updates.message(4, 77, f"/lienket {shared_assistant.users.create_link_code(minh.id)}"))
            legal = "\n".join(m["text"] for m in post(updates.message(5, 77, "thời hạn đăng ký khai sinh là bao lâu?")))
    assert "Trong thời hạn 60 ngày kể từ ngày sinh con" in legal
    assert "• khoản 1 Điều 15 Luật Hộ tịch (60/2014/QH13)" in legal
