"""The HĐND secretary's thẩm tra reports against the expected findings of the tờ trình fixtures.

``python -m evals.hdnd_eval [--json]`` reviews every tờ trình of ``tests/fixtures/hdnd/expected.yaml``
(with its dự thảo nghị quyết when it has one) against the knowledge base of ``TROLY_DATA_DIR`` (its
registry for the căn cứ, its laws for the competence provisions) and writes ``evals/reports/hdnd.md``.

Scoring: the report's findings are its questions (errors and warnings, by ``Issue.id``); an expected issue
the report raises is found, one it does not raise is missed, any other question is false. False findings
the fixture lists under ``registry_errors`` (a status the corpus registry derives wrongly) are counted as
false too, and reported apart with their cause. Metadata (số, cơ quan, ngày) and the missing parts are
compared as well. Fixtures written before the code (used to build it) and after it are reported apart.
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

from assistant.documents.legal_basis import RegistryLookup
from assistant.hdnd import CompetenceFinder, HdndReport, review_submission
from knowledge.base import KnowledgeBase
from knowledge.settings import Settings

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "hdnd"
REPORT = Path(__file__).resolve().parent / "reports" / "hdnd.md"


@dataclass
class Outcome:
    case: dict
    found: list[str]
    missed: list[str]
    false: list[str]  # not expected, not explained by the registry
    registry_false: list[str]  # not expected, a known registry error
    metadata_wrong: list[str]
    parts_wrong: bool

    @property
    def written(self) -> str:
        return self.case["written"]


def score(case: dict, report: HdndReport) -> Outcome:
    raised = [i.id for i in report.questions]
    expected = case["issues"]
    explained = case.get("registry_errors") or {}
    extra = [i for i in raised if i not in expected]
    metadata = report.metadata.to_dict()
    return Outcome(
        case=case,
        found=[i for i in expected if i in raised],
        missed=[i for i in expected if i not in raised],
        false=[i for i in extra if i not in explained],
        registry_false=[i for i in extra if i in explained],
        metadata_wrong=[key for key, value in case["metadata"].items() if metadata[key] != str(value)],
        parts_wrong=[p.kind for p in report.missing_parts] != case["missing_parts"],
    )


def summarize(outcomes: list[Outcome]) -> dict:
    def totals(selected: list[Outcome]) -> dict:
        return {
            "fixtures": len(selected),
            "expected": sum(len(o.case["issues"]) for o in selected),
            "found": sum(len(o.found) for o in selected),
            "missed": sum(len(o.missed) for o in selected),
            "false": sum(len(o.false) + len(o.registry_false) for o in selected),
            "false_from_registry": sum(len(o.registry_false) for o in selected),
            "metadata_fields_wrong": sum(len(o.metadata_wrong) for o in selected),
            "missing_parts_wrong": sum(o.parts_wrong for o in selected),
        }

    return {
        "all": totals(outcomes),
        "written_before_code": totals([o for o in outcomes if o.written == "before"]),
        "written_after_code": totals([o for o in outcomes if o.written == "after"]),
    }


def run(registry: RegistryLookup, competence: CompetenceFinder | None, fixtures: Path = FIXTURES) -> list[Outcome]:
    outcomes = []
    for case in yaml.safe_load((fixtures / "expected.yaml").read_text(encoding="utf-8")):
        draft = fixtures / case["draft"] if case.get("draft") else None
        outcomes.append(score(case, review_submission(fixtures / case["file"], draft, registry, competence)))
    return outcomes


def write_report(summary: dict, outcomes: list[Outcome], data_dir: Path, seconds: float, path: Path = REPORT) -> None:
    rows = [
        "# HĐND secretary evaluation (`python -m evals.hdnd_eval`)",
        "",
        f"{len(outcomes)} tờ trình fixtures of `tests/fixtures/hdnd` against their `expected.yaml`; knowledge base "
        f"`{data_dir}`; {seconds:.1f} s.",
        "",
        "| fixtures | n | expected findings | in the report | missed | false (of which registry) "
        "| metadata fields wrong | missing parts wrong |",
        "|---|---|---|---|---|---|---|---|",
    ]
    labels = {"all": "**all**", "written_before_code": "written before the code", "written_after_code": "written after the code"}
    for key, label in labels.items():
        s = summary[key]
        rows.append(
            f"| {label} | {s['fixtures']} | {s['expected']} | {s['found']} | {s['missed']} "
            f"| {s['false']} ({s['false_from_registry']}) | {s['metadata_fields_wrong']} | {s['missing_parts_wrong']} |"
        )
    rows += [
        "",
        "The fixtures written before the code were used to build it: their figures measure nothing but "
        "consistency. Only those written after it, and the held-out set, say how the secretary generalises.",
        "",
        "| fixture | sector | written | expected | found | missed | false |",
        "|---|---|---|---|---|---|---|",
    ]
    for o in outcomes:
        false = ", ".join(f"`{i}`" for i in [*o.false, *o.registry_false]) or "—"
        missed = ", ".join(f"`{i}`" for i in o.missed) or "—"
        rows.append(
            f"| {o.case['file']} | {o.case['sector']} | {o.written} | {len(o.case['issues'])} | {len(o.found)} "
            f"| {missed} | {false} |"
        )
    changed = [o for o in outcomes if o.case.get("history")]
    if changed:
        rows += ["", "## What the first run of the fixtures written after the code changed", ""]
        rows += [f"- {o.case['file']}: {o.case['history']}" for o in changed]
    explained = [(o, i) for o in outcomes for i in o.registry_false]
    if explained:
        rows += ["", "## False findings caused by the registry", ""]
        rows += [f"- {o.case['file']}: `{i}` — {o.case['registry_errors'][i]}" for o, i in explained]
    wrong = [o for o in outcomes if o.metadata_wrong or o.parts_wrong]
    if wrong:
        rows += ["", "## Metadata and parts", ""]
        rows += [
            f"- {o.case['file']}: " + "; ".join(
                ([f"metadata {', '.join(o.metadata_wrong)} wrong"] if o.metadata_wrong else [])
                + (["missing parts differ"] if o.parts_wrong else [])
            )
            for o in wrong
        ]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description="The HĐND secretary's reports against the expected findings")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = parser.parse_args()
    settings = Settings.from_env()
    start = time.perf_counter()
    kb = KnowledgeBase.open(settings)
    try:
        outcomes = run(kb.registry, CompetenceFinder(kb))
    finally:
        kb.close()
    seconds = time.perf_counter() - start
    summary = summarize(outcomes)
    write_report(summary, outcomes, settings.data_dir, seconds)
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        print(REPORT.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
