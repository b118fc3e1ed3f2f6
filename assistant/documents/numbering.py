"""Số, ký hiệu of a document: written by the drafter, checked by the reviewer.

Phụ lục I, Mục II, khoản 3: "Số: 15/QĐ-UBND" — the word "Số" and a colon, the
number in Arabic numerals with a leading zero below 10, a slash, then the ký hiệu:
the type's abbreviation (Phụ lục III) and the issuer's, joined by hyphens without
spaces, in capitals. A công văn has no type abbreviation: its ký hiệu is the
issuer's and the drafting unit's (``120/UBND-VP``). A draft may leave the number
blank ("Số:      /QĐ-UBND") for the văn thư to fill in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.documents.format_rules import ABBREVIATION_REF, TYPE_ABBREVIATIONS, type_by_abbreviation

_SO_LINE = re.compile(r"^Số\b\s*(?P<colon>:?)\s*(?P<number>\d+|[.…_ ]*)\s*/\s*(?P<symbol>\S.*?)\s*\.?$", re.IGNORECASE)
_YEAR = re.compile(r"^\d{4}\s*/\s*")
_GROUP = re.compile(r"^[A-ZĐ0-9]+$")
_ABBREVIATIONS = frozenset(TYPE_ABBREVIATIONS.values()) | {"SY", "TrS", "SL"}


def format_so_ky_hieu(number: int | None, codes: list[str]) -> str:
    """ "Số: 05/QĐ-UBND", or "Số:      /QĐ-UBND" while the number is not given yet."""
    shown = f"{number:02d}" if number is not None else "      "
    return f"Số: {shown}/{'-'.join(codes)}"


@dataclass(frozen=True)
class SoKyHieu:
    raw: str
    number: str  # "" when left blank
    groups: tuple[str, ...]  # ký hiệu split at hyphens: ("QĐ", "UBND")
    problems: tuple[str, ...]

    @property
    def type_name(self) -> str | None:
        """The document type its first group abbreviates, when it abbreviates one."""
        return type_by_abbreviation(self.groups[0]) if self.groups else None


def looks_like_so_line(text: str) -> bool:
    return bool(_SO_LINE.match(text))


def parse_so_ky_hieu(text: str) -> SoKyHieu | None:
    """The number and ký hiệu of a "Số: …/…" line with its own format problems."""
    match = _SO_LINE.match(text)
    if not match:
        return None
    number = match.group("number").strip(" .…_")
    symbol = _YEAR.sub("", match.group("symbol"))
    problems = []
    if not match.group("colon"):
        problems.append("sau từ “Số” phải có dấu hai chấm (:)")
    if number.isdigit() and int(number) < 10 and len(number) < 2:
        problems.append(f"số nhỏ hơn 10 phải ghi thêm số 0 phía trước (“{int(number):02d}”, không phải “{number}”)")
    if re.search(r"\s", symbol) or re.search(r"\d\s+/|/\s", text):
        problems.append("giữa các nhóm chữ viết tắt của ký hiệu có dấu gạch nối (-), không cách chữ")
    groups = tuple(g.strip() for g in symbol.split("-") if g.strip())
    for group in groups:
        if not _GROUP.match(group) and group not in _ABBREVIATIONS:
            problems.append(f"ký hiệu viết bằng chữ in hoa (“{group}”)")
    return SoKyHieu(text, number, groups, tuple(problems))


def ky_hieu_problems(so: SoKyHieu, type_name: str | None) -> list[str]:
    """Problems of the ký hiệu against the document type ("Công văn" for a letter)."""
    groups = so.groups
    if not groups:
        return ["thiếu ký hiệu văn bản sau dấu gạch chéo"]
    if type_name == "Công văn":
        if groups[0] == "CV" or so.type_name:
            return [
                f"công văn không ghi chữ viết tắt tên loại (“{groups[0]}”): ký hiệu gồm chữ viết tắt tên cơ quan"
                " và tên đơn vị soạn thảo, ví dụ “Số: 120/UBND-VP”"
            ]
        if len(groups) < 2:
            return ["ký hiệu công văn phải có chữ viết tắt tên đơn vị soạn thảo hoặc lĩnh vực, ví dụ “120/UBND-VP”"]
        return []
    expected = TYPE_ABBREVIATIONS.get(type_name or "")
    if expected and groups[0] != expected:
        return [f"ký hiệu của {type_name.lower()} bắt đầu bằng “{expected}”, không phải “{groups[0]}” ({ABBREVIATION_REF})"]
    if expected and len(groups) < 2:
        return [f"ký hiệu thiếu chữ viết tắt tên cơ quan ban hành sau “{expected}-”"]
    return []
