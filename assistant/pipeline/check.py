"""Step 7: nothing leaves without its evidence.

Every law or document citation must point at a retrieved passage (same document,
same unit) and quote it verbatim (a trimmed quote: verbatim pieces in their order, "…"
between); one citing a whole document without a quote (whether it is in force) must give
the status the registry gives it today; every procedure citation must name a procedure
of the knowledge base. An answer written by a language model must also cite
something, point its markers [n] at its citations only, and take each number and
date it states from what it was shown of the cited units (compared by value: "05"
is "5", "1/1/2031" is "ngày 01 tháng 01 năm 2031"); one that fails is replaced by the
extractive answer, marked ``llm_unverified``. An extractive answer that fails
is a defect: it is logged and withheld rather than shown.
"""
from __future__ import annotations

import logging
import re
from dataclasses import replace
from decimal import Decimal, InvalidOperation

from assistant.answer import CITATION_MARKER, Answer, marker_numbers, quoted_from, refusal
from assistant.pipeline.turn import Turn
from assistant.security.injection import without_injection
from assistant.skills.validity import validity_phrase
from knowledge.base import KnowledgeBase
from knowledge.models import Evidence
from knowledge.parsing.legal.common import dates_in

log = logging.getLogger(__name__)

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")
WITHHELD = "Xin lỗi, tôi chưa kiểm chứng được câu trả lời từ văn bản gốc. Bạn có thể nhắn \"gặp cán bộ\" để được hỗ trợ."


def _number(written: str) -> str:
    """One spelling per value: "05" and "5", "8.000" and "8000", "1,5" and "1.50" are the same figure."""
    plain = written.replace(".", "") if _THOUSANDS.fullmatch(written) else written.replace(",", ".")
    try:
        return format(Decimal(plain).normalize(), "f")
    except InvalidOperation:  # "1.2.3": a section number, compared as written
        return written


def figures(text: str, whole_dates: bool = True) -> set[str]:
    """The numbers and dates ``text`` states, each in one spelling.

    A date ("ngày 01 tháng 01 năm 2031", "1/1/2031") is one figure, its ISO date. With
    ``whole_dates`` its day, month and year are not figures of their own (a stated date
    must be backed as a date); without, they are too (evidence that gives a date backs
    "năm 2031"). Citation markers [n] are not figures.
    """
    text = CITATION_MARKER.sub(" ", text)
    found: set[str] = set()
    for day, (start, end) in dates_in(text):
        found.add(day.isoformat())
        if whole_dates:
            text = text[:start] + " " * (end - start) + text[end:]
    return found | {_number(n) for n in _NUMBER.findall(text)}


def _backing(answer: Answer, evidence: list[Evidence], kb: KnowledgeBase | None) -> str:
    """What a model may take figures from: the cited units' passages (less any instruction
    sentences, which it is never shown), headings, citations and validity (with its dates)."""
    parts: list[str] = []
    for citation in answer.citations:
        parts += [citation.id, citation.label or ""]
        parts += [
            f"{e.passage.doc_title}\n{e.passage.heading}\n{without_injection(e.passage.text)[0]}"
            for e in evidence
            if e.passage.doc_id == citation.id and e.passage.article == citation.article
        ]
        entry = kb.registry.get(citation.id) if kb is not None and citation.kind == "law" else None
        if entry is not None:
            parts.append(validity_phrase(kb.registry, entry))
    return "\n".join(parts)


def problems(answer: Answer, evidence: list[Evidence], kb: KnowledgeBase | None) -> list[str]:
    """What in ``answer`` is not backed by ``evidence`` (empty when everything is)."""
    found: list[str] = []
    for citation in answer.citations:
        if citation.kind == "procedure":
            if kb is None or kb.procedure(citation.id) is None:
                found.append(f"procedure {citation.id} is not in the knowledge base")
            continue
        if citation.kind == "law" and citation.article is None and citation.text is None:
            entry = kb.registry.get(citation.id) if kb is not None else None
            if entry is None or entry.status != citation.status:
                found.append(f"{citation.label or citation.id}: the registry does not say it is {citation.status}")
            continue
        passages = [e.passage for e in evidence if e.passage.doc_id == citation.id and e.passage.article == citation.article]
        if not passages:
            found.append(f"{citation.label or citation.id} was not retrieved")
        elif citation.text and not any(quoted_from(citation.text, p.text) for p in passages):
            found.append(f"the quote of {citation.label or citation.id} is not in its text")
    if answer.extras.get("composer") == "llm":
        if not answer.citations:
            found.append("the language model cited nothing")
        markers = {n for m in CITATION_MARKER.finditer(answer.text) for n in marker_numbers(m)}
        found += [f"the marker [{n}] points at no source" for n in sorted(markers) if not 1 <= n <= len(answer.citations)]
        backed = figures(_backing(answer, evidence, kb), whole_dates=False)
        found += [f"the figure {f} is not in the cited evidence" for f in sorted(figures(answer.text) - backed)]
    return found


class Check:
    name = "check"
    always = True

    def __init__(self, kb: KnowledgeBase | None, fallback=None):
        self.kb = kb
        self.fallback = fallback  # composes the extractive answer when a model's answer fails

    def __call__(self, turn: Turn) -> None:
        answer = turn.answer
        if answer is None or not answer.citations and answer.extras.get("composer") != "llm":
            return
        found = problems(answer, turn.evidence, self.kb)
        if not found:
            return
        if answer.extras.get("composer") == "llm" and self.fallback is not None:
            log.warning("language-model answer rejected (%s); extractive answer used", "; ".join(found))
            extractive = self.fallback(turn)
            turn.answer = replace(extractive, refusal_reason="llm_unverified")
            return
        log.error("answer withheld, not backed by its evidence: %s", "; ".join(found))
        turn.answer = refusal(answer.intent, "no_grounding", WITHHELD)
