"""Fixtures of the web channel's tests: the app over the tiny real index, officers' tokens, a live server."""
from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from assistant.core import Assistant
from assistant.nlu import EmbeddedNLU
from channels.web.app import create_app
from knowledge.settings import Settings
from channels.rasa_server import free_port


@pytest.fixture
def web_assistant(tiny_settings: Settings, tiny_nlu: EmbeddedNLU) -> Assistant:
    return Assistant(tiny_settings, nlu=tiny_nlu)


@pytest.fixture
def client(web_assistant: Assistant) -> Iterator[TestClient]:
    with TestClient(create_app(assistant=web_assistant)) as test_client:
        yield test_client


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def officer(web_assistant: Assistant) -> dict[str, str]:
    """Headers of an officer's token."""
    user = web_assistant.users.add_user("Trần Thị Lan", "officer", unit="Văn phòng UBND")
    return bearer(web_assistant.users.issue_token(user.id))



@contextmanager
def live_server(app: FastAPI) -> Iterator[str]:
    """``app`` served by uvicorn on a free loopback port in a thread; yields its base URL."""
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=free_port(), log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{server.config.port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
