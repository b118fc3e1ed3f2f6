"""A broken language-model endpoint: the user gets the extractive answer, the log says why.

The real client (langchain's ChatOpenAI) talks to a local HTTP server that fails in the
ways endpoints fail: refused connection, HTTP 500, a body that is not JSON, no reply in time.
"""
from __future__ import annotations

import threading
import time
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from assistant.core import Assistant
from channels.rasa_server import free_port

QUESTION = "Người sử dụng vườn hoa được vào vườn từ mấy giờ?"
EXTRACTIVE = "Theo Điều 5 Luật Vườn hoa công cộng (12/2030/QH16, còn hiệu lực theo dữ liệu hiện có):\n«Người sử dụng vườn hoa được vào vườn từ 05 giờ đến 22 giờ hằng ngày.»"
TIMEOUT = 0.5


class BrokenEndpoint(BaseHTTPRequestHandler):
    """Answers /v1/chat/completions as ``self.server.failure`` says."""

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        failure = self.server.failure
        if failure == "slow":
            time.sleep(TIMEOUT * 4)  # the client has given up by now: nothing to answer
            return
        status, body = (500, b'{"error": {"message": "model crashed"}}') if failure == "http_500" else (200, b"<html>not json")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass



@pytest.fixture
def endpoint(request):
    """The base URL of an endpoint failing as the test's parameter says ("refused": nothing listens)."""
    if request.param == "refused":
        yield f"http://127.0.0.1:{free_port()}/v1"
        return
    server = ThreadingHTTPServer(("127.0.0.1", 0), BrokenEndpoint)
    server.failure = request.param
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("endpoint", ["refused", "http_500", "not_json", "slow"], indirect=True)
def test_a_broken_endpoint_falls_back_to_the_extractive_answer_and_says_so_in_the_log(
    endpoint, garden_settings, garden_kb, legal_nlu, caplog
):
    settings = replace(garden_settings, llm_base_url=endpoint, llm_model="gemma", llm_timeout=TIMEOUT)
    started = time.monotonic()
    answer = Assistant(settings, garden_kb, nlu=legal_nlu).ask(QUESTION, role="officer")
    assert answer.text == EXTRACTIVE and answer.grounded and answer.refusal_reason is None
    assert f"language model unavailable ({endpoint}: " in caplog.text and "extractive answer used" in caplog.text
    assert time.monotonic() - started < 30
