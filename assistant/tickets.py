"""Feedback tickets (phản ánh, kiến nghị) and requests for a human officer (handover).

A citizen's complaint or proposal becomes a ticket with a code to quote later; "gặp
cán bộ" opens a handover ticket and flags the session. Officers list open tickets
and reply; the reply is kept with the ticket for the channel it came from to deliver.
Only redacted text is stored.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from assistant.database import Target, connect, location
from knowledge.errors import BadInput
from knowledge.settings import Settings

STORE = "tickets"
KINDS = ("phan_anh", "kien_nghi", "handover")
STATUSES = ("open", "answered", "closed")
_PREFIX = {"phan_anh": "PA", "kien_nghi": "KN", "handover": "HT"}
_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS tickets (
    code TEXT PRIMARY KEY, kind TEXT NOT NULL, topic TEXT, text TEXT NOT NULL, channel TEXT NOT NULL,
    session_id TEXT, status TEXT NOT NULL, created DOUBLE PRECISION NOT NULL,
    reply TEXT, replied_by TEXT, replied DOUBLE PRECISION, delivered INTEGER NOT NULL DEFAULT 0)
"""


@dataclass(frozen=True)
class Ticket:
    code: str
    kind: str
    topic: str | None
    text: str
    channel: str
    session_id: str | None
    status: str
    created: float
    reply: str | None = None
    replied_by: str | None = None
    delivered: bool = False
    replied: float | None = None  # when the (latest) reply was written


class TicketStore:
    def __init__(self, target: Target):
        self._db = connect(target, STORE, _SCHEMA)

    @classmethod
    def open(cls, settings: Settings | None = None) -> "TicketStore":
        settings = settings or Settings.from_env()
        return cls(location(settings, STORE))

    def create(self, kind: str, text: str, channel: str, session_id: str | None, topic: str | None = None) -> Ticket:
        if kind not in KINDS:
            raise BadInput(f"loại phiếu không hợp lệ: {kind}")
        now = time.time()
        day = datetime.fromtimestamp(now, _ZONE).strftime("%Y%m%d")
        with self._db.transaction():
            count = self._db.execute(
                "SELECT COUNT(*) AS n FROM tickets WHERE code LIKE ?", (f"{_PREFIX[kind]}-{day}-%",)
            ).fetchone()["n"]
            code = f"{_PREFIX[kind]}-{day}-{count + 1:04d}"
            self._db.execute(
                "INSERT INTO tickets (code, kind, topic, text, channel, session_id, status, created)"
                " VALUES (?, ?, ?, ?, ?, ?, 'open', ?)",
                (code, kind, topic, text, channel, session_id, now),
            )
        return self.get(code)

    def get(self, code: str) -> Ticket:
        row = self._db.execute("SELECT * FROM tickets WHERE code = ?", (code.strip().upper(),)).fetchone()
        if row is None:
            raise BadInput(f"không có phiếu mã {code}")
        return _ticket(row)

    def list(self, status: str | None = "open") -> list[Ticket]:
        if status is not None and status not in STATUSES:
            raise BadInput(f"trạng thái không hợp lệ: {status}")
        query = "SELECT * FROM tickets" + (" WHERE status = ?" if status else "") + " ORDER BY created"
        return [_ticket(r) for r in self._db.execute(query, (status,) if status else ())]

    def for_session(self, session_id: str) -> list[Ticket]:
        """The tickets opened from one conversation, oldest first."""
        rows = self._db.execute("SELECT * FROM tickets WHERE session_id = ? ORDER BY created", (session_id,))
        return [_ticket(r) for r in rows]

    def reply(self, code: str, text: str, officer: str) -> Ticket:
        if not text.strip():
            raise BadInput("nội dung trả lời trống")
        ticket = self.get(code)
        with self._db.transaction():
            self._db.execute(
                "UPDATE tickets SET reply = ?, replied_by = ?, replied = ?, status = 'answered', delivered = 0 WHERE code = ?",
                (text.strip(), officer, time.time(), ticket.code),
            )
        return self.get(ticket.code)

    def mark_delivered(self, code: str) -> None:
        with self._db.transaction():
            self._db.execute("UPDATE tickets SET delivered = 1 WHERE code = ?", (code,))

    def close(self) -> None:
        self._db.close()


def _ticket(row) -> Ticket:
    return Ticket(
        row["code"], row["kind"], row["topic"], row["text"], row["channel"], row["session_id"], row["status"],
        row["created"], row["reply"], row["replied_by"], bool(row["delivered"]), row["replied"],
    )
