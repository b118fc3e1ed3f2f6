"""``troly serve [--host 127.0.0.1] [--port 8000] [--workers N]`` — the REST API, the chat page and the officers' pages.

With ``--workers N`` the listening socket is bound once and N processes (this one and N-1
forked before any model or index is loaded) accept on it; the kernel spreads connections
over them. Each worker has its own assistant; they share the data dir's SQLite stores
(write-ahead log, busy timeout) and index, so a conversation continues on any worker.
Rate limits are counted per worker.
"""
from __future__ import annotations

import argparse
import os
import signal
import socket
import sys
import threading
import time

from knowledge.errors import BadInput


def _bind(host: str, port: int) -> socket.socket:
    """The listening socket, or BadInput when the address cannot be used."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise BadInput(f"không phân giải được địa chỉ '{host}': {error.strerror} (unknown host)") from None
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
    except OSError as error:
        sock.close()
        raise BadInput(f"không mở được cổng {host}:{port}: {error.strerror} (address unavailable)") from None
    return sock


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from channels.web.app import create_app

    if not 0 <= args.port < 65536:
        raise BadInput(f"cổng không hợp lệ: {args.port} (port must be 0-65535)")
    if args.workers < 1:
        raise BadInput(f"--workers phải từ 1 trở lên, không phải {args.workers} (at least one worker)")
    sock = _bind(args.host, args.port)
    port = sock.getsockname()[1]
    print(f"troly: trang hỏi đáp http://{args.host}:{port}/ — cán bộ /can-bo — API /docs (Ctrl-C để dừng)", file=sys.stderr)

    def run_worker() -> None:
        config = uvicorn.Config(create_app(), log_level="info" if args.verbose else "warning", access_log=args.verbose)
        uvicorn.Server(config).run(sockets=[sock])

    children = [_fork(run_worker) for _ in range(args.workers - 1)]
    try:
        run_worker()
    finally:
        for pid in children:
            try:
                os.kill(pid, signal.SIGTERM)
                os.waitpid(pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
    return 0


def _fork(run_worker) -> int:
    """A child process running ``run_worker`` until it is told to stop or its parent is gone; returns its pid."""
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:
        threading.Thread(target=_stop_when_orphaned, args=(parent,), daemon=True).start()
        try:
            run_worker()
        finally:
            os._exit(0)
    return pid


def _stop_when_orphaned(parent: int) -> None:
    """A worker whose parent died without stopping it (SIGKILL, SIGTERM's default action) stops itself."""
    while os.getppid() == parent:
        time.sleep(1)
    os.kill(os.getpid(), signal.SIGTERM)


def register(subparsers) -> None:
    serve = subparsers.add_parser("serve", help="chạy máy chủ web: REST API, trang hỏi đáp, trang cán bộ")
    serve.add_argument("--host", default="127.0.0.1", help="địa chỉ lắng nghe (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="cổng (default 8000; 0 = any free port)")
    serve.add_argument("--workers", type=int, default=1, help="số tiến trình phục vụ (default 1)")
    serve.set_defaults(handler=_serve)
