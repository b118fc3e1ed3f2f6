"""``troly status``: the state of what troly serves.

- ``troly status index [--json]`` — the index generation in use and its coverage
  (``channels.cli.index_status``).
"""
from __future__ import annotations

from channels.cli.index_status import add_index_command


def register(subparsers) -> None:
    parser = subparsers.add_parser("status", help="trạng thái chỉ mục (index status)")
    commands = parser.add_subparsers(dest="status_command", metavar="COMMAND", required=True)
    add_index_command(commands)
