"""Do answers ever show replaced law as in force? Counted on what the user sees.

    python -m evals.validity_answers --data DATA_DIR [--today YYYY-MM-DD] [--feed FEED.tsv] [--out FILE.md]

Every question of the ALQAC sets (../shared/benchmarks/alqac/train2023.json and
train2025_covered.json) and of ``evals/data/validity_questions.json`` (questions on the
laws replaced in 2023–2025, with and without diacritics) is asked through
``Assistant.ask`` as an officer, over the knowledge base in DATA_DIR, judging validity
on ``--today``. The documents the feed (default: the shared
``legal/status/hieu-luc.tsv``) marks repealed or partially repealed on that day are the
reference. For each law citation of such a document in an answer:

- *shown as in force*: the citation's ``status`` is not the feed's (``in_force``,
  ``amended`` or anything else), or the answer's text calls its number "còn hiệu lực";
- *not said*: the text never says of its number "hết hiệu lực".

The target is 0 of both. On the replaced-law questions the report also counts whether
the first passage found and the first citation are in force when the replacing law is in
the knowledge base (``current``), and whether an answer quoting a replaced law whose
replacement is not in it says so.
Stores (conversations) go to a scratch folder: DATA_DIR's index is read, never written.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from evals.markdown import command_line, table, write_report
from knowledge.errors import BadInput
from knowledge.index.base import SearchFilters
from knowledge.models import SUPERSEDED
from knowledge.parsing.citations import number_key
from knowledge.parsing.status_feed import FeedRow, read_feed
from knowledge.settings import Settings

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
ALQAC = SHARED / "benchmarks" / "alqac"
SETS = {
    "ALQAC 2023 train": ALQAC / "train2023.json",
    "ALQAC 2025 train (covered)": ALQAC / "train2025_covered.json",
    "replaced laws (own set)": REPO / "evals" / "data" / "validity_questions.json",
}
FEED = SHARED / "knowledge" / "legal" / "status" / "hieu-luc.tsv"
REPORT = REPO / "evals" / "reports"
LAWS = SearchFilters(kinds=("law",), access=("public", "internal"))
NOT_IN_KB = "văn bản thay thế chưa có trong cơ sở dữ liệu"
_NUMBER = re.compile(r"\d+/\d{4}/")  # the start of another document's number


@dataclass(frozen=True)
class Question:
    text: str
    current: str | None = None  # the replacing law, when in the knowledge base: evidence in force should come first


@dataclass
class Tally:
    questions: int = 0
    with_law: int = 0  # answers citing a law
    citations: int = 0  # law citations
    superseded: int = 0  # citations of documents the feed marks repealed or partially repealed
    shown_in_force: list[str] = field(default_factory=list)
    not_said: list[str] = field(default_factory=list)
    current_expected: int = 0
    current_first: list[str] = field(default_factory=list)  # answers whose first law citation is in force
    current_missed: list[str] = field(default_factory=list)
    current_retrieved: list[str] = field(default_factory=list)  # searches whose first law passage is in force
    warned_expected: int = 0
    unwarned: list[str] = field(default_factory=list)


def load_questions(path: Path) -> list[Question]:
    data = json.loads(path.read_text(encoding="utf-8"))
    if path.name == "validity_questions.json":
        return [Question(q["question"], q.get("current")) for q in data]
    return [Question(q["text"]) for q in data]


def superseded_on(rows: tuple[FeedRow, ...], today: date) -> dict[str, FeedRow]:
    """The feed's documents repealed or partially repealed on ``today``, by number key."""
    return {row.key: row for row in rows if row.status in SUPERSEDED and row.since is not None and row.since <= today}


def says(text: str, number: str, words: str) -> bool:
    """Whether ``text`` says ``words`` of the document numbered ``number``: after its number and
    before any other document number ("45/2013/QH13, đã hết hiệu lực", "Luật … 45/2013/QH13 đã hết hiệu lực")."""
    for match in re.finditer(re.escape(number), text):
        after = text[match.end() : match.end() + 120]
        other = _NUMBER.search(after)
        if words in (after[: other.start()] if other else after):
            return True
    return False


def judge(answer, first_law: str | None, question: Question, repealed: dict[str, FeedRow], in_kb, tally: Tally, label: str) -> None:
    """Count one answer; ``first_law`` is the document of the search's first law passage, ``in_kb(number)``
    whether a document is in the knowledge base."""
    laws = [c for c in answer.citations if c.kind == "law"]
    tally.questions += 1
    tally.with_law += bool(laws)
    tally.citations += len(laws)
    for citation in laws:
        row = repealed.get(number_key(citation.id))
        if row is None:
            continue
        tally.superseded += 1
        if citation.status != row.status or says(answer.text, citation.id, "còn hiệu lực"):
            tally.shown_in_force.append(f"{label}: {citation.id} shown as {citation.status}")
        if not says(answer.text, citation.id, "hết hiệu lực"):
            tally.not_said.append(f"{label}: {citation.id} cited without saying it is no longer in force")
        if row.replaced_by and not any(in_kb(number) for number in row.replaced_by):
            tally.warned_expected += 1
            if NOT_IN_KB not in answer.text:
                tally.unwarned.append(f"{label}: cites {citation.id} without saying its replacement is not in the knowledge base")
    if question.current:
        tally.current_expected += 1
        if laws and number_key(laws[0].id) not in repealed:
            tally.current_first.append(label)
        else:
            first = f"{laws[0].id} first" if laws else f"no law cited ({answer.refusal_reason or answer.intent})"
            tally.current_missed.append(f"{label}: {first}")
        if first_law and number_key(first_law) not in repealed:
            tally.current_retrieved.append(label)


def run(data: Path, today: date, feed: Path) -> tuple[dict[str, Tally], float]:
    from assistant.core import Assistant

    repealed = superseded_on(read_feed(feed).rows, today)
    if not (data / "index").is_dir():
        raise BadInput(f"--data {data}: không có chỉ mục (no index folder)")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="troly-validity-") as scratch:
        work = Path(scratch)
        for part in ("index", "nlu"):  # read from DATA; the stores the answers write go to the scratch folder
            if (data / part).exists():
                (work / part).symlink_to((data / part).resolve())
        settings = replace(Settings.from_env({"TROLY_DATA_DIR": str(work)}), today=lambda: today, rate_per_minute=0)
        assistant = Assistant(settings)

        def in_kb(number: str) -> bool:
            entry = assistant.kb.registry.lookup(number)
            return entry is not None and entry.in_corpus

        tallies = {}
        for name, path in SETS.items():
            tally = tallies[name] = Tally()
            for n, question in enumerate(load_questions(path), 1):
                answer = assistant.ask(question.text, role="officer")
                first = assistant.kb.search(question.text, 1, LAWS) if question.current else []
                judge(answer, first[0].passage.doc_id if first else None, question, repealed, in_kb, tally,
                      f"{name} #{n} «{question.text[:60]}»")
    return tallies, time.perf_counter() - started


def render(tallies: dict[str, Tally], today: date, feed: Path, seconds: float, argv: list[str] | None) -> str:
    rows = [
        [name, str(t.questions), str(t.with_law), str(t.citations), str(t.superseded), str(len(t.shown_in_force)), str(len(t.not_said))]
        for name, t in tallies.items()
    ]
    total = [sum(getattr(t, k) if isinstance(getattr(t, k), int) else len(getattr(t, k)) for t in tallies.values())
             for k in ("questions", "with_law", "citations", "superseded", "shown_in_force", "not_said")]
    rows.append(["**all**", *(f"**{n}**" for n in total)])
    own = tallies["replaced laws (own set)"]
    lines = [
        "# Replaced law in answers",
        "",
        f"Produced by `{command_line('evals.validity_answers', argv)}` in {seconds:.0f} s; validity judged on"
        f" {today.isoformat()}, reference feed `{feed.name}` (documents it marks repealed or partially repealed on that"
        " day). Every question asked through `Assistant.ask` as an officer on the whole knowledge base; what is"
        " counted is what the user sees: each law citation's `status` and the answer's text.",
        "",
        table(["set", "questions", "answers citing a law", "law citations", "citations of replaced documents",
               "shown as in force", "not said to be replaced"], rows),
        "",
        "## Replaced-law questions",
        "",
        "When the replacing law is in the knowledge base (Luật Đất đai 2024, Luật Nhà ở 2023, Nghị định 168/2024):",
        "",
        f"- search (`kb.search`, laws): first passage from a document in force {len(own.current_retrieved)}/{own.current_expected}",
        f"- answer: first citation from a document in force {len(own.current_first)}/{own.current_expected}"
        " (an answer that cites no law counts as a miss)",
        "",
        f"Citations of a replaced law whose replacement is not in the knowledge base, in answers that say so"
        f" (\"{NOT_IN_KB}\"): {own.warned_expected - len(own.unwarned)}/{own.warned_expected}.",
        "",
        "Answers without a document in force first:",
        "",
    ]
    lines += [f"- {label}" for label in own.current_missed] or ["None."]
    lines += [
        "",
        "## Violations",
        "",
    ]
    problems = [p for t in tallies.values() for p in t.shown_in_force + t.not_said + t.unwarned]
    lines += [f"- {p}" for p in problems] or ["None."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.validity_answers", description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="a TROLY_DATA_DIR with an index of the whole knowledge base")
    parser.add_argument("--today", type=date.fromisoformat, default=date.today())
    parser.add_argument("--feed", type=Path, default=FEED)
    parser.add_argument("--out", type=Path, default=REPORT / "validity_answers.md")
    args = parser.parse_args(argv)
    try:
        tallies, seconds = run(args.data, args.today, args.feed)
    except BadInput as error:
        print(error, file=sys.stderr)
        return 2
    report = write_report(args.out.parent, args.out.name, render(tallies, args.today, args.feed, seconds, argv))
    shown = sum(len(t.shown_in_force) for t in tallies.values())
    print(f"{sum(t.superseded for t in tallies.values())} citations of replaced documents, {shown} shown as in force,"
          f" {sum(len(t.not_said) for t in tallies.values())} not said -> {report}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
