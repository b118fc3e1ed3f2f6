"""Messages the assistant starts, over the chat channels configured in the environment.

- Reminders: ``Outbound.notifiers()`` are the Telegram and Zalo ``Notifier``s of the
  reminder scheduler (``troly remind run``); each reminder goes to the officer's most
  recently linked channel among those (the web inbox otherwise).
- Officers' replies to tickets: ``Outbound.deliverers()`` maps a channel name to a
  ``ReplyDeliverer`` — ``channel`` and ``deliver(ticket) -> bool``, True once the channel
  took the reply, an exception when it did not — and ``deliver_replies`` hands every
  answered, undelivered ticket to the deliverer of the channel it came from, then marks
  it delivered. A crash between the two sends the reply again on the next run: at least
  once, like the reminders. The web app takes the same deliverers from
  ``telegram_replies`` / ``zalo_replies`` (factories ``(Assistant) -> ReplyDeliverer``).
"""
from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import TYPE_CHECKING, Protocol

import httpx

from assistant.tasks import Notifier
from assistant.tickets import Ticket, TicketStore
from channels.telegram.config import TelegramConfig
from channels.telegram.notify import TelegramNotifier, TelegramReplies, TelegramSender
from channels.zalo.api import ZaloClient
from channels.zalo.config import ZaloConfig
from channels.zalo.notify import ZaloNotifier, ZaloReplies
from knowledge.errors import BadInput
from knowledge.settings import Settings

if TYPE_CHECKING:
    from assistant.core import Assistant

log = logging.getLogger(__name__)


class ReplyDeliverer(Protocol):
    channel: str

    def deliver(self, ticket: Ticket) -> bool:
        """Send ``ticket``'s reply to the conversation it came from: True once sent; raises when not."""


class Outbound:
    """The chat channels this installation can write to (Telegram, Zalo), from the environment."""

    def __init__(self, settings: Settings, environ: Mapping[str, str] | None = None) -> None:
        telegram = TelegramConfig.from_env(environ)
        zalo = ZaloConfig.from_env(environ)
        self.telegram = TelegramSender(telegram) if telegram else None
        self._http = httpx.Client()
        self.zalo = ZaloClient.open(zalo, settings.data_dir, self._http) if zalo else None

    def notifiers(self) -> list[Notifier]:
        notifiers: list[Notifier] = []
        if self.telegram:
            notifiers.append(TelegramNotifier(self.telegram))
        if self.zalo:
            notifiers.append(ZaloNotifier(self.zalo))
        return notifiers

    def deliverers(self) -> dict[str, ReplyDeliverer]:
        deliverers: dict[str, ReplyDeliverer] = {}
        if self.telegram:
            deliverers["telegram"] = TelegramReplies(self.telegram)
        if self.zalo:
            deliverers["zalo"] = ZaloReplies(self.zalo)
        return deliverers

    def close(self) -> None:
        if self.telegram:
            self.telegram.close()
        if self.zalo:
            self.zalo.tokens.close()
        self._http.close()


def deliver_replies(tickets: TicketStore, deliverers: Mapping[str, ReplyDeliverer]) -> int:
    """Send officers' replies not yet delivered to the conversations they answer; returns how many went."""
    delivered = 0
    for ticket in tickets.list("answered"):
        deliverer = deliverers.get(ticket.channel)
        if ticket.delivered or not ticket.session_id or deliverer is None:
            continue
        try:
            deliverer.deliver(ticket)
        except Exception as exc:  # one channel's failure waits for the next run, it stops no other reply
            log.warning("reply to ticket %s over %s not delivered: %s", ticket.code, ticket.channel, exc)
            continue
        tickets.mark_delivered(ticket.code)
        delivered += 1
    return delivered


def telegram_replies(assistant: Assistant) -> ReplyDeliverer:
    """The Telegram reply deliverer of a web app (``channels.web.app.REPLY_DELIVERERS``)."""
    config = TelegramConfig.from_env()
    if config is None:
        raise BadInput("chưa đặt TROLY_TELEGRAM_TOKEN: không gửi được trả lời qua Telegram")
    return TelegramReplies(TelegramSender(config))


def zalo_replies(assistant: Assistant) -> ReplyDeliverer:
    """The Zalo reply deliverer of a web app (``channels.web.app.REPLY_DELIVERERS``); tokens in its data dir."""
    config = ZaloConfig.from_env()
    if config is None:
        raise BadInput("chưa đặt TROLY_ZALO_APP_ID: không gửi được trả lời qua Zalo")
    return ZaloReplies(ZaloClient.open(config, assistant.settings.data_dir, httpx.Client()))
