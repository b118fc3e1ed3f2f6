"""``troly audit``: read the append-only audit log (who did what, when)."""
from __future__ import annotations

import argparse
import json
from datetime import datetime

from assistant.security.audit import ACTIONS, AuditLog
from assistant.tasks.dates import TZ
from knowledge.errors import BadInput


def register(subparsers) -> None:
    parser = subparsers.add_parser("audit", help="nhật ký truy cập: tải lên, soạn thảo, rà soát, tài liệu nội bộ, token")
    parser.add_argument("--since", help="từ ngày (YYYY-MM-DD)")
    parser.add_argument("--actor", help="họ và tên người dùng")
    parser.add_argument("--action", choices=ACTIONS)
    parser.add_argument("--json", action="store_true", help="mỗi dòng một bản ghi JSON")
    parser.set_defaults(handler=_show)


def _since(text: str | None) -> float | None:
    if text is None:
        return None
    try:
        return datetime.strptime(text, "%Y-%m-%d").replace(tzinfo=TZ).timestamp()
    except ValueError as error:
        raise BadInput(f"ngày không hợp lệ: {text!r}, cần dạng YYYY-MM-DD (invalid date)") from error


def _show(args: argparse.Namespace) -> int:
    entries = AuditLog.open().entries(since=_since(args.since), actor=args.actor, action=args.action)
    for entry in entries:
        if args.json:
            print(json.dumps(entry.to_json(), ensure_ascii=False))
        else:
            when = datetime.fromtimestamp(entry.at, TZ).strftime("%d/%m/%Y %H:%M:%S")
            detail = f"\t{entry.detail}" if entry.detail else ""
            print(f"{when}\t{entry.actor} ({entry.role})\t{entry.action}\t{entry.target}\t{entry.channel}{detail}")
    if not entries and not args.json:
        print("Nhật ký trống với điều kiện đã chọn.")
    return 0
