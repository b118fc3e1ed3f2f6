"""The article whose heading the question says in full, before those it says in part.

"Người chưa thành niên có được lập di chúc không?" holds every word of "Điều 625. Người lập di chúc" and not those
of "Điều 632. Người làm chứng cho việc lập di chúc": the law names in its heading what an article settles, and a
question saying all of it asks that. ``heading_said_first`` raises, by ``HEADING_RAISE`` of the best score, the
law passages whose heading's words (the number aside) the question holds, all of them. Read folded.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from knowledge.models import Evidence, lowered
from knowledge.text import content_tokens, expand_query, folded_syllables

# Chosen on the legal search of the whole knowledge base (``python -m evals.search_levels``): .05, .1 and .2 of the best
# score gave ALQAC MRR@10 .852, .852, .843 and the citizen-worded questions .457, .472, .468 (.845 and .448 without),
# with headings of two syllables raised too; without them (``MIN_WORDS``), .1 gives .853 and .467, and "thử việc tối đa
# được bao lâu" keeps Điều 25 "Thời gian thử việc" before Điều 24 "Thử việc".
HEADING_RAISE = 0.1
_NUMBERED = re.compile(r"^\s*(?:Điều|Dieu)\s+\d+\w*\s*[.:]?\s*", re.IGNORECASE)
MIN_WORDS = 3  # a heading of one or two syllables ("Thử việc") says too little to tell


def _words(text: str) -> set[str]:
    return set(content_tokens(folded_syllables(text)))


# "Điều kiện đối với người nhận con nuôi": "đối với" names whom the heading is about, which the question says its own
# way; "Thông báo về việc thụ lý vụ án": "về việc" only joins the words.
_JOINING_WORDS = re.compile(r"\b(?:đối với|về việc)\b", re.IGNORECASE)


@lru_cache(maxsize=65536)
def _heading_words(heading: str) -> frozenset[str]:
    return frozenset(_words(_JOINING_WORDS.sub(" ", _NUMBERED.sub("", heading))))


@lru_cache(maxsize=64)  # a question is read by this rerank and by knowledge.current_law, for each kind searched
def _asked_words(question: str) -> frozenset[str]:
    return frozenset(_words(expand_query(question)))


def headings_said(question: str) -> Callable[[str], bool]:
    """Whether the question says a heading in full (its words, the number aside, at least ``MIN_WORDS``); the
    question is read once."""
    asked = _asked_words(question)

    def said(heading: str) -> bool:
        words = _heading_words(heading)
        return len(words) >= MIN_WORDS and words <= asked

    return said


def heading_said_first(question: str, evidence: list[Evidence]) -> list[Evidence]:
    """``evidence`` with the law passages whose heading the question says in full raised, best first."""
    said = headings_said(question)
    return lowered(evidence, lambda e: -HEADING_RAISE if e.passage.kind == "law" and said(e.passage.heading) else 0.0)
