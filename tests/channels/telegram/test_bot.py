"""The bot by polling: getUpdates from the Bot API stand-in, answers sent back to it."""
from __future__ import annotations

import asyncio

from assistant.answer import Answer, Citation
from channels.chat import ChatGateway
from channels.telegram.bot import build_application
from channels.telegram.config import TelegramConfig
from tests.channels.telegram import updates
from tests.channels.telegram.bot_api import TOKEN, BotApi


def poll(api: BotApi, gateway: ChatGateway, queued: list[dict], replies: int) -> None:
    """Run the bot by polling until it has sent ``replies`` messages, then stop it."""

    async def main() -> None:
        application = build_application(TelegramConfig(TOKEN, api_base=api.url), gateway, polling=True)
        async with application:
            await application.updater.start_polling(poll_interval=0.0, timeout=1)
            await application.start()
            for update in queued:
                api.queue_update(update)
            await asyncio.to_thread(api.wait_calls, "sendMessage", replies)
            await application.updater.stop()
            await application.stop()

    asyncio.run(main())


def test_polled_messages_are_answered_in_order_and_confirmed(scripted):
    first = Answer("Xin chào! Tôi là trợ lý ảo hỗ trợ thủ tục hành chính.", "greeting")
    second = Answer("Lệ phí: miễn lệ phí.", "procedure_detail", (Citation("procedure", "1.001193", "Đăng ký khai sinh"),), True)
    assistant = scripted(first, second)
    with BotApi() as api:
        poll(api, ChatGateway(assistant, "telegram"), [updates.message(11, 42, "chào bạn"), updates.message(12, 42, "lệ phí?")], 2)
    texts = [r.params["text"] for r in api.calls("sendMessage")]
    assert texts == [first.text, "Lệ phí: miễn lệ phí.\n\n<b>Nguồn:</b>\n• Đăng ký khai sinh (1.001193)"]
    assert [c["message"] for c in assistant.calls] == ["chào bạn", "lệ phí?"]
    assert api.calls("deleteWebhook"), "polling starts by removing any webhook"
    offsets = [int(r.params.get("offset") or 0) for r in api.calls("getUpdates")]
    assert 13 in offsets, "the next poll confirms the updates handled"
