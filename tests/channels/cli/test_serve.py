"""``troly serve``: the real server on loopback, started as the command line starts it."""
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from evals.chat_load import child_processes

REPO = Path(__file__).resolve().parents[3]


def serve(data_dir: Path, *args: str) -> subprocess.Popen:
    env = os.environ | {"TROLY_DATA_DIR": str(data_dir), "TROLY_EMBEDDER": "hash", "PYTHONPATH": str(REPO)}
    # Ctrl-C reaches the server as it reaches one started from a terminal, also when the suite itself runs in
    # the background (where SIGINT is ignored, and the ignoring is inherited).
    return subprocess.Popen(
        [sys.executable, "-m", "channels.cli", "serve", *args], cwd=REPO, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def base_url_when_up(server: subprocess.Popen, startup_seconds: float) -> str:
    """The base URL the banner names, once ``/api/health`` answers there."""
    banner = server.stderr.readline()
    match = re.search(r"http://127\.0\.0\.1:(\d+)/", banner)
    assert match, banner
    base = f"http://127.0.0.1:{match.group(1)}"
    deadline = time.monotonic() + startup_seconds
    while True:
        try:
            if httpx.get(base + "/api/health", timeout=5).status_code == 200:
                return base
        except httpx.TransportError:
            assert time.monotonic() < deadline and server.poll() is None, "the server did not come up"
            time.sleep(0.2)


@pytest.mark.slow
def test_troly_serve_answers_citizens_on_loopback(tiny_nlu, tiny_settings):
    server = serve(tiny_settings.data_dir, "--host", "127.0.0.1", "--port", "0")
    try:
        base = base_url_when_up(server, startup_seconds=60)
        answer = httpx.post(base + "/api/chat", json={"message": "nuoi chim bo cau can giay to gi"}, timeout=30).json()
        assert answer["citations"][0]["id"] == "9.900001" and answer["checklist"]
        page = httpx.get(base + "/", timeout=5)
        assert page.status_code == 200 and "Trợ lý ảo" in page.text
    finally:
        server.send_signal(signal.SIGINT)  # Ctrl-C: uvicorn shuts down, then the command exits as interrupted
        assert server.wait(timeout=20) == 130


@pytest.mark.slow
def test_a_busy_port_or_a_missing_index_is_bad_input(tiny_settings, tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        busy = serve(tiny_settings.data_dir, "--port", str(taken.getsockname()[1]))
        _, error = busy.communicate(timeout=60)
    assert busy.returncode == 2 and "không mở được cổng" in error
    empty = serve(tmp_path / "empty", "--port", "0")
    _, error = empty.communicate(timeout=60)
    assert empty.returncode == 2 and "troly ingest" in error
    bad = serve(tiny_settings.data_dir, "--port", "70000")
    _, error = bad.communicate(timeout=60)
    assert bad.returncode == 2 and "cổng không hợp lệ" in error


@pytest.mark.slow
def test_several_workers_share_the_socket_and_the_conversations(tiny_nlu, tiny_settings):
    server = serve(tiny_settings.data_dir, "--port", "0", "--workers", "2")
    try:
        base = base_url_when_up(server, startup_seconds=90)
        [worker] = child_processes(server.pid)
        first = httpx.post(base + "/api/chat", json={"message": "nuoi chim bo cau can giay to gi"}, timeout=30).json()
        follow_ups = [
            httpx.post(base + "/api/chat", json={"message": "lệ phí bao nhiêu?", "session_id": first["session_id"]},
                       timeout=30, headers={"Connection": "close"}).json()
            for _ in range(6)
        ]
        assert all(answer["session_id"] == first["session_id"] and "50.000" in answer["answer"] for answer in follow_ups)
    finally:
        server.send_signal(signal.SIGTERM)  # as a supervisor stops it: the workers stop with it
        server.wait(timeout=30)
    deadline = time.monotonic() + 10
    while Path(f"/proc/{worker}").exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not Path(f"/proc/{worker}").exists()
