"""Conversations: the dialogue state of each session and a redacted log of its turns.

The state (current procedure, options offered, the last intent) lets a follow-up
such as "lệ phí bao nhiêu?" stay on the procedure being discussed, across
processes (``troly ask --session S``) and channels. The turn log holds only text
from which personal data has been removed; it feeds the top-concerns analytics.
"""
from __future__ import annotations

import json
import re
import secrets
import time
from dataclasses import asdict, dataclass, field

from assistant.database import Target, connect, location
from knowledge.errors import BadInput
from knowledge.settings import Settings

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    id TEXT PRIMARY KEY, role TEXT NOT NULL, channel TEXT NOT NULL, user_id INTEGER,
    state TEXT NOT NULL, handed_over INTEGER NOT NULL DEFAULT 0,
    created DOUBLE PRECISION NOT NULL, updated DOUBLE PRECISION NOT NULL);
CREATE TABLE IF NOT EXISTS turns (
    id {serial}, session_id TEXT NOT NULL REFERENCES sessions(id), at DOUBLE PRECISION NOT NULL,
    channel TEXT NOT NULL, role TEXT NOT NULL, intent TEXT NOT NULL, text TEXT NOT NULL, answer TEXT NOT NULL,
    procedure TEXT, field TEXT, grounded INTEGER NOT NULL, refusal TEXT);
CREATE INDEX IF NOT EXISTS turns_at ON turns(at)
"""
STORE = "conversations"
_SESSION_ID = re.compile(r"[A-Za-z0-9_.:-]{1,80}")


def is_session_id(value: str) -> bool:
    """Whether ``value`` can name a session (letters, digits, '-', '_', '.', ':'; at most 80)."""
    return bool(_SESSION_ID.fullmatch(value))


@dataclass
class DialogueState:
    """What the conversation is about, carried from turn to turn."""

    procedure: str | None = None  # mã thủ tục under discussion
    options: list[str] = field(default_factory=list)  # codes offered in the last numbered question
    options_query: str = ""  # the (redacted) request those options answer
    options_at: float | None = None  # when they were offered (seconds since the epoch): a day later they are dropped
    last_intent: str | None = None
    submission: str | None = None  # the tờ trình a delegate is reviewing
    dvhc_query: str = ""  # an old unit asked about whose name several units share, until the user says which
    # A phản ánh or kiến nghị waiting for the user's confirmation before it is filed:
    # {"kind": "phan_anh" | "kien_nghi", "text": what will be filed ("" while it is asked for), "at": epoch seconds}.
    pending_ticket: dict | None = None


@dataclass
class Session:
    id: str
    role: str
    channel: str
    user_id: int | None
    state: DialogueState
    handed_over: bool = False
    is_new: bool = False


@dataclass(frozen=True)
class TurnRecord:
    """One exchange as it is kept: redacted text, what was understood, how it ended."""

    session_id: str
    at: float
    channel: str
    role: str
    intent: str
    text: str
    answer: str
    procedure: str | None
    field: str | None
    grounded: bool
    refusal: str | None


class SessionStore:
    def __init__(self, target: Target):
        self._db = connect(target, STORE, _SCHEMA)

    @classmethod
    def open(cls, settings: Settings | None = None) -> "SessionStore":
        settings = settings or Settings.from_env()
        return cls(location(settings, STORE))

    def get(self, session_id: str) -> Session | None:
        """The session with this id, or None when there is none (or the id is malformed)."""
        if not _SESSION_ID.fullmatch(session_id):
            return None
        row = self._db.execute("SELECT * FROM sessions WHERE id = ?", (session_id,)).fetchone()
        if row is None:
            return None
        return Session(
            row["id"], row["role"], row["channel"], row["user_id"],
            DialogueState(**json.loads(row["state"])), bool(row["handed_over"]),
        )

    def start(self, session_id: str | None, role: str, channel: str = "cli", user_id: int | None = None) -> Session:
        """The session with this id, or a new one (under this id when given, else a fresh one)."""
        if session_id is not None and not is_session_id(session_id):
            raise BadInput("mã phiên không hợp lệ: chỉ dùng chữ, số, '-', '_', '.', ':' (tối đa 80 ký tự)")
        existing = self.get(session_id) if session_id else None
        if existing is not None:
            return existing
        new_id = session_id or secrets.token_urlsafe(12)
        now = time.time()
        with self._db.transaction():
            inserted = self._db.execute(
                "INSERT INTO sessions VALUES (?, ?, ?, ?, ?, 0, ?, ?) ON CONFLICT (id) DO NOTHING",
                (new_id, role, channel, user_id, json.dumps(asdict(DialogueState())), now, now),
            ).rowcount
        if not inserted:  # another process started it a moment ago
            return self.get(new_id)
        return Session(new_id, role, channel, user_id, DialogueState(), is_new=True)

    def finish_turn(self, session: Session, record: TurnRecord) -> None:
        """Save the session's new state and its turn in one transaction."""
        with self._db.transaction():
            self._db.execute(
                "UPDATE sessions SET state = ?, handed_over = ?, updated = ? WHERE id = ?",
                (json.dumps(asdict(session.state), ensure_ascii=False), int(session.handed_over), record.at, session.id),
            )
            self._db.execute(
                "INSERT INTO turns (session_id, at, channel, role, intent, text, answer, procedure, field, grounded, refusal)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    record.session_id, record.at, record.channel, record.role, record.intent, record.text,
                    record.answer, record.procedure, record.field, int(record.grounded), record.refusal,
                ),
            )

    def turns(self, since: float = 0.0, session_id: str | None = None) -> list[TurnRecord]:
        query = "SELECT * FROM turns WHERE at >= ?" + (" AND session_id = ?" if session_id else "") + " ORDER BY id"
        rows = self._db.execute(query, (since, session_id) if session_id else (since,)).fetchall()
        return [
            TurnRecord(
                r["session_id"], r["at"], r["channel"], r["role"], r["intent"], r["text"], r["answer"],
                r["procedure"], r["field"], bool(r["grounded"]), r["refusal"],
            )
            for r in rows
        ]

    def handed_over(self) -> list[str]:
        """Sessions waiting for a human officer."""
        return [r["id"] for r in self._db.execute("SELECT id FROM sessions WHERE handed_over = 1 ORDER BY updated")]

    def close(self) -> None:
        self._db.close()
