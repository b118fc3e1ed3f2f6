"""Answer-level evaluation: a golden set of conversations, graded on what the user sees.

    python -m evals.answers [--data DIR] [--cases FILE] [--feed FILE] [--reports DIR] [--json]

Each case of ``evals/data/answers.jsonl`` (format and how it was written: evals/data/README.md)
is a conversation sent through ``Assistant.ask``, the call every channel makes, over the
index of ``DIR`` (default ``TROLY_DATA_DIR``) with fresh conversation, ticket and task stores
made for the run. Writes evals/reports/answers.md and answers.json: results per category,
then the failing cases, one line each (what was asked, expected, and seen).

Graded from the Answer JSON of DESIGN.md section 3, the stores and the files produced,
never from wording a correct answer could phrase differently:

- ``procedure`` — the right thủ tục (any accepted mã) within two turns: detailed in the first
  answer, or offered among its numbered choices and detailed once the eval replies with that
  choice's number (as a citizen would). hit@1 and hit@3 are read from the first answer's citations.
- ``article`` — the right Điều (document number and article) among the first three citations;
  where the case names the khoản that holds the answer (a fine among a dozen, the khoản of a
  resolution that forms the new commune), a citation naming another khoản of it does not count.
- ``refusal`` — the named ``refusal_reason`` when the case expects one.
- ``mentions`` — loose, folded patterns (the new unit "phuong sai gon") in what is shown: the
  answer text, the citations' labels and quoted texts.
- ``replacement`` — a question about replaced law whose replacing document is not in the
  knowledge base: what is shown names it (its number).
- ``current_first`` — where the replacing document is in the knowledge base, the first law
  cited is not a repealed one.
- ``repealed`` (every case) — no law citation of a repealed or partially repealed document may
  show it otherwise: the citation carries that status and the answer says "hết hiệu lực". A
  document counts as such when the index's registry says so or when the validity feed
  (``--feed``, default the knowledge folder's ``legal/status/hieu-luc.tsv``) has a row
  ``repealed``/``partially_repealed`` since a date not after today: the feed is the truth a
  deployment keeps, and it is read here independently of the code under evaluation.
- ``effects`` (every case) — tickets (phản ánh, kiến nghị), handovers, reminders (tasks) and the
  documents produced (drafts, tờ trình reports) counted after each turn; a case lists what each turn may
  have created so far, anything else must stay at zero (a question never creates anything).
- ``follow_up`` — the later turns of a conversation stay on the procedure: a follow-up cites
  the procedure under discussion or, while numbered options are pending, only those options
  (or asks to pick among them); a reply "số 2" details the second option.
- ``error`` — a turn whose ``Assistant.ask`` raised fails its case; the run goes on.
"""
from __future__ import annotations

import argparse
import csv
import dataclasses
import io
import json
import re
import shutil
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from assistant.answer import REFUSALS
from assistant.security.users import ROLES
from evals.markdown import command_line, table, write_report
from knowledge.errors import BadInput
from knowledge.parsing.citations import number_key
from knowledge.settings import Settings
from knowledge.text import fold

CASES = Path(__file__).parent / "data" / "answers.jsonl"
REPORTS = Path(__file__).parent / "reports"
ZONE = ZoneInfo("Asia/Ho_Chi_Minh")

CATEGORIES: dict[str, str] = {
    "procedure": "thủ tục, hỏi bằng lời thường",
    "no_diacritics": "thủ tục, gõ không dấu",
    "abbreviated": "thủ tục, viết tắt (ks, cccd, gplx, dk, hk, ko, dc…)",
    "legal": "câu hỏi pháp luật (cán bộ, người dân), gồm văn bản 2023–2025",
    "replaced_law": "văn bản đã hết hiệu lực, bị thay thế",
    "out_of_scope": "ngoài phạm vi (thời tiết, bóng đá, nấu ăn…)",
    "out_of_knowledge": "hành chính nhưng cơ sở dữ liệu không có câu trả lời",
    "side_effects": "phản ánh, gặp cán bộ, câu hỏi không được tạo gì",
    "follow_up": "hỏi tiếp nhiều lượt",
    "commune_merger": "đơn vị hành chính cấp xã sau sắp xếp 2025",
}
EFFECTS = ("ticket", "handover", "reminder", "file")
REPEALED = ("repealed", "partially_repealed")
FILED = ("open", "answered", "closed")  # ticket statuses of a filed ticket
# What the user must be told next to a quote from a repealed document (folded).
NOT_IN_FORCE = "het hieu luc"
_EXPECT_KEYS = {"procedures", "articles", "refusal", "mentions", "replacement", "repealed", "effects", "stays"}
PROCEDURE_CODE = re.compile(r"\d+\.\d{6}")  # mã thủ tục: "1.001193"
_CASE_ID = re.compile(r"[A-Za-z0-9_.-]{1,60}")  # it names the case's session too
# Where the assistant writes the documents it produces (assistant.core: Drafting, HdndSecretary).
OUTPUT_FOLDERS = ("drafts", "hdnd")


# ---------------------------------------------------------------------------------------------- cases


@dataclass(frozen=True)
class Article:
    """An expected Điều: document number, article, and (optionally) the khoản that holds the answer."""

    number: str
    article: str
    clause: str | None = None


@dataclass(frozen=True)
class Pick:
    """A reply picking a numbered option: ``number`` (typed as ``say``), or the option holding an
    accepted procedure (``number`` None: the eval finds it and types its number)."""

    number: int | None = None
    say: str = ""


Message = str | Pick


@dataclass(frozen=True)
class Case:
    id: str
    category: str
    turns: tuple[Message, ...]
    role: str = "citizen"
    procedures: frozenset[str] = frozenset()
    articles: tuple[Article, ...] = ()
    refusal: str | None = None
    mentions: tuple[str, ...] = ()
    replacement: tuple[str, ...] = ()  # numbers of replacing documents absent from the knowledge base
    repealed: tuple[str, ...] = ()  # numbers of the replaced documents the question is about
    effects: tuple[dict[str, int], ...] = ()  # per turn: what may have been created so far
    stays: bool = False  # the turns after the first stay on the procedure
    note: str = ""

    @property
    def question(self) -> str:
        first = self.turns[0]
        return first if isinstance(first, str) else first.say


def _turn(raw: Any) -> Message:
    if isinstance(raw, str) and raw.strip():
        return raw
    if isinstance(raw, dict) and set(raw) <= {"pick", "say"}:
        if raw.get("pick") == "expected" and "say" not in raw:
            return Pick()
        if isinstance(raw.get("pick"), int) and raw["pick"] > 0 and isinstance(raw.get("say"), str) and raw["say"].strip():
            return Pick(raw["pick"], raw["say"])
    raise ValueError(f"lượt không hợp lệ {raw!r}: một câu, {{\"pick\": \"expected\"}} hoặc {{\"pick\": N, \"say\": \"số N\"}} (bad turn)")


def _strings(value: Any, name: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValueError(f"'{name}' phải là danh sách chuỗi (a list of strings)")
    return tuple(value)


def parse_case(record: Any) -> Case:
    """One line of the case file; ValueError says what is wrong with it."""
    if not isinstance(record, dict):
        raise ValueError("mỗi dòng là một đối tượng JSON (one JSON object per line)")
    missing = {"id", "category", "turns", "expect"} - set(record)
    if missing:
        raise ValueError(f"thiếu {', '.join(sorted(missing))} (missing keys)")
    expect = record["expect"]
    if not isinstance(expect, dict) or not set(expect) <= _EXPECT_KEYS:
        raise ValueError(f"'expect' chỉ gồm {', '.join(sorted(_EXPECT_KEYS))} (unknown expectation)")
    if not isinstance(record["id"], str) or not _CASE_ID.fullmatch(record["id"]):
        raise ValueError(f"mã tình huống chỉ gồm chữ, số, '-', '_', '.', tối đa 60 ký tự: {record['id']!r} (bad id)")
    if not isinstance(record["category"], str) or record["category"] not in CATEGORIES:
        raise ValueError(f"nhóm không có: {record['category']!r} (unknown category)")
    role = record.get("role", "citizen")
    if not isinstance(role, str) or role not in ROLES:
        raise ValueError(f"vai trò không có: {role!r} (unknown role)")
    if not isinstance(record["turns"], list) or not record["turns"]:
        raise ValueError("'turns' là danh sách lượt, ít nhất một (no turns)")
    turns = tuple(_turn(t) for t in record["turns"])
    if not isinstance(turns[0], str):
        raise ValueError("lượt đầu là một câu hỏi (the first turn is a message)")
    articles = tuple(_article(a) for a in expect.get("articles", []))
    effects = tuple(_effects(e) for e in expect.get("effects", []))
    if effects and len(effects) != len(turns):
        raise ValueError("'effects' có đúng một mục cho mỗi lượt (one per turn)")
    refusal = expect.get("refusal")
    if refusal is not None and (not isinstance(refusal, str) or refusal not in REFUSALS):
        raise ValueError(f"lý do từ chối không có: {refusal!r} (unknown refusal reason)")
    if not isinstance(expect.get("stays", False), bool):
        raise ValueError("'stays' là true hoặc false (a boolean)")
    case = Case(
        id=record["id"], category=record["category"], turns=turns, role=role,
        procedures=frozenset(_strings(expect.get("procedures", []), "procedures")), articles=articles, refusal=refusal,
        mentions=tuple(" ".join(fold(m).split()) for m in _strings(expect.get("mentions", []), "mentions")),
        replacement=_strings(expect.get("replacement", []), "replacement"),
        repealed=_strings(expect.get("repealed", []), "repealed"),
        effects=effects, stays=expect.get("stays", False), note=str(record.get("note", "")),
    )
    if not (case.procedures or case.articles or case.refusal or case.mentions or case.replacement or case.effects or case.stays):
        raise ValueError("'expect' không kiểm tra gì (nothing to check)")
    if any(isinstance(t, Pick) and t.number is None for t in turns) and not case.procedures:
        raise ValueError("{\"pick\": \"expected\"} cần 'procedures' (which procedure to pick)")
    if effects and any(isinstance(t, Pick) and t.number is None for t in turns):
        raise ValueError("'effects' không dùng cùng {\"pick\": \"expected\"} (a pick that may be skipped has no effects of its own)")
    return case


def _article(raw: Any) -> Article:
    if not isinstance(raw, dict) or not {"number", "article"} <= set(raw) <= {"number", "article", "clause"}:
        raise ValueError(f"'articles' gồm {{\"number\", \"article\", \"clause\"?}}, không phải {raw!r} (bad article)")
    return Article(str(raw["number"]), str(raw["article"]), str(raw["clause"]) if raw.get("clause") else None)


def _effects(raw: Any) -> dict[str, int]:
    if not isinstance(raw, dict) or not set(raw) <= set(EFFECTS) or not all(isinstance(v, int) and v >= 0 for v in raw.values()):
        raise ValueError(f"'effects' mỗi lượt là {{{', '.join(EFFECTS)}: số}}, không phải {raw!r} (bad effects)")
    return {name: raw.get(name, 0) for name in EFFECTS}


def _text(path: Path, what: str) -> str:
    """The UTF-8 text of an input file; BadInput naming it when it is missing or not UTF-8."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BadInput(f"không tìm thấy {what}: {path} (file not found)") from None
    except UnicodeDecodeError:
        raise BadInput(f"{what} không phải UTF-8: {path} (not UTF-8)") from None


def load_cases(path: Path) -> list[Case]:
    """The cases of a JSON-lines file, in order; BadInput naming the line of the first bad one."""
    cases: dict[str, Case] = {}
    for number, line in enumerate(_text(path, "tệp tình huống").splitlines(), start=1):
        if line.strip():
            try:
                case = parse_case(json.loads(line))
            except (json.JSONDecodeError, ValueError) as error:
                raise BadInput(f"{path}, dòng {number}: {error}") from None
            if cases.setdefault(case.id, case) is not case:
                raise BadInput(f"{path}, dòng {number}: mã tình huống trùng {case.id!r} (duplicate id)")
    if not cases:
        raise BadInput(f"không có tình huống nào trong {path} (no cases)")
    return list(cases.values())


# ------------------------------------------------------------------------------------ validity feed


def feed_statuses(path: Path | None, today: date) -> dict[str, str]:
    """{number key: "repealed" | "partially_repealed"} for the feed's rows already in effect on ``today``."""
    if path is None:
        return {}
    rows = csv.DictReader(io.StringIO(_text(path, "tệp hiệu lực"), newline=""), delimiter="\t")
    statuses = {}
    for line, row in enumerate(rows, start=2):
        try:
            since = date.fromisoformat(row["since"]) if row.get("since") else None
            status, number = row["status"], row["number"]
        except (KeyError, TypeError, ValueError):
            raise BadInput(f"{path}, dòng {line}: cần các cột number, status, since (YYYY-MM-DD) (bad feed row)") from None
        if status in REPEALED and (since is None or since <= today):
            statuses[number_key(number)] = status
    return statuses


# ------------------------------------------------------------------------------------------ running


@dataclass
class Exchange:
    """One message sent and what came back: the Answer JSON and what exists so far (since the case began)."""

    message: str
    answer: dict[str, Any]
    effects: dict[str, int]
    turn: int  # the case's turn it answers (a pick the eval adds after the first answer belongs to turn 0)
    pick: int | None = None  # the option number it picks from the previous answer's choices


@dataclass
class Transcript:
    case: Case
    exchanges: list[Exchange] = field(default_factory=list)
    stopped: bool = False  # a pick of the expected procedure was due, and it was not offered


def procedure_ids(answer: dict[str, Any]) -> list[str]:
    return [c["id"] for c in answer.get("citations", []) if c.get("kind") == "procedure"]


def options(answer: dict[str, Any]) -> dict[int, str]:
    """The procedures offered as numbered options, by number. Other choices ("Gửi", "Xem chi tiết") are not."""
    return {c["number"]: str(c["value"]) for c in answer.get("choices", []) if PROCEDURE_CODE.fullmatch(str(c["value"]))}


def choice_values(answer: dict[str, Any]) -> list[str]:
    return list(options(answer).values())


def detailed(answer: dict[str, Any]) -> str | None:
    """The procedure an answer presents: its first procedure citation, unless it refuses or offers others."""
    codes = procedure_ids(answer)
    if answer.get("refusal_reason") or not codes or set(choice_values(answer)) - {codes[0]}:
        return None
    return codes[0]


def choice_for(answer: dict[str, Any], accepted: frozenset[str]) -> int | None:
    """The number of the first option holding an accepted procedure."""
    return next((number for number, code in options(answer).items() if code in accepted), None)


class Runner:
    """Sends the cases to an assistant and records the answers and the effects of each turn."""

    def __init__(self, assistant: Any, channel: str = "web"):
        self.assistant = assistant
        self.channel = channel

    def run(self, case: Case) -> Transcript:
        transcript = Transcript(case)
        before = self.counts()
        session = f"golden-{case.id}"

        def send(message: str, turn: int, pick: int | None = None) -> dict[str, Any]:
            try:
                answer = self.assistant.ask(message, session_id=session, role=case.role, channel=self.channel).to_json()
            except Exception as error:  # the code under evaluation failed: a failed turn, not a failed run
                answer = {"answer": "", "intent": "error", "refusal_reason": None, "citations": [],
                          "eval_error": f"{type(error).__name__}: {error}"}
            now = self.counts()
            transcript.exchanges.append(Exchange(message, answer, {k: now[k] - before[k] for k in EFFECTS}, turn, pick))
            return answer

        previous = send(case.question, 0)
        for index, turn in enumerate(case.turns[1:], start=1):
            if isinstance(turn, str):
                previous = send(turn, index)
            elif turn.number is not None:
                previous = send(turn.say, index, turn.number)
            elif detailed(previous) not in case.procedures:
                number = choice_for(previous, case.procedures)
                if number is None:
                    transcript.stopped = True
                    break
                previous = send(str(number), index, number)
        if len(case.turns) == 1 and case.procedures and detailed(previous) not in case.procedures:
            number = choice_for(previous, case.procedures)
            if number is not None:
                send(str(number), 0, number)
        return transcript

    def counts(self) -> dict[str, int]:
        """What exists in the stores and the data dir: tickets, handovers, tasks, produced files.

        Tickets are those officers work on (open, answered, closed): a complaint held for the
        user's confirmation under another status is not filed yet."""
        tickets = [t for status in FILED for t in self.assistant.tickets.list(status=status)]
        handover_tickets = sum(t.kind == "handover" for t in tickets)
        data_dir = self.assistant.settings.data_dir
        return {
            "ticket": len(tickets) - handover_tickets,
            "handover": max(handover_tickets, len(self.assistant.sessions.handed_over())),
            "reminder": len(self.assistant.tasks.tasks(statuses=("open", "done", "cancelled"))),
            "file": sum(1 for folder in OUTPUT_FOLDERS for path in (data_dir / folder).rglob("*") if path.is_file()),
        }


@contextmanager
def fresh_assistant(data: Path) -> Iterator[Any]:
    """An ``Assistant`` over the index of ``data`` with its own empty stores, in a temporary data dir.

    The index is linked, not copied; the NLU model stored beside it is copied so it is not trained again."""
    from assistant.core import Assistant

    if not (data / "index").is_dir():
        raise BadInput(f"--data {data}: không có chỉ mục, hãy chạy 'troly ingest' trước (no index)")
    with tempfile.TemporaryDirectory(prefix="troly-answers-") as workdir:
        work = Path(workdir)
        (work / "index").symlink_to((data / "index").resolve(), target_is_directory=True)
        if (data / "nlu").is_dir():
            shutil.copytree(data / "nlu", work / "nlu")
        settings = dataclasses.replace(Settings.from_env(), data_dir=work, database_url="")
        assistant = Assistant(settings)
        try:
            yield assistant
        finally:
            for store in (assistant.sessions, assistant.tickets, assistant.users, assistant.audit, assistant.tasks):
                store.close()
            assistant.kb.close()


# ------------------------------------------------------------------------------------------ grading


@dataclass(frozen=True)
class Check:
    name: str
    passed: bool
    detail: str = ""


@dataclass
class Verdict:
    case: Case
    checks: list[Check]
    procedure_rank: int | None = None  # 0-based, among the first answer's citations
    article_rank: int | None = None
    seen: str = ""
    unasked: bool = False  # something was created that the case does not allow at that turn

    @property
    def passed(self) -> bool:
        return all(c.passed for c in self.checks)

    @property
    def failed(self) -> list[Check]:
        return [c for c in self.checks if not c.passed]


StatusOf = Callable[[str], str | None]


def shown_text(answer: dict[str, Any]) -> str:
    """Everything the user reads in an answer, folded: the text, citation labels and quotes."""
    parts = [answer.get("answer", "")]
    for citation in answer.get("citations", []):
        parts += [citation.get("label") or "", citation.get("title") or "", citation.get("text") or ""]
    return " ".join(fold("\n".join(parts)).split())


def article_rank(answer: dict[str, Any], articles: tuple[Article, ...]) -> int | None:
    for rank, citation in enumerate(answer.get("citations", [])):
        if citation.get("kind") == "procedure":
            continue
        for expected in articles:
            same = number_key(citation["id"]) == number_key(expected.number) and str(citation.get("article")) == expected.article
            clause_ok = expected.clause is None or citation.get("clause") in (None, expected.clause)
            if same and clause_ok:
                return rank
    return None


def procedure_rank(answer: dict[str, Any], accepted: frozenset[str]) -> int | None:
    ids = [c["id"] for c in answer.get("citations", [])]
    return next((rank for rank, code in enumerate(ids) if code in accepted), None)


def _procedure_check(transcript: Transcript) -> Check:
    accepted = transcript.case.procedures
    first = transcript.exchanges[0].answer
    if detailed(first) in accepted:
        return Check("procedure", True, "detailed in the first answer")
    offered = choice_for(first, accepted)
    if offered is None:
        return Check("procedure", False, "not detailed and not among the options")
    if len(transcript.exchanges) < 2 or transcript.exchanges[1].pick != offered:
        return Check("procedure", True, f"offered as option {offered}")
    then = detailed(transcript.exchanges[1].answer)
    return Check("procedure", then in accepted, f"picked option {offered}, then detailed {then}")


def _repealed_check(transcript: Transcript, status_of: StatusOf) -> Check:
    wrong = []
    for exchange in transcript.exchanges:
        says = NOT_IN_FORCE in fold(exchange.answer.get("answer", ""))
        for citation in exchange.answer.get("citations", []):
            if citation.get("kind") != "law":
                continue
            status = status_of(citation["id"])
            if status in REPEALED and (citation.get("status") != status or not says):
                wrong.append(f"{citation['id']} shown {citation.get('status')}, {status}" + ("" if says else ", answer silent"))
    return Check("repealed", not wrong, "; ".join(dict.fromkeys(wrong)))


def _effects_check(transcript: Transcript) -> Check:
    for exchange in transcript.exchanges:
        allowed = _allowed(transcript.case, exchange)
        if exchange.effects != allowed:
            made = {k: v for k, v in exchange.effects.items() if v}
            return Check("effects", False, f"after «{exchange.message[:40]}»: {made or 'nothing'}, expected {({k: v for k, v in allowed.items() if v}) or 'nothing'}")
    return Check("effects", True)


def _allowed(case: Case, exchange: Exchange) -> dict[str, int]:
    """What may exist after this exchange: the case's effects for its turn, else nothing."""
    return case.effects[exchange.turn] if case.effects else {name: 0 for name in EFFECTS}


def _unasked(transcript: Transcript) -> bool:
    """Whether any exchange left more of something than its turn allows."""
    return any(
        exchange.effects[name] > _allowed(transcript.case, exchange)[name] for exchange in transcript.exchanges for name in EFFECTS
    )


def _follow_up_check(transcript: Transcript) -> Check:
    """Every turn after the first stays on the procedure under discussion (or the pending options)."""
    topic = detailed(transcript.exchanges[0].answer)
    pending = {} if topic else options(transcript.exchanges[0].answer)
    if transcript.stopped:
        return Check("follow_up", False, "the expected procedure was never offered: nothing to follow up")
    for exchange in transcript.exchanges[1:]:
        answer, codes = exchange.answer, procedure_ids(exchange.answer)
        shown = detailed(answer)
        picked = exchange.pick
        offered = set(pending.values())
        if picked is not None and pending and picked not in pending:  # "3" when two are offered: nothing new
            ok = set(codes) | set(choice_values(answer)) <= offered
        elif picked is not None and pending:
            ok = shown == pending[picked]
        elif pending:
            within = set(codes) | set(choice_values(answer))
            ok = (shown in offered) or (bool(within) and within <= offered)
        elif topic:
            ok = (shown == topic) if picked is None else set(codes) | set(choice_values(answer)) <= {topic}
        else:
            ok = False
        if not ok:
            about = shown or (f"options {choice_values(answer)}" if choice_values(answer) else codes or answer.get("refusal_reason"))
            return Check("follow_up", False, f"«{exchange.message}» → {about}, was on {topic or list(pending.values())}")
        if shown:
            topic, pending = shown, {}
        elif options(answer):
            pending = options(answer)
    return Check("follow_up", True)


def grade(transcript: Transcript, status_of: StatusOf) -> Verdict:
    case, first = transcript.case, transcript.exchanges[0].answer
    checks: list[Check] = []
    verdict = Verdict(case, checks, seen=seen_line(transcript), unasked=_unasked(transcript))
    if case.procedures:
        checks.append(_procedure_check(transcript))
        verdict.procedure_rank = procedure_rank(first, case.procedures)
    if case.articles:
        verdict.article_rank = article_rank(first, case.articles)
        found = verdict.article_rank is not None and verdict.article_rank < 3
        checks.append(Check("article", found, f"rank {verdict.article_rank}" if verdict.article_rank is not None else "not cited"))
    if case.refusal:
        reason = first.get("refusal_reason")
        checks.append(Check("refusal", reason == case.refusal, f"refusal {reason}"))
    if case.mentions:
        shown = shown_text(first)
        absent = [m for m in case.mentions if m not in shown]
        checks.append(Check("mentions", not absent, f"missing {absent}" if absent else ""))
    if case.replacement:
        shown = shown_text(first)
        absent = [n for n in case.replacement if fold("/".join(n.split("/")[:2])) not in shown]
        checks.append(Check("replacement", not absent, f"does not name {absent}" if absent else ""))
    if case.repealed and case.articles:
        laws = [c for c in first.get("citations", []) if c.get("kind") == "law"]
        top = status_of(laws[0]["id"]) if laws else None
        checks.append(Check("current_first", top not in REPEALED, f"first law cited {laws[0]['id']} ({top})" if laws else "no law cited"))
    if case.stays:
        checks.append(_follow_up_check(transcript))
    errors = [e.answer["eval_error"] for e in transcript.exchanges if "eval_error" in e.answer]
    if errors:
        checks.append(Check("error", False, errors[0]))
    checks.append(_repealed_check(transcript, status_of))
    checks.append(_effects_check(transcript))
    return verdict


def seen_line(transcript: Transcript) -> str:
    """What the user saw, in one line: per exchange the refusal or the first citations/options."""
    parts = []
    for index, exchange in enumerate(transcript.exchanges):
        answer = exchange.answer
        if "eval_error" in answer:
            what = f"error {answer['eval_error'][:80]}"
        elif answer.get("refusal_reason"):
            what = f"refusal {answer['refusal_reason']}"
        elif choice_values(answer):
            what = "options " + ", ".join(choice_values(answer)[:4])
        else:
            cited = [_cited(c) for c in answer.get("citations", [])[:3]]
            what = ", ".join(cited) if cited else f"{answer.get('intent')}: {' '.join(answer.get('answer', '').split())[:60]}"
        made = {k: v for k, v in exchange.effects.items() if v}
        said = f"«{exchange.message[:40]}» " if index else ""
        parts.append(f"{said}→ {what}" + (f" {made}" if made else ""))
    return " ‖ ".join(parts)


def _cited(citation: dict[str, Any]) -> str:
    if citation.get("kind") == "procedure":
        return citation["id"]
    article = f" Đ{citation['article']}" if citation.get("article") else ""
    clause = f".{citation['clause']}" if citation.get("clause") else ""
    status = f" [{citation['status']}]" if citation.get("status") not in (None, "in_force") else ""
    return f"{citation['id']}{article}{clause}{status}"


def expected_line(case: Case) -> str:
    parts = []
    if case.procedures:
        parts.append("thủ tục " + "|".join(sorted(case.procedures)))
    if case.articles:
        parts.append("|".join(f"{a.number} Đ{a.article}" + (f".{a.clause}" if a.clause else "") for a in case.articles))
    if case.refusal:
        parts.append(f"refusal {case.refusal}")
    if case.mentions:
        parts.append("shows " + ", ".join(case.mentions))
    if case.replacement:
        parts.append("names " + ", ".join(case.replacement))
    if case.effects:
        parts.append("effects " + " → ".join(str({k: v for k, v in e.items() if v} or 0) for e in case.effects))
    if case.stays:
        parts.append("stays on the procedure")
    return "; ".join(parts)


# ------------------------------------------------------------------------------------------ figures


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def hits(ranks: list[int | None]) -> dict[str, Any]:
    return {
        "n": len(ranks),
        "hit@1": _rate(sum(r == 0 for r in ranks), len(ranks)),
        "hit@3": _rate(sum(r is not None and r < 3 for r in ranks), len(ranks)),
    }


def summarise(verdicts: list[Verdict]) -> dict[str, Any]:
    categories = {}
    for name in CATEGORIES:
        chosen = [v for v in verdicts if v.case.category == name]
        if chosen:
            passed = sum(v.passed for v in chosen)
            categories[name] = {"cases": len(chosen), "passed": passed, "rate": _rate(passed, len(chosen))}
    checks: Counter[str] = Counter()
    failed: Counter[str] = Counter()
    for verdict in verdicts:
        for check in verdict.checks:
            checks[check.name] += 1
            failed[check.name] += not check.passed
    procedural = [v for v in verdicts if v.case.procedures]
    outcomes = [next(c for c in v.checks if c.name == "procedure") for v in procedural]
    legal = [v for v in verdicts if v.case.articles]
    passed = sum(v.passed for v in verdicts)
    return {
        "cases": len(verdicts),
        "passed": passed,
        "rate": _rate(passed, len(verdicts)),
        "categories": categories,
        "checks": {name: {"applied": checks[name], "failed": failed[name]} for name in checks},
        "procedures": {
            **hits([v.procedure_rank for v in procedural]),
            "detailed_first": _rate(sum(c.detail == "detailed in the first answer" for c in outcomes), len(outcomes)),
            "within_two_turns": _rate(sum(c.passed for c in outcomes), len(outcomes)),
        },
        "articles": hits([v.article_rank for v in legal]),
        "repealed_shown_wrongly": failed["repealed"],
        "side_effects_unasked": sum(v.unasked for v in verdicts),
    }


def report(verdicts: list[Verdict], summary: dict[str, Any], header: list[str]) -> str:
    lines = ["# Answer-level evaluation (golden set)", "", *header, ""]
    rows = [[name, CATEGORIES[name], str(m["cases"]), str(m["passed"]), f"{m['rate']:.2f}"] for name, m in summary["categories"].items()]
    rows.append(["**all**", "", str(summary["cases"]), str(summary["passed"]), f"{summary['rate']:.2f}"])
    lines += [table(["category", "what", "cases", "passed", "rate"], rows), ""]
    p, a = summary["procedures"], summary["articles"]
    lines += [
        table(
            ["measure", "n", "value"],
            [
                ["procedures: success within two turns", str(p["n"]), _fmt(p["within_two_turns"])],
                ["procedures: detailed in the first answer", str(p["n"]), _fmt(p["detailed_first"])],
                ["procedures: hit@1 / hit@3 (first answer's citations)", str(p["n"]), f"{_fmt(p['hit@1'])} / {_fmt(p['hit@3'])}"],
                ["articles: hit@1 / hit@3", str(a["n"]), f"{_fmt(a['hit@1'])} / {_fmt(a['hit@3'])}"],
                ["cases showing a repealed document as in force (or without saying so)", str(summary["cases"]), str(summary["repealed_shown_wrongly"])],
                ["cases creating something nobody asked for", str(summary["cases"]), str(summary["side_effects_unasked"])],
            ],
        ),
        "",
        table(["check", "applied", "failed"], [[n, str(m["applied"]), str(m["failed"])] for n, m in summary["checks"].items()]),
        "",
        "## Failing cases",
        "",
        "One line each: id, first message, what was expected, what the user saw (per turn), checks failed.",
    ]
    for name in CATEGORIES:
        failing = [v for v in verdicts if v.case.category == name and not v.passed]
        if failing:
            lines += ["", f"### {name} ({len(failing)})", ""]
            lines += [
                f"- `{v.case.id}` «{v.case.question}» — expected {expected_line(v.case)} — saw {v.seen} — "
                + "; ".join(f"{c.name}: {c.detail}" if c.detail else c.name for c in v.failed)
                for v in failing
            ]
    return "\n".join(lines) + "\n"


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def evaluate(assistant: Any, cases: list[Case], status_of: StatusOf) -> list[Verdict]:
    runner = Runner(assistant)
    return [grade(runner.run(case), status_of) for case in cases]


def status_lookup(assistant: Any, feed: dict[str, str]) -> StatusOf:
    """A document's repeal status: the feed's when it has a row, else the index's registry's."""

    def status_of(number: str) -> str | None:
        if number_key(number) in feed:
            return feed[number_key(number)]
        entry = assistant.kb.registry.get(number) or assistant.kb.registry.lookup(number)
        return entry.status if entry is not None else None

    return status_of


def run(args: argparse.Namespace, argv: list[str] | None) -> dict[str, Any]:
    """Evaluate the cases over the index of ``args.data``, write both reports, return the summary."""
    settings = Settings.from_env()
    data = (args.data or settings.data_dir).resolve()
    feed_path = args.feed or settings.knowledge_dir / "legal" / "status" / "hieu-luc.tsv"
    if args.feed is None and not feed_path.is_file():
        feed_path = None
    cases = load_cases(args.cases)
    today = datetime.now(ZONE).date()
    feed = feed_statuses(feed_path, today)
    with fresh_assistant(data) as assistant:
        generation = assistant.kb.generation.name
        verdicts = evaluate(assistant, cases, status_lookup(assistant, feed))
    summary = summarise(verdicts)
    header = [
        f"Generated by `{command_line('evals.answers', argv)}` on {today.isoformat()}: {len(cases)} cases of "
        f"`{args.cases.name}` through `Assistant.ask` (channel web, fresh stores) over index `{generation}` of `{data}`.",
        f"Validity feed: `{feed_path}` ({len(feed)} documents repealed or partially repealed by today)."
        if feed_path else "Validity feed: none (the index's registry alone says what is repealed).",
    ]
    write_report(args.reports, "answers.md", report(verdicts, summary, header))
    details = [
        {"id": v.case.id, "category": v.case.category, "passed": v.passed, "failed": [dataclasses.asdict(c) for c in v.failed],
         "procedure_rank": v.procedure_rank, "article_rank": v.article_rank, "seen": v.seen}
        for v in verdicts
    ]
    write_report(args.reports, "answers.json", json.dumps({"summary": summary, "cases": details}, ensure_ascii=False, indent=1))
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.answers", description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, help="a data dir with an index (default: TROLY_DATA_DIR)")
    parser.add_argument("--cases", type=Path, default=CASES)
    parser.add_argument("--feed", type=Path, help="validity feed (default: the knowledge folder's legal/status/hieu-luc.tsv, if present)")
    parser.add_argument("--reports", type=Path, default=REPORTS, help="where answers.md and answers.json are written")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = parser.parse_args(argv)
    try:
        summary = run(args, argv)
    except BadInput as error:
        print(f"lỗi: {error}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
        return 0
    print(f"{summary['passed']}/{summary['cases']} cases passed -> {args.reports / 'answers.md'}")
    for name, figures in summary["categories"].items():
        print(f"  {name:17} {figures['passed']:3}/{figures['cases']:<3} {figures['rate']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
