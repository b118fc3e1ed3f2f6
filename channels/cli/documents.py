"""Document commands: ``troly draft``, ``troly review`` (DESIGN.md section 3) and ``troly rasoat``."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from assistant.documents.doc_types import DOC_TYPES
from assistant.documents.docx_writer import render_docx
from assistant.documents.draft_data import load_draft_data
from assistant.documents.legal_basis import RegistryLookup
from assistant.documents.rasoat import (
    rasoat_text,
    read_source,
    render_docx_report,
    render_markdown,
)
from assistant.documents.review import review_file
from knowledge.base import KnowledgeBase, current_registry
from knowledge.dvhc import UnitLookup
from knowledge.errors import BadInput
from knowledge.index.base import Retriever
from knowledge.settings import Settings


def open_registry(settings: Settings) -> RegistryLookup | None:
    """The registry of the ingested knowledge base (its indexes are not loaded), or None before the first ingest."""
    try:
        return current_registry(settings)
    except BadInput:
        return None


def open_retriever(settings: Settings) -> Retriever:
    """The production retriever over the ingested knowledge base (BadInput before the first ingest)."""
    return KnowledgeBase.open(settings).retriever


def write_atomically(path: Path, data: bytes) -> None:
    """Write the whole file or nothing: a temporary file beside it, then a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temp, path)
    except BaseException:
        os.unlink(temp)
        raise


def _draft(args) -> int:
    out = Path(args.out)
    if out.suffix.lower() != ".docx":
        raise BadInput(f"tệp kết quả phải có đuôi .docx: {out}")
    data = load_draft_data(args.type, Path(args.data))
    write_atomically(out, render_docx(data))
    print(f"Đã soạn {data.doc_type.name.lower()}: {out}")
    return 0


def _review(args) -> int:
    settings = Settings.from_env()
    result = review_file(Path(args.file), open_registry(settings), UnitLookup.current(settings))
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return 0
    if not result.findings:
        print("Không phát hiện lỗi thể thức hay căn cứ pháp lý.")
    for f in result.findings:
        print(f"[{f.severity}] {f.code} ({f.location}): {f.message}")
    for cited in result.cited_documents:
        print(f"  văn bản viện dẫn: {cited.number} — {cited.status}")
    return 0


def _rasoat(args) -> int:
    settings = Settings.from_env()
    registry = open_registry(settings)
    source = read_source(args.source, registry, settings.knowledge_dir)
    report = rasoat_text(
        source.text, registry, open_retriever(settings), k=args.k, doc_id=source.number, name=source.name
    )
    if args.out:
        out = Path(args.out)
        if out.suffix.lower() not in (".md", ".docx"):
            raise BadInput(f"báo cáo rà soát phải là .md hoặc .docx: {out}")
        write_atomically(
            out, render_docx_report(report) if out.suffix.lower() == ".docx" else render_markdown(report).encode()
        )
        print(f"Đã ghi báo cáo rà soát: {out}")
    else:
        print(render_markdown(report))
    return 0


def register(subparsers) -> None:
    draft = subparsers.add_parser("draft", help="soạn văn bản theo Nghị định 30/2020/NĐ-CP (.docx)")
    draft.add_argument("type", choices=list(DOC_TYPES), metavar="TYPE", help=f"loại văn bản: {', '.join(DOC_TYPES)}")
    draft.add_argument("--data", required=True, metavar="FILE", help="dữ liệu văn bản (.json, .yaml)")
    draft.add_argument("--out", required=True, metavar="FILE.docx", help="tệp .docx kết quả")
    draft.set_defaults(handler=_draft)

    review = subparsers.add_parser("review", help="rà soát thể thức và căn cứ pháp lý của dự thảo (.docx, .txt)")
    review.add_argument("file", metavar="FILE")
    review.add_argument("--json", action="store_true", help="kết quả dạng JSON")
    review.set_defaults(handler=_review)

    rasoat = subparsers.add_parser(
        "rasoat", help="rà soát văn bản quy phạm pháp luật: căn cứ pháp lý và quy định tương tự trong cơ sở dữ liệu"
    )
    rasoat.add_argument(
        "source", metavar="FILE|SO_HIEU", help="tệp .docx/.txt hoặc số hiệu văn bản trong cơ sở dữ liệu"
    )
    rasoat.add_argument("--out", metavar="REPORT", help="ghi báo cáo .md hoặc .docx (mặc định: in ra màn hình)")
    rasoat.add_argument("-k", type=int, default=3, help="số quy định tương tự cho mỗi điều (mặc định 3)")
    rasoat.set_defaults(handler=_rasoat)
