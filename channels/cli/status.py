"""``troly status``: the validity of văn bản (DESIGN.md section 3).

- ``troly status show NUMBER [--json]`` — status, since, replaced_by, basis, source
  (feed | corpus | unknown) of a document as of today; an unknown number is bad input.
- ``troly status import FILE`` — apply a validity feed (``knowledge.parsing.status_feed``)
  to the current index generation and keep it for every later ingest (``knowledge.validity``).
- ``troly status index [--json]`` — the index generation in use and its coverage
  (``channels.cli.index_status``).
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from assistant.skills.validity import document_name, legal_date, validity_phrase
from channels.cli.index_status import add_index_command
from knowledge.base import current_registry
from knowledge.errors import BadInput
from knowledge.models import RegistryEntry, StatusChange
from knowledge.settings import Settings
from knowledge.validity import import_feed


def register(subparsers) -> None:
    parser = subparsers.add_parser("status", help="hiệu lực văn bản, chỉ mục đang dùng (validity, index status)")
    commands = parser.add_subparsers(dest="status_command", metavar="COMMAND", required=True)
    show = commands.add_parser("show", help="tình trạng hiệu lực của một văn bản (a document's validity)")
    show.add_argument("number", help="số hiệu, ví dụ 45/2013/QH13")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=_show)
    feed = commands.add_parser("import", help="áp dụng một tệp hiệu lực .tsv (apply a validity feed)")
    feed.add_argument("file", type=Path, help="TSV: number, title, status, since, replaced_by, basis")
    feed.set_defaults(handler=_import)
    add_index_command(commands)


def _change_json(change: StatusChange) -> dict:
    return {"status": change.status, "since": change.since.isoformat() if change.since else None,
            "replaced_by": list(change.replaced_by), "source": change.source, "basis": change.basis}


def entry_json(entry: RegistryEntry) -> dict:
    """What ``status show --json`` prints of a document."""
    return {
        "number": entry.number or entry.doc_id,
        "title": entry.title,
        "status": entry.status,
        "since": entry.status_since.isoformat() if entry.status_since else None,
        "replaced_by": list(entry.replaced_by),
        "amended_by": list(entry.amended_by),
        "basis": entry.basis,
        "source": entry.status_source,
        "in_corpus": entry.in_corpus,
        "upcoming": _change_json(entry.upcoming) if entry.upcoming else None,
    }


def _show(args: argparse.Namespace) -> int:
    with current_registry() as registry:
        entry = registry.lookup(args.number)
        if entry is None:
            raise BadInput(f"không có văn bản số {args.number} trong cơ sở dữ liệu (unknown document)")
        if args.json:
            print(json.dumps(entry_json(entry), ensure_ascii=False))
            return 0
        print(f"{document_name(entry)}: {validity_phrase(registry, entry)}.")
        since = f" từ {legal_date(entry.status_since)}" if entry.status_since else ""
        print(f"Tình trạng: {entry.status}{since} (nguồn: {entry.status_source})")
        if entry.replaced_by:
            print(f"Thay thế bởi: {', '.join(entry.replaced_by)}")
        if entry.amended_by:
            print(f"Sửa đổi, bổ sung bởi: {', '.join(entry.amended_by)}")
        if entry.basis:
            print(f"Căn cứ: {entry.basis}")
        if not entry.in_corpus:
            print("Văn bản này không có trong cơ sở dữ liệu, chỉ được nhắc đến (only cited, not in the knowledge base).")
    return 0


def _import(args: argparse.Namespace) -> int:
    imported = import_feed(Settings.from_env(), args.file)
    print(f"Đã áp dụng {imported.rows} dòng của {args.file} cho chỉ mục {imported.generation};"
          f" lưu tại TROLY_DATA_DIR/{imported.name} để áp dụng lại ở mỗi lần nạp.")
    return 0
