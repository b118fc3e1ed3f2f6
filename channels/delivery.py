"""Officers' replies to tickets, delivered to citizens on the channel they wrote from.

A ``ReplyDeliverer`` serves one channel (the ``Ticket.channel`` the ticket came from:
"web", "telegram", "zalo"…). A *push* channel sends the reply at once and returns
True; a *pull* channel (the web chat page, which polls) keeps it waiting in the
ticket store and returns False — the reply is marked delivered when the citizen's
client fetches it. A ticket whose channel has no deliverer in this process stays
undelivered (``Ticket.delivered`` False), for that channel's own process to pick up.

Channels register their deliverer in ``channels.web.app.REPLY_DELIVERERS``.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Literal, Protocol

from assistant.tickets import Ticket, TicketStore

log = logging.getLogger(__name__)

Outcome = Literal["sent", "waiting", "failed", "no_channel"]


class ReplyDeliverer(Protocol):
    channel: str

    def deliver(self, ticket: Ticket) -> bool:
        """Hand ``ticket.reply`` to the citizen: True once the channel accepted it, False if it waits to be fetched.

        Raising means "not delivered": the ticket stays undelivered and may be retried.
        """


class ReplyDeliveries:
    """The deliverers of this process, one per channel."""

    def __init__(self, tickets: TicketStore, deliverers: Iterable[ReplyDeliverer] = ()):
        self.tickets = tickets
        self._deliverers: dict[str, ReplyDeliverer] = {}
        for deliverer in deliverers:
            self.register(deliverer)

    def register(self, deliverer: ReplyDeliverer) -> None:
        if deliverer.channel in self._deliverers:
            raise ValueError(f"a reply deliverer for channel '{deliverer.channel}' is already registered")
        self._deliverers[deliverer.channel] = deliverer

    @property
    def channels(self) -> tuple[str, ...]:
        return tuple(sorted(self._deliverers))

    def deliver(self, ticket: Ticket) -> Outcome:
        """Deliver an answered ticket's reply; "sent" marks it delivered, "failed" leaves it to retry."""
        deliverer = self._deliverers.get(ticket.channel)
        if deliverer is None:
            return "no_channel"
        try:
            sent = deliverer.deliver(ticket)
        except Exception:  # the reply is kept; the channel's failure must not lose the officer's work
            log.exception("delivery of the reply to ticket %s on %s failed", ticket.code, ticket.channel)
            return "failed"
        if sent:
            self.tickets.mark_delivered(ticket.code)
            return "sent"
        return "waiting"

    def deliver_pending(self) -> int:
        """Deliver every answered reply not yet delivered on a channel of this process; returns how many were sent.

        A crash between sending and marking sends that reply again on the next call: at least once.
        """
        pending = [t for t in self.tickets.list("answered") if not t.delivered and t.session_id and t.channel in self._deliverers]
        return sum(self.deliver(ticket) == "sent" for ticket in pending)
