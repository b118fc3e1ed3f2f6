"""Knowledge commands (DESIGN.md section 3): ingest, enrich, search, eval retrieval|procedures, shell."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from knowledge.errors import BadInput
from knowledge.index.base import SearchFilters
from knowledge.index.hybrid import FusionSettings
from knowledge.models import Evidence

if TYPE_CHECKING:
    from knowledge.index.enrich import EnrichReport
    from knowledge.ingest import IngestReport

_STAGES = {"parse": "Đọc tệp", "embed": "Tạo vector", "enrich": "Vector nội dung"}


def _progress_bar():
    """A tqdm bar per stage on a terminal; silent otherwise."""
    if not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    bars: dict[str, tqdm] = {}

    def update(stage: str, done: int, total: int) -> None:
        bar = bars.get(stage)
        if bar is None:
            bar = bars[stage] = tqdm(total=total, desc=_STAGES.get(stage, stage), unit=" mục", leave=True)
        bar.total = total  # enrichment starts again, counting anew, on a newer generation
        bar.update(done - bar.n)
        if done >= total:
            bar.close()

    return update


def _ingest(args: argparse.Namespace) -> int:
    from knowledge.index.enrich import EnrichmentRunning
    from knowledge.ingest import Ingestor

    progress = _progress_bar()
    report = Ingestor(progress=progress).ingest([Path(p) for p in args.paths] or None, access=args.access, replace=args.replace)
    _print_ingest(report, summary=not args.json)
    enriched = None
    if not args.no_enrich:
        try:
            enriched = _enrich_now(progress, args.json)
        except EnrichmentRunning as running:  # it will enrich what was just published
            print(f"troly: {running}", file=sys.stderr)
    if args.json:
        print(json.dumps({**report.to_json(), "enrichment": enriched and enriched.to_json()}, ensure_ascii=False))
    return 0


def _print_ingest(report: IngestReport, summary: bool) -> None:
    """The outcome on stdout (with ``summary``) and each file's problems on stderr."""
    if summary and not report.changed:
        print(f"Không có gì thay đổi: {report.files} tệp đã được lập chỉ mục ({report.seconds} s).")
    elif summary:
        print(
            f"Đã lập chỉ mục {report.files - len(report.errors)}/{report.files} tệp: {report.documents} văn bản, "
            f"{report.articles} điều, {report.procedures} thủ tục, {report.passages} đoạn "
            f"({report.embedded} vector mới) trong {report.seconds} s."
        )
    for label, message in report.errors:
        print(f"Lỗi {label}: {message}", file=sys.stderr)
    for label, message in report.warnings[:20]:
        print(f"Cảnh báo {label}: {message}", file=sys.stderr)


def _enrich_now(progress: Callable[[str, int, int], None] | None, quiet: bool) -> EnrichReport:
    """Run the enrichment of the current generation; print its outcome unless ``quiet``."""
    from knowledge.index.enrich import Enricher

    report = Enricher(progress=progress).run()
    if not quiet:
        published = f"{report.published} thế hệ mới, " if report.published else "không cần thế hệ mới, "
        print(
            f"Vector nội dung: {report.covered}/{report.passages} đoạn ({report.to_json()['share']:.1%}); "
            f"{published}{report.embedded} vector mới, {report.cached} từ bộ nhớ đệm trong {report.seconds} s."
        )
        for passage_id, message in list(report.failed.items())[:20]:
            print(f"Bỏ qua {passage_id}: {message}", file=sys.stderr)
    return report


def _enrich(args: argparse.Namespace) -> int:
    report = _enrich_now(_progress_bar(), args.json)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False))
    return 0


def evidence_json(rank: int, evidence: Evidence) -> dict:
    p = evidence.passage
    return {
        "rank": rank,
        "score": round(evidence.score, 4),
        "kind": p.kind,
        "id": p.doc_id,
        "title": p.doc_title,
        "heading": p.heading,
        "article": p.article,
        "clauses": list(p.clauses),
        "status": p.status,
        "url": p.url or None,
        "text": p.text,
    }


def _print_results(query: str, results: list[Evidence], as_json: bool) -> None:
    if as_json:
        print(json.dumps({"query": query, "results": [evidence_json(i, e) for i, e in enumerate(results, 1)]}, ensure_ascii=False))
        return
    if not results:
        print("Không tìm thấy kết quả phù hợp.")
    for i, e in enumerate(results, 1):
        p = e.passage
        where = f"{p.heading} — {p.doc_title}" if p.kind != "procedure" else f"Thủ tục {p.doc_id}: {p.doc_title}"
        snippet = " ".join(p.text.split())[:240]
        print(f"{i}. {where} [{p.status}]\n   {snippet}")


def _search(args: argparse.Namespace) -> int:
    from knowledge.base import KnowledgeBase

    if args.k <= 0:
        raise BadInput("-k phải là số nguyên dương (k must be positive)")
    kb = KnowledgeBase.open()
    filters = SearchFilters(kinds=(args.kind,) if args.kind else None)
    _print_results(args.query, kb.search(args.query, args.k, filters), args.json)
    return 0


def _shell(args: argparse.Namespace) -> int:
    from knowledge.base import KnowledgeBase

    kb = KnowledgeBase.open()
    print("Trợ lý ảo — tra cứu văn bản và thủ tục. Gõ câu hỏi, Enter để tìm; Ctrl-D để thoát.")
    for line in sys.stdin:
        query = line.strip()
        if not query:
            continue
        try:
            _print_results(query, kb.search(query, 5), as_json=False)
        except BadInput as exc:
            print(f"troly: {exc}")
        print()
    return 0


def _eval_retrieval(args: argparse.Namespace) -> int:
    from evals import retrieval

    result = retrieval.run(Path(args.corpus), Path(args.questions), fusion=FusionSettings(method=args.fusion), coverage=args.coverage)
    _print_metrics(result, args.json)
    return 0


def _eval_procedures(args: argparse.Namespace) -> int:
    from evals import procedures

    _print_metrics(procedures.run(Path(args.questions), FusionSettings(method=args.fusion)), args.json)
    return 0


def _print_metrics(result: dict, as_json: bool) -> None:
    if as_json:
        print(json.dumps(result, ensure_ascii=False))
        return
    for key, value in result.items():
        print(f"{key:>16}: {value}")


def register(subparsers) -> None:
    ingest = subparsers.add_parser("ingest", help="lập chỉ mục văn bản và thủ tục (index files and folders)")
    ingest.add_argument("paths", nargs="*", help="files or folders (default: TROLY_KNOWLEDGE)")
    ingest.add_argument("--access", default="public", choices=("public", "internal", "confidential"))
    ingest.add_argument("--replace", action="store_true", help="index exactly these paths, forgetting other sources")
    ingest.add_argument("--no-enrich", action="store_true", help="stop after the first generation (no body vectors now)")
    ingest.add_argument("--json", action="store_true")
    ingest.set_defaults(handler=_ingest)

    enrich = subparsers.add_parser(
        "enrich", help="bổ sung vector nội dung cho chỉ mục hiện tại (embed passage bodies, resumable)"
    )
    enrich.add_argument("--json", action="store_true")
    enrich.set_defaults(handler=_enrich)

    search = subparsers.add_parser("search", help="tìm căn cứ (ranked evidence)")
    search.add_argument("query")
    search.add_argument("--kind", choices=("law", "procedure", "document"))
    search.add_argument("-k", type=int, default=10)
    search.add_argument("--json", action="store_true")
    search.set_defaults(handler=_search)

    shell = subparsers.add_parser("shell", help="tra cứu tương tác trên terminal")
    shell.set_defaults(handler=_shell)

    evaluate = subparsers.add_parser("eval", help="đánh giá chất lượng (benchmarks)")
    kinds = evaluate.add_subparsers(dest="eval_kind", metavar="KIND", required=True)
    retrieval = kinds.add_parser("retrieval", help="legal retrieval on ALQAC-format data")
    retrieval.add_argument("--corpus", required=True, help="LAW.json: [{id, articles: [{id, text}]}]")
    retrieval.add_argument("--questions", required=True, help="Q.json: [{question_id, text, relevant_articles}]")
    retrieval.add_argument("--fusion", choices=("score", "rrf", "keyword", "dense"), default="score")
    retrieval.add_argument(
        "--coverage", type=float, default=0.0, metavar="SHARE",
        help="share of passages with body vectors: 0 = the first generation (default), 1 = once enrichment finishes",
    )
    retrieval.add_argument("--json", action="store_true", help="print one JSON object")
    retrieval.set_defaults(handler=_eval_retrieval)
    procedures = kinds.add_parser("procedures", help="procedure retrieval against the ingested knowledge base")
    procedures.add_argument("--questions", required=True, help="Q.jsonl: {question, relevant_procedures}")
    procedures.add_argument("--fusion", choices=("score", "rrf", "keyword", "dense"), default="score")
    procedures.add_argument("--json", action="store_true")
    procedures.set_defaults(handler=_eval_procedures)
