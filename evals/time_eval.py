"""How well ``parse_when`` understands Vietnamese time expressions.

Each line of the data file is ``{"text", "expected": ISO datetime}`` or
``{"text", "clarify": true}``, optionally with ``"recurrence"`` (the rule as
``Recurrence.encode`` writes it) and ``"now"`` (default ``DEFAULT_NOW``, a Tuesday).
A datetime without an offset is Vietnamese time; an expected date without a time
("2026-12-15") checks the day only.

An answer is *correct* when the due datetime (and the recurrence, when one is
expected) is the expected one, or when a clarification was expected and asked.
A *wrong date* is a date where another date, or a question, was expected: it
must never happen. A *needless question* is a question where a date was
expected: it lowers accuracy but misleads nobody.

Two sets ship: ``time_expressions.jsonl`` (written with the parser) and
``time_expressions_unseen.jsonl`` (written afterwards, its expectations worked out
by hand before the parser first saw it; another "now", a Thursday afternoon).

    python -m evals.time_eval [--data FILE.jsonl ...] [--report FILE.md] [--json]
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from assistant.tasks.dates import TZ
from assistant.tasks.timeparse import When, parse_when
from knowledge.text import has_diacritics

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE / "data" / "time_expressions.jsonl"
UNSEEN_DATA = HERE / "data" / "time_expressions_unseen.jsonl"
DEFAULT_REPORT = HERE / "reports" / "time_parsing.md"
DEFAULT_NOW = "2026-11-24T10:15:00+07:00"


@dataclass(frozen=True)
class Outcome:
    text: str
    now: str
    expected: str  # ISO datetime (+ recurrence) or "clarify"
    got: str
    verdict: str  # correct, wrong, needless_question

    @property
    def diacritics(self) -> bool:
        return has_diacritics(self.text)


def judge(case: dict) -> Outcome:
    now = _aware(datetime.fromisoformat(case.get("now", DEFAULT_NOW)))
    result = parse_when(case["text"], now)
    if isinstance(result, When):
        got = result.due.isoformat() + (f" [{result.recurrence.encode()}]" if result.recurrence else "")
    else:
        got = f"clarify ({result.reason}): {result.question}"
    if case.get("clarify"):
        verdict = "wrong" if isinstance(result, When) else "correct"
        return Outcome(case["text"], now.isoformat(), "clarify", got, verdict)
    day_only = len(case["expected"]) == 10
    expected_due = _aware(datetime.fromisoformat(case["expected"]))
    expected = (case["expected"] if day_only else expected_due.isoformat()) + (
        f" [{case['recurrence']}]" if case.get("recurrence") else ""
    )
    if not isinstance(result, When):
        return Outcome(case["text"], now.isoformat(), expected, got, "needless_question")
    rule = result.recurrence.encode() if result.recurrence else None
    same = result.due.date() == expected_due.date() if day_only else result.due == expected_due
    verdict = "correct" if same and rule == case.get("recurrence") else "wrong"
    return Outcome(case["text"], now.isoformat(), expected, got, verdict)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=TZ)


def summarize(outcomes: list[Outcome]) -> dict[str, dict]:
    def figures(group: list[Outcome]) -> dict:
        n = len(group)
        correct = sum(o.verdict == "correct" for o in group)
        return {
            "n": n,
            "accuracy": round(correct / n, 4) if n else None,
            "wrong_dates": sum(o.verdict == "wrong" for o in group),
            "needless_questions": sum(o.verdict == "needless_question" for o in group),
            "clarifications_expected": sum(o.expected == "clarify" for o in group),
        }

    return {
        "all": figures(outcomes),
        "with_diacritics": figures([o for o in outcomes if o.diacritics]),
        "without_diacritics": figures([o for o in outcomes if not o.diacritics]),
    }


def write_report(path: Path, results: dict[str, tuple[dict, list[Outcome]]]) -> None:
    lines = [
        "# Vietnamese time expressions",
        "",
        f"Command: `python -m evals.time_eval`. Default now {DEFAULT_NOW} (a Tuesday) unless a line gives its own.",
        "",
        "| data | set | n | accuracy | wrong dates | needless questions | clarifications expected |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, (summary, _) in results.items():
        for group, figures in summary.items():
            lines.append(
                f"| {name} | {group} | {figures['n']} | {figures['accuracy']} | {figures['wrong_dates']} |"
                f" {figures['needless_questions']} | {figures['clarifications_expected']} |"
            )
    lines += ["", "## Misses", ""]
    misses = [(name, o) for name, (_, outcomes) in results.items() for o in outcomes if o.verdict != "correct"]
    if not misses:
        lines.append("None.")
    for name, outcome in misses:
        lines.append(f"- {name}: **{outcome.verdict}** “{outcome.text}” (now {outcome.now}): expected {outcome.expected}, got {outcome.got}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.time_eval", description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, action="append", help="JSONL file (repeatable); default: both shipped sets")
    parser.add_argument("--report", type=Path, default=DEFAULT_REPORT)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    results = {}
    for data in args.data or [DEFAULT_DATA, UNSEEN_DATA]:
        cases = [json.loads(line) for line in data.read_text(encoding="utf-8").splitlines() if line.strip()]
        outcomes = [judge(case) for case in cases]
        results[data.name] = (summarize(outcomes), outcomes)
    write_report(args.report, results)
    if args.json:
        print(json.dumps({name: summary for name, (summary, _) in results.items()}, ensure_ascii=False))
        return 0
    for name, (summary, outcomes) in results.items():
        for group, figures in summary.items():
            print(f"{name} {group}: {figures}")
        for outcome in outcomes:
            if outcome.verdict != "correct":
                print(f"  {outcome.verdict}: {outcome.text!r} expected {outcome.expected} got {outcome.got}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
