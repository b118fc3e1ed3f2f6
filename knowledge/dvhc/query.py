"""What people type for a unit: words with or without diacritics, kind words and their abbreviations.

"P.12 Q3", "p12 q.3", "phuong 12 quan 3" and "Phường 12, Quận 3" are the same request;
"tt Pac Miau" is "thị trấn Pác Miầu"; "tphcm" is Thành phố Hồ Chí Minh. ``words`` turns a
text into ``Word``s (each as typed, lower case, and folded), the abbreviations written out,
and ``kind_at`` says whether a kind word starts at a position: a unit's ("phường", "xã",
"thị trấn", "đặc khu"), a district's ("quận", "huyện", "thị xã", "thành phố") or a
province's ("tỉnh", "thành phố").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from knowledge.text import expand_abbreviations, fold, folded_syllables, syllables

# Kind words (folded syllables) -> the kind; "huyện" names a district, and also the one
# whole huyện the merger turned into an đặc khu (Bạch Long Vĩ).
UNIT_WORDS: dict[tuple[str, ...], str] = {
    ("phuong",): "phường", ("xa",): "xã", ("thi", "tran"): "thị trấn", ("dac", "khu"): "đặc khu",
}
DISTRICT_WORDS: dict[tuple[str, ...], str] = {
    ("quan",): "quận", ("huyen",): "huyện", ("thi", "xa"): "thị xã", ("thanh", "pho"): "thành phố",
}
PROVINCE_WORDS: dict[tuple[str, ...], str] = {("tinh",): "tỉnh", ("thanh", "pho"): "thành phố"}
# Abbreviations of kind words, typed alone ("p Bến Nghé", "tt Pác Miầu") or glued to a number ("p12", "Q3").
_SHORT: dict[str, str] = {
    "p": "phường", "f": "phường", "x": "xã", "tt": "thị trấn", "q": "quận", "h": "huyện", "tx": "thị xã", "hn": "hà nội",
}
_GLUED_NUMBER = re.compile(r"^(p|f|q)(\d+)$")
# "Ủy ban nhân dân phường …", "Hội đồng nhân dân xã …": the body of a unit, not part of any name.
_COUNCILS: tuple[tuple[str, ...], ...] = (("uy", "ban", "nhan", "dan"), ("hoi", "dong", "nhan", "dan"))


@dataclass(frozen=True)
class Word:
    text: str  # lower case as typed: "bến", "12"
    folded: str  # "ben"


@dataclass(frozen=True)
class Kind:
    """A kind word found at a position: ``size`` words long, naming a ``role``'s ``kind``."""

    role: str  # "unit", "district" or "province"
    kind: str
    size: int


def words(text: str) -> list[Word]:
    """The words of ``text``, abbreviations written out: "P.12 Q3" -> phường 12 quận 3."""
    found: list[Word] = []
    for token in syllables(expand_abbreviations(text)):
        folded = fold(token)
        if glued := _GLUED_NUMBER.match(folded):
            found += [*_spelled(_SHORT[glued.group(1)]), Word(glued.group(2), glued.group(2))]
        elif folded in _SHORT and token == folded:
            found += _spelled(_SHORT[folded])
        else:
            found.append(Word(token, folded))
    return found


def _spelled(phrase: str) -> list[Word]:
    return [Word(token, fold(token)) for token in phrase.split()]


def kind_at(folded: list[str], i: int) -> list[Kind]:
    """The kind words starting at ``i`` (several: "thành phố" names a district or a province)."""
    found = []
    for table, role in ((UNIT_WORDS, "unit"), (DISTRICT_WORDS, "district"), (PROVINCE_WORDS, "province")):
        for key, kind in table.items():
            if tuple(folded[i : i + len(key)]) == key:
                found.append(Kind(role, kind, len(key)))
    # "thị xã" is a district's kind, not a "thị" followed by the unit kind "xã"
    longest = max((k.size for k in found), default=0)
    return [k for k in found if k.size == longest]


def kind_before(folded: list[str], i: int) -> list[Kind]:
    """The kind words that end just before position ``i``."""
    for size in (2, 1):
        if i - size >= 0:
            kinds = [k for k in kind_at(folded, i - size) if k.size == size]
            if kinds:
                return kinds
    return []


def council_words(folded: list[str]) -> set[int]:
    """Positions of the words "ủy ban nhân dân", "hội đồng nhân dân" (also written "ubnd", "hdnd")."""
    found: set[int] = set()
    for i in range(len(folded)):
        for council in _COUNCILS:
            if tuple(folded[i : i + len(council)]) == council:
                found.update(range(i, i + len(council)))
    return found


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """The folded key a name is found by: "Mỹ Đình 1" -> "my dinh 1", "Đạ M'Rông" -> "da m rong"."""
    return " ".join(folded_syllables(name))
