"""Messages the assistant starts on Telegram: reminders (a ``Notifier``) and officers' replies to tickets.

The reminder scheduler and the ticket replies run synchronously, outside any event
loop, so ``TelegramSender`` keeps a bot with its own event loop in a thread and
waits for each message to be accepted. A message Telegram refuses raises, and the
scheduler tries again later.

Telegram's ``sendMessage`` takes no idempotency key: when the scheduler says an
earlier hand-over of a reminder may have arrived (``point.resend``), the reminder
is marked "(nhắc lại)" so the officer can tell a repeat from a new reminder.
"""
from __future__ import annotations

import asyncio
import threading

from assistant.tasks import DuePoint
from assistant.tickets import Ticket
from channels.chat import address_of
from channels.formatting import reminder_text, ticket_reply_text
from channels.telegram.config import TelegramConfig
from channels.telegram.format import Outgoing, render_text, send

SEND_TIMEOUT_SECONDS = 60.0


class TelegramSender:
    """A Bot API client for synchronous callers."""

    def __init__(self, config: TelegramConfig) -> None:
        self._bot = config.bot()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="telegram-sender", daemon=True)
        self._thread.start()

    def send(self, chat_id: str, messages: list[Outgoing]) -> None:
        asyncio.run_coroutine_threadsafe(self._send(chat_id, messages), self._loop).result(SEND_TIMEOUT_SECONDS)

    async def _send(self, chat_id: str, messages: list[Outgoing]) -> None:
        await self._bot.initialize()
        await send(self._bot, chat_id, messages)

    def close(self) -> None:
        if self._loop.is_running():
            asyncio.run_coroutine_threadsafe(self._bot.shutdown(), self._loop).result(SEND_TIMEOUT_SECONDS)
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join()
            self._loop.close()


class TelegramNotifier:
    """Reminders to an officer's linked Telegram chat, with the task's «Đã xong» button."""

    channel = "telegram"

    def __init__(self, sender: TelegramSender) -> None:
        self.sender = sender

    def send(self, point: DuePoint) -> None:
        self.sender.send(point.address, render_text(reminder_text(point), point.actions))


class TelegramReplies:
    """``deliver(ticket)``: an officer's reply, as a text to the Telegram chat of a conversation ("tg:<chat id>")."""

    channel = "telegram"

    def __init__(self, sender: TelegramSender) -> None:
        self.sender = sender

    def deliver(self, ticket: Ticket) -> bool:
        chat_id = address_of(self.channel, ticket.session_id or "")
        if chat_id is None:
            raise ValueError(f"'{ticket.session_id}' is not a Telegram conversation")
        self.sender.send(chat_id, render_text(ticket_reply_text(ticket)))
        return True
