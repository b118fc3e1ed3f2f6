"""Địa danh and date of issue: written by the drafter, checked by the reviewer.

Phụ lục I, Mục II, khoản 4: "Hà Nội, ngày 05 tháng 01 năm 2020" — Arabic
numerals, a leading zero on days below 10 and on months 1 and 2 (and only
there: "tháng 6", not "tháng 06"), a comma after the place name. A draft may
leave the date blank ("ngày …… tháng …… năm 2024") for the văn thư to fill in
when the document is signed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_BLANK = r"[.…_]+"
_PLACE = r"(?P<place>(?:[^\s;:]+\s+){0,6}?[^\s;:]*?)"  # a place name: a few words, no sentence around it
_DATE_LINE = re.compile(
    rf"^{_PLACE}(?P<comma>,?)\s*ngày\s*(?P<d>\d+|{_BLANK})?\s*tháng\s*(?P<m>\d+|{_BLANK})?"
    rf"\s*năm\s*(?P<y>\d+|{_BLANK})?\s*\.?$",
    re.IGNORECASE,
)
_NUMERIC_DATE = re.compile(
    rf"^{_PLACE},?\s*(?:ngày\s*)?\d{{1,2}}\s*[/.-]\s*\d{{1,2}}\s*[/.-]\s*\d{{2,4}}\s*\.?$", re.IGNORECASE
)


def day_text(day: int) -> str:
    return f"{day:02d}"


def month_text(month: int) -> str:
    return f"{month:02d}" if month <= 2 else str(month)


def format_place_date(place: str, issued: date | None) -> str:
    """ "TP. Hồ Chí Minh, ngày 05 tháng 01 năm 2024"; blanks when the date is not known yet."""
    if issued is None:
        return f"{place}, ngày      tháng      năm      "
    return f"{place}, ngày {day_text(issued.day)} tháng {month_text(issued.month)} năm {issued.year}"


def format_long_date(day: date) -> str:
    """ "ngày 08 tháng 01 năm 2024", the same numerals inside a text."""
    return f"ngày {day_text(day.day)} tháng {month_text(day.month)} năm {day.year}"


@dataclass(frozen=True)
class DateLine:
    """A line read as "địa danh, ngày … tháng … năm …" with what is wrong in it."""

    place: str
    problems: tuple[str, ...]  # format problems (ND30.DATE_FORMAT)

    @property
    def place_missing(self) -> bool:
        return not self.place


def looks_like_date_line(text: str) -> bool:
    return bool(_DATE_LINE.match(text) or _NUMERIC_DATE.match(text))


def _number_problems(day: str, month: str, year: str) -> list[str]:
    problems = []
    if day.isdigit() and int(day) < 10 and len(day) < 2:
        problems.append(f"ngày nhỏ hơn 10 phải ghi số 0 phía trước (“ngày {int(day):02d}”, không phải “ngày {day}”)")
    if month.isdigit():
        wanted = month_text(int(month))
        if month != wanted:
            problems.append(
                f"tháng 1 và 2 ghi thêm số 0, các tháng khác không (“tháng {wanted}”, không phải “tháng {month}”)"
            )
    if year.isdigit() and len(year) != 4:
        problems.append(f"năm phải ghi đủ bốn chữ số (“năm {year}”)")
    if day.isdigit() and month.isdigit() and year.isdigit() and len(year) == 4:
        try:
            date(int(year), int(month), int(day))
        except ValueError:
            problems.append(f"ngày {day} tháng {month} năm {year} không tồn tại")
    return problems


def parse_date_line(text: str) -> DateLine | None:
    """The date line's place and problems, or None when the text is not a date line."""
    numeric = _NUMERIC_DATE.match(text)
    if numeric and not _DATE_LINE.match(text):
        place = numeric.group("place").strip(" ,")
        return DateLine(
            place, ("thời gian phải viết đầy đủ “ngày … tháng … năm …”, không viết tắt bằng dấu gạch chéo",)
        )
    match = _DATE_LINE.match(text)
    if not match:
        return None
    place = match.group("place").strip()
    problems = _number_problems(*(match.group(g) or "" for g in ("d", "m", "y")))
    if place and not match.group("comma"):
        problems.append("sau địa danh phải có dấu phẩy (,)")
    if place and not place[0].isupper():
        problems.append(f"chữ cái đầu của địa danh phải viết hoa (“{place}”)")
    return DateLine(place, tuple(problems))


def date_of_line(text: str) -> date | None:
    """The date a date line names ("Đà Nẵng, ngày 15 tháng 11 năm 2024"), None when blank or impossible."""
    match = _DATE_LINE.match(text)
    if not match or not all((match.group(g) or "").isdigit() for g in ("d", "m", "y")):
        return None
    try:
        return date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
    except ValueError:
        return None
