"""A stand-in for the Telegram Bot API on 127.0.0.1, speaking the methods the bot calls.

python-telegram-bot posts ``<base_url><token>/<method>`` with form fields; objects
(``reply_markup``...) are JSON in their field. Unknown methods and wrong tokens get
Telegram's own error answers.
"""
from __future__ import annotations

import json
import threading
import time
from typing import Any
from urllib.parse import parse_qsl

from tests.channels.servers import Request, StandIn

TOKEN = "123456:TEST-token_for-the-stand-in"
BOT_USER = {"id": 123456, "is_bot": True, "first_name": "Trợ lý", "username": "troly_test_bot"}
JSON_FIELDS = {"reply_markup", "link_preview_options", "allowed_updates"}


class BotApi(StandIn):
    def __init__(self, token: str = TOKEN) -> None:
        super().__init__()
        self.token = token
        self._updates: list[dict] = []
        self._updates_lock = threading.Lock()
        self._failures: dict[str, tuple[int, str]] = {}
        self._message_ids = iter(range(1, 1_000_000))

    def decode(self, content_type: str, body: bytes) -> dict[str, Any]:
        fields = dict(parse_qsl(body.decode(), keep_blank_values=True))
        return {k: json.loads(v) if k in JSON_FIELDS else v for k, v in fields.items()}

    # what the tests arrange ----------------------------------------------------------------

    def queue_update(self, update: dict) -> None:
        with self._updates_lock:
            self._updates.append(update)

    def fail(self, method: str, code: int, description: str) -> None:
        """Answer every call of ``method`` with this Telegram error, until ``recover``."""
        self._failures[method] = (code, description)

    def recover(self, method: str) -> None:
        del self._failures[method]

    # what the tests read -------------------------------------------------------------------

    def calls(self, method: str | None = None) -> list[Request]:
        return [r for r in self.requests if method is None or self.method(r) == method]

    def method(self, request: Request) -> str:
        return request.path.rsplit("/", 1)[-1]

    def wait_calls(self, method: str, count: int = 1) -> list[Request]:
        return self.wait_for(lambda r: self.method(r) == method, count)

    # the Bot API ---------------------------------------------------------------------------

    def respond(self, request: Request) -> tuple[int, Any]:
        prefix = f"/bot{self.token}/"
        if not request.path.startswith(prefix):
            return 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
        method = request.path[len(prefix):]
        if method in self._failures:
            code, description = self._failures[method]
            return code, {"ok": False, "error_code": code, "description": description}
        answer = getattr(self, f"_{method}", None)
        if answer is None:
            return 404, {"ok": False, "error_code": 404, "description": "Not Found: method not found"}
        return 200, {"ok": True, "result": answer(request.params)}

    def _getMe(self, params: dict) -> dict:  # noqa: N802 - Bot API method names
        return BOT_USER

    def _sendMessage(self, params: dict) -> dict:  # noqa: N802
        chat_id = int(params["chat_id"])
        return {
            "message_id": next(self._message_ids), "date": int(time.time()), "text": params["text"],
            "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group"}, "from": BOT_USER,
        }

    def _answerCallbackQuery(self, params: dict) -> bool:  # noqa: N802
        return True

    def _editMessageReplyMarkup(self, params: dict) -> bool:  # noqa: N802
        return True

    def _setWebhook(self, params: dict) -> bool:  # noqa: N802
        return True

    def _deleteWebhook(self, params: dict) -> bool:  # noqa: N802
        return True

    def _getUpdates(self, params: dict) -> list[dict]:  # noqa: N802
        """Queued updates from ``offset`` on, waiting a little when there are none (a short long poll)."""
        offset = int(params.get("offset") or 0)
        deadline = time.monotonic() + min(float(params.get("timeout") or 0), 0.2)
        while True:
            with self._updates_lock:
                updates = [u for u in self._updates if u["update_id"] >= offset]
            if updates or time.monotonic() >= deadline:
                return updates
            time.sleep(0.02)
