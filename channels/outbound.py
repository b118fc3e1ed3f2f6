"""Messages the assistant starts, over the chat channels configured in the environment.

- Reminders: ``Outbound.notifiers()`` are the Telegram and Zalo ``Notifier``s of the
  reminder scheduler (``troly remind run``); each reminder goes to the officer's most
  recently linked channel among those (the web inbox otherwise).
- Officers' replies to tickets: ``Outbound.deliverers()`` are the Telegram and Zalo
  ``channels.delivery.ReplyDeliverer``s, handed to ``ReplyDeliveries``. The web app takes
  the same deliverers from ``telegram_replies`` / ``zalo_replies`` (factories
  ``(Assistant) -> ReplyDeliverer | None``, None when the channel is not configured).
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import httpx

from assistant.tasks import Notifier
from channels.delivery import ReplyDeliverer
from channels.telegram.config import TelegramConfig
from channels.telegram.notify import TelegramNotifier, TelegramReplies, TelegramSender
from channels.zalo.api import ZaloClient
from channels.zalo.config import ZaloConfig
from channels.zalo.notify import ZaloNotifier, ZaloReplies
from knowledge.settings import Settings

if TYPE_CHECKING:
    from assistant.core import Assistant


class Outbound:
    """The chat channels this installation can write to (Telegram, Zalo), from the environment."""

    def __init__(self, settings: Settings, environ: Mapping[str, str] | None = None) -> None:
        telegram = TelegramConfig.from_env(environ)
        zalo = ZaloConfig.from_env(environ)
        self.telegram = TelegramSender(telegram) if telegram else None
        self._http = httpx.Client()
        self.zalo = ZaloClient.open(zalo, settings, self._http) if zalo else None

    def notifiers(self) -> list[Notifier]:
        notifiers: list[Notifier] = []
        if self.telegram:
            notifiers.append(TelegramNotifier(self.telegram))
        if self.zalo:
            notifiers.append(ZaloNotifier(self.zalo))
        return notifiers

    def deliverers(self) -> list[ReplyDeliverer]:
        deliverers: list[ReplyDeliverer] = []
        if self.telegram:
            deliverers.append(TelegramReplies(self.telegram))
        if self.zalo:
            deliverers.append(ZaloReplies(self.zalo))
        return deliverers

    def close(self) -> None:
        if self.telegram:
            self.telegram.close()
        if self.zalo:
            self.zalo.tokens.close()
        self._http.close()


def telegram_replies(assistant: Assistant) -> ReplyDeliverer | None:
    """The Telegram reply deliverer of a web app (``channels.web.app.REPLY_DELIVERERS``); None without a token."""
    config = TelegramConfig.from_env()
    return TelegramReplies(TelegramSender(config)) if config is not None else None


def zalo_replies(assistant: Assistant) -> ReplyDeliverer | None:
    """The Zalo reply deliverer of a web app (``channels.web.app.REPLY_DELIVERERS``); tokens in its state store;
    None without an app id."""
    config = ZaloConfig.from_env()
    return ZaloReplies(ZaloClient.open(config, assistant.settings, httpx.Client())) if config is not None else None
