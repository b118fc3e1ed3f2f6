"""Load test of ``POST /api/chat``: concurrent citizens against the real ``troly serve`` on loopback.

A separate process runs ``troly serve`` over a copy of an index (by default the shared sample
index of ``evals.sample_index``, built when missing). ``clients`` concurrent clients each open
their own conversation and send ``turns`` questions from a mix of citizens' procedure questions,
follow-ups and legal questions, waiting for each answer before the next. With ``pace`` each
citizen sends at most one message every ``pace`` seconds (a person reads and types; the clients'
first messages are spread over one pace), so 50 clients at a pace of 1 s offer 50 messages a
second and the latencies show whether the server holds that rate; without it they send back to
back and the run measures the most the server can answer (latency is then queueing). The run is bounded:
``clients × turns`` requests and ``deadline`` seconds at most. Reported: p50/p95/p99/max latency,
throughput, the server's peak resident memory and every non-200 answer.

    python -m evals.chat_load [--data DIR] [--clients 20] [--turns 5] [--pace SECONDS] [--report FILE.md]
"""
from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from evals.markdown import command_line, table, write_report
from knowledge.errors import BadInput

REPO = Path(__file__).resolve().parent.parent
DEFAULT_REPORT = REPO / "evals" / "reports" / "chat_load.md"
DEFAULT_SAMPLE_DATA = Path(tempfile.gettempdir()) / "troly-sample-index"
CONVERSATIONS = (
    ("làm giấy khai sinh cần gì", "lệ phí bao nhiêu?", "nộp ở đâu?"),
    ("đăng ký tạm trú cho người thuê trọ", "mất bao lâu?", "cần giấy tờ gì"),
    ("thời hạn đăng ký khai sinh là bao lâu?", "dk ket hon can gi", "cảm ơn"),
    ("làm lại căn cước bị mất", "xin chào", "đăng ký thường trú cần gì"),
)
URL_LINE = re.compile(r"http://[^\s/]+:(\d+)/")


@dataclass
class LoadResult:
    latencies_ms: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0
    peak_rss_mb: float | None = None  # the server process's high-water mark (Linux /proc)

    def percentile(self, fraction: float) -> float:
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def start_server(data_dir: Path, startup_seconds: float = 120, workers: int = 1) -> tuple[subprocess.Popen, str]:
    """``troly serve`` (``workers`` processes) on a free loopback port over ``data_dir``; returns the process and its base URL."""
    # Every simulated citizen sends from 127.0.0.1: the per-IP rate limit would measure itself.
    env = dict(os.environ, TROLY_DATA_DIR=str(data_dir), PYTHONPATH=str(REPO), TROLY_RATE_PER_MINUTE="0")
    log = data_dir.parent / "serve.log"
    with log.open("w") as stderr:
        process = subprocess.Popen([sys.executable, "-m", "channels.cli", "serve", "--port", "0", "--workers", str(workers)], cwd=REPO, env=env,
                                   stderr=stderr)
    deadline = time.monotonic() + startup_seconds
    port = None
    while port is None and time.monotonic() < deadline and process.poll() is None:
        port = URL_LINE.search(log.read_text())
        time.sleep(0.1)
    if port is None:
        process.kill()
        raise RuntimeError(f"troly serve did not start: {log.read_text()[-2000:]}")
    base = f"http://127.0.0.1:{port.group(1)}"
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/api/health", timeout=5).status_code == 200:
                return process, base
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("troly serve did not answer /api/health")


async def _citizen(client: httpx.AsyncClient, number: int, spread: float, turns: int, result: LoadResult, stop_at: float,
                   pace: float) -> None:
    conversation = CONVERSATIONS[number % len(CONVERSATIONS)]
    session_id = None
    next_send = time.monotonic() + spread
    for turn in range(turns):
        await asyncio.sleep(max(0.0, next_send - time.monotonic()))
        if time.monotonic() > stop_at:
            return
        next_send = time.monotonic() + pace
        body = {"message": conversation[turn % len(conversation)], "session_id": session_id}
        started = time.perf_counter()
        try:
            response = await client.post("/api/chat", json=body)
        except httpx.HTTPError as error:
            result.failures.append(f"client {number}: {type(error).__name__}")
            continue
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            result.failures.append(f"client {number}: HTTP {response.status_code} {response.text[:120]}")
            continue
        result.latencies_ms.append(elapsed)
        session_id = response.json()["session_id"]


async def run_load(base: str, clients: int, turns: int, deadline: float, pace: float = 0.0) -> LoadResult:
    """``clients`` concurrent conversations of ``turns`` questions each against ``base``, one
    message every ``pace`` seconds at most per conversation (0: back to back)."""
    result = LoadResult()
    limits = httpx.Limits(max_connections=clients)
    async with httpx.AsyncClient(base_url=base, timeout=deadline, limits=limits) as client:
        await client.post("/api/chat", json={"message": "xin chào"})  # warm-up: the first answer loads the index
        started = time.monotonic()
        await asyncio.gather(
            *(_citizen(client, n, pace * n / clients, turns, result, started + deadline, pace) for n in range(clients))
        )
        result.seconds = time.monotonic() - started
    return result


def peak_rss_mb(pid: int) -> float | None:
    """The peak resident memory (VmHWM) of the server and its worker processes, summed; None without /proc."""
    peaks = []
    for process in [pid, *child_processes(pid)]:
        try:
            status = Path(f"/proc/{process}/status").read_text()
        except OSError:
            continue
        match = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
        if match:
            peaks.append(int(match.group(1)) / 1024)
    return sum(peaks) if peaks else None


def child_processes(pid: int) -> list[int]:
    """The pids whose parent is ``pid`` (Linux /proc)."""
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        if parent == pid:
            children.append(int(stat.parent.name))
    return children


def report(result: LoadResult, clients: int, turns: int, argv: list[str] | None, workers: int = 1, pace: float = 0.0) -> str:
    done = len(result.latencies_ms)
    rows = [
        ["requests answered (200)", str(done)],
        ["failures", str(len(result.failures))],
        ["p50 latency", f"{statistics.median(result.latencies_ms):.0f} ms"],
        ["p95 latency", f"{result.percentile(0.95):.0f} ms"],
        ["p99 latency", f"{result.percentile(0.99):.0f} ms"],
        ["max latency", f"{max(result.latencies_ms):.0f} ms"],
        ["throughput", f"{done / result.seconds:.1f} answers/s"],
        ["wall time", f"{result.seconds:.1f} s"],
        ["server peak RSS", f"{result.peak_rss_mb:.0f} MB" if result.peak_rss_mb is not None else "n/a"],
    ]
    lines = [
        "# Load of POST /api/chat", "",
        f"`{command_line('evals.chat_load', argv)}`", "",
        f"{clients} concurrent citizens, {turns} turns each (procedure questions, follow-ups, legal questions), "
        + (f"one message every {pace:g} s at most per citizen (offered: {clients / pace:.0f} messages/s), " if pace else "back to back, ")
        + f"against `troly serve --workers {workers}` on 127.0.0.1, {os.cpu_count()} cores.", "",
        table(["measure", "value"], rows),
    ]
    if result.failures:
        lines += ["", "## Failures", "", *[f"- {failure}" for failure in result.failures[:20]]]
    return "\n".join(lines) + "\n"


def prepare_data(data: Path | None, workdir: Path) -> Path:
    """A writable copy of ``data`` (conversations are stored there), or of the sample index, built if missing."""
    if data is None:
        from evals.sample_index import build_sample_index

        shared = REPO.parent / "shared"
        if not (shared / "knowledge").is_dir():
            raise BadInput(f"no --data given and no shared corpus at {shared} to build the sample index")
        build_sample_index(shared, DEFAULT_SAMPLE_DATA)
        data = DEFAULT_SAMPLE_DATA
    if not data.is_dir():
        raise BadInput(f"--data {data}: not a folder")
    copy = workdir / "data"
    shutil.copytree(data, copy, symlinks=True)
    return copy


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.chat_load", description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, help="an index folder (TROLY_DATA_DIR); default: the sample index")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--turns", type=int, default=5)
    parser.add_argument("--deadline", type=float, default=300, help="seconds at most for the whole load")
    parser.add_argument("--workers", type=int, default=1, help="server processes (troly serve --workers)")
    parser.add_argument("--pace", type=float, default=0.0, help="seconds between one citizen's messages at least (0: back to back)")
    parser.add_argument("--report", type=Path, default=DEFAULT_REPORT)
    args = parser.parse_args(argv)
    if args.clients < 1 or args.turns < 1 or args.deadline <= 0 or args.workers < 1:
        raise BadInput("--clients, --turns, --deadline and --workers must be positive")
    if args.pace < 0:
        raise BadInput("--pace must be 0 or more seconds")
    with tempfile.TemporaryDirectory(prefix="troly-load-") as workdir:
        process, base = start_server(prepare_data(args.data, Path(workdir)), workers=args.workers)
        try:
            result = asyncio.run(run_load(base, args.clients, args.turns, args.deadline, args.pace))
            result.peak_rss_mb = peak_rss_mb(process.pid)
        finally:
            process.terminate()
            process.wait(timeout=30)
    if not result.latencies_ms:
        raise BadInput(f"no request was answered: {result.failures[:3]}")
    markdown = report(result, args.clients, args.turns, argv, args.workers, args.pace)
    write_report(args.report.parent, args.report.name, markdown)
    print(markdown)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except BadInput as error:
        print(f"error: {error}", file=sys.stderr)
        sys.exit(2)
