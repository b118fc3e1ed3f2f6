"""``troly dvhc "OLD UNIT[, OLD DISTRICT]" [--json]`` — the unit(s) an old phường, xã or thị trấn became in 2025.

Found: the new unit(s), province, full or partial, and the khoản of the resolution quoted
(exit 0). Ambiguous, not found, a district alone or an empty query: the message on stderr
with the candidates or close names (exit 2); with ``--json`` the object of
``assistant.skills.dvhc_view.to_json`` on stdout, exit 2 all the same.
"""
from __future__ import annotations

import argparse
import json
import sys

from assistant.skills import dvhc_view
from knowledge.dvhc import UnitLookup
from knowledge.errors import BadInput
from knowledge.settings import Settings

ANSWERED = ("found", "new_unit")


def _dvhc(args: argparse.Namespace) -> int:
    settings = Settings.from_env()
    lookup = UnitLookup.current(settings)  # the lookup alone: the index itself is not opened
    if lookup is None:
        raise BadInput(f"chưa có chỉ mục trong {settings.data_dir}: hãy chạy 'troly ingest' trước (no index yet)")
    if not lookup:
        raise BadInput(dvhc_view.NO_DATA)
    match = lookup.find(args.query)
    answered = match.status in ANSWERED
    if args.json:
        print(json.dumps(dvhc_view.to_json(args.query, match, lookup, chat=False), ensure_ascii=False, indent=2))
    elif answered:
        print(dvhc_view.message(match, lookup))
        for _, text in dvhc_view.quotes(match, lookup):
            print(f"«{text}»")
    else:
        print(dvhc_view.message(match, lookup, chat=False), file=sys.stderr)
    return 0 if answered else 2


def register(subparsers) -> None:
    dvhc = subparsers.add_parser(
        "dvhc", help="phường, xã cũ nay thuộc đơn vị nào (sắp xếp đơn vị hành chính cấp xã năm 2025)"
    )
    dvhc.add_argument("query", metavar="OLD_UNIT", help="“phường Bến Nghé, Quận 1”, “Phường 12 Quận 3”, “xa Tan Thanh Dong cu chi”")
    dvhc.add_argument("--json", action="store_true", help="kết quả dạng JSON")
    dvhc.set_defaults(handler=_dvhc)
