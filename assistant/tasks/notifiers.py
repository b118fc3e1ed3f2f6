"""Where reminders go: the ``Notifier`` interface and the web inbox.

A notifier delivers a ``DuePoint`` to ``point.address`` on its channel and
returns normally once the channel has accepted it; any exception means "not
delivered, try again later". ``point.key`` is the idempotency key: the same key
may arrive again after a crash (see ``scheduler``), and a notifier whose channel
can deduplicate on it must pass it on. ``point.resend`` says that an earlier hand-over of
the same point may have reached the channel (the process died, or the channel
failed, after it): a channel without deduplication may, for instance, mark the
message as a re-send. ``point.actions`` are buttons (label, callback data such as
``done:12``); the text also says how to answer without buttons ("xong 12").

Telegram and Zalo notifiers come with their channels; they implement the same
two members. The web inbox is here: the web page reads it through ``messages``.
It stores each key once, so a repeated delivery is a no-op: delivery to the web
channel is exactly once.
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from assistant.database import Target, connect, location
from assistant.tasks.dates import from_epoch
from assistant.tasks.store import DuePoint
from knowledge.settings import Settings

STORE = "inbox"


class Notifier(Protocol):
    channel: str  # the channel name of the user directory's links: "web", "telegram", "zalo"

    def send(self, point: DuePoint) -> None:
        """Deliver the reminder; return normally only once the channel has accepted it."""


@dataclass(frozen=True)
class InboxMessage:
    id: int
    user_id: int
    text: str
    actions: tuple[tuple[str, str], ...]
    task_id: int | None
    late: bool
    received_at: datetime
    read: bool


_SCHEMA = """
CREATE TABLE IF NOT EXISTS inbox (
    id {serial},
    key TEXT NOT NULL UNIQUE,
    user_id INTEGER NOT NULL,
    text TEXT NOT NULL,
    actions TEXT NOT NULL,
    task_id INTEGER,
    late INTEGER NOT NULL,
    received_at DOUBLE PRECISION NOT NULL,
    read_at DOUBLE PRECISION
);
CREATE INDEX IF NOT EXISTS inbox_by_user ON inbox (user_id, id)
"""


class WebInbox:
    """Notifications for the web channel, one row per idempotency key, in the ``inbox`` store."""

    channel = "web"

    def __init__(self, target: Target) -> None:
        self.target = target
        self._conn = connect(target, STORE, _SCHEMA)

    @classmethod
    def open(cls, settings: Settings | None = None) -> "WebInbox":
        return cls(location(settings or Settings.from_env(), STORE))

    def close(self) -> None:
        self._conn.close()

    def send(self, point: DuePoint) -> None:
        with self._conn.transaction() as conn:
            conn.execute(
                "INSERT INTO inbox (key, user_id, text, actions, task_id, late, received_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING",
                (point.key, point.user_id, point.text, json.dumps(point.actions, ensure_ascii=False), point.task_id,
                 int(point.late), time.time()),
            )

    def messages(self, user_id: int, unread_only: bool = False, limit: int = 50) -> list[InboxMessage]:
        """The user's notifications, newest first."""
        query = "SELECT * FROM inbox WHERE user_id = ?" + (" AND read_at IS NULL" if unread_only else "")
        rows = self._conn.execute(query + " ORDER BY id DESC LIMIT ?", (user_id, limit)).fetchall()
        return [
            InboxMessage(
                int(row["id"]), int(row["user_id"]), row["text"],
                tuple(tuple(action) for action in json.loads(row["actions"])), row["task_id"], bool(row["late"]),
                from_epoch(float(row["received_at"])), row["read_at"] is not None,
            )
            for row in rows
        ]

    def mark_read(self, user_id: int, message_ids: list[int]) -> int:
        if not message_ids:
            return 0
        with self._conn.transaction() as conn:
            return conn.execute(
                f"UPDATE inbox SET read_at = ? WHERE user_id = ? AND read_at IS NULL"
                f" AND id IN ({','.join('?' * len(message_ids))})",
                (time.time(), user_id, *message_ids),
            ).rowcount
