"""Fixtures of the web channel's tests: a tiny real index (hash embedder), the app over it, a live server."""
from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from assistant.core import Assistant
from assistant.nlu import EmbeddedNLU
from channels.web.app import create_app
from knowledge.ingest import Ingestor
from knowledge.settings import Settings


def tiny_settings(data_dir: Path, fixtures_dir: Path) -> Settings:
    return Settings(knowledge_dir=fixtures_dir, data_dir=data_dir, embedder="hash")


@pytest.fixture(scope="session")
def tiny_index_dir(fixtures_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir with an index of the fixture procedures (9.900001 nuôi chim bồ câu…) and laws."""
    data = tmp_path_factory.mktemp("web-data")
    settings = tiny_settings(data, fixtures_dir)
    report = Ingestor(settings).ingest([fixtures_dir / "procedures" / "sample.jsonl", fixtures_dir / "legal"])
    assert report.errors == []
    return data


@pytest.fixture(scope="session")
def web_nlu(tiny_index_dir: Path) -> EmbeddedNLU:
    """One trained intent classifier for every test of the session."""
    nlu = EmbeddedNLU(data_dir=tiny_index_dir)
    nlu.parse("xin chào")
    return nlu


@pytest.fixture
def web_settings(tiny_index_dir: Path, fixtures_dir: Path, tmp_path: Path) -> Settings:
    data = tmp_path / "data"
    shutil.copytree(tiny_index_dir, data, symlinks=True)
    return tiny_settings(data, fixtures_dir)


@pytest.fixture
def web_assistant(web_settings: Settings, web_nlu: EmbeddedNLU) -> Assistant:
    return Assistant(web_settings, nlu=web_nlu)


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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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
