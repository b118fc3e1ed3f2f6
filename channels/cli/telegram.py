"""``troly telegram``: the Telegram bot by polling, or ``--set-webhook URL`` / ``--delete-webhook``.

Polling needs nothing but the token (TROLY_TELEGRAM_TOKEN). For a webhook, the web app
(``troly serve``) includes ``channels.telegram.webhook.router`` and Telegram is told
where it is, with the secret it must send back (TROLY_TELEGRAM_WEBHOOK_SECRET).
The Telegram library is imported by the handler, so other commands start without it.
"""
from __future__ import annotations

import argparse
import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from knowledge.errors import BadInput


def register(subparsers) -> None:
    parser = subparsers.add_parser("telegram", help="bot Telegram: nhận tin nhắn bằng polling, hoặc đăng ký webhook")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--set-webhook", metavar="URL", help="đăng ký webhook (https://…/telegram/webhook) rồi thoát")
    mode.add_argument("--delete-webhook", action="store_true", help="hủy webhook đã đăng ký rồi thoát")
    parser.set_defaults(handler=_telegram)


def _telegram(args: argparse.Namespace) -> int:
    from channels.telegram.bot import ALLOWED_UPDATES, build_application
    from channels.telegram.config import TelegramConfig

    config = TelegramConfig.from_env()
    if config is None:
        raise BadInput("chưa đặt TROLY_TELEGRAM_TOKEN (token của bot, lấy từ @BotFather)")
    if args.set_webhook is not None:
        if not config.webhook_secret:
            raise BadInput("webhook cần TROLY_TELEGRAM_WEBHOOK_SECRET (1-256 ký tự A-Z, a-z, 0-9, _ và -)")
        if not args.set_webhook.startswith("https://"):
            raise BadInput("Telegram chỉ gửi webhook tới địa chỉ https://")
        asyncio.run(_with_bot(config.bot(), lambda bot: bot.set_webhook(
            args.set_webhook, secret_token=config.webhook_secret, allowed_updates=ALLOWED_UPDATES)))
        print(f"Đã đăng ký webhook Telegram: {args.set_webhook}")
        return 0
    if args.delete_webhook:
        asyncio.run(_with_bot(config.bot(), lambda bot: bot.delete_webhook()))
        print("Đã hủy webhook Telegram; bot nhận tin bằng polling (troly telegram).")
        return 0
    from assistant.core import Assistant
    from channels.chat import ChatGateway

    application = build_application(config, ChatGateway(Assistant(), "telegram"), polling=True)
    application.run_polling(allowed_updates=ALLOWED_UPDATES)
    return 0


async def _with_bot(bot, call: Callable[[Any], Awaitable[bool]]) -> None:
    async with bot:
        await call(bot)
