"""The web channel's reply deliverer: the chat page polls for officers' replies."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assistant.tickets import Ticket, TicketStore


@dataclass(frozen=True)
class OfficerReply:
    ticket: str
    kind: str
    text: str
    officer: str
    at: float

    def to_json(self) -> dict[str, Any]:
        return {"ticket": self.ticket, "kind": self.kind, "text": self.text, "officer": self.officer, "at": self.at}


class WebReplies:
    """Replies wait in the ticket store; ``fetch`` hands them to the page and marks them delivered."""

    channel = "web"

    def __init__(self, tickets: TicketStore):
        self.tickets = tickets

    def deliver(self, ticket: Ticket) -> bool:
        return False  # pull channel: the page fetches it

    def fetch(self, session_id: str, after: float = 0.0) -> list[OfficerReply]:
        """Replies to this conversation's tickets written after ``after`` (epoch seconds), oldest first."""
        replies = [
            OfficerReply(t.code, t.kind, t.reply, t.replied_by or "", t.replied)
            for t in self.tickets.for_session(session_id)
            if t.reply and t.replied is not None and t.replied > after
        ]
        for reply in replies:
            self.tickets.mark_delivered(reply.ticket)
        return sorted(replies, key=lambda r: r.at)
