"""Servers for the channel tests, all on 127.0.0.1: a FastAPI app under a real uvicorn,
and the recording base of the stand-ins for the Telegram Bot API and the Zalo OA API."""
from __future__ import annotations

import json
import socket
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import uvicorn

WAIT_SECONDS = 10.0


@contextmanager
def serve(app) -> Iterator[str]:
    """``app`` served by uvicorn on a free port of 127.0.0.1; yields its base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + WAIT_SECONDS
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(WAIT_SECONDS)
        sock.close()


@dataclass(frozen=True)
class Request:
    """One request a stand-in received."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    params: dict[str, Any]


class StandIn(ABC):
    """An HTTP server on 127.0.0.1 that records every request and answers through ``respond``."""

    def __init__(self) -> None:
        self.requests: list[Request] = []
        self._changed = threading.Condition()
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            wbufsize = -1  # one write per answer: no delayed-ACK wait between its headers and its body

            def do_POST(self) -> None:  # noqa: N802 - the name http.server calls
                self._handle("POST")

            def do_GET(self) -> None:  # noqa: N802
                self._handle("GET")

            def _handle(self, method: str) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                request = Request(method, self.path, {k.lower(): v for k, v in self.headers.items()}, body,
                                  stand_in.decode(self.headers.get("Content-Type", ""), body))
                status, payload = stand_in.respond(request)
                with stand_in._changed:
                    stand_in.requests.append(request)
                    stand_in._changed.notify_all()
                data = json.dumps(payload, ensure_ascii=False).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args) -> None:
                """Quiet: the tests read ``requests``."""

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    def __enter__(self) -> "StandIn":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    @abstractmethod
    def decode(self, content_type: str, body: bytes) -> dict[str, Any]:
        """The request's parameters."""

    @abstractmethod
    def respond(self, request: Request) -> tuple[int, Any]:
        """The status and JSON body of the answer."""

    def wait_for(self, predicate, count: int = 1, timeout: float = WAIT_SECONDS) -> list[Request]:
        """The requests matching ``predicate`` once there are ``count`` of them (AssertionError after ``timeout``)."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                matching = [r for r in self.requests if predicate(r)]
                if len(matching) >= count or time.monotonic() > deadline:
                    break
                self._changed.wait(0.05)
        assert len(matching) >= count, f"expected {count} matching requests, got {len(matching)}: {self.requests}"
        return matching
