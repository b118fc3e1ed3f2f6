"""``troly serve [--host 127.0.0.1] [--port 8000]`` — the REST API, the chat page and the officers' pages."""
from __future__ import annotations

import argparse
import socket
import sys

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
    sock = _bind(args.host, args.port)
    app = create_app()
    port = sock.getsockname()[1]
    print(f"troly: trang hỏi đáp http://{args.host}:{port}/ — cán bộ /can-bo — API /docs (Ctrl-C để dừng)", file=sys.stderr)
    config = uvicorn.Config(app, log_level="info" if args.verbose else "warning", access_log=args.verbose)
    uvicorn.Server(config).run(sockets=[sock])
    return 0


def register(subparsers) -> None:
    serve = subparsers.add_parser("serve", help="chạy máy chủ web: REST API, trang hỏi đáp, trang cán bộ")
    serve.add_argument("--host", default="127.0.0.1", help="địa chỉ lắng nghe (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="cổng (default 8000; 0 = any free port)")
    serve.set_defaults(handler=_serve)
