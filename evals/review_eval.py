"""Precision and recall of ``troly review`` on the labelled drafts of evals/data/review.

``python -m evals.review_eval [--json]`` builds the drafts (evals/make_review_set.py),
reviews each against the evaluation's registry snapshot (``registry.json``: the
status of every document the drafts cite) and writes ``evals/reports/review.md``.

Scoring: a draft's predicted units are its distinct format codes and each of its
legal-basis findings; a label matches a unit of its code, and a label with ``ref``
only a finding whose message names that number or document. Precision and recall
are summed over drafts per family of codes; clean drafts must have no finding.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from assistant.documents.findings import Finding
from assistant.documents.review import review_file
from evals.make_review_set import DATA, Case, Expected, build
from knowledge.models import RegistryEntry
from knowledge.parsing.citations import number_key
from knowledge.text.normalize import fold

REPORT = Path(__file__).resolve().parent / "reports" / "review.md"
TYPOGRAPHY = {"ND30.PAGE_SIZE", "ND30.MARGIN", "ND30.FONT", "ND30.FONT_SIZE", "ND30.FONT_STYLE"}


class SnapshotRegistry:
    """The evaluation's registry: fixed entries read from ``registry.json``."""

    def __init__(self, path: Path) -> None:
        self.entries = [
            RegistryEntry(
                doc_id=e["number"],
                number=e["number"],
                doc_type=e["doc_type"],
                title=e["title"],
                status=e["status"],
                issued_on=date.fromisoformat(e["issued_on"]),
                replaced_by=tuple(e.get("replaced_by", ())),
                amended_by=tuple(e.get("amended_by", ())),
            )
            for e in json.loads(path.read_text(encoding="utf-8"))["entries"]
        ]

    def lookup(self, number: str) -> RegistryEntry | None:
        return next((e for e in self.entries if number_key(e.number) == number_key(number)), None)

    def lookup_title(self, title: str, year: int | None = None) -> RegistryEntry | None:
        """The document of that title issued in ``year``, else the latest."""
        same = [e for e in self.entries if fold(e.title) == fold(title)]
        return max(same, key=lambda e: (e.year == year, e.issued_on)) if same else None


def family(code: str) -> str:
    if code.startswith("LEGAL_BASIS_"):
        return "căn cứ pháp lý (LEGAL_BASIS_*)"
    if code in TYPOGRAPHY:
        return "trình bày .docx (khổ, lề, phông, cỡ, kiểu chữ)"
    if code.startswith("ND30."):
        return "thể thức (ND30.* các thành phần)"
    return "khác"


@dataclass
class Outcome:
    case: Case
    findings: list[Finding]
    matched: list[Expected]
    missed: list[Expected]
    extra: list[Finding]


def _units(findings: list[Finding]) -> list[Finding]:
    """Distinct format codes, every legal-basis finding."""
    seen, units = set(), []
    for f in findings:
        if f.code.startswith("LEGAL_BASIS_") or f.code not in seen:
            seen.add(f.code)
            units.append(f)
    return units


def score_case(case: Case, findings: list[Finding]) -> Outcome:
    units = _units(findings)
    matched, missed = [], []
    for label in case.expected:
        hit = next(
            (u for u in units if u.code == label.code and (label.ref is None or fold(label.ref) in fold(u.message))),
            None,
        )
        if hit is None:
            missed.append(label)
        else:
            matched.append(label)
            units.remove(hit)
    return Outcome(case, findings, matched, missed, units)


def _ratio(a: int, b: int) -> float | None:
    return a / b if b else None


def summarize(outcomes: list[Outcome]) -> dict:
    tp, fp, fn = Counter(), Counter(), Counter()
    for o in outcomes:
        for label in o.matched:
            tp[label.code] += 1
        for label in o.missed:
            fn[label.code] += 1
        for f in o.extra:
            fp[f.code] += 1
    codes = sorted(set(tp) | set(fp) | set(fn))

    def stats(selected: list[str]) -> dict:
        t, p, n = (sum(c[k] for k in selected) for c in (tp, fp, fn))
        return {"tp": t, "fp": p, "fn": n, "precision": _ratio(t, t + p), "recall": _ratio(t, t + n)}

    families = sorted({family(c) for c in codes})
    clean = [o for o in outcomes if not o.case.expected]
    return {
        "drafts": len(outcomes),
        "drafts_txt": sum(o.case.kind == "txt" for o in outcomes),
        "drafts_docx": sum(o.case.kind == "docx" for o in outcomes),
        "labels": sum(len(o.case.expected) for o in outcomes),
        "overall": stats(codes),
        "families": {f: stats([c for c in codes if family(c) == f]) for f in families},
        "codes": {c: stats([c]) for c in codes},
        "clean_drafts": len(clean),
        "findings_on_clean_drafts": sum(len(o.findings) for o in clean),
    }


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def write_report(summary: dict, outcomes: list[Outcome], seconds: float, path: Path = REPORT) -> None:
    rows = [
        "# Review evaluation (`python -m evals.review_eval`)",
        "",
        f"{summary['drafts']} drafts ({summary['drafts_txt']} .txt, {summary['drafts_docx']} .docx), "
        f"{summary['labels']} labelled findings, {summary['clean_drafts']} clean drafts; {seconds:.1f} s.",
        "Registry: the evaluation's snapshot `evals/data/review/registry.json`.",
        "",
        "| family | TP | FP | FN | precision | recall |",
        "|---|---|---|---|---|---|",
    ]
    for name, s in [("**all**", summary["overall"]), *summary["families"].items()]:
        rows.append(f"| {name} | {s['tp']} | {s['fp']} | {s['fn']} | {_pct(s['precision'])} | {_pct(s['recall'])} |")
    rows += [
        "",
        f"Findings on the {summary['clean_drafts']} clean drafts: **{summary['findings_on_clean_drafts']}**.",
        "",
        "| code | TP | FP | FN | precision | recall |",
        "|---|---|---|---|---|---|",
    ]
    for code, s in summary["codes"].items():
        rows.append(f"| `{code}` | {s['tp']} | {s['fp']} | {s['fn']} | {_pct(s['precision'])} | {_pct(s['recall'])} |")
    errors = [o for o in outcomes if o.missed or o.extra]
    rows += ["", "## Misses and false alarms", ""]
    if not errors:
        rows.append("None.")
    for o in errors:
        for label in o.missed:
            rows.append(f"- `{o.case.case_id}`: missed `{label.code}`" + (f" ({label.ref})" if label.ref else ""))
        for f in o.extra:
            rows.append(f"- `{o.case.case_id}`: unexpected `{f.code}` at {f.location}: {f.message}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def run(out_dir: Path) -> tuple[dict, list[Outcome]]:
    registry = SnapshotRegistry(DATA / "registry.json")
    outcomes = [score_case(case, list(review_file(case.path, registry).findings)) for case in build(out_dir)]
    return summarize(outcomes), outcomes


def main() -> None:
    parser = argparse.ArgumentParser(description="Precision and recall of troly review on labelled drafts")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = parser.parse_args()
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        summary, outcomes = run(Path(tmp))
    seconds = time.perf_counter() - start
    write_report(summary, outcomes, seconds)
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        print(REPORT.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
