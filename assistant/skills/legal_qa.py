"""Legal questions: quote the provisions that answer, with full citation and validity.

"thời hạn đăng ký khai sinh là bao lâu?" → «Trong thời hạn 60 ngày kể từ ngày sinh
con, cha hoặc mẹ có trách nhiệm đăng ký khai sinh cho con…» — khoản 1 Điều 15 Luật
Hộ tịch (60/2014/QH13), còn hiệu lực. Further provisions ("Xem thêm") are cited only
above a relevance floor, most relevant first (``select``). When nothing in the knowledge
base covers enough of the question, the skill says so and offers a human officer
instead of guessing. A question that names a law no longer (wholly) in force ("Luật Nhà ở
2014 quy định …", "Nghị định 100/2019 phạt …") is answered from the law in force, opening
with what replaced the one named (``named_law_notices``); one asking whether named documents are
still in force is answered from the registry (``validity_answer``).
"""
from __future__ import annotations

import logging
import re
from dataclasses import replace
from typing import TYPE_CHECKING

from assistant.answer import Answer, Citation, refusal
from assistant.compose import LanguageModelUnavailable, Source, extractive_answer
from assistant.documents.legal_basis import check_citations
from assistant.documents.lines import text_lines
from assistant.pipeline.answerable import THRESHOLDS
from assistant.pipeline.turn import Turn
from assistant.skills.quoting import (
    Quote, Rarity, asked_quote, best_quote, coverage, holds_what_is_asked, says_something,
)
from assistant.skills.validity import document_name, notice, took_effect_notice, validity_phrase
from knowledge.asked_article import asks_when_in_force
from knowledge.base import KnowledgeBase
from knowledge.models import Evidence, RegistryEntry, citation_label

if TYPE_CHECKING:
    from assistant.compose.llm import LLMComposer

log = logging.getLogger(__name__)

CANDIDATES = 8
MAX_CITATIONS = 3
# Share of the question's content words the first passage cited must contain: the decide step's
# answerability rule (assistant.pipeline.answerable), so that what it judges answered is answered.
ANSWERS = THRESHOLDS["law"].coverage
# Share the further passages must contain ("Xem thêm").
MIN_COVERAGE = 0.5
# Further provisions ("Xem thêm") are cited when they cover nearly as much of the question as the
# first, retrieval scores them nearly as high as the best passage, and the part they would quote
# (with its heading) covers more than half of the question: a floor of their own, not relative to
# the answer's, which may be the wrong one. Calibrated on ALQAC (train 2023 + 2025 covered, whole
# knowledge base) and evals/data/presentation_questions.jsonl: "Xem thêm" from another law than the
# gold article's 232 → 84 of 791 questions, gold articles among them 103 → 90.
RELATIVE_COVERAGE = 0.8
MIN_SCORE_RATIO = 0.8
MIN_QUOTE_COVERAGE = 0.55

NO_GROUNDING = (
    "Tôi chưa tìm thấy quy định nào trong cơ sở dữ liệu văn bản trả lời đúng câu hỏi này, nên không "
    "muốn đoán. Bạn có thể hỏi lại cụ thể hơn (tên văn bản, lĩnh vực) hoặc nhắn \"gặp cán bộ\" để được "
    "cán bộ hỗ trợ."
)


class LegalQA:
    intents = frozenset({"legal_question"})

    def __init__(self, kb: KnowledgeBase, llm: LLMComposer | None = None):
        self.kb = kb
        self.llm = llm
        self.rarity = Rarity.of(kb.retriever.diacritics.rarity()) if kb.retriever.diacritics else None

    def compose(self, turn: Turn) -> Answer:
        """The registry's word when the question asks whether named documents are in force; else the language
        model's answer when one is configured and reachable, else the extractive one."""
        validity = self.validity_answer(turn)
        if validity is not None:
            return validity
        sources = self.sources(turn)
        if sources and self.llm is not None:
            try:
                return self._named_first(turn, self.llm.compose(turn.text, sources, turn.intent))
            except LanguageModelUnavailable as error:
                log.warning("language model unavailable (%s); extractive answer used", error)
        return self._named_first(turn, self._quoted(turn.intent, sources))

    def compose_extractive(self, turn: Turn) -> Answer:
        """The quoted answer, never written by a model (the check step's fallback)."""
        return self.validity_answer(turn) or self._named_first(turn, self._quoted(turn.intent, self.sources(turn)))

    def validity_answer(self, turn: Turn) -> Answer | None:
        """"Thông tư 36/2014/TT-BCA còn hiệu lực không?": each document named, in force or not as the registry
        knows it today (a law named with a year older than the registry's of that name has been replaced); a
        document named by number that the registry does not hold is said to be unknown, with where to look it up
        (a refusal when no document named is known). None when the question asks no such thing or names no
        document."""
        asks_validity = bool(_ASKS_VALIDITY.search(turn.text))
        if not (asks_validity or asks_when_in_force(turn.text)):
            return None
        registry = self.kb.registry
        checks = check_citations(text_lines(_as_cited(turn.text)), registry)
        known = [c for c in checks if c.entry is not None]
        unknown = [c.label for c in checks if c.entry is None and not c.by_name]
        if not known:
            text = "\n".join(f"{label} {_NOT_HELD}." for label in unknown)
            return refusal(turn.intent, "no_grounding", text) if unknown else None
        if not asks_validity:
            return None  # when a known document took effect: its own article says, found by search
        lines, citations = [], []
        for check in known:
            entry = check.entry
            if check.status != entry.status:  # named with an older year: the registry's is what replaced it
                lines.append(f"- {check.finding.message}.")
            else:
                unconfirmed = _UNCONFIRMED if entry.status_source == "corpus" and entry.status in ("in_force", "amended") else ""
                lines.append(f"- {document_name(entry)}: {validity_phrase(registry, entry)}{unconfirmed}.")
            citations.append(Citation(kind="law", id=entry.doc_id, title=entry.title, label=document_name(entry),
                                      **_validity_fields(entry)))
        lines += [f"- {label}: {_NOT_HELD}." for label in unknown]
        text = "\n".join(["Theo cơ sở dữ liệu văn bản, tình trạng hiệu lực hôm nay:", *lines])
        return Answer(text=text, intent=turn.intent, citations=tuple(citations), grounded=True)

    def _named_first(self, turn: Turn, answer: Answer) -> Answer:
        """The answer opening with what replaced the superseded laws the question names, unless it quotes them,
        and, to "… có hiệu lực từ ngày nào", with the day the validity feed gives when its text says another."""
        if not answer.citations:
            return answer
        quoted = {c.id for c in answer.citations}
        lines = [f"Lưu ý: {text}." for text in named_law_notices(self.kb.registry, turn.text, quoted)]
        entry = self.kb.registry.get(answer.citations[0].id) if asks_when_in_force(turn.text) else None
        if entry is not None and (since := took_effect_notice(entry)):
            lines.append(f"Lưu ý: {since}.")
        return replace(answer, text="\n".join([*lines, answer.text])) if lines else answer

    def sources(self, turn: Turn) -> list[Source]:
        """The chosen passages as citations with their validity, most relevant first."""
        return [
            Source(self.citation(e, q), self.validity(e), notice=self.notice(e), more=q.more)
            for e, q in self.select(turn.text, turn.evidence)
        ]

    @staticmethod
    def _quoted(intent: str, sources: list[Source]) -> Answer:
        return extractive_answer(intent, sources) if sources else refusal(intent, "no_grounding", NO_GROUNDING)

    def select(self, question: str, evidence: list[Evidence]) -> list[tuple[Evidence, Quote]]:
        """The passages worth citing with their best quote: the answer, then "Xem thêm".

        The answer is the best-ranked of the top three that covers enough of the question for the
        answerability rule (none: no grounding), or, when the question asks a measure in so many words and that
        answer's quote states none, the next of them whose quote does ("bao lâu", "mấy tuổi", "bao nhiêu ngày"). "Xem thêm" are the first two further articles, in
        retrieval order, above the floor (``MIN_COVERAGE``, ``RELATIVE_COVERAGE``, ``MIN_SCORE_RATIO``,
        ``MIN_QUOTE_COVERAGE``), shown most relevant first: the one whose quote covers more of the
        question, then the better scored. A passage with no text under its heading, or only titles (an appendix
        section whose diagram or table the parser placed elsewhere: "1. Vị trí trình bày các thành phần thể
        thức", "2. Sơ đồ"), is never cited. Under an answer from a text in force, a repealed text
        whose replacement the knowledge base holds is no further reading (it ranked first, and answers, when
        the question is about the old law); one whose replacement is not held stays, flagged, as it may be all
        there is.
        """
        quotable = [e for e in evidence[:CANDIDATES] if says_something(e.passage.text)]
        scored = [(e, coverage(question, e.passage, self.rarity)) for e in quotable]
        answering = [(e, share) for e, share in scored[:3] if share >= ANSWERS]
        if not answering:
            return []
        pieces = evidence[:CANDIDATES]
        answer, answer_share, answer_quote = _holding_what_is_asked(question, answering, pieces)
        floor = max(MIN_COVERAGE, RELATIVE_COVERAGE * answer_share)
        top = max(e.score for e in evidence[:CANDIDATES])
        further: list[tuple[float, float, Evidence, Quote]] = []
        seen = {(answer.passage.doc_id, answer.passage.article)}
        for e, share in scored:
            key = (e.passage.doc_id, e.passage.article)
            if key in seen or share < floor or e.score < MIN_SCORE_RATIO * top or self._superseded_beside(e, answer):
                continue
            e, quote = _best_piece(question, e, pieces)
            focus = self._focus(question, e, quote)
            if focus < MIN_QUOTE_COVERAGE:
                continue
            seen.add(key)
            further.append((focus, e.score, e, quote))
            if len(further) == MAX_CITATIONS - 1:
                break
        further.sort(key=lambda item: (-item[0], -item[1]))
        return [(answer, answer_quote)] + [(e, quote) for _, _, e, quote in further]

    def _superseded_beside(self, evidence: Evidence, answer: Evidence) -> bool:
        """A repealed text, under an answer in force, whose replacement the knowledge base holds."""
        if evidence.passage.status != "repealed" or answer.passage.status == "repealed":
            return False
        entry = self.kb.registry.get(evidence.passage.doc_id)
        return entry is not None and bool(entry.replaced_by) and self.kb.replacement_held(evidence.passage.doc_id)

    def _focus(self, question: str, evidence: Evidence, quote: Quote) -> float:
        """How much of the question the part quoted (with its document and heading) covers."""
        p = evidence.passage
        return coverage(question, f"{p.doc_title}\n{p.heading}\n{quote.text}", self.rarity)

    def validity(self, evidence: Evidence) -> str:
        p = evidence.passage
        if p.kind == "document":
            return "tài liệu nội bộ" if p.access != "public" else "tài liệu"
        entry = self.kb.registry.get(p.doc_id)
        number = f"{p.doc_id}, " if p.doc_id not in p.doc_title else ""
        return f"{number}{validity_phrase(self.kb.registry, entry)}"

    def notice(self, evidence: Evidence) -> str:
        """The warning before a quote from a document no longer (wholly) in force, "" otherwise."""
        if evidence.passage.kind != "law":
            return ""
        return notice(self.kb.registry, self.kb.registry.get(evidence.passage.doc_id))

    def citation(self, evidence: Evidence, quote: Quote) -> Citation:
        p = evidence.passage
        label = citation_label(p.doc_title, p.article, quote.clause, quote.point) if p.article else p.doc_title
        entry = self.kb.registry.get(p.doc_id) if p.kind == "law" else None
        return Citation(
            kind="law" if p.kind == "law" else "document",
            id=p.doc_id,
            title=p.doc_title,
            url=p.url or None,
            article=p.article,
            clause=quote.clause,
            point=quote.point,
            text=quote.text,
            label=label,
            **(_validity_fields(entry) if entry else {"status": p.status}),
        )


def _validity_fields(entry: RegistryEntry) -> dict:
    """A law citation's validity as the registry gives it today: status, since when, replaced by, who says so."""
    return {
        "status": entry.status,
        "status_since": entry.status_since.isoformat() if entry.status_since else None,
        "replaced_by": entry.replaced_by,
        "status_source": entry.status_source,
    }


def _holding_what_is_asked(
    question: str, answering: list[tuple[Evidence, float]], pieces: list[Evidence]
) -> tuple[Evidence, float, Quote]:
    """The first answering passage, with its quote; a later one of them when only its quote holds the measure asked
    for: "nam mấy tuổi thì được đăng ký kết hôn" is answered by Điều 8 (20 tuổi), not Điều 9 on registering."""
    evidence, share = answering[0]
    evidence, quote = _best_piece(question, evidence, pieces)
    if holds_what_is_asked(question, quote.text) is False:
        for other, other_share in answering[1:]:
            other, other_quote = _best_piece(question, other, pieces)
            if holds_what_is_asked(question, other_quote.text):
                return other, other_share, other_quote
    return evidence, share, quote


def _best_piece(question: str, evidence: Evidence, pieces: list[Evidence]) -> tuple[Evidence, Quote]:
    """The retrieved piece of ``evidence``'s article (a long article is indexed in pieces) whose quote answers best."""
    same = [e for e in pieces if (e.passage.doc_id, e.passage.article) == (evidence.passage.doc_id, evidence.passage.article)]
    if "asked" in evidence.ranks:  # an article the question names: the khoản it names, else the article's start
        asked = [(e, quote) for e in same or [evidence] if (quote := asked_quote(question, e.passage)) is not None]
        if asked:
            return next((item for item in asked if item[1].clause is not None), asked[0])
    quoted = [(e, best_quote(question, e.passage)) for e in same or [evidence]]
    return max(quoted, key=lambda item: item[1].score)


# "Nghị định 100/2019" as people write it: a decree's number always ends in /NĐ-CP.
_DECREE_WITHOUT_CODE = re.compile(r"\b(Nghị định|Nghi dinh|NĐ)\s+(?:số\s+|so\s+)?(\d{1,4}/\d{4})(?![/\d])", re.IGNORECASE)
# A code typed in lower case or without its Đ ("168/2024/nđ-cp", "168/2024/ND-CP"), as issuers write it.
_TYPED_CODE = re.compile(r"\b(\d{1,4}/\d{4}/)([a-zđA-ZĐ]{1,6}(?:-[a-zđA-ZĐ]{1,8})*)(?![\w-])")
# "Luật Nhà ở 2014" as people write it, for "Luật Nhà ở năm 2014".
_YEAR_WITHOUT_NAM = re.compile(r"\b((?:Bộ luật|Luật)\s+[^\d,.;:?!()]+?)(?<!\snăm)\s+((?:19|20)\d\d)\b(?![/\d])")
# Whether a document is in force, asked ("… còn hiệu lực không", "… đã hết hiệu lực chưa").
_ASKS_VALIDITY = re.compile(
    r"\b(?:còn|hết|con|het)\s+hi[ệe]u l[ựu]c\b|\b(?:có|co)\s+hi[ệe]u l[ựu]c\s+(?:không|khong|chưa|chua)\b",
    re.IGNORECASE,
)
# In force by its own text, no feed saying otherwise: what the corpus cannot know is said.
_NOT_HELD = (
    "không có trong cơ sở dữ liệu văn bản của trợ lý, nên tôi không xác định được tình trạng hiệu lực; bạn có thể "
    "tra cứu tại Cơ sở dữ liệu quốc gia về văn bản pháp luật (vbpl.vn) hoặc nhắn \"gặp cán bộ\""
)
_UNCONFIRMED = " (chưa ghi nhận văn bản nào thay thế; có thể đối chiếu tại vbpl.vn)"
_SUPERSEDED_FINDINGS = ("LEGAL_BASIS_REPEALED", "LEGAL_BASIS_PARTIALLY_REPEALED")


def named_law_notices(registry, question: str, quoted: set[str]) -> list[str]:
    """What the question's named documents became, for those no longer (wholly) in force and not quoted:
    "Luật Nhà ở năm 2014 đã được thay thế bởi Luật Nhà ở số 27/2023/QH15 ban hành năm 2023 (còn hiệu lực)"
    — read as the legal-basis check reads a draft (``assistant.documents.legal_basis``)."""
    return [
        check.finding.message
        for check in check_citations(text_lines(_as_cited(question)), registry)
        if check.finding is not None and check.finding.code in _SUPERSEDED_FINDINGS
        # a quote from the named document itself opens with its own notice
        and not (check.entry is not None and check.entry.doc_id in quoted and check.entry.status == check.status)
    ]


def _as_cited(question: str) -> str:
    """The question with documents written the way a citation reads: "Nghị định 100/2019" → "Nghị định số
    100/2019/NĐ-CP", "Luật Nhà ở 2014" → "Luật Nhà ở năm 2014"."""
    text = _TYPED_CODE.sub(lambda m: m.group(1) + _issuer_code(m.group(2)), question)
    text = _DECREE_WITHOUT_CODE.sub(lambda m: f"Nghị định số {m.group(2)}/NĐ-CP", text)
    return _YEAR_WITHOUT_NAM.sub(r"\1 năm \2", text)


def _issuer_code(typed: str) -> str:
    """"nđ-cp", "ND-CP" → "NĐ-CP"; "tt-bca" → "TT-BCA": upper case, with the Đ of NĐ and QĐ."""
    code = typed.upper()
    return re.sub(r"^(N|Q)D\b", r"\1Đ", code)

