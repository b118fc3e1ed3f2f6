"""Step 6: nothing leaves without its evidence.

Every law or document citation must point at a retrieved passage (same document,
same unit) and quote it verbatim; every procedure citation must name a procedure
of the knowledge base. An answer written by a language model must also take each
number and date it states from the cited evidence; one that fails is replaced by
the extractive answer, marked ``llm_unverified``. An extractive answer that fails
is a defect: it is logged and withheld rather than shown.
"""
from __future__ import annotations

import logging
import re
from dataclasses import replace

from assistant.answer import Answer, refusal
from assistant.pipeline.turn import Turn
from knowledge.base import KnowledgeBase
from knowledge.models import Evidence

log = logging.getLogger(__name__)

_FIGURE = re.compile(r"\d+(?:[.,/]\d+)*")
WITHHELD = "Xin lỗi, tôi chưa kiểm chứng được câu trả lời từ văn bản gốc. Bạn có thể nhắn \"gặp cán bộ\" để được hỗ trợ."


def problems(answer: Answer, evidence: list[Evidence], kb: KnowledgeBase | None) -> list[str]:
    """What in ``answer`` is not backed by ``evidence`` (empty when everything is)."""
    found: list[str] = []
    cited_texts: list[str] = []
    for citation in answer.citations:
        if citation.kind == "procedure":
            if kb is None or kb.procedure(citation.id) is None:
                found.append(f"procedure {citation.id} is not in the knowledge base")
            continue
        passages = [e.passage for e in evidence if e.passage.doc_id == citation.id and e.passage.article == citation.article]
        if not passages:
            found.append(f"{citation.label or citation.id} was not retrieved")
        elif citation.text and not any(citation.text in p.text for p in passages):
            found.append(f"the quote of {citation.label or citation.id} is not in its text")
        cited_texts += [p.text for p in passages]
    if answer.extras.get("composer") == "llm":
        if not answer.citations:
            found.append("the language model cited nothing")
        backing = "\n".join(cited_texts)
        for figure in set(_FIGURE.findall(answer.text)):
            if figure not in backing:
                found.append(f"the figure {figure} is not in the cited evidence")
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
