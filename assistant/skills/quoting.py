"""Choosing what to quote: the khoản (and điểm) of an article that answers a question.

A passage's text is the article's body: an optional lead, then khoản "1. …",
"2. …", each possibly with điểm "a) …", "b) …", "đ) …". Every unit is scored by
the question's content words and word pairs it contains (diacritics folded,
function words left out); the best one is quoted verbatim, so the quote is always
a substring of the evidence.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from knowledge.models import Passage
from knowledge.text import content_tokens, expand_abbreviations, expand_query, folded_syllables

_KHOAN = re.compile(r"^(\d+[a-zđ]?)\.\s")
_DIEM = re.compile(r"^([a-zđ])\)\s")
MAX_QUOTE_CHARS = 900


@dataclass(frozen=True)
class Quote:
    text: str  # verbatim from the passage
    clause: str | None
    point: str | None
    score: float


@dataclass(frozen=True)
class _Unit:
    clause: str | None
    point: str | None
    lines: tuple[str, ...]


def question_terms(question: str) -> set[str]:
    """Folded content words and adjacent pairs of a question (abbreviations and everyday words expanded)."""
    tokens = content_tokens(folded_syllables(expand_query(expand_abbreviations(question))))
    return set(tokens) | {f"{a}_{b}" for a, b in zip(tokens, tokens[1:])}


def _terms(text: str) -> set[str]:
    tokens = folded_syllables(text)
    return set(tokens) | {f"{a}_{b}" for a, b in zip(tokens, tokens[1:])}


def relevance(terms: set[str], text: str) -> float:
    """How much of the question a text covers: matched words count 1, matched pairs 2."""
    found = terms & _terms(text)
    return sum(2.0 if "_" in t else 1.0 for t in found)


def coverage(question: str, passage: Passage) -> float:
    """Share of the question's content words found in the passage (heading, text, title)."""
    words = {t for t in question_terms(question) if "_" not in t}
    if not words:
        return 0.0
    found = words & _terms(f"{passage.doc_title}\n{passage.heading}\n{passage.text}")
    return len(found) / len(words)


def _units(text: str) -> list[_Unit]:
    units: list[_Unit] = []
    lead: list[str] = []
    clause: str | None = None
    clause_lines: list[str] = []
    for line in text.split("\n"):
        line = line.rstrip()
        if not line:
            continue
        khoan = _KHOAN.match(line)
        diem = _DIEM.match(line)
        if khoan:
            if clause is not None:
                units.append(_Unit(clause, None, tuple(clause_lines)))
            clause, clause_lines = khoan.group(1), [line]
        elif diem and clause is not None:
            clause_lines.append(line)
            units.append(_Unit(clause, diem.group(1), (clause_lines[0], line)))
        elif clause is not None:
            clause_lines.append(line)
        else:
            lead.append(line)
    if clause is not None:
        units.append(_Unit(clause, None, tuple(clause_lines)))
    if lead:
        units.insert(0, _Unit(None, None, tuple(lead)))
    return units


def best_quote(question: str, passage: Passage) -> Quote:
    """The unit of the passage that best answers ``question``, quoted verbatim."""
    terms = question_terms(question)
    best: Quote | None = None
    for unit in _units(passage.text):
        body = "\n".join(unit.lines)
        score = relevance(terms, body) / math.log(2 + len(body) / 400)
        if best is None or score > best.score:
            best = Quote(_shorten(unit.lines), unit.clause, unit.point, score)
    if best is None:
        return Quote(passage.text[:MAX_QUOTE_CHARS], None, None, 0.0)
    return best


def _shorten(lines: tuple[str, ...]) -> str:
    """The unit's text, cut at a line end when very long (a quote must stay readable)."""
    kept: list[str] = []
    for line in lines:
        if kept and sum(len(k) + 1 for k in kept) + len(line) > MAX_QUOTE_CHARS:
            break
        kept.append(line)
    text = "\n".join(kept)
    return text if len(text) <= MAX_QUOTE_CHARS else text[:MAX_QUOTE_CHARS].rsplit(" ", 1)[0]
