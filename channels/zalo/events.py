"""Zalo webhook events: checked (signature, age, replay) before anything is done with them.

Zalo signs each event with the header ``X-ZEvent-Signature: mac=<hex>``, the SHA-256
of app id + raw body + the event's ``timestamp`` field + the OA secret key: a plain
hash of the concatenation, not an HMAC. ``EventGate.admit`` accepts an event when

1. its body is a JSON object with a numeric ``timestamp`` (milliseconds) — else 400;
2. its mac is the one we compute, compared in constant time — else 401;
3. its timestamp is less than ``max_age`` from now, either way — else 401: an old
   event may have been captured and played again, and its mac would still be right;
4. it was not seen before. The macs of accepted events, and their message ids, are
   remembered until they would be too old anyway, in the ``zalo-events`` store,
   so that a replay inside the window is recognised even after a restart. A replay
   is not an error for the sender: it is answered 200 and ignored.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from assistant.database import Target, connect, location
from channels.zalo.config import ZaloConfig
from knowledge.settings import Settings

STORE = "zalo-events"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS seen_events (
    key TEXT PRIMARY KEY,
    forget_at DOUBLE PRECISION NOT NULL
);
CREATE INDEX IF NOT EXISTS seen_events_by_age ON seen_events (forget_at)
"""


class Rejected(Exception):
    """An event refused before reading it: ``status`` is the HTTP answer."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


@dataclass(frozen=True)
class ZaloEvent:
    name: str  # event_name: user_send_text, follow, user_send_image, ...
    timestamp_ms: int
    sender_id: str | None
    text: str | None
    message_id: str | None
    data: dict[str, Any]

    @classmethod
    def of(cls, data: dict[str, Any], timestamp_ms: int) -> "ZaloEvent":
        sender = data.get("sender") if isinstance(data.get("sender"), dict) else {}
        message = data.get("message") if isinstance(data.get("message"), dict) else {}
        text, message_id = message.get("text"), message.get("msg_id")
        return cls(
            name=str(data.get("event_name") or ""),
            timestamp_ms=timestamp_ms,
            sender_id=str(sender["id"]) if sender.get("id") else None,
            text=text if isinstance(text, str) else None,
            message_id=str(message_id) if message_id else None,
            data=data,
        )


def event_mac(app_id: str, body: bytes, timestamp: str, secret_key: str) -> str:
    """The mac Zalo puts in ``X-ZEvent-Signature`` (after ``mac=``)."""
    return hashlib.sha256(app_id.encode() + body + timestamp.encode() + secret_key.encode()).hexdigest()


def _parse(body: bytes) -> tuple[dict[str, Any], str, int]:
    """The event, its timestamp as written and in milliseconds; ``Rejected`` (400) when malformed."""
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise Rejected(400, "the body is not JSON") from None
    if not isinstance(data, dict):
        raise Rejected(400, "the body is not a JSON object")
    written = data.get("timestamp")
    written = str(written) if isinstance(written, (str, int)) and not isinstance(written, bool) else ""
    if not written.isdigit():
        raise Rejected(400, "the event has no timestamp")
    return data, written, int(written)


class EventGate:
    """Admits each authentic, fresh event once."""

    def __init__(self, config: ZaloConfig, target: Target, clock: Callable[[], float] = time.time) -> None:
        self.config = config
        self._clock = clock
        self._conn = connect(target, STORE, _SCHEMA)

    @classmethod
    def open(cls, config: ZaloConfig, settings: Settings) -> "EventGate":
        """A gate whose memory is kept where ``settings`` keep the assistant's state."""
        return cls(config, location(settings, STORE))

    def close(self) -> None:
        self._conn.close()

    def admit(self, body: bytes, signature: str | None) -> ZaloEvent | None:
        """The event in ``body``; None when it was admitted before. ``Rejected`` when it must not be read."""
        data, written, timestamp_ms = _parse(body)
        given = (signature or "").strip()
        given = given[4:] if given.lower().startswith("mac=") else given
        expected = event_mac(self.config.app_id, body, written, self.config.secret_key)
        if not hmac.compare_digest(given.lower().encode(), expected.encode()):
            raise Rejected(401, "wrong or missing X-ZEvent-Signature")
        now = self._clock()
        max_age = self.config.max_age_seconds
        if abs(now - timestamp_ms / 1000) > max_age:
            raise Rejected(401, f"the event's timestamp is more than {max_age} s away from now")
        event = ZaloEvent.of(data, timestamp_ms)
        keys = [f"mac:{expected}"] + ([f"msg:{event.message_id}"] if event.message_id else [])
        forget_at = timestamp_ms / 1000 + max_age
        with self._conn.transaction() as conn:
            conn.execute("DELETE FROM seen_events WHERE forget_at < ?", (now,))
            fresh = [
                conn.execute(
                    "INSERT INTO seen_events (key, forget_at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING", (key, forget_at)
                ).rowcount
                for key in keys
            ]
        return event if all(fresh) else None
