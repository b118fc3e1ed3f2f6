"""The ``troly`` command.

Each module in ``COMMAND_MODULES`` adds its sub-commands with ``register(subparsers)``
and sets ``handler(args) -> int`` on each. Exit codes follow DESIGN.md section 3:
0 success, 2 bad input (with a message), 1 internal error.
"""
from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys

from knowledge.errors import BadInput

COMMAND_MODULES = (
    "channels.cli.knowledge_commands",
    "channels.cli.status",
    "channels.cli.ask",
    "channels.cli.documents",
    "channels.cli.users",
    "channels.cli.remind",
    "channels.cli.audit",
    "channels.cli.hdnd",
    "channels.cli.dvhc",
    "channels.cli.telegram",
    "channels.cli.serve",
)

log = logging.getLogger("troly")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="troly", description="Trợ lý ảo cho cơ quan hành chính nhà nước")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress details to stderr")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        return int(args.handler(args) or 0)
    except BadInput as exc:
        print(f"troly: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the last line of defence: one sentence, the traceback on demand
        if os.environ.get("TROLY_DEBUG"):
            log.exception("internal error in 'troly %s'", args.command)
        else:
            print(
                f"troly: lỗi nội bộ (internal error): {type(exc).__name__}: {exc}"
                " — chạy lại với TROLY_DEBUG=1 để xem chi tiết",
                file=sys.stderr,
            )
        return 1


if __name__ == "__main__":
    sys.exit(main())
