"""A stand-in for the Zalo OA API and its OAuth server on 127.0.0.1.

It knows one valid access token at a time and one refresh token, which it rotates on
each refresh as Zalo does; the customer-service message API refuses any other access
token with Zalo's -216.
"""
from __future__ import annotations

import json
import threading
from typing import Any
from urllib.parse import parse_qsl

from tests.channels.servers import Request, StandIn

APP_ID = "4305312234567891234"
APP_SECRET = "AppSecret-for-tests"
OA_SECRET = "OaSecretKey-for-tests"


class OaApi(StandIn):
    def __init__(self, access_token: str = "access-1", refresh_token: str = "refresh-1") -> None:
        super().__init__()
        self.access_token = access_token
        self.refresh_token = refresh_token
        self.refreshes = 0
        self.accepted: list[Request] = []  # the messages Zalo accepted (sent with the valid access token)
        self._lock = threading.Lock()

    def decode(self, content_type: str, body: bytes) -> dict[str, Any]:
        if content_type.startswith("application/json"):
            return json.loads(body)
        return dict(parse_qsl(body.decode(), keep_blank_values=True))

    def texts(self, user_id: str | None = None) -> list[str]:
        return [r.params["message"]["text"] for r in self.accepted
                if user_id is None or r.params["recipient"]["user_id"] == user_id]

    def respond(self, request: Request) -> tuple[int, Any]:
        with self._lock:
            if request.path == "/v3.0/oa/message/cs":
                return self._message(request)
            if request.path == "/v4/oa/access_token":
                return self._refresh(request)
        return 404, {"error": 404, "message": "not found"}

    def _message(self, request: Request) -> tuple[int, Any]:
        if request.headers.get("access_token") != self.access_token:
            return 200, {"error": -216, "message": "Access token is invalid"}
        self.accepted.append(request)
        return 200, {"error": 0, "message": "Success",
                     "data": {"message_id": f"msg-{len(self.requests) + 1}", "user_id": request.params["recipient"]["user_id"]}}

    def _refresh(self, request: Request) -> tuple[int, Any]:
        form = request.params
        if request.headers.get("secret_key") != APP_SECRET or form.get("app_id") != APP_ID:
            return 200, {"error": -14002, "error_name": "Invalid app", "error_description": "Invalid secret key"}
        if form.get("grant_type") != "refresh_token" or form.get("refresh_token") != self.refresh_token:
            return 200, {"error": -14014, "error_name": "Invalid refresh token", "error_description": "Refresh token is invalid"}
        self.refreshes += 1
        self.access_token = f"access-{self.refreshes + 1}"
        self.refresh_token = f"refresh-{self.refreshes + 1}"
        return 200, {"access_token": self.access_token, "refresh_token": self.refresh_token, "expires_in": "90000"}
