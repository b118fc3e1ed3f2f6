"""The Zalo OA API: customer-service text messages, and the access token that opens it.

Messages: ``POST <api base>/v3.0/oa/message/cs`` with the access token in the
``access_token`` header and ``{"recipient": {"user_id"}, "message": {"text"}}``;
Zalo answers ``{"error": 0, "data": {"message_id"}}`` or an error code (-216: the
access token is not valid). A text holds at most 2,000 characters: longer ones go as
several messages.

Tokens: an access token lives about 25 hours; it is renewed with the refresh token
(``POST <oauth base>/v4/oa/access_token``, ``secret_key`` header = the app secret,
form ``refresh_token``, ``app_id``, ``grant_type=refresh_token``), which answers a new
access token *and a new refresh token*: each refresh token works once. ``ZaloTokens``
keeps both in the ``zalo-tokens`` store (a SQLite file readable by its owner only) and
refreshes inside a write transaction, so that two processes never spend the same
refresh token: the second one waits, then finds the new access token. The refresh
token from the environment only seeds the store (again when it changes, after the OA
is authorised anew). Should the process die between Zalo's answer and the commit, the
new refresh token is lost and the OA must be authorised again: the window is one
local commit.
"""
from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable

import httpx

from assistant.database import Database, Row, Target, connect, location
from channels.zalo.config import ZaloConfig
from knowledge.settings import Settings

log = logging.getLogger(__name__)

STORE = "zalo-tokens"
MESSAGE_PATH = "/v3.0/oa/message/cs"
REFRESH_PATH = "/v4/oa/access_token"
INVALID_TOKEN = -216
EXPIRY_MARGIN_SECONDS = 120
TIMEOUT_SECONDS = 20.0

_SCHEMA = """
CREATE TABLE IF NOT EXISTS oa_tokens (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    access_token TEXT,
    expires_at DOUBLE PRECISION,
    refresh_token TEXT,
    seed TEXT NOT NULL,
    updated_at DOUBLE PRECISION NOT NULL
)
"""


class ZaloError(Exception):
    """Zalo refused a request (its error code and message), or there is no token to make one."""

    def __init__(self, message: str, code: int | None = None) -> None:
        super().__init__(f"{message} (Zalo error {code})" if code is not None else message)
        self.code = code


class ZaloTokens:
    def __init__(self, config: ZaloConfig, target: Target, http: httpx.Client,
                 clock: Callable[[], float] = time.time) -> None:
        self.config = config
        self._http = http
        self._clock = clock
        self._conn = connect(target, STORE, _SCHEMA, private=True)
        self._seed()

    def close(self) -> None:
        self._conn.close()

    def _seed(self) -> None:
        """Take the environment's tokens when the store has none, or when they changed since."""
        if not self.config.refresh_token and not self.config.access_token:
            return
        seed = hashlib.sha256(f"{self.config.refresh_token}\0{self.config.access_token}".encode()).hexdigest()
        with self._conn.transaction() as conn:
            row = conn.execute("SELECT seed FROM oa_tokens WHERE id = 1").fetchone()
            if row is not None and row["seed"] == seed:
                return
            conn.execute(
                "INSERT INTO oa_tokens (id, access_token, expires_at, refresh_token, seed, updated_at)"
                " VALUES (1, ?, NULL, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET access_token = excluded.access_token,"
                " expires_at = NULL, refresh_token = excluded.refresh_token, seed = excluded.seed,"
                " updated_at = excluded.updated_at",
                (self.config.access_token or None, self.config.refresh_token or None, seed, self._clock()),
            )

    def _row(self, conn: Database) -> Row:
        row = conn.execute("SELECT * FROM oa_tokens WHERE id = 1").fetchone()
        if row is None:
            raise ZaloError("no Zalo OA token: set TROLY_ZALO_REFRESH_TOKEN (from authorising the OA)")
        return row

    def _usable(self, row: Row) -> bool:
        """An access token without a known expiry (given by hand) is used until Zalo refuses it."""
        expires_at = row["expires_at"]
        return bool(row["access_token"]) and (expires_at is None or expires_at - EXPIRY_MARGIN_SECONDS > self._clock())

    def access_token(self) -> str:
        row = self._row(self._conn)
        return row["access_token"] if self._usable(row) else self.refresh(rejected=row["access_token"])

    def refresh(self, rejected: str | None) -> str:
        """A new access token, unless another process already replaced ``rejected`` with a good one."""
        with self._conn.transaction() as conn:
            row = self._row(conn)
            if row["access_token"] != rejected and self._usable(row):
                return row["access_token"]
            if not row["refresh_token"]:
                raise ZaloError("the Zalo access token expired and there is no refresh token")
            access, refresh, lifetime = self._request_tokens(row["refresh_token"])
            now = self._clock()
            conn.execute(
                "UPDATE oa_tokens SET access_token = ?, expires_at = ?, refresh_token = ?, updated_at = ? WHERE id = 1",
                (access, now + lifetime if lifetime is not None else None, refresh, now),
            )
        log.info("Zalo OA access token refreshed")
        return access

    def _request_tokens(self, refresh_token: str) -> tuple[str, str, int | None]:
        """(access token, next refresh token, seconds the access token lives when Zalo says it)."""
        if not self.config.app_secret:
            raise ZaloError("refreshing the Zalo token needs TROLY_ZALO_APP_SECRET")
        response = self._http.post(
            self.config.oauth_base + REFRESH_PATH,
            headers={"secret_key": self.config.app_secret},
            data={"refresh_token": refresh_token, "app_id": self.config.app_id, "grant_type": "refresh_token"},
            timeout=TIMEOUT_SECONDS,
        )
        tokens = _json_object(response, "the Zalo OAuth server")
        if not (tokens.get("access_token") and tokens.get("refresh_token")):
            reason = tokens.get("error_description") or tokens.get("error_name") or f"fields {sorted(tokens)}"
            raise ZaloError(f"refreshing the Zalo access token failed: {reason}", tokens.get("error"))
        lifetime = str(tokens.get("expires_in", ""))
        return str(tokens["access_token"]), str(tokens["refresh_token"]), int(lifetime) if lifetime.isdigit() else None


class ZaloClient:
    """Customer-service messages of the OA."""

    TEXT_LIMIT = 2000

    def __init__(self, config: ZaloConfig, tokens: ZaloTokens, http: httpx.Client) -> None:
        self.config = config
        self.tokens = tokens
        self._http = http

    @classmethod
    def open(cls, config: ZaloConfig, settings: Settings, http: httpx.Client) -> "ZaloClient":
        """A client whose tokens are kept where ``settings`` keep the assistant's state."""
        return cls(config, ZaloTokens(config, location(settings, STORE), http), http)

    def send(self, user_id: str, texts: list[str]) -> None:
        """Send texts in order, each within ``TEXT_LIMIT``."""
        for text in texts:
            self.send_text(user_id, text)

    def send_text(self, user_id: str, text: str) -> str:
        """Send one text (at most ``TEXT_LIMIT`` characters); returns Zalo's message id."""
        token = self.tokens.access_token()
        answer = self._post(user_id, text, token)
        if answer.get("error") == INVALID_TOKEN:
            answer = self._post(user_id, text, self.tokens.refresh(rejected=token))
        if answer.get("error") != 0:
            raise ZaloError(f"Zalo did not send the message: {answer.get('message')}", answer.get("error"))
        return str((answer.get("data") or {}).get("message_id", ""))

    def _post(self, user_id: str, text: str, token: str) -> dict:
        response = self._http.post(
            self.config.api_base + MESSAGE_PATH,
            headers={"access_token": token},
            json={"recipient": {"user_id": user_id}, "message": {"text": text}},
            timeout=TIMEOUT_SECONDS,
        )
        return _json_object(response, "the Zalo OA API")


def _json_object(response: httpx.Response, server: str) -> dict:
    """The JSON object a Zalo server answered; ZaloError for anything else."""
    try:
        answer = response.json()
    except ValueError:
        raise ZaloError(f"{server} answered HTTP {response.status_code} without JSON") from None
    if not isinstance(answer, dict):
        raise ZaloError(f"{server} answered HTTP {response.status_code} without a JSON object: {str(answer)[:200]}")
    return answer
