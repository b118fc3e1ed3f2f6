"""Knowledge commands: ``troly eval retrieval`` (DESIGN.md section 3)."""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from knowledge.index.hybrid import FusionSettings


def _print_metrics(result: dict, as_json: bool) -> None:
    if as_json:
        print(json.dumps(result, ensure_ascii=False))
        return
    for key, value in result.items():
        print(f"{key:>16}: {value}")


def _eval_retrieval(args: argparse.Namespace) -> int:
    from evals import retrieval

    fusion = FusionSettings(method=args.fusion)
    _print_metrics(retrieval.run(Path(args.corpus), Path(args.questions), fusion=fusion), args.json)
    return 0


def register(subparsers) -> None:
    evaluate = subparsers.add_parser("eval", help="đánh giá chất lượng (benchmarks)")
    kinds = evaluate.add_subparsers(dest="eval_kind", metavar="KIND", required=True)
    retrieval = kinds.add_parser("retrieval", help="legal retrieval on ALQAC-format data")
    retrieval.add_argument("--corpus", required=True, help="LAW.json: [{id, articles: [{id, text}]}]")
    retrieval.add_argument("--questions", required=True, help="Q.json: [{question_id, text, relevant_articles}]")
    retrieval.add_argument("--fusion", choices=("score", "rrf", "keyword", "dense"), default="score")
    retrieval.add_argument("--json", action="store_true", help="print one JSON object")
    retrieval.set_defaults(handler=_eval_retrieval)
