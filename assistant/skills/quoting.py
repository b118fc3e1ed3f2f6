"""Choosing what to quote: the khoản (and điểm) of an article that answers a question.

A passage's text is the article's body: an optional lead, then khoản "1. …",
"2. …", each possibly with điểm "a) …", "b) …", "đ) …". Every unit is scored by
the question's content words and word pairs it contains (diacritics folded,
function words left out) and by whether it holds the kind of answer the question
asks for ("bao lâu" a duration, "bao nhiêu tiền" an amount, "bao nhiêu tuổi" an
age); the best one is quoted verbatim, so the quote is always a substring of the
evidence.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Mapping

from knowledge.models import Passage
from knowledge.text import content_tokens, expand_abbreviations, expand_query, fold, folded_syllables

_ANSWER_TYPES = (
    (re.compile(r"\b(?:bao lau|thoi han|may ngay|may thang|bao nhieu ngay|trong bao lau|khi nao)\b"),
     re.compile(r"\b\d+\s*(?:ngay|thang|nam|gio|tuan)\b")),
    (re.compile(r"\b(?:bao nhieu tien|le phi|muc phat|phat bao nhieu|muc phi|chi phi|bao nhieu dong)\b"),
     re.compile(r"\d[\d.,]*\s*(?:dong|trieu|ty|nghin)\b")),
    (re.compile(r"\b(?:bao nhieu tuoi|may tuoi|du tuoi|do tuoi)\b"), re.compile(r"\b\d+\s*tuoi\b")),
)
ANSWER_TYPE_BONUS = 2.0
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
    lines: tuple[str, ...]  # quoted verbatim (one contiguous run of the passage)
    context: str = ""  # scored with the lines, not quoted: a điểm's khoản lead


@dataclass(frozen=True)
class Rarity:
    """How informative each folded syllable ("sinh") and pair ("khai_sinh") of the corpus is
    (``DiacriticModel.rarity``); a term the corpus lacks weighs as much as its rarest one."""

    weights: Mapping[str, float]
    unseen: float

    @classmethod
    def of(cls, weights: Mapping[str, float]) -> "Rarity":
        return cls(weights, max(weights.values(), default=1.0))

    def __call__(self, term: str) -> float:
        return self.weights.get(term, self.unseen)


@lru_cache(maxsize=64)  # one question is scored against every candidate passage
def question_terms(question: str) -> frozenset[str]:
    """Folded content words and adjacent pairs of a question (abbreviations and everyday words expanded)."""
    tokens = content_tokens(folded_syllables(expand_query(expand_abbreviations(question))))
    return frozenset(tokens) | {f"{a}_{b}" for a, b in zip(tokens, tokens[1:])}


def _terms(text: str) -> set[str]:
    tokens = folded_syllables(text)
    return set(tokens) | {f"{a}_{b}" for a, b in zip(tokens, tokens[1:])}


def relevance(terms: set[str], text: str) -> float:
    """How much of the question a text covers: matched words count 1, matched pairs 2."""
    found = terms & _terms(text)
    return sum(2.0 if "_" in t else 1.0 for t in found)


def coverage(question: str, passage: Passage, rarity: Rarity | None = None) -> float:
    """Share of the question found in the passage (heading, text, title).

    Without ``rarity`` every content word counts once. With it, the question's word
    pairs that are phrases of the corpus ("khai_sinh") count too, and every term weighs
    its rarity: "khai sinh" must be found as a phrase, not as "kê khai" and "phát sinh".
    """
    terms = question_terms(question)
    if rarity:
        terms = {t for t in terms if "_" not in t or t in rarity.weights}
        weight = rarity
    else:
        terms = {t for t in terms if "_" not in t}
        weight = lambda term: 1.0  # noqa: E731
    if not terms:
        return 0.0
    found = terms & _terms(f"{passage.doc_title}\n{passage.heading}\n{passage.text}")
    return sum(weight(t) for t in found) / sum(weight(t) for t in terms)


def _answer_type_bonus(question: str, text: str) -> float:
    folded_question, folded_text = fold(question), fold(text)
    return sum(ANSWER_TYPE_BONUS for asks, holds in _ANSWER_TYPES if asks.search(folded_question) and holds.search(folded_text))


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
            units.append(_Unit(clause, diem.group(1), (line,), context=clause_lines[0]))
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
        if unit.context and relevance(terms, body) <= relevance(terms, unit.context):
            continue  # the điểm adds nothing its khoản's lead does not say: quote the khoản
        score = (relevance(terms, f"{unit.context}\n{body}") + _answer_type_bonus(question, body)) / math.log(2 + len(body) / 400)
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
