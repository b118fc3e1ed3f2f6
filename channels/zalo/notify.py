"""Messages the assistant starts on Zalo: reminders (a ``Notifier``) and officers' replies to tickets.

Zalo's message API takes no idempotency key: a reminder the scheduler may have handed
over before (``point.resend``) is marked "(nhắc lại)". Zalo lets an OA write to a
person only for a while after that person last wrote to it; outside that window Zalo
refuses, the scheduler retries and finally records the reminder as failed.
"""
from __future__ import annotations

from assistant.tasks import DuePoint
from assistant.tickets import Ticket
from channels.chat import address_of
from channels.formatting import reminder_text, ticket_reply_text
from channels.zalo.api import ZaloClient
from channels.zalo.format import render_text


class ZaloNotifier:
    """Reminders to an officer's linked Zalo account; the text says how to mark the task done."""

    channel = "zalo"

    def __init__(self, client: ZaloClient) -> None:
        self.client = client

    def send(self, point: DuePoint) -> None:
        self.client.send(point.address, render_text(reminder_text(point)))


class ZaloReplies:
    """``deliver(ticket)``: an officer's reply, as a text to the Zalo user of a conversation ("zalo:<user id>")."""

    channel = "zalo"

    def __init__(self, client: ZaloClient) -> None:
        self.client = client

    def deliver(self, ticket: Ticket) -> bool:
        user_id = address_of(self.channel, ticket.session_id or "")
        if user_id is None:
            raise ValueError(f"'{ticket.session_id}' is not a Zalo conversation")
        self.client.send(user_id, render_text(ticket_reply_text(ticket)))
        return True
