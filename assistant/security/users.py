"""The user directory: who is who, what they may do and where they can be reached.

A user has a display name (unique, whatever the case and diacritics), a role —
``citizen`` (công dân), ``officer`` (cán bộ, công chức), ``delegate`` (đại biểu
HĐND) or ``admin`` — a unit (đơn vị, e.g. "Văn phòng UBND") and a manager flag
(lãnh đạo đơn vị: may assign work to the officers of the unit).

Channels identify people through this directory:

- the REST API by an API token, created on demand, shown once and stored only as
  its SHA-256 hash (tokens are 256-bit random strings, so a plain hash is enough);
- chat channels (Telegram, Zalo, ...) by a *link*: a channel name and the address
  the channel gives the person (a Telegram chat id, a Zalo user id). A link is made
  with a one-time code: the person asks for a code where they are already known
  (``troly user link-code NAME``, later the web page) and sends it on the channel
  (Telegram ``/lienket CODE``); ``redeem_link_code`` then binds that address to
  them. Codes expire after ``LINK_CODE_TTL`` and work once; they are stored hashed.

An address belongs to one user and a user has at most one address per channel:
redeeming a code for an address already linked elsewhere moves the link.
"""
from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from assistant.database import IntegrityError, Row, Target, connect, location
from knowledge.errors import BadInput
from knowledge.settings import Settings
from knowledge.text import fold, normalize

ROLES: tuple[str, ...] = ("citizen", "officer", "delegate", "admin")
LINK_CODE_TTL = timedelta(minutes=15)
STORE = "users"

_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no I, O, 0, 1: read aloud and typed on a phone
_CODE_LENGTH = 8
_CHANNEL = re.compile(r"[a-z][a-z0-9_-]{0,31}")
_MAX_NAME = 120
_MAX_ADDRESS = 200

_SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    id {serial},
    name TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL,
    unit TEXT,
    is_manager INTEGER NOT NULL DEFAULT 0,
    created_at DOUBLE PRECISION NOT NULL
);
CREATE TABLE IF NOT EXISTS api_tokens (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    created_at DOUBLE PRECISION NOT NULL
);
CREATE TABLE IF NOT EXISTS channel_links (
    user_id INTEGER NOT NULL REFERENCES users(id),
    channel TEXT NOT NULL,
    address TEXT NOT NULL,
    linked_at DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (user_id, channel),
    UNIQUE (channel, address)
);
CREATE TABLE IF NOT EXISTS link_codes (
    code_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    expires_at DOUBLE PRECISION NOT NULL,
    used_at DOUBLE PRECISION
)
"""


@dataclass(frozen=True)
class User:
    id: int
    name: str
    role: str
    unit: str | None = None
    is_manager: bool = False

    @property
    def given_name(self) -> str:
        """The tên, last word of a Vietnamese full name: "Minh" for "Nguyễn Văn Minh"."""
        return self.name.split()[-1]


@dataclass(frozen=True)
class ChannelLink:
    user_id: int
    channel: str
    address: str
    linked_at: datetime


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def name_key(name: str) -> str:
    """How names are compared: folded, single spaces ("Nguyễn  Văn Minh" = "nguyen van minh")."""
    return " ".join(fold(normalize(name)).split())


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _clean_code(code: str) -> str:
    return re.sub(r"[\s-]", "", code).upper()


class UserDirectory:
    """Users, API tokens and channel links in the ``users`` store."""

    def __init__(self, target: Target, clock: Callable[[], datetime] = utc_now) -> None:
        self.target = target
        self._clock = clock
        self._conn = connect(target, STORE, _SCHEMA)

    @classmethod
    def open(cls, settings: Settings | None = None, clock: Callable[[], datetime] = utc_now) -> "UserDirectory":
        settings = settings or Settings.from_env()
        return cls(location(settings, STORE), clock)

    def close(self) -> None:
        self._conn.close()

    def _now(self) -> float:
        return self._clock().timestamp()

    # users -------------------------------------------------------------------------------------

    def add_user(self, name: str, role: str = "officer", unit: str | None = None, manager: bool = False) -> User:
        name = " ".join(normalize(name).split())
        unit = " ".join(normalize(unit).split()) if unit else None
        if not name or len(name) > _MAX_NAME:
            raise BadInput(f"tên người dùng phải có từ 1 đến {_MAX_NAME} ký tự")
        if role not in ROLES:
            raise BadInput(f"vai trò '{role}' không hợp lệ; chọn một trong: {', '.join(ROLES)}")
        if manager and not unit:
            raise BadInput("lãnh đạo đơn vị (--manager) phải có đơn vị (--unit)")
        try:
            with self._conn.transaction() as conn:
                row = conn.execute(
                    "INSERT INTO users (name, name_key, role, unit, is_manager, created_at) VALUES (?, ?, ?, ?, ?, ?)"
                    " RETURNING id",
                    (name, name_key(name), role, unit, int(manager), self._now()),
                ).fetchone()
        except IntegrityError:
            raise BadInput(f"đã có người dùng tên '{name}'") from None
        return User(int(row["id"]), name, role, unit, manager)

    def get(self, user_id: int) -> User | None:
        row = self._conn.execute("SELECT * FROM users WHERE id = ?", (user_id,)).fetchone()
        return _user(row) if row else None

    def by_name(self, name: str) -> User:
        """The user with exactly this name (case and diacritics aside); ``BadInput`` when there is none."""
        row = self._conn.execute("SELECT * FROM users WHERE name_key = ?", (name_key(name),)).fetchone()
        if row is None:
            raise BadInput(f"không có người dùng tên '{name}' (xem: troly user list)")
        return _user(row)

    def find(self, name: str, unit: str | None = None) -> list[User]:
        """Users whose full name, or its ending ("Văn Minh", "Minh"), is ``name``; optionally within a unit."""
        key = name_key(name)
        if not key:
            return []
        rows = self._conn.execute(
            "SELECT * FROM users WHERE (name_key = ? OR name_key LIKE ?) ORDER BY id",
            (key, "% " + key.replace("%", "").replace("_", "")),
        ).fetchall()
        users = [_user(row) for row in rows]
        if unit is not None:
            users = [u for u in users if u.unit is not None and name_key(u.unit) == name_key(unit)]
        return users

    def list_users(self, unit: str | None = None) -> list[User]:
        users = [_user(row) for row in self._conn.execute("SELECT * FROM users ORDER BY id")]
        if unit is not None:
            users = [u for u in users if u.unit is not None and name_key(u.unit) == name_key(unit)]
        return users

    def _require(self, user_id: int) -> User:
        user = self.get(user_id)
        if user is None:
            raise BadInput(f"không có người dùng số {user_id}")
        return user

    # API tokens --------------------------------------------------------------------------------

    def issue_token(self, user_id: int) -> str:
        """A new API token for the user. It is returned here once and stored only as a hash."""
        self._require(user_id)
        token = "troly_" + secrets.token_urlsafe(32)
        with self._conn.transaction() as conn:
            conn.execute(
                "INSERT INTO api_tokens (token_hash, user_id, created_at) VALUES (?, ?, ?)",
                (_hash(token), user_id, self._now()),
            )
        return token

    def authenticate(self, token: str) -> User | None:
        if not token:
            return None
        row = self._conn.execute(
            "SELECT users.* FROM api_tokens JOIN users ON users.id = api_tokens.user_id WHERE token_hash = ?",
            (_hash(token.strip()),),
        ).fetchone()
        return _user(row) if row else None

    def revoke_tokens(self, user_id: int) -> int:
        """Invalidate every token of the user; returns how many there were."""
        with self._conn.transaction() as conn:
            return conn.execute("DELETE FROM api_tokens WHERE user_id = ?", (user_id,)).rowcount

    # channel links -----------------------------------------------------------------------------

    def create_link_code(self, user_id: int, ttl: timedelta = LINK_CODE_TTL) -> str:
        """A one-time code (8 characters, e.g. "K7PQ-2XMD") that links a channel address to the user."""
        self._require(user_id)
        code = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(_CODE_LENGTH))
        with self._conn.transaction() as conn:
            conn.execute(
                "INSERT INTO link_codes (code_hash, user_id, expires_at) VALUES (?, ?, ?)",
                (_hash(code), user_id, self._now() + ttl.total_seconds()),
            )
        return f"{code[:4]}-{code[4:]}"

    def redeem_link_code(self, code: str, channel: str, address: str) -> User:
        """Bind ``channel``/``address`` to the code's user and spend the code."""
        channel = channel.strip().lower()
        address = address.strip()
        if not _CHANNEL.fullmatch(channel):
            raise BadInput(f"tên kênh '{channel}' không hợp lệ")
        if not address or len(address) > _MAX_ADDRESS:
            raise BadInput("địa chỉ trên kênh không hợp lệ")
        now = self._now()
        with self._conn.transaction() as conn:
            row = conn.execute(
                "SELECT user_id, expires_at, used_at FROM link_codes WHERE code_hash = ?",
                (_hash(_clean_code(code)),),
            ).fetchone()
            if row is None:
                raise BadInput("mã liên kết không đúng")
            if row["used_at"] is not None:
                raise BadInput("mã liên kết đã được dùng; hãy lấy mã mới")
            if row["expires_at"] <= now:
                raise BadInput("mã liên kết đã hết hạn; hãy lấy mã mới")
            conn.execute("UPDATE link_codes SET used_at = ? WHERE code_hash = ?", (now, _hash(_clean_code(code))))
            user_id = row["user_id"]
            conn.execute("DELETE FROM channel_links WHERE channel = ? AND address = ?", (channel, address))
            conn.execute(
                "INSERT INTO channel_links (user_id, channel, address, linked_at) VALUES (?, ?, ?, ?) ON CONFLICT"
                " (user_id, channel) DO UPDATE SET address = excluded.address, linked_at = excluded.linked_at",
                (user_id, channel, address, now),
            )
        return self._require(user_id)

    def links(self, user_id: int) -> list[ChannelLink]:
        """The user's channel links, the most recent first."""
        rows = self._conn.execute(
            "SELECT * FROM channel_links WHERE user_id = ? ORDER BY linked_at DESC, channel", (user_id,)
        ).fetchall()
        return [
            ChannelLink(row["user_id"], row["channel"], row["address"], datetime.fromtimestamp(row["linked_at"], timezone.utc))
            for row in rows
        ]

    def user_at(self, channel: str, address: str) -> User | None:
        """Who is linked at this channel address (how a chat channel knows who writes)."""
        row = self._conn.execute(
            "SELECT users.* FROM channel_links JOIN users ON users.id = channel_links.user_id"
            " WHERE channel = ? AND address = ?",
            (channel.strip().lower(), address.strip()),
        ).fetchone()
        return _user(row) if row else None

    def unlink(self, user_id: int, channel: str) -> bool:
        with self._conn.transaction() as conn:
            return conn.execute(
                "DELETE FROM channel_links WHERE user_id = ? AND channel = ?", (user_id, channel.strip().lower())
            ).rowcount > 0


def _user(row: Row) -> User:
    return User(int(row["id"]), row["name"], row["role"], row["unit"], bool(row["is_manager"]))
