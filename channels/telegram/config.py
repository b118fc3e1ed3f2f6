"""Telegram settings from the environment.

| variable                        | meaning                                                        |
|---------------------------------|----------------------------------------------------------------|
| TROLY_TELEGRAM_TOKEN            | the bot's token from @BotFather; no token, no Telegram channel  |
| TROLY_TELEGRAM_WEBHOOK_SECRET   | ``secret_token`` of the webhook (1-256 of A-Z a-z 0-9 _ -);    |
|                                 | the webhook route answers only when it is set                  |
| TROLY_TELEGRAM_API_BASE         | Bot API server, default https://api.telegram.org (a local      |
|                                 | Bot API server, or a stand-in in tests)                        |
"""
from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from telegram import Bot
from telegram.ext import Application, ApplicationBuilder

from knowledge.errors import BadInput

DEFAULT_API_BASE = "https://api.telegram.org"
_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")


@dataclass(frozen=True)
class TelegramConfig:
    token: str = field(repr=False)
    webhook_secret: str | None = field(default=None, repr=False)
    api_base: str = DEFAULT_API_BASE

    def __post_init__(self) -> None:
        if not self.token.strip():
            raise BadInput("TROLY_TELEGRAM_TOKEN trống")
        if self.webhook_secret is not None and not _SECRET.fullmatch(self.webhook_secret):
            raise BadInput("TROLY_TELEGRAM_WEBHOOK_SECRET chỉ gồm 1-256 ký tự A-Z, a-z, 0-9, _ và -")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> "TelegramConfig | None":
        """The configuration, or None when no token is set (the channel is off)."""
        env = os.environ if environ is None else environ
        token = env.get("TROLY_TELEGRAM_TOKEN", "").strip()
        if not token:
            return None
        return cls(
            token=token,
            webhook_secret=env.get("TROLY_TELEGRAM_WEBHOOK_SECRET", "").strip() or None,
            api_base=(env.get("TROLY_TELEGRAM_API_BASE", "").strip() or DEFAULT_API_BASE).rstrip("/"),
        )

    def bot(self) -> Bot:
        return Bot(self.token, base_url=f"{self.api_base}/bot", base_file_url=f"{self.api_base}/file/bot")

    def application(self, polling: bool) -> Application:
        """An application on this bot; without an updater when updates come through the webhook route."""
        builder: ApplicationBuilder = Application.builder().bot(self.bot())
        if not polling:
            builder = builder.updater(None)
        return builder.build()
