"""What the answers say and how they look: quotes, "Xem thêm", the citizen's first answer, follow-ups.

    python -m evals.presentation --data DATA_DIR [--questions FILE] [--out evals/reports/presentation.md]

Runs ``evals/data/presentation_questions.jsonl`` through ``Assistant.ask`` on the knowledge base
in DATA_DIR (a copy of its conversation stores is used, the index is only read) and counts:

- legal questions (asked as an officer, understood as legal questions so that routing, which
  another part of the pipeline decides, does not hide the answer): the first quote holds every
  ``expect`` text (the part that answers: the list after a lead ending with ":", the figure, the
  period); a "Xem thêm" citation is padding when its document (or article) is not among the
  question's ``related`` ones, read and annotated by hand;
- procedure questions (as a citizen; a numbered choice is answered with the expected procedure's
  number, as the citizen would): the first answer's lines and characters, whether its checklist
  opens with a paper needed only in a special case, and its processing time's unit;
- follow-ups: the last turn stays on the procedures under discussion (never a new, unrelated search);
- ALQAC (train 2023 + 2025 covered, whole knowledge base): "Xem thêm" citations from another law
  than the gold article's; and, over every procedure of the knowledge base, how many processing
  times are shown without a unit.
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from assistant.core import Assistant
from assistant.nlu import NluResult
from assistant.skills import procedure_view
from evals.markdown import command_line, table, write_report
from knowledge.errors import BadInput
from knowledge.settings import Settings
from knowledge.text import fold

DATA = Path(__file__).parent / "data" / "presentation_questions.jsonl"
REPORTS = Path(__file__).parent / "reports"
ALQAC = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "alqac"
ALQAC_SETS = ("train2023.json", "train2025_covered.json")
LEGAL = NluResult("legal_question", 1.0, (), ())
FIT_LINES = 14  # "about 12 lines"
_UNIT = r"(?:ngày|giờ|tháng|năm|tuần|phút)"
_BARE_NUMBER = re.compile(rf"(?<![\d.,/–-])\d+(?:\s*[-–]\s*\d+)?(?![\d.,/–-])(?!\s*{_UNIT})", re.IGNORECASE)
_CONDITIONAL = re.compile(r"^(?:xuat trinh: )?(?:\(?[ivx\d]+\)\s*)?(?:truong hop|neu|doi voi|van ban uy quyen|giay uy quyen)")


@dataclass
class Case:
    id: str
    kind: str
    record: dict

    @property
    def turns(self) -> list[str]:
        return self.record.get("turns") or [self.record["question"]]


@dataclass
class Tally:
    rows: list[list[str]] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)


def load_cases(path: Path) -> list[Case]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise BadInput(f"không tìm thấy tệp câu hỏi: {path} (file not found)") from None
    cases = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            cases.append(Case(record["id"], record["kind"], record))
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise BadInput(f"{path}, dòng {number}: cần {{\"id\", \"kind\", ...}} ({exc})") from None
    return cases


def _related(citation, related: list[str]) -> bool:
    return citation.id in related or f"{citation.id}:{citation.article}" in related


def time_shown(text: str) -> str:
    """How a processing time is shown: "unit", "no unit, said and agency named", "no unit, said", "bare".
    What it quotes («1», «…trong 05 ngày làm việc…») is not what it shows."""
    text = re.sub(r"«[^»]*»", "", text)
    if not _BARE_NUMBER.search(text):
        return "unit"
    folded = fold(text)
    if "khong ghi don vi" in folded or "chua ghi" in folded:
        return "no unit, said, agency named" if re.search(r"\bhoi\b", folded) else "no unit, said"
    return "bare"


def _time_line(text: str) -> str:
    return next((line for line in text.split("\n") if fold(line).startswith(("thoi han giai quyet", "thoi gian giai quyet"))), "")


def legal(assistant: Assistant, cases: list[Case]) -> Tally:
    tally = Tally()
    for case in cases:
        answer = assistant.ask(case.record["question"], role="officer", understood=LEGAL)
        first = answer.citations[0] if answer.citations else None
        expect = case.record.get("expect", [])
        quotes = bool(first and expect and all(e in (first.text or "") for e in expect))
        more = list(answer.citations[1:])
        padding = [c for c in more if not _related(c, case.record.get("related", []))]
        tally.counts["questions"] += 1
        tally.counts["with an expected part"] += bool(expect)
        tally.counts["quote the part that answers"] += quotes
        tally.counts["answered (a citation)"] += first is not None
        tally.counts["'Xem thêm' citations"] += len(more)
        tally.counts["'Xem thêm' padding"] += len(padding)
        tally.counts["answers with padding"] += bool(padding)
        tally.rows.append([
            case.id, case.record["question"], (first.label or first.id) if first else f"({answer.refusal_reason})",
            "yes" if quotes else ("—" if not expect else "no"),
            "; ".join(c.label or c.id for c in more) or "—",
            "; ".join(c.label or c.id for c in padding) or "—",
        ])
    return tally


def _reach(assistant: Assistant, case: Case, session: str):
    """The answer detailing the case's procedure: directly, or after picking it among the options."""
    answer = assistant.ask(case.record["question"], session_id=session)
    code = case.record["procedure"]
    if answer.choices:
        number = next((c.number for c in answer.choices if c.value == code), None)
        if number is None:
            return None
        answer = assistant.ask(str(number), session_id=session)
    cited = [c.id for c in answer.citations if c.kind == "procedure"]
    return answer if cited == [code] else None


def procedures(assistant: Assistant, cases: list[Case]) -> Tally:
    tally = Tally()
    for case in cases:
        answer = _reach(assistant, case, f"presentation-{case.id}")
        tally.counts["questions"] += 1
        if answer is None:
            tally.counts["procedure not reached"] += 1
            tally.rows.append([case.id, case.record["question"], "not reached", "", "", "", ""])
            continue
        lines = [line for line in answer.text.split("\n") if line.strip()]
        time = time_shown(_time_line(answer.text)) if _time_line(answer.text) else "not shown"
        opens_special = bool(answer.checklist) and bool(_CONDITIONAL.match(fold(answer.checklist[0])))
        tally.counts["reached"] += 1
        tally.counts[f"fit {FIT_LINES} lines"] += len(lines) <= FIT_LINES
        tally.counts["checklist opens with a special case"] += opens_special
        tally.counts[f"time: {time}"] += 1
        tally.counts["'Xem chi tiết' sections"] += len(answer.to_json().get("details", []))
        tally.rows.append([
            case.id, case.record["question"], case.record["procedure"], str(len(lines)), str(len(answer.text)),
            "yes" if opens_special else "no", time,
        ])
    return tally


def followups(assistant: Assistant, cases: list[Case]) -> Tally:
    tally = Tally()
    for case in cases:
        session = f"presentation-{case.id}"
        for turn in case.turns:
            answer = assistant.ask(turn, session_id=session)
        allowed = set(case.record["stays_on"])
        cited = {c.id for c in answer.citations}
        stays = not (cited - allowed) and (bool(cited) or bool(answer.choices) or answer.refusal_reason is None)
        mentions = all(m in answer.text for m in case.record.get("mentions", []))
        time = time_shown(answer.text) if case.record.get("time") else ""
        tally.counts["conversations"] += 1
        tally.counts["stay on the procedures discussed"] += stays
        tally.counts["say what was asked"] += stays and mentions
        if time:
            tally.counts[f"time: {time}"] += 1
        tally.rows.append([
            case.id, " → ".join(case.turns), "yes" if stays and mentions else "no",
            "; ".join(sorted(cited)) or "—", answer.text.split("\n")[0][:110],
        ])
    return tally


def alqac_padding(assistant: Assistant) -> Tally:
    """'Xem thêm' from another law than the gold article's, on every ALQAC question (legal skill alone)."""
    from assistant.skills.legal_qa import CANDIDATES, LegalQA
    from assistant.security.roles import filters_for

    legal_qa = LegalQA(assistant.kb)
    by_title: dict[str, set[str]] = {}
    for entry in assistant.kb.registry.entries():
        if entry.in_corpus:
            by_title.setdefault(fold(entry.title), set()).add(entry.doc_id)
    filters = filters_for("officer", kinds=("law", "document"))
    tally = Tally()
    for name in ALQAC_SETS:
        path = ALQAC / name
        if not path.exists():
            continue
        for question in json.loads(path.read_text(encoding="utf-8")):
            gold = {(doc, str(r["article_id"])) for r in question["relevant_articles"] for doc in by_title.get(fold(r["law_id"]), ())}
            gold_docs = {doc for doc, _ in gold}
            chosen = legal_qa.select(question["text"], assistant.kb.search(question["text"], CANDIDATES, filters))
            keys = [(e.passage.doc_id, e.passage.article) for e, _ in chosen]
            tally.counts["questions"] += 1
            tally.counts["answered"] += bool(keys)
            tally.counts["first is a gold article"] += bool(keys) and keys[0] in gold
            tally.counts["'Xem thêm' citations"] += len(keys[1:])
            tally.counts["'Xem thêm' gold articles"] += sum(k in gold for k in keys[1:])
            tally.counts["'Xem thêm' from another law"] += sum(k[0] not in gold_docs for k in keys[1:])
            tally.counts["answers with 'Xem thêm' from another law"] += any(k[0] not in gold_docs for k in keys[1:])
    return tally


def corpus_times(assistant: Assistant) -> Counter:
    """How every procedure's processing time is shown (``procedure_view.times``)."""
    return Counter(time_shown(procedure_view.times(p)) for p in assistant.kb.retriever.passages.procedures())


def _counts(counter: Counter) -> str:
    return table(["measure", "count"], [[key, str(value)] for key, value in counter.items()])


def report(data_dir: Path, questions: Path, argv: list[str] | None, with_alqac: bool = True) -> str:
    cases = load_cases(questions)
    with tempfile.TemporaryDirectory(prefix="troly-presentation-") as tmp:
        work = Path(tmp) / "data"
        work.mkdir()
        (work / "index").symlink_to((data_dir / "index").resolve())
        if (data_dir / "nlu").exists():
            shutil.copytree(data_dir / "nlu", work / "nlu")
        if (data_dir / "cache").exists():
            (work / "cache").symlink_to((data_dir / "cache").resolve())
        assistant = Assistant(Settings.from_env({"TROLY_DATA_DIR": str(work)}))
        legal_tally = legal(assistant, [c for c in cases if c.kind == "legal"])
        procedure_tally = procedures(assistant, [c for c in cases if c.kind == "procedure"])
        followup_tally = followups(assistant, [c for c in cases if c.kind == "followup"])
        alqac = alqac_padding(assistant) if with_alqac else None
        times = corpus_times(assistant)
    parts = [
        "# Presentation: what the answers say and how they look",
        "",
        f"`{command_line('evals.presentation', argv)}` on `{data_dir}` ({len(cases)} cases in `{questions.name}`).",
        "",
        "## Legal answers (officer; understood as legal questions)",
        "",
        _counts(legal_tally.counts),
        "",
        table(["id", "question", "first citation", "quotes the part", "Xem thêm", "padding"], legal_tally.rows),
        "",
        "## A citizen's first answer to a procedure question",
        "",
        _counts(procedure_tally.counts),
        "",
        table(["id", "question", "procedure", "lines", "chars", "opens with a special case", "time"], procedure_tally.rows),
        "",
        "## Follow-ups",
        "",
        _counts(followup_tally.counts),
        "",
        table(["id", "turns", "stays and says", "cited", "last answer begins"], followup_tally.rows),
        "",
        "## Processing times of every procedure in the knowledge base",
        "",
        _counts(times),
    ]
    if alqac is not None:
        parts += ["", "## ALQAC (train 2023 + 2025 covered): 'Xem thêm' on the whole knowledge base", "", _counts(alqac.counts)]
    return "\n".join(parts) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="a data dir with an index of the knowledge base")
    parser.add_argument("--questions", type=Path, default=DATA)
    parser.add_argument("--out", type=Path, default=REPORTS / "presentation.md")
    parser.add_argument("--no-alqac", action="store_true", help="skip the ALQAC 'Xem thêm' count")
    args = parser.parse_args(argv)
    markdown = report(args.data, args.questions, argv, with_alqac=not args.no_alqac)
    path = write_report(args.out.parent, args.out.name, markdown)
    print(markdown)
    print(f"written to {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
