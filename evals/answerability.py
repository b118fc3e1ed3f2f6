"""Does the assistant answer what the knowledge base answers, and refuse what it does not?

    python -m evals.answerability --data DIR [--set dev|heldout] [--calibrate] [--json]

Sets (evals/data/answerability_dev.jsonl, answerability_heldout.jsonl; how they were written is
in evals/data/README.md): answerable questions — legal and procedure, with and without
diacritics — and questions the knowledge base cannot answer (topics it lacks, other countries,
prices, opinions, laws it does not hold). Every question goes through ``Assistant.ask`` twice,
as a citizen and as an officer, each in a conversation of its own, on the index of DIR with
fresh stores. "Answered" is an answer with citations and no refusal; a refusal is expected to be
``no_grounding`` or ``out_of_scope``. Reported: precision (answered questions that are
answerable), recall (answerable questions answered), the right source among the citations, and
the refusals by category.

``--calibrate`` (development sets only) measures, for each question of the answerability development
set and of the other development sets (every fourth ALQAC question, the citizen-worded legal and the
procedure questions, all answerable), what the decide step's
answerability rule reads (``assistant.pipeline.answerable.Verdict``: the coverage of the best law and
procedure candidates, the classifier's out-of-scope probability, the cues and the laws held) and
prints the thresholds that give the best F1 on the first among those that answer at least 90% of
the others, over a grid, one kind at a time with the other as configured; the chosen values are
written into ``answerable.THRESHOLDS`` by hand. Writes
evals/reports/answerability.md and .json (not with --calibrate).
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from evals.command import run
from evals.markdown import command_line, table, write_report
from evals.routing import fresh_data_dir
from knowledge.errors import BadInput

EVALS = Path(__file__).resolve().parent
SETS = {"dev": EVALS / "data" / "answerability_dev.jsonl", "heldout": EVALS / "data" / "answerability_heldout.jsonl"}
REPORTS = EVALS / "reports"
ROLES = ("citizen", "officer")


@dataclass(frozen=True)
class Case:
    id: str
    question: str
    answerable: bool
    category: str
    style: str
    gold: tuple[str, ...]  # "số hiệu:Điều" or mã thủ tục


def load_cases(path: Path) -> list[Case]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise BadInput(f"không tìm thấy tệp: {path} (file not found)") from None
    cases = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            r = json.loads(line)
            cases.append(Case(r["id"], r["question"], bool(r["answerable"]), r["category"], r["style"], tuple(r["gold"])))
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise BadInput(f"{path}, dòng {number}: cần {{id, question, answerable, category, style, gold}} ({exc})") from None
    return cases


@dataclass
class Outcome:
    case: Case
    role: str
    answered: bool
    right: bool
    refusal: str | None
    shown: str  # what the user saw, in one line


@dataclass
class Scores:
    outcomes: list[Outcome] = field(default_factory=list)

    def _count(self, answerable: bool | None = None, answered: bool | None = None) -> int:
        return sum(
            (answerable is None or o.case.answerable == answerable) and (answered is None or o.answered == answered)
            for o in self.outcomes
        )

    @property
    def precision(self) -> float:
        answered = self._count(answered=True)
        return self._count(answerable=True, answered=True) / answered if answered else float("nan")

    @property
    def recall(self) -> float:
        answerable = self._count(answerable=True)
        return self._count(answerable=True, answered=True) / answerable if answerable else float("nan")

    def to_json(self) -> dict:
        return {
            "n": len(self.outcomes), "precision": round(self.precision, 3), "recall": round(self.recall, 3),
            "answered": self._count(answered=True), "answerable": self._count(answerable=True),
            "right_source": sum(o.right for o in self.outcomes if o.case.answerable),
        }


def _cited(answer) -> set[str]:
    return {f"{c.id}:{c.article}" if c.kind == "law" else c.id for c in answer.citations} | {c.value for c in answer.choices}


def ask_all(assistant, cases: list[Case]) -> Scores:
    scores = Scores()
    for case in cases:
        for role in ROLES:
            answer = assistant.ask(case.question, session_id=f"answerability-{case.id}-{role}", role=role, channel="web")
            answered = answer.refusal_reason is None and bool(answer.citations or answer.choices)
            first = (answer.citations[0].label or answer.citations[0].title) if answer.citations else ""
            route = answer.extras.get("route", {}).get("reason", "")
            shown = f"{answer.intent} ({route}) {answer.refusal_reason or ''} {first[:80]}".strip()
            right = bool(set(case.gold) & _cited(answer))
            scores.outcomes.append(Outcome(case, role, answered, right, answer.refusal_reason, shown))
    return scores


# --- calibration -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Reading:
    """What the answerability rule reads for one question asked in one role."""

    case: Case
    role: str
    verdict: object  # assistant.pipeline.answerable.Verdict


def readings(assistant, cases: list[Case], roles: tuple[str, ...] = ROLES) -> list[Reading]:
    """The decide step's verdict on each question, from the steps before it (normalise … retrieve)."""
    from assistant.pipeline import Turn

    steps = {step.name: step for step in assistant.pipeline.steps}
    found = []
    for case in cases:
        for role in roles:
            session = assistant.sessions.start(f"calibrate-{case.id}-{role}", role, "web")
            turn = Turn(message=case.question, session=session, role=role, now=_now())
            for name in ("normalise", "guard", "understand", "retrieve"):
                steps[name](turn)
            found.append(Reading(case, role, steps["decide"].judge(turn)))
    return found


def _now():
    from datetime import datetime
    from zoneinfo import ZoneInfo

    return datetime.now(ZoneInfo("Asia/Ho_Chi_Minh"))


GRID = {
    "coverage": (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5),
    "out_of_scope": (0.5, 0.6, 0.7, 0.8, 0.9, 1.01),
    "decisive": (0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 1.01),
}


def _scores(readings_: list[Reading], rules: dict) -> tuple[float, float]:
    """(precision, recall) of the rule with ``rules`` in place of the configured thresholds."""
    from assistant.pipeline import answerable

    saved = dict(answerable.THRESHOLDS)
    answerable.THRESHOLDS.update(rules)
    try:
        tp = fp = fn = 0
        for r in readings_:
            answered = r.verdict.law_answers or r.verdict.procedure_answers
            tp += answered and r.case.answerable
            fp += answered and not r.case.answerable
            fn += not answered and r.case.answerable
    finally:
        answerable.THRESHOLDS.clear()
        answerable.THRESHOLDS.update(saved)
    return (tp / (tp + fp) if tp + fp else 0.0), (tp / (tp + fn) if tp + fn else 0.0)


def development_answerable() -> list[Case]:
    """Answerable questions of the other development sets: every fourth ALQAC question, the citizen-worded
    legal questions, the procedure questions. They keep the rule from refusing what the short, plain
    questions of the answerability set do not represent (forum wording, long ALQAC statements)."""
    from evals.routing import alqac_questions, citizen_legal_questions, procedure_questions

    sets = {"alqac": alqac_questions()[::4], "citizen_legal": citizen_legal_questions(), "procedures": procedure_questions("citizen")}
    return [
        Case(f"{name}-{i}", q.text, True, name, "", ())
        for name, questions in sets.items() for i, q in enumerate(questions)
    ]


def calibrate(dev: list[Reading], others: list[Reading], min_recall: float = 0.9, top: int = 8) -> list[str]:
    """The thresholds of each kind (the other as configured) with the best F1 on the answerability
    development set among those answering at least ``min_recall`` of the other development sets."""
    from assistant.pipeline.answerable import THRESHOLDS, Thresholds

    lines = []
    for kind in ("law", "procedure"):
        results = []
        for values in itertools.product(*GRID.values()):
            rule = Thresholds(**dict(zip(GRID, values)))
            precision, recall = _scores(dev, {kind: rule})
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            results.append((f1, precision, recall, _scores(others, {kind: rule})[1], rule))
        kept = sorted((r for r in results if r[3] >= min_recall), key=lambda r: (-r[0], -r[3]))
        lines.append(f"{kind} (the other kind as configured: {THRESHOLDS['procedure' if kind == 'law' else 'law']})")
        lines += [f"  dev F1 {f:.3f} P {p:.3f} R {r:.3f}; other sets answered {o:.3f}  {rule}" for f, p, r, o, rule in kept[:top]]
    precision, recall = _scores(dev, {})
    lines.append(f"as configured: dev P {precision:.3f} R {recall:.3f}; other sets answered {_scores(others, {})[1]:.3f}")
    return lines


# --- report -------------------------------------------------------------------------------------

def markdown(name: str, scores: Scores, argv: list[str] | None) -> str:
    lines = [
        "# Answerability: answer what the knowledge base answers, refuse the rest",
        "",
        f"Generated by `{command_line('evals.answerability', argv)}` on the {name} set "
        f"({len({o.case.id for o in scores.outcomes})} questions, each asked as a citizen and as an officer). "
        "Answered = an answer with citations and no refusal. Precision = answered questions that are answerable; "
        "recall = answerable questions answered.",
        "",
    ]
    rows = []
    for role in (*ROLES, None):
        part = Scores([o for o in scores.outcomes if role is None or o.role == role])
        j = part.to_json()
        rows.append([role or "both", str(j["n"]), f"{j['precision']:.3f}", f"{j['recall']:.3f}",
                     f"{j['right_source']}/{j['answerable']}"])
    lines.append(table(["role", "asked", "precision", "recall", "right source cited (answerable)"], rows))
    lines += ["", "## By category", ""]
    rows = []
    for category in dict.fromkeys(o.case.category for o in scores.outcomes):
        part = [o for o in scores.outcomes if o.case.category == category]
        answered = sum(o.answered for o in part)
        refusals = Counter(o.refusal for o in part if o.refusal)
        rows.append([category, str(len(part)), str(answered),
                     ", ".join(f"{k} {v}" for k, v in refusals.most_common()) or "–"])
    lines.append(table(["category", "asked", "answered", "refusals"], rows))
    wrong = [o for o in scores.outcomes if o.answered != o.case.answerable]
    if wrong:
        lines += ["", f"## Wrong decisions ({len(wrong)})", ""]
        lines += [f"- [{o.role}] {o.case.question} → {'answered' if o.answered else 'refused'}: {o.shown}" for o in wrong]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.answerability", description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="a data dir with an index of the whole knowledge base")
    parser.add_argument("--set", choices=sorted(SETS), default="heldout")
    parser.add_argument("--calibrate", action="store_true", help="search the thresholds on the development set")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--reports", type=Path, default=REPORTS)
    args = parser.parse_args(argv)
    if args.calibrate and args.set != "dev":
        raise BadInput("--calibrate reads the development set only (--set dev): the held-out set is for reporting")
    cases = load_cases(SETS[args.set])
    with tempfile.TemporaryDirectory(prefix="troly-answerability-") as workdir:
        os.environ["TROLY_DATA_DIR"] = str(fresh_data_dir(args.data, Path(workdir)))
        from assistant.core import Assistant
        from knowledge.settings import Settings

        assistant = Assistant(Settings.from_env())
        try:
            if args.calibrate:
                others = readings(assistant, development_answerable(), roles=("officer",))
                print("\n".join(calibrate(readings(assistant, cases), others)))
                return 0
            scores = ask_all(assistant, cases)
        finally:
            assistant.kb.close()
    report = markdown(args.set, scores, argv)
    write_report(args.reports, f"answerability_{args.set}.md", report)
    write_report(args.reports, f"answerability_{args.set}.json", json.dumps(scores.to_json(), indent=1))
    print(json.dumps(scores.to_json(), indent=1) if args.json else report)
    return 0


if __name__ == "__main__":
    run(main)
