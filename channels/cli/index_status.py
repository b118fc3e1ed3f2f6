"""``troly status index``: the index generation in use and how much of its text is in vectors.

Coverage counts the passages whose whole text is in the vector index (their body
vectors, added by ``troly enrich`` or the enrichment after ``troly ingest``) against
all passages (``knowledge.index.chunk_vectors.Coverage``).
"""
from __future__ import annotations

import argparse
import json

from knowledge.errors import BadInput
from knowledge.index.builder import PASSAGES
from knowledge.index.chunk_vectors import first_coverage, read_coverage
from knowledge.index.generations import IndexDirectory
from knowledge.index.passages import PassageStore
from knowledge.settings import Settings


def add_index_command(commands) -> None:
    """Add ``index`` to the sub-commands of ``troly status``."""
    index = commands.add_parser("index", help="thế hệ chỉ mục đang dùng và độ phủ vector (index generation, coverage)")
    index.add_argument("--json", action="store_true")
    index.set_defaults(handler=_index)


def _index(args: argparse.Namespace) -> int:
    settings = Settings.from_env()
    generation = IndexDirectory(settings.data_dir / "index").current()
    if generation is None:
        raise BadInput(f"chưa có chỉ mục trong {settings.data_dir}: hãy chạy 'troly ingest' trước (no index yet)")
    coverage = read_coverage(generation)
    if coverage is None:  # built before coverage was recorded
        store = PassageStore(generation / PASSAGES)
        coverage = first_coverage(store)
        store.close()
    if args.json:
        print(json.dumps({"generation": generation.name, "coverage": coverage.to_json()}, ensure_ascii=False))
        return 0
    print(f"Chỉ mục đang dùng: {generation.name}")
    print(
        f"Vector nội dung: {coverage.covered:,}/{coverage.passages:,} đoạn ({coverage.share:.1%}), "
        f"{coverage.chunks:,} vector đoạn nội dung"
    )
    if coverage.share < 1:
        print("Chạy 'troly enrich' để bổ sung phần còn lại (embed the rest).")
    for passage_id, message in list(coverage.failed.items())[:20]:
        print(f"Lỗi khi tạo vector {passage_id}: {message}")
    return 0
