"""Recognising văn bản in text: document numbers (số hiệu) and citations.

A số hiệu is written ``<n>/<year>/<type>-<issuer>`` (``30/2020/NĐ-CP``,
``01/2021/TT-BTP``), ``<n>/<year>/QH<term>`` for laws (``60/2014/QH13``),
``<n>/<type>-<issuer>`` for individual decisions and letters (``163/QĐ-BTP``,
``120/UBND-VP``), or in the pre-2000 style ``21-LCT/HĐNN8``. Portal data often
runs a number into the next word ("123/2015/NĐ-CPNghị định ...", "15/2024/NĐ-CPvề",
"30/2013/NĐ-CPLUẬT"), so an issuer code stops where a Vietnamese word begins. Joint
circulars join issuers with "/" (``69/2007/TTLT/BQP-BLĐTBXH-BTC``), the Prime
Minister's decisions end in ``TTg`` and some resolutions are sub-numbered
(``66.7/2025/NQ-CP``).

A citation is a document type word followed by a name, a number or both:
"Luật Cư trú số 81/2006/QH11", "Nghị định số 123/2015/NĐ-CP ngày 15/11/2015",
"Luật số 60/2014/QH13 Hộ tịch", "Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015".
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.text.normalize import fold, normalize

_LOWER = "a-zàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
_LOWER_VOWELS = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ"
_UPPER_VOWELS = _LOWER_VOWELS.upper()
# Capital vowels an issuer code never contains: those with a diacritic.
_UPPER_MARKED = "".join(ch for ch in _UPPER_VOWELS if ch not in "AEIOUY")
# Where a word glued to a number begins: a capital then a lower-case vowel ("Nghị" is
# seen at "Ng"), a lower-case onset digraph ("Ch", "Th", "Tr", ...), or an all-capital
# syllable with a marked vowel ("LUẬT"). "CPvề" or "TTg" begin no word.
_WORD_START = (
    rf"[A-ZĐ][{_LOWER_VOWELS}]|[CGKNPT]h|Ng|Tr"
    rf"|(?:[CGKNPT]H|NGH?|TR|[A-ZĐ])[{_UPPER_VOWELS}]*[{_UPPER_MARKED}]"
)
# One issuer/type segment: capitals, none of which begins a glued word. Possessive, so a
# number followed by glued lower-case text ("15/2024/NĐ-CPvề") is not cut short.
_CAPS = rf"(?:(?!{_WORD_START})[A-ZĐ])++"
# Legislature codes carry their term number: QH13, UBTVQH14, HĐNN8; "TTg" is the Prime
# Minister; "CP" (the Government) is taken whole even before a glued "hướng dẫn".
# Phụ lục III of Nghị định 30/2020 abbreviates a few types in mixed case: TTr (tờ trình),
# CTr (chương trình), QyĐ (quy định), TrS (bản trích sao).
_MIXED_CASE = rf"(?:TTr|CTr|QyĐ|TrS)(?![{_LOWER}])"
_SEGMENT = rf"(?:(?:UBTVQH|QH|HĐNN|HDNN)\d{{1,2}}|TTg|{_MIXED_CASE}|CP(?![A-ZĐ])|{_CAPS})"
# Segments are joined by "-" (spaces around it are typing slips: "NĐ- CP") or, in joint
# circulars, by "/" ("69/2007/TTLT/BQP-BLĐTBXH-BTC").
_SEGMENTS = rf"{_SEGMENT}(?:(?: ?- ?|/){_SEGMENT})*"
# Sub-numbered resolutions exist: "66.7/2025/NQ-CP".
_MODERN = rf"\d{{1,5}}(?:\.\d{{1,3}})?[a-z]?(?:/\d{{4}})?/{_SEGMENTS}"
_OLD_STYLE = rf"\d{{1,5}}-{_CAPS}/{_SEGMENTS}"
# A number starts after a non-digit, right after a legislature code it is glued to
# ("60/2014/QH1360/2014/QH13" is one number written twice) or after a glued year
# ("Pháp lệnh Chi phí tố tụng năm 202405/2024/UBTVQH15", "Luật Cư trú 202068/2020/QH14").
DOCUMENT_NUMBER = re.compile(
    rf"(?:(?<![\d/])(?<!\d\.)|(?<=[A-Z]\d)|(?<=[A-Z]\d\d)|(?<=\s(?:19|20)\d\d))(?:{_OLD_STYLE}|{_MODERN})(?!/)"
)


def clean_number(number: str) -> str:
    """A matched số hiệu without the stray spaces some sources put around its dashes."""
    return re.sub(r"\s+", "", number)


# Longest first, so "Bộ luật" wins over "Luật" and "Nghị quyết liên tịch" over "Nghị quyết".
DOC_TYPES: tuple[str, ...] = (
    "Hiến pháp",
    "Bộ luật",
    "Luật",
    "Pháp lệnh",
    "Nghị quyết liên tịch",
    "Nghị quyết",
    "Nghị định",
    "Thông tư liên tịch",
    "Thông tư",
    "Quyết định",
    "Chỉ thị",
    "Lệnh",
    "Văn bản hợp nhất",
)

_TYPE_BY_CODE: tuple[tuple[str, str], ...] = (
    ("TTLT", "Thông tư liên tịch"),
    ("NQLT", "Nghị quyết liên tịch"),
    ("NĐ", "Nghị định"),
    ("TT", "Thông tư"),
    ("QĐ", "Quyết định"),
    ("NQ", "Nghị quyết"),
    ("CT", "Chỉ thị"),
    ("PL", "Pháp lệnh"),
    ("L", "Luật"),
)


@dataclass(frozen=True)
class CitedDocument:
    """A document mentioned in a text: its number and/or its name, as written."""

    number: str | None
    doc_type: str | None
    title: str | None  # "Luật Cư trú"; None when only a number was written
    start: int
    end: int


def find_numbers(text: str) -> list[str]:
    """Every số hiệu in the text, in order, without duplicates."""
    seen: dict[str, None] = {}
    for match in DOCUMENT_NUMBER.finditer(normalize(text)):
        seen.setdefault(clean_number(match.group(0)), None)
    return list(seen)


def number_key(number: str) -> str:
    """A comparison key: case, diacritics and dash variants do not matter ("30/2020/ND-CP")."""
    return re.sub(r"\s+", "", fold(number).upper().replace("–", "-").replace("—", "-"))


def number_year(number: str) -> int | None:
    """The year a số hiệu carries ("45/2013/QH13" -> 2013); None for one without ("120/UBND-VP")."""
    match = re.match(r"\d{1,5}(?:\.\d{1,3})?[a-z]?/(\d{4})/", number)
    return int(match.group(1)) if match else None


def doc_type_from_number(number: str) -> str | None:
    """The document type a number's code implies, when it implies one."""
    codes = [part for part in number.upper().split("/")[1:] if not part.isdigit()]
    first = codes[0].split("-")[0] if codes else ""
    if re.fullmatch(r"QH\d+", first):
        return None  # Luật, Bộ luật or Nghị quyết: the number alone does not say which
    if re.fullmatch(r"\d+-L.*", number.split("/")[0]) or first == "L":
        return "Luật"
    for code, doc_type in _TYPE_BY_CODE:
        if first == code:
            return doc_type
    return None


# Rank by the issuer's code of a number, highest first (Luật Ban hành văn bản quy phạm pháp luật, Điều 4):
# Quốc hội, its Standing Committee, the President, the Government, the Prime Minister, a minister.
_RANK_BY_CODE = (
    (re.compile(r"UBTVQH\d*$"), 2), (re.compile(r"^(?:NQ-)?QH\d*$"), 1), (re.compile(r"CTN$"), 3),
    (re.compile(r"-CP$"), 4), (re.compile(r"-TTG$"), 5), (re.compile(r"^TT(?:LT)?-"), 6),
)


def legal_rank(number: str) -> int | None:
    """1 for Quốc hội's texts down to 6 for a circular; None when the number's code does not say."""
    parts = number.upper().split("/")
    code = parts[-1] if len(parts) > 1 else ""
    return next((rank for pattern, rank in _RANK_BY_CODE if pattern.search(code)), None)


_TYPE_WORD = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(t) for t in DOC_TYPES) + r")(?!\w)", re.IGNORECASE)
_NUMBER_AHEAD = re.compile(rf"\s*(?:số\s*(?:hiệu\s*)?:?\s*)?(?P<number>{_OLD_STYLE}|{_MODERN})(?!/)")
# Where a document's name ends. "một số điều", "sửa đổi, bổ sung" and "... của Luật X" stay inside.
_NAME_END = re.compile(
    r"\s+số\s*(?=\d)|\s+số hiệu\b|\s+ngày\b|\s+năm\s+\d|[;:\n()\[\]“”\"]|\.(?:\s|$)|,(?!\s*bổ sung)"
    r"|\s+(?:được|đã|thì|có hiệu lực|còn|do|quy định|hướng dẫn|và|hết|trong|tại|theo)\b"
    r"|\s+của\b(?!\s+(?:Luật|Bộ luật|Pháp lệnh|Nghị định|Nghị quyết))"
)
_MAX_NAME_WORDS = 20
_NOT_A_NAME = re.compile(r"(?i)(này|đó|trên|khác|sau|nêu|mới|cũ|hiện hành)\b")


def _name_at(text: str, start: int) -> tuple[str, int]:
    """The name that starts at ``start`` (possibly empty) and the offset where it ends."""
    end_match = _NAME_END.search(text, start)
    end = end_match.start() if end_match else len(text)
    words = text[start:end].split()[:_MAX_NAME_WORDS]
    name = " ".join(words).strip(" ,.-")
    if not name:
        return "", start
    return name, text.index(words[-1], start) + len(words[-1])


# "Luật sửa đổi, bổ sung một số điều của Luật A và Luật B": the amended laws belong to the name.
_AND_AMENDED = re.compile(r"\s+và\s+(?P<type>Bộ luật|Luật|Pháp lệnh)\s+")


def _with_amended(text: str, name: str, end: int) -> tuple[str, int]:
    """Extend an amending document's name over the further laws it amends."""
    while name.startswith("sửa đổi") and (joined := _AND_AMENDED.match(text, end)):
        more, more_end = _name_at(text, joined.end())
        if not _is_name(more):
            break
        name, end = f"{name} và {joined.group('type')} {more}", more_end
    return name, end


def _is_name(name: str) -> bool:
    return bool(name) and (name[0].isupper() or name.startswith("sửa đổi")) and not _NOT_A_NAME.match(name)


def _citation_at(text: str, type_match: re.Match[str]) -> CitedDocument | None:
    """The citation that begins with a document type word, or None when it is not one."""
    doc_type = next(t for t in DOC_TYPES if t.lower() == type_match.group(0).lower())
    name, end = "", type_match.end()
    number_match = _NUMBER_AHEAD.match(text, end)
    if not number_match:  # "Luật Cư trú số 81/2006/QH11" or "Luật Tổ chức Chính phủ ngày ..."
        name, end = _with_amended(text, *_name_at(text, end))
        number_match = _NUMBER_AHEAD.match(text, end)
    if number_match:
        end = number_match.end()
        if not name:  # "Luật số 60/2014/QH13 Hộ tịch"
            after, after_end = _name_at(text, end)
            if _is_name(after):
                name, end = after, after_end
    named = _is_name(name) or doc_type == "Hiến pháp"
    if not number_match and not (type_match.group(0)[0].isupper() and named):
        return None
    title = f"{doc_type} {name}".strip() if named else None
    number = clean_number(number_match.group("number")) if number_match else None
    return CitedDocument(number, doc_type, title, type_match.start(), end)


def find_cited_documents(text: str) -> list[CitedDocument]:
    """Citations of documents by type word with name and/or number, plus bare numbers.

    Offsets refer to the normalised text.
    """
    text = normalize(text)
    found: list[CitedDocument] = []
    for type_match in _TYPE_WORD.finditer(text):
        if found and type_match.start() < found[-1].end:
            continue
        citation = _citation_at(text, type_match)
        if citation:
            found.append(citation)
    for match in DOCUMENT_NUMBER.finditer(text):
        if any(c.start <= match.start() < c.end for c in found):
            continue
        number = clean_number(match.group(0))
        found.append(CitedDocument(number, doc_type_from_number(number), None, match.start(), match.end()))
    found.sort(key=lambda c: c.start)
    return found
