"""A real Chroma server (``chroma run``) on a free loopback port, for the tests of TROLY_CHROMA_URL."""
from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from channels.rasa_server import free_port

START_SECONDS = 30.0



@contextmanager
def running_chroma(path: Path) -> Iterator[str]:
    """``chroma run`` storing into ``path``; yields its URL once its heartbeat answers, stops it after."""
    chroma = Path(sys.executable).with_name("chroma")
    if not chroma.exists():
        pytest.skip(f"needs the chroma command beside {sys.executable} (chromadb's CLI)")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = path.with_suffix(".log")
    with log.open("w") as output:
        server = subprocess.Popen(
            [str(chroma), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
            stdout=output, stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:
            try:
                if httpx.get(f"{url}/api/v2/heartbeat", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"chroma run did not start: {log.read_text()[-2000:]}")
            time.sleep(0.05)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=20)
