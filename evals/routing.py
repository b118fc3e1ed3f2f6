"""Routing on questions written outside the assistant: is each answered the way it was asked?

    python -m evals.routing --data DIR [--limit N] [--json]

Every ALQAC question (../shared/benchmarks/alqac train2023.json and train2025_covered.json,
deduplicated; all are legal questions) goes through ``Assistant.ask`` as a signed-in officer;
the 156 citizen-worded legal questions of evals/data/legal_citizen_questions.json as a citizen;
the procedure questions of evals/data/procedure_questions.jsonl once as an officer and once as a
citizen. Each question starts a conversation of its own, on the index of DIR with fresh
conversation, ticket, task and user stores (a throwaway folder), so that what the questions
create can be counted in the stores: tickets (phản ánh, kiến nghị), handovers, reminders
(tasks) and drafts (files). A question must create none.

Figures per set: the share answered as a legal question with a law citation (legal sets), the
share given a procedure answer or a numbered choice of procedures (procedure sets), the right
article or procedure among the citations, refusals by reason, routes by reason
(``Answer.extras["route"]``), side effects, latency. Writes evals/reports/routing.md and
routing.json.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from assistant.tasks.store import STATUSES
from evals.command import run
from evals.markdown import command_line, table, write_report
from knowledge.errors import BadInput
from knowledge.text import fold

EVALS = Path(__file__).resolve().parent
REPO = EVALS.parent
ALQAC = REPO.parent / "shared" / "benchmarks" / "alqac"
REPORTS = EVALS / "reports"
# What a data dir's stores are copied from, or linked to: the index and the vector cache are only read.
_LINKED = ("index", "cache")
_COPIED = ("nlu",)


@dataclass(frozen=True)
class Question:
    text: str
    role: str
    kind: str  # "legal" or "procedure"
    gold: frozenset[tuple[str, str]] | frozenset[str]  # (folded law title, article) or procedure codes


@dataclass
class SetResult:
    name: str
    kind: str
    role: str
    n: int = 0
    answered: int = 0  # legal: a law citation; procedure: a procedure answer or choice
    right: int = 0  # the gold article / procedure among the citations or choices
    refusals: Counter = field(default_factory=Counter)
    intents: Counter = field(default_factory=Counter)
    routes: Counter = field(default_factory=Counter)
    side_effects: Counter = field(default_factory=Counter)
    latencies_ms: list[float] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)  # "question → what the user got", for the report

    def to_json(self) -> dict:
        return {
            "name": self.name, "kind": self.kind, "role": self.role, "n": self.n,
            "answered": self.answered, "answered_share": round(self.answered / self.n, 4) if self.n else None,
            "right": self.right, "right_share": round(self.right / self.n, 4) if self.n else None,
            "refusals": dict(self.refusals), "intents": dict(self.intents), "routes": dict(self.routes),
            "side_effects": dict(self.side_effects), "latency_ms_p50": _percentile(self.latencies_ms, 0.5),
            "latency_ms_p95": _percentile(self.latencies_ms, 0.95), "misses": self.misses,
        }


def _percentile(values: list[float], share: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[int(share * (len(ordered) - 1))], 1) if share != 0.5 else round(statistics.median(ordered), 1)


def _read_json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BadInput(f"không tìm thấy tệp: {path} (file not found)") from None


def alqac_questions() -> list[Question]:
    """ALQAC train 2023 and 2025 (covered), each text once, asked as an officer."""
    seen: set[str] = set()
    questions = []
    for name in ("train2023.json", "train2025_covered.json"):
        for record in _read_json(ALQAC / name):
            if record["text"] in seen:
                continue
            seen.add(record["text"])
            gold = frozenset((fold(a["law_id"]), str(a["article_id"])) for a in record["relevant_articles"])
            questions.append(Question(record["text"], "officer", "legal", gold))
    return questions


def citizen_legal_questions() -> list[Question]:
    records = _read_json(EVALS / "data" / "legal_citizen_questions.json")
    return [
        Question(r["text"], "citizen", "legal", frozenset((fold(a["law_id"]), str(a["article_id"])) for a in r["relevant_articles"]))
        for r in records
    ]


def procedure_questions(role: str) -> list[Question]:
    lines = (EVALS / "data" / "procedure_questions.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines if line.strip()]
    return [Question(r["question"], role, "procedure", frozenset(r["relevant_procedures"])) for r in records]


def fresh_data_dir(data: Path, workdir: Path) -> Path:
    """A data dir that reads ``data``'s index and starts with empty stores (conversations, tickets, tasks, users)."""
    if not (data / "index").is_dir():
        raise BadInput(f"--data {data}: no index there (run troly ingest with TROLY_DATA_DIR={data})")
    fresh = workdir / "data"
    fresh.mkdir()
    for name in _LINKED:
        if (data / name).exists():
            (fresh / name).symlink_to((data / name).resolve())
    for name in _COPIED:
        if (data / name).exists():
            shutil.copytree(data / name, fresh / name)
    return fresh


class SideEffects:
    """What the assistant's stores hold that a message can create: tickets by kind, tasks, draft files."""

    def __init__(self, assistant):
        self.assistant = assistant

    def counts(self) -> Counter:
        counts = Counter()
        for ticket in self.assistant.tickets.list(status=None):
            counts["handover" if ticket.kind == "handover" else "ticket"] += 1
        counts["reminder"] = len(self.assistant.tasks.tasks(statuses=STATUSES))
        drafts = self.assistant.settings.data_dir / "drafts"
        counts["draft"] = len(list(drafts.glob("*.docx"))) if drafts.is_dir() else 0
        return counts


def _cited(answer) -> tuple[set[tuple[str, str]], set[str]]:
    laws = {(fold(c.title), str(c.article)) for c in answer.citations if c.kind == "law"}
    procedures = {c.id for c in answer.citations if c.kind == "procedure"} | {c.value for c in answer.choices}
    return laws, procedures


def _shown(answer) -> str:
    first = answer.citations[0].label or answer.citations[0].title if answer.citations else ""
    route = answer.extras.get("route", {})
    reason = f" ({route.get('reason')})" if route else ""
    return f"{answer.intent}{reason} {answer.refusal_reason or ''} {first}".strip()


def run_set(assistant, name: str, questions: list[Question], user) -> SetResult:
    result = SetResult(name, questions[0].kind, questions[0].role)
    effects = SideEffects(assistant)
    before = effects.counts()
    for i, question in enumerate(questions):
        started = time.perf_counter()
        answer = assistant.ask(
            question.text, session_id=f"routing-{name.split()[0]}-{question.role}-{i}", role=question.role,
            user=user if question.role == "officer" else None, channel="web",
        )
        result.latencies_ms.append((time.perf_counter() - started) * 1000)
        result.n += 1
        result.intents[answer.intent] += 1
        if answer.refusal_reason:
            result.refusals[answer.refusal_reason] += 1
        route = answer.extras.get("route")
        if route:
            result.routes[f"{route['skill']}: {route['reason']}"] += 1
        laws, procedures = _cited(answer)
        if question.kind == "legal":
            answered = bool(laws) and answer.refusal_reason is None
            right = bool(laws & question.gold)
        else:
            answered = bool(procedures) and answer.refusal_reason is None
            right = bool(procedures & question.gold)
        result.answered += answered
        result.right += right
        if not answered and len(result.misses) < 40:
            result.misses.append(f"{question.text[:110]} → {_shown(answer)}")
    after = effects.counts()
    result.side_effects = Counter({kind: after[kind] - before[kind] for kind in after if after[kind] != before[kind]})
    return result


def evaluate(data: Path, limit: int | None = None) -> list[SetResult]:
    sets = {
        "ALQAC (officer)": alqac_questions(),
        "citizen legal (citizen)": citizen_legal_questions(),
        "procedures (officer)": procedure_questions("officer"),
        "procedures (citizen)": procedure_questions("citizen"),
    }
    with tempfile.TemporaryDirectory(prefix="troly-routing-") as workdir:
        fresh = fresh_data_dir(data, Path(workdir))
        os.environ["TROLY_DATA_DIR"] = str(fresh)
        from assistant.core import Assistant
        from knowledge.settings import Settings

        assistant = Assistant(Settings.from_env())
        officer = assistant.users.add_user("Cán bộ đánh giá", "officer", "Văn phòng UBND")
        try:
            return [run_set(assistant, name, questions[:limit], officer) for name, questions in sets.items()]
        finally:
            assistant.kb.close()


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.1%} ({part}/{whole})" if whole else "–"


def markdown(results: list[SetResult], argv: list[str] | None) -> str:
    lines = [
        "# Routing: questions asked the way people ask them",
        "",
        f"Generated by `{command_line('evals.routing', argv)}`. Each question in a conversation of its own, through "
        "`Assistant.ask`, on the whole knowledge base with empty stores; \"answered\" is a law citation for the legal "
        "sets (target ≥ 98% on ALQAC) and a procedure answer or choice for the procedure sets; \"right\" is the gold "
        "article or procedure among the citations or choices. Side effects are counted in the stores (target 0).",
        "",
    ]
    rows = []
    for r in results:
        effects = ", ".join(f"{k} {v}" for k, v in sorted(r.side_effects.items())) or "0"
        refusals = ", ".join(f"{k} {v}" for k, v in r.refusals.most_common()) or "0"
        rows.append([
            r.name, str(r.n), _share(r.answered, r.n), _share(r.right, r.n), refusals, effects,
            f"{_percentile(r.latencies_ms, 0.5)} / {_percentile(r.latencies_ms, 0.95)} ms",
        ])
    lines.append(table(["set (role)", "n", "answered", "right source cited", "refusals", "side effects", "ask p50 / p95"], rows))
    for r in results:
        lines += ["", f"## {r.name}", "", "Intents: " + ", ".join(f"{k} {v}" for k, v in r.intents.most_common()) + "."]
        if r.routes:
            lines.append("Routes: " + ", ".join(f"{k} {v}" for k, v in r.routes.most_common()) + ".")
        if r.misses:
            lines += ["", f"Not answered ({r.n - r.answered}; up to 40 shown):", ""]
            lines += [f"- {miss}" for miss in r.misses]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.routing", description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="a data dir with an index of the whole knowledge base")
    parser.add_argument("--limit", type=int, help="only the first N questions of each set (a quick look)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--reports", type=Path, default=REPORTS)
    args = parser.parse_args(argv)
    if args.limit is not None and args.limit < 1:
        raise BadInput("--limit must be a positive number")
    results = evaluate(args.data, args.limit)
    report = markdown(results, argv)
    if args.limit is None:
        write_report(args.reports, "routing.md", report)
        write_report(args.reports, "routing.json", json.dumps([r.to_json() for r in results], ensure_ascii=False, indent=1))
    print(json.dumps([r.to_json() for r in results], ensure_ascii=False, indent=1) if args.json else report)
    return 0


if __name__ == "__main__":
    run(main)
