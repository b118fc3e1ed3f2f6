"""What every legal format shares: dates, document types, names, effective dates.

Dates are written "ngày 20 tháng 11 năm 2014", "ngày 20/11/2014" or, in old
texts, "20-5-1957". A document's *ngày hiệu lực* is stated in its final
provisions: "Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2015" (or
"... kể từ ngày ký", "... từ ngày được thông qua", which is its date of issue).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path
from typing import Iterator

from knowledge.parsing.citations import DOC_TYPES, find_cited_documents, number_key
from knowledge.parsing.legal.structure import LOWER
from knowledge.text import fold

# "ngày" for "năm" is a typing slip seen in the corpus ("01 tháng 01 ngày 2012").
_WORDED_DATE = re.compile(r"(\d{1,2})\s*tháng\s*(\d{1,2})\s*(?:năm|ngày)\s*(\d{4})", re.IGNORECASE)
_NUMERIC_DATE = re.compile(r"(?<![\d/])(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)")
_TYPE_WORD = r"(?:Bộ luật|Luật|Pháp lệnh|Nghị định|Nghị quyết(?: liên tịch)?|Thông tư(?: liên tịch)?|Quyết định|Chỉ thị|Lệnh)"
THIS_DOCUMENT = rf"{_TYPE_WORD} này"
_EFFECTIVE = re.compile(
    rf"{THIS_DOCUMENT} có hiệu lực(?: thi hành)?(?: kể)? từ (?P<when>ngày ký(?: ban hành)?|ngày công bố"
    r"|ngày\s*(?:được\s+)?thông qua"
    r"|ngày\s*\d{1,2}\s*tháng\s*\d{1,2}\s*(?:năm|ngày)\s*\d{4}|ngày\s*\d{1,2}/\d{1,2}/\d{4})",
    re.IGNORECASE,
)
# Names that keep their capitals inside a title written in capitals ("LUẬT TỔ CHỨC QUỐC HỘI").
_PROPER_NAMES = (
    "Việt Nam",
    "Quốc hội",
    "Chính phủ",
    "Hội đồng nhân dân",
    "Ủy ban nhân dân",
    "Tòa án nhân dân",
    "Viện kiểm sát nhân dân",
    "Mặt trận Tổ quốc",
    "Công an nhân dân",
    "Quân đội nhân dân",
    "Cộng hòa xã hội chủ nghĩa",
    "Liên hợp quốc",
    "Thủ đô",
)
_CAPITALISED_TYPES = ("Hiến pháp", "Bộ luật", "Luật", "Pháp lệnh")


_MARKDOWN_PREFIX = re.compile(r"^(?:#{1,6}\s+|[-*+]\s+(?=[a-zđ]\d?\)))")
_TABLE_RULE = re.compile(r"^\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*$")


def markdown_line(line: str) -> str:
    """A Markdown line as plain text: no heading marks, bold, point bullets or table pipes."""
    line = _MARKDOWN_PREFIX.sub("", line.strip()).replace("**", "").strip()
    if _TABLE_RULE.match(line):
        return ""
    if line.startswith("|") and line.endswith("|"):
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        return " | ".join(cell for cell in cells if cell)
    return line


def dates_in(text: str) -> Iterator[tuple[date, tuple[int, int]]]:
    """Every valid date written in ``text`` with its span, worded dates first."""
    for pattern in (_WORDED_DATE, _NUMERIC_DATE):
        for match in pattern.finditer(text):
            day, month, year = (int(g) for g in match.groups())
            try:
                found = date(year, month, day)
            except ValueError:
                continue
            yield found, match.span()


def parse_date(text: str) -> date | None:
    """The first valid date written in ``text``, either way."""
    return next((day for day, _ in dates_in(text)), None)


def effective_date(texts: list[str], issued_on: date | None) -> date | None:
    """The ngày hiệu lực stated in the first of ``texts`` that states one."""
    for text in texts:
        match = _EFFECTIVE.search(text)
        if not match:
            continue
        when = match.group("when").lower()
        if when.startswith("ngày ký") or when.endswith("thông qua"):
            return issued_on
        if when == "ngày công bố":
            return None
        return parse_date(when)
    return None


def doc_type_named(word: str) -> str | None:
    """"BỘ LUẬT" -> "Bộ luật"; None when the word names no document type."""
    folded = fold(word.strip())
    return next((t for t in DOC_TYPES if fold(t) == folded), None)


def name_case(name: str, spellings: Spellings | None = None) -> str:
    """A name written in capitals, in the usual case: "TỔ CHỨC QUỐC HỘI" -> "Tổ chức Quốc hội".

    Proper names of the state keep their capitals; with the ``spellings`` of the
    document's own text, so do the names it writes with capitals inside a sentence
    ("TỈNH AN GIANG" -> "tỉnh An Giang", "BỘ XÂY DỰNG" -> "Bộ Xây dựng").
    """
    words = [w if ("/" in w or any(c.isdigit() for c in w)) else w.lower() for w in name.split()]
    text = " ".join(words)
    if spellings is not None:
        text = spellings.recase(text)
    for proper in _PROPER_NAMES:
        text = re.sub(rf"(?<!\w){re.escape(proper.lower())}(?!\w)", proper, text)
    return text[:1].upper() + text[1:]


_WORD = re.compile(r"[^\W\d_]+")
_SENTENCE_MARK = re.compile(r"[.:;!?(]")
_PHRASE_WORDS = range(6, 1, -1)  # longest phrases first; one word says too little ("an" of "an ninh")


class Spellings:
    """How a text writes its phrases inside sentences: "an giang" -> "An Giang".

    The case of a phrase of two to six words is read where neither a sentence
    start nor a line of capitals decides it; the most frequent spelling wins.
    """

    def __init__(self, text: str) -> None:
        self._words: list[str] = []
        self._free: list[bool] = []  # not at a sentence start, not in a line of capitals
        self._at: dict[str, list[int]] = defaultdict(list)
        for line in text.split("\n"):
            capitals = not re.search(rf"[{LOWER}]", line)
            previous = 0
            for index, match in enumerate(_WORD.finditer(line)):
                opening = index == 0 or _SENTENCE_MARK.search(line, previous, match.start()) is not None
                previous = match.end()
                self._at[match.group().lower()].append(len(self._words))
                self._words.append(match.group())
                self._free.append(not (capitals or opening))

    def _spelling(self, phrase: list[str]) -> list[str] | None:
        forms: Counter[tuple[str, ...]] = Counter()
        size = len(phrase)
        for start in self._at.get(phrase[0], ()):
            found = self._words[start : start + size]
            if self._free[start] and [w.lower() for w in found] == phrase:
                forms[tuple(found)] += 1
        return list(forms.most_common(1)[0][0]) if forms else None

    def recase(self, text: str) -> str:
        """``text`` (lower case) with each word cased as the text cases the longest phrase around it."""
        matches = list(_WORD.finditer(text))
        words = [m.group().lower() for m in matches]
        cased: list[str | None] = [None] * len(words)
        for size in _PHRASE_WORDS:
            for start in range(len(words) - size + 1):
                if all(c is not None for c in cased[start : start + size]):
                    continue
                spelling = self._spelling(words[start : start + size])
                for offset, word in enumerate(spelling or ()):
                    cased[start + offset] = cased[start + offset] or word
        for match, word in reversed(list(zip(matches, cased))):
            if word is not None and word.lower() == match.group():
                text = text[: match.start()] + word + text[match.end() :]
        return text


def document_title(doc_type: str, name: str) -> str:
    """"Luật" + "Hộ tịch" -> "Luật Hộ tịch"; "Nghị định" + "Về công tác văn thư" -> "Nghị định về công tác văn thư"."""
    name = name.strip(" .,;")
    if not name:
        return doc_type
    first = name[:1].upper() if doc_type in _CAPITALISED_TYPES else name[:1].lower()
    return f"{doc_type} {first}{name[1:]}"


def fallback_title(doc_type: str, number: str) -> str:
    """The name of a document whose title the source does not give: "Nghị định số 30/2020/NĐ-CP"."""
    return f"{doc_type} số {number}"


def cited_numbers(texts: list[str], own_number: str | None) -> tuple[str, ...]:
    """Số hiệu cited in the texts, in order, without the document's own number."""
    own = number_key(own_number) if own_number else None
    seen: dict[str, str] = {}
    for text in texts:
        for cited in find_cited_documents(text):
            if cited.number and number_key(cited.number) != own:
                seen.setdefault(number_key(cited.number), cited.number)
    return tuple(seen.values())


def source_name(path: Path, root: Path | None) -> str:
    """The path recorded as a document's source: relative to ``root`` when given."""
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def slug_id(source: str) -> str:
    """The doc_id of a document without a số hiệu: its source path without the suffix."""
    return source.rsplit(".", 1)[0]
