"""What every legal format shares: dates, document types, names, effective dates.

Dates are written "ngày 20 tháng 11 năm 2014", "ngày 20/11/2014" or, in old
texts, "20-5-1957". A document's *ngày hiệu lực* is stated in its final
provisions: "Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2015" (or
"... kể từ ngày ký", which is its date of issue).
"""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Iterator

from knowledge.parsing.citations import DOC_TYPES, find_cited_documents, number_key
from knowledge.text import fold

# "ngày" for "năm" is a typing slip seen in the corpus ("01 tháng 01 ngày 2012").
_WORDED_DATE = re.compile(r"(\d{1,2})\s*tháng\s*(\d{1,2})\s*(?:năm|ngày)\s*(\d{4})", re.IGNORECASE)
_NUMERIC_DATE = re.compile(r"(?<![\d/])(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)")
_TYPE_WORD = r"(?:Bộ luật|Luật|Pháp lệnh|Nghị định|Nghị quyết(?: liên tịch)?|Thông tư(?: liên tịch)?|Quyết định|Chỉ thị|Lệnh)"
THIS_DOCUMENT = rf"{_TYPE_WORD} này"
_EFFECTIVE = re.compile(
    rf"{THIS_DOCUMENT} có hiệu lực(?: thi hành)?(?: kể)? từ (?P<when>ngày ký(?: ban hành)?|ngày công bố"
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
        if when.startswith("ngày ký"):
            return issued_on
        if when == "ngày công bố":
            return None
        return parse_date(when)
    return None


def doc_type_named(word: str) -> str | None:
    """"BỘ LUẬT" -> "Bộ luật"; None when the word names no document type."""
    folded = fold(word.strip())
    return next((t for t in DOC_TYPES if fold(t) == folded), None)


def name_case(name: str) -> str:
    """A name written in capitals, in the usual case: "TỔ CHỨC QUỐC HỘI" -> "Tổ chức Quốc hội"."""
    words = [w if ("/" in w or any(c.isdigit() for c in w)) else w.lower() for w in name.split()]
    text = " ".join(words)
    for proper in _PROPER_NAMES:
        text = re.sub(rf"(?<!\w){re.escape(proper.lower())}(?!\w)", proper, text)
    return text[:1].upper() + text[1:]


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
