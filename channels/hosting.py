"""What the channels' web routes need from the FastAPI app that includes them.

The webhook routes (``channels.telegram.webhook.router``, ``channels.zalo.webhook.router``)
are plain ``APIRouter``s that any FastAPI app can include. Each finds its service in
``app.state`` under its own name; when it is not there, the route builds it from the
environment on first use, with the app's assistant: ``app.state.assistant`` when the app
has one, else one opened from the environment and kept there.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from typing import TYPE_CHECKING

from fastapi import FastAPI

if TYPE_CHECKING:
    from assistant.core import Assistant

T = TypeVar("T")

_BUILDING = threading.RLock()


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
