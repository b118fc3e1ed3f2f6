"""What the channels' web routes need from the FastAPI app that includes them.

The webhook routes (``channels.telegram.webhook.router``, ``channels.zalo.webhook.router``)
are plain ``APIRouter``s that any FastAPI app can include. Each finds its service in
``app.state`` under its own name; when it is not there, the route builds it from the
environment on first use, with the app's assistant: ``app.state.assistant`` when the app
has one, else one opened from the environment and kept there. Both read their body with
``json_body``: JSON only (415 otherwise), at most ``MAX_BODY_BYTES`` (413 beyond).
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from fastapi import FastAPI, Request

if TYPE_CHECKING:
    from assistant.core import Assistant

T = TypeVar("T")

_BUILDING = threading.RLock()

MAX_BODY_BYTES = 1_000_000
JSON_TYPE = "application/json"


class BodyRefused(Exception):
    """A request body refused unread: ``status`` is the HTTP answer, ``reason`` its text."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


async def json_body(request: Request, limit: int = MAX_BODY_BYTES) -> bytes:
    """The raw body of a request that declares JSON, read no further than ``limit`` bytes."""
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type != JSON_TYPE:
        raise BodyRefused(415, f"the body must be {JSON_TYPE}, not '{media_type or 'unnamed'}'")
    too_large = BodyRefused(413, f"the body is larger than {limit:,} bytes")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise too_large
    return bytes(body)


def app_assistant(app: FastAPI) -> Assistant:
    from assistant.core import Assistant  # heavy (models, indexes): only when an app has none

    with _BUILDING:
        assistant = getattr(app.state, "assistant", None)
        if assistant is None:
            assistant = app.state.assistant = Assistant()
        return assistant


def app_service(app: FastAPI, name: str, build: Callable[[FastAPI], T | None]) -> T | None:
    """``app.state.<name>``, built by ``build(app)`` on first use; None while ``build`` finds the channel off."""
    with _BUILDING:
        service = getattr(app.state, name, None)
        if service is None:
            service = build(app)
            if service is not None:
                setattr(app.state, name, service)
        return service
