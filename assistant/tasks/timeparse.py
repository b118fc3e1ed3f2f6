"""Understanding Vietnamese time expressions: "9 giờ sáng thứ Hai tuần sau", "cuoi thang nay".

``parse_when(text, now)`` returns a ``When`` (an aware due datetime in
Asia/Ho_Chi_Minh, an optional ``Recurrence``, what was understood and which
defaults were applied) or a ``Clarification`` (the question to ask back and a
reason code). It never guesses: an ambiguous, impossible or past moment is a
``Clarification``, never a date.

Text is read word by word. A word typed with diacritics must be that word ("sáu"
is six, "sau" is after); a word typed without them may be any word that folds to
it ("sau" is six or after, "toi" is tôi, tối or tới) and its neighbours decide.

Conventions (the working day is 08:00-17:00, Monday-Friday; see ``dates``):

| expression | due |
|---|---|
| a day without a time ("thứ Hai tuần sau", "15/12", "ngày mai") | 08:00 that day, the start of the working day |
| a buổi without an hour ("sáng mai", "chiều thứ Sáu") | sáng 08:00, trưa 12:00, chiều 14:00, tối 19:00, đêm 22:00, khuya 23:00 |
| an hour without a buổi | 0 and 7-24 as written; 1-6 ask back ("3 giờ" sáng hay chiều?) |
| a time without a day ("lúc 14h30") | today; ask back when it has passed |
| "hôm nay" without a time | ask back for the time |
| "trước X" (before) | 17:00 on the last working day before X; with a time ("trước 9h thứ Sáu") that time on X |
| "chậm nhất / hạn chót / trong X" (by) | 17:00 on X unless a time is given |
| "cuối tuần/tháng/quý/năm (này/sau)" | 17:00 on the last working day of that period (cuối tuần = Friday) |
| "cuối ngày", "cuối giờ chiều" | 17:00 |
| "30 phút nữa", "2 tiếng nữa" | now plus that, to the minute |
| "sau 3 ngày nữa", "2 tuần nữa", "1 tháng nữa" | that many days/months from now at the same time, unless a time is given |
| "trong 3 ngày (tới)" | 17:00 on the third day from today |
| a weekday alone ("thứ Sáu") | the next one after today; today's own weekday asks back |
| "thứ Sáu này / tuần này", "tuần sau / tuần tới", "tuần sau nữa" | that day of this week, of next week, of the week after (weeks run Monday-Sunday) |
| dd/mm without a year | this year; a date already passed means next year when that is less than six months ahead, otherwise ask back |
| "ngày 15" alone | this month, or next month when the 15th has passed |
| "24h ngày 15/12" | midnight at the end of 15/12 |
| "mỗi sáng thứ Sáu lúc 8h", "hằng tháng ngày 5", "hàng ngày lúc 7h30" | a recurrence; due is its first occurrence after now |

Asked back: "tuần sau", "tháng sau" alone, "đầu/giữa tháng", "sắp tới", "mai mốt",
"bây giờ", a past moment, an impossible date (31/02) or time (25h), two
contradicting days ("thứ Ba ngày 30/11" when 30/11 is a Monday), "bay gio"
typed without diacritics (bảy giờ or bây giờ).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Any

from assistant.tasks.dates import (
    WEEKDAY_NAMES,
    WORKDAY_END,
    WORKDAY_START,
    add_months,
    at,
    describe,
    last_working_day_on_or_before,
    local,
    month_end,
    valid_date,
    week_start,
)
from assistant.tasks.recurrence import MAX_MONTHLY_DAY, Recurrence
from knowledge.parsing.citations import find_numbers
from knowledge.text import fold, normalize

BUOI_DEFAULTS: dict[str, time] = {
    "sáng": time(8, 0),
    "trưa": time(12, 0),
    "chiều": time(14, 0),
    "tối": time(19, 0),
    "đêm": time(22, 0),
    "khuya": time(23, 0),
}
# How far ahead "15/11" may be read as next year's 15/11 before we ask back.
NEXT_YEAR_HORIZON = timedelta(days=183)


@dataclass(frozen=True)
class When:
    due: datetime  # aware, Asia/Ho_Chi_Minh
    recurrence: Recurrence | None = None
    understood: str = ""  # "09:00 thứ Hai, ngày 30/11/2026" (+ the recurrence in words)
    assumptions: tuple[str, ...] = ()  # the defaults applied, in words


@dataclass(frozen=True)
class Clarification:
    question: str  # what to ask back, in Vietnamese
    reason: str  # invalid_date, invalid_time, past, ambiguous, vague, not_understood
    suggestion: When | None = None


@dataclass(frozen=True)
class Extraction:
    """``parse_when`` plus where the time expression stands in the (normalised) text."""

    text: str  # the text after ``knowledge.text.normalize``
    result: When | Clarification | None  # None: no time expression at all
    spans: tuple[tuple[int, int], ...] = ()  # character spans of ``text`` that expressed the time


def parse_when(text: str, now: datetime) -> When | Clarification:
    """The moment (and recurrence) ``text`` names, relative to ``now``; a question when unsure."""
    result = extract_when(text, now, strict=True).result
    if result is None:
        return Clarification(
            "Tôi chưa hiểu thời điểm. Hãy ghi rõ, ví dụ: “9h sáng thứ Hai tuần sau” hoặc “15/12/2026 lúc 14h”.",
            "not_understood",
        )
    return result


def extract_when(text: str, now: datetime, strict: bool = False) -> Extraction:
    """Find and resolve the time expression inside a longer message.

    A number the parser could not read next to the expression ("9am mai") makes it
    ask back; with ``strict`` (the whole text is a time expression) any unread
    number does.
    """
    now = local(now)
    normalized = normalize(text)
    scan = _Scanner(normalized)
    facts = scan.run()
    if not facts:
        return Extraction(normalized, None)
    resolver = _Resolver(scan, facts, now, strict)
    result = resolver.resolve()
    return Extraction(normalized, result, scan.spans(resolver.used))


# --- words -------------------------------------------------------------------------------------

_ATOM = re.compile(r"\d+|[^\W\d_]+|[^\s\w]", re.UNICODE)


@dataclass(frozen=True)
class _Atom:
    text: str  # lower case
    folded: str
    marked: bool  # typed with diacritics
    start: int
    end: int
    glued: bool  # no space before it


@lru_cache(maxsize=None)
def _folded(word: str) -> str:
    return fold(word)


_DIGIT_WORDS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9}
_WEEKDAY_WORDS = {"hai": 0, "ba": 1, "tư": 2, "bốn": 2, "năm": 3, "sáu": 4, "bảy": 5}
_UNITS = {
    "phút": "minute", "p": "minute", "ph": "minute",
    "tiếng": "hour", "giờ": "hour", "h": "hour",
    "ngày": "day", "tuần": "week", "tháng": "month", "năm": "year",
}
_PERIODS = {"tuần": "week", "tháng": "month", "quý": "quarter", "năm": "year"}
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
# Words that may sit inside a time expression without meaning anything themselves.
_FILLERS = {"lúc", "vào", "khoảng", "tầm", "đúng", "ngày", "hôm", "buổi", "là", ",", "-", ":", "nhé", "nha", "ạ", "và", "định", "kỳ"}
# After these words "toi" is the pronoun tôi, not the evening.
_VERBS_BEFORE_ME = {"nhắc", "cho", "giúp", "với", "của", "bảo", "gọi", "báo", "hỏi", "gửi", "mời", "giùm", "dùm"}
_ORDINAL_NOUNS = {"lần", "bước", "kỳ", "đợt", "phần", "mục", "điều", "khoản", "chương", "quý", "người", "bản", "trang", "hạng", "vòng", "tầng"}
_HONORIFICS = {"anh", "chị", "em", "cô", "chú", "bác", "ông", "bà", "đồng"}


@dataclass
class _Fact:
    kind: str
    first: int  # index of its first atom
    last: int  # index after its last atom
    value: Any = None


class _Scanner:
    """Turns text into facts: pieces of time meaning with the atoms they came from."""

    def __init__(self, text: str) -> None:
        self.source = text
        self.atoms: list[_Atom] = []
        previous_end = -1
        for match in _ATOM.finditer(text):
            word = match.group(0).lower()
            folded = _folded(word)
            self.atoms.append(
                _Atom(word, folded, folded != word, match.start(), match.end(), match.start() == previous_end)
            )
            previous_end = match.end()
        self.facts: list[_Fact] = []

    # word tests ------------------------------------------------------------------------------

    def word(self, i: int, *words: str) -> bool:
        """Atom ``i`` is one of ``words``: exactly when typed with diacritics, by folding when not."""
        if not 0 <= i < len(self.atoms):
            return False
        atom = self.atoms[i]
        if atom.marked:
            return atom.text in words
        return any(atom.folded == _folded(w) for w in words)

    def seq(self, i: int, *words: str) -> bool:
        return all(self.word(i + k, w) for k, w in enumerate(words))

    def digits(self, i: int) -> int | None:
        if 0 <= i < len(self.atoms) and self.atoms[i].text.isdigit():
            return int(self.atoms[i].text)
        return None

    def glued(self, i: int) -> bool:
        return 0 <= i < len(self.atoms) and self.atoms[i].glued

    def loose(self, i: int) -> bool:
        return 0 <= i < len(self.atoms) and not self.atoms[i].marked

    def number(self, i: int) -> tuple[int, int] | None:
        """A number in digits or words ("15", "mười lăm", "hai mươi mốt"): (value, next index)."""
        value = self.digits(i)
        if value is not None:
            return value, i + 1
        if self.word(i, "mười"):
            ones = self._ones(i + 1, after_ten=True)
            return (10 + ones[0], ones[1]) if ones else (10, i + 1)
        tens = self._ones(i, after_ten=False)
        if tens is None:
            return None
        if self.word(tens[1], "mươi"):
            ones = self._ones(tens[1] + 1, after_ten=True)
            return (tens[0] * 10 + ones[0], ones[1]) if ones else (tens[0] * 10, tens[1] + 1)
        return tens

    def _ones(self, i: int, after_ten: bool) -> tuple[int, int] | None:
        if after_ten and self.word(i, "lăm", "nhăm"):
            return 5, i + 1
        if after_ten and self.word(i, "mốt"):
            return 1, i + 1
        if after_ten and self.word(i, "tư"):
            return 4, i + 1
        for word, value in _DIGIT_WORDS.items():
            if self.word(i, word):
                return value, i + 1
        return None

    # scanning --------------------------------------------------------------------------------

    def add(self, kind: str, first: int, last: int, value: Any = None) -> int:
        self.facts.append(_Fact(kind, first, last, value))
        return last

    def run(self) -> list[_Fact]:
        patterns = (
            self._vague,
            self._recurrence,
            self._period,
            self._relative_day,
            self._explicit_date,
            self._weekday,
            self._duration,
            self._time,
            self._buoi,
            self._marker,
        )
        i = 0
        while i < len(self.atoms):
            for pattern in patterns:
                end = pattern(i)
                if end is not None:
                    i = end
                    break
            else:
                i += 1
        return self.facts

    def _vague(self, i: int) -> int | None:
        if self.loose(i) and self.loose(i + 1) and self.word(i, "bảy", "sáu") and self.word(i + 1, "giờ"):
            spoken = "bảy giờ" if self.word(i, "bảy") else "sáu giờ"
            other = "bây giờ" if self.word(i, "bảy") else "sau giờ"
            return self.add("vague", i, i + 2, f"“{self.atoms[i].text} {self.atoms[i + 1].text}” là “{spoken}” hay “{other}”?")
        for words, question in (
            (("bây", "giờ"), "Bạn muốn được nhắc vào lúc nào?"),
            (("ngay", "lập", "tức"), "Bạn muốn được nhắc vào lúc nào?"),
            (("mai", "mốt"), "“Mai mốt” là ngày nào cụ thể?"),
            (("sắp", "tới"), "“Sắp tới” là ngày nào cụ thể?"),
            (("khi", "nào"), "Bạn muốn được nhắc vào ngày giờ nào?"),
            (("lúc", "nào"), "Bạn muốn được nhắc vào ngày giờ nào?"),
            (("sớm", "nhất"), "“Sớm nhất” là hạn ngày giờ nào?"),
        ):
            if self.seq(i, *words):
                return self.add("vague", i, i + len(words), question)
        if self.word(i, "vài", "mấy", "dăm", "ít") and self.word(i + 1, *_UNITS, "hôm", "bữa", "tiếng"):
            return self.add("vague", i, i + 2, f"“{self._text(i, i + 2)}” chưa cụ thể. Xin ghi rõ ngày giờ.")
        for words, what in (
            (("hôm", "qua"), "hôm qua"),
            (("hôm", "kia"), "hôm kia"),
            (("hôm", "trước"), "hôm trước"),
            (("năm", "ngoái"), "năm ngoái"),
        ):
            if self.seq(i, *words):
                return self.add("past", i, i + len(words), what)
        return None

    def _recurrence(self, i: int) -> int | None:
        if not self.word(i, "mỗi", "mọi", "hằng", "hàng"):
            return None
        if self.word(i + 1, "ngày", "tuần", "tháng", "năm"):
            unit = {"ngày": "day", "tuần": "week", "tháng": "month", "năm": "year"}
            kind = next(v for k, v in unit.items() if self.word(i + 1, k))
            return self.add("recur", i, i + 2, kind)
        if self.word(i + 1, "quý") or self.number(i + 1):
            return self.add("vague", i, i + 2, "Tôi chỉ đặt được lịch lặp lại hằng ngày, hằng tuần, hằng tháng hoặc hằng năm. Bạn muốn lặp lại thế nào?")
        if self.word(i + 1, *BUOI_DEFAULTS, "thứ", "chủ", "t", "cn", "buổi"):
            return self.add("recur", i, i + 1, "any")
        return None

    def _period_qualifier(self, i: int) -> tuple[int | str, int] | None:
        """After a period word: "này" 0, "sau"/"tới" 1, "sau nữa" 2, "trước"/"qua" past."""
        if self.word(i, "này", "nay"):
            return 0, i + 1
        if self.word(i, "sau", "tới") and self.word(i + 1, "nữa"):
            return 2, i + 2
        if self.word(i, "sau", "tới"):
            return 1, i + 1
        if self.word(i, "trước", "qua", "rồi"):
            return "past", i + 1
        return None

    def _period_number(self, unit: str, i: int) -> tuple[Any, int] | None:
        """"tháng 12" (12), "tháng 12 năm 2027" ((12, 2027)), "quý 4" / "quý IV", "năm 2027"."""
        if unit == "year":
            year = self.digits(i)
            return (year, i + 1) if year is not None and year >= 1000 else None
        number = self.number(i) if unit in ("month", "quarter") else None
        if unit == "quarter" and number is None and i < len(self.atoms) and self.atoms[i].text in _ROMAN:
            number = _ROMAN[self.atoms[i].text], i + 1
        if number and self.word(number[1], "năm") and (self.digits(number[1] + 1) or 0) >= 1000:
            return (number[0], self.digits(number[1] + 1)), number[1] + 2
        return number

    def _period(self, i: int) -> int | None:
        edge = None
        if self.word(i, "cuối", "hết"):
            edge = "end"
        elif self.word(i, "đầu", "giữa"):
            edge = "start" if self.word(i, "đầu") else "middle"
        elif self.word(i, "trong") and self.word(i + 1, *_PERIODS):
            edge = "end"
        if edge is not None:
            j = i + 1
            if edge != "middle" and self.word(j, "ngày", "giờ", "buổi"):
                return self._day_edge(i, edge)
            if not self.word(j, *_PERIODS):
                return None
            unit = next(v for k, v in _PERIODS.items() if self.word(j, k))
            qualifier = self._period_qualifier(j + 1)
            number = None if qualifier else self._period_number(unit, j + 1)
            if qualifier and qualifier[0] == "past":
                return self.add("past", i, qualifier[1], self._text(i, qualifier[1]))
            last = qualifier[1] if qualifier else (number[1] if number else j + 1)
            ref = ("offset", qualifier[0]) if qualifier else (("number", number[0]) if number else ("offset", 0))
            if edge == "end":
                if unit == "week" and self.word(i, "cuối"):
                    return self.add("weekend", i, last, ref)
                return self.add("period_end", i, last, (unit, ref))
            return self.add("vague", i, last, ("edge", edge, unit, ref))
        if self.word(i, "sang") and self.word(i + 1, "tuần", "tháng", "năm"):
            unit = next(v for k, v in _PERIODS.items() if self.word(i + 1, k))
            return self.add("period", i, i + 2, (unit, ("offset", 1)))
        if self.word(i, *_PERIODS):
            unit = next(v for k, v in _PERIODS.items() if self.word(i, k))
            qualifier = self._period_qualifier(i + 1)
            if qualifier and qualifier[0] == "past":
                return self.add("past", i, qualifier[1], self._text(i, qualifier[1]))
            if qualifier:
                return self.add("period", i, qualifier[1], (unit, ("offset", qualifier[0])))
            number = self._period_number(unit, i + 1)
            if number and not self.word(number[1], "nữa", "tới", "sau"):
                return self.add("named_period", i, number[1], (unit, ("number", number[0])))
        return None

    def _day_edge(self, i: int, edge: str) -> int | None:
        """"cuối ngày", "cuối giờ chiều", "hết giờ làm việc", "đầu giờ sáng"; "trong ngày (hôm nay)"."""
        j = i + 1
        what = ("end_of_day", WORKDAY_END) if edge == "end" else ("start_of_day", WORKDAY_START)
        if self.word(j, "ngày"):
            if self.seq(j + 1, "hôm", "nay") or self.word(j + 1, "nay"):
                last = j + (3 if self.word(j + 1, "hôm") else 2)
                self.add("clock", i, j + 1, what)
                return self.add("rel_day", j + 1, last, 0)
            return self.add("clock", i, i + 1, what)  # "cuối ngày mai": the day is read next
        if self.word(j, "giờ", "buổi"):
            last = j + 1
            if self.seq(last, "làm", "việc"):
                last += 2
            elif self.word(last, "sáng", "chiều"):
                if edge == "start" and self.word(last, "chiều"):
                    return self.add("vague", i, last + 1, "“Đầu giờ chiều” là mấy giờ?")
                last += 1
            return self.add("clock", i, last, what)
        return None

    def _explicit_date(self, i: int) -> int | None:
        j = i + 1 if self.word(i, "ngày", "hôm", "mùng", "mồng") else i
        j = j + 1 if j > i and self.word(j, "mùng", "mồng") else j
        # ISO 2026-12-15
        if (self.digits(j) or 0) >= 1000 and self.word(j + 1, "-") and self.glued(j + 1) and self.digits(j + 2) is not None \
                and self.word(j + 3, "-") and self.digits(j + 4) is not None:
            return self._date_fact(i, j + 5, self.digits(j + 4), self.digits(j + 2), self.digits(j))
        # 15/12, 15/12/2026, 15-12-2026, 15.12.2026
        day = self.digits(j)
        if day is not None and self.word(j + 1, "/", "-", ".") and self.glued(j + 1) and self.glued(j + 2) \
                and self.digits(j + 2) is not None:
            separator = self.atoms[j + 1].text
            month = self.digits(j + 2)
            if self.word(j + 3, separator) and self.glued(j + 3) and self.digits(j + 4) is not None and self.glued(j + 4):
                year = self.digits(j + 4)
                year = year + 2000 if year < 100 else year
                return self._date_fact(i, j + 5, day, month, year)
            if self.word(j + 3, "h", "g", "giờ", "phút", "p", "tiếng", ":") or (separator == "." and self.word(i - 1, "lúc")):
                return None  # "9-10h" is a range of hours, "lúc 9.30" a time: neither is a date
            if self.word(j + 3, "năm") and (self.digits(j + 4) or 0) >= 1000:
                return self._date_fact(i, j + 5, day, month, self.digits(j + 4))
            return self._date_fact(i, j + 3, day, month, None)
        # ngày 15 tháng 12 (năm 2026), 15 tháng 12, ngày 5 tháng sau
        number = self.number(j)
        if number is None:
            return None
        day, k = number
        if self.word(k, "tháng"):
            qualifier = self._period_qualifier(k + 1)
            if qualifier and qualifier[0] != "past" and j > i:
                return self.add("day_of_month", i, qualifier[1], (day, qualifier[0]))
            month_number = self.number(k + 1)
            if month_number and (j > i or self.digits(j) is not None):
                month, last = month_number
                year = None
                if self.word(last, "năm") and self.digits(last + 1):
                    year, last = self.digits(last + 1), last + 2
                elif self.word(last, "năm") and self._period_qualifier(last + 1):
                    offset, last = self._period_qualifier(last + 1)
                    if offset == "past":
                        return self.add("past", i, last, self._text(i, last))
                    year = ("offset", offset)
                return self._date_fact(i, last, day, month, year)
            return None
        if j > i and not self.word(k, *_UNITS, "nữa", "tiếng"):
            if not 1 <= day <= 31:
                return self.add("invalid", i, k, ("date", f"Không có ngày {day} trong tháng."))
            return self.add("day_of_month", i, k, (day, None))
        return None

    def _date_fact(self, i: int, last: int, day: int, month: int, year: Any) -> int:
        if not 1 <= month <= 12:
            return self.add("invalid", i, last, ("date", f"Không có tháng {month} (tháng từ 1 đến 12)."))
        check_year = year if isinstance(year, int) else 2024  # 2024 is a leap year: 29/02 waits for the real year
        if valid_date(check_year, month, day) is None:
            shown = f"{day:02d}/{month:02d}" + (f"/{year}" if isinstance(year, int) else "")
            return self.add("invalid", i, last, ("date", f"Ngày {shown} không tồn tại."))
        return self.add("date", i, last, (day, month, year))

    def _relative_day(self, i: int) -> int | None:
        if self.word(i, "ngày", "hôm", "bữa") and self.seq(i + 1, "hôm", "nay"):
            return self.add("rel_day", i, i + 3, 0)
        if self.word(i, "hôm", "bữa") and self.word(i + 1, "nay"):
            return self.add("rel_day", i, i + 2, 0)
        lead = self.word(i, "ngày", "hôm", "bữa")
        j = i + 1 if lead else i
        after_buoi = bool(self.facts) and self.facts[-1].kind == "buoi" and self.facts[-1].last == j
        if self.word(j, "mai") and not self._is_name(j):
            return self.add("rel_day", i, j + 1, 1)
        # unmarked "mot" is mốt only where a day is expected: "ngay mot", "sang mot" ("mot ngay" is one day)
        if self.word(j, "mốt") and (lead or after_buoi or not self.loose(j)) and not self.word(j + 1, *_UNITS, "tiếng"):
            return self.add("rel_day", i, j + 1, 2)
        if lead and self.word(i, "ngày") and self.word(j, "kia", "kìa"):
            return self.add("rel_day", i, j + 1, 3 if self.atoms[j].text == "kìa" else 2)
        return None

    def _is_name(self, i: int) -> bool:
        """"Mai" after "chị", "anh", ... is a person."""
        return self.word(i - 1, *_HONORIFICS)

    def _weekday(self, i: int) -> int | None:
        day = None
        last = i
        if self.word(i - 1, *_ORDINAL_NOUNS):  # "lần thứ hai" is the second time, not Monday
            return None
        if self.word(i, "thứ") or (self.word(i, "t") and self.glued(i + 1) and self.digits(i + 1) is not None):
            number = self.digits(i + 1)
            if number is not None:
                if not 2 <= number <= 7:
                    return self.add("invalid", i, i + 2, ("date", f"Không có “thứ {number}” (thứ 2 đến thứ 7, Chủ nhật)."))
                day, last = number - 2, i + 2
            else:
                for word, value in _WEEKDAY_WORDS.items():
                    if self.word(i + 1, word):
                        day, last = value, i + 2
                        break
        elif self.seq(i, "chủ", "nhật"):
            day, last = 6, i + 2
        elif self.atoms[i].text == "cn":
            day, last = 6, i + 1
        if day is None:
            return None
        if self.seq(last, "đầu", "tiên") or self.seq(last, "cuối", "cùng") or self.word(last, "cuối"):
            return self.add("vague", i, last + 2, f"Tôi chưa đặt được “{self._text(i, last + 2)} …” của một tháng. Xin ghi rõ ngày.")
        week: int | None = None
        if self.word(last, "tuần"):
            qualifier = self._period_qualifier(last + 1)
            if qualifier:
                if qualifier[0] == "past":
                    return self.add("past", i, qualifier[1], self._text(i, qualifier[1]))
                week, last = int(qualifier[0]), qualifier[1]
        elif self.word(last, "này"):
            week, last = 0, last + 1
        elif self.word(last, "tới", "sau") and not self.word(last + 1, "nữa") and (self.atoms[last].marked or not self._evening_context(last)):
            week, last = "coming", last + 1
        return self.add("weekday", i, last, (day, week))

    def _duration(self, i: int) -> int | None:
        for j, marker in self._duration_markers(i):
            amount = self._amount(j)
            if amount is None:
                continue
            value, k = amount
            unit = next((u for w, u in _UNITS.items() if self.word(k, w)), None)
            if unit is None or (self.word(k, "p", "ph", "h") and not self.glued(k)):
                continue
            unit_atom = k
            k += 1
            if unit == "day" and self.seq(k, "làm", "việc"):  # working days skip weekends and holidays we do not know
                return self.add("vague", i, k + 2, f"“{self._text(i, k + 2)}” là đến ngày nào? Xin ghi rõ ngày.")
            if self.word(k, "rưỡi") and unit in ("hour", "day"):
                value, k = value + 0.5, k + 1
            after = None
            if self.word(k, "nữa"):
                after, k = "later", k + 1
            elif self.word(k, "tới") and (self.atoms[k].marked or not self._evening_context(k)):
                after, k = "within", k + 1
            elif self.word(k, "sau") and marker is None and not self.word(k + 1, "nữa"):
                after, k = "later", k + 1
            if marker == "within" or after == "within":
                return self.add("within", i, k, (value, unit))
            if after == "later" or marker == "after":
                if marker == "after" and after is None and unit == "hour" and not self.word(unit_atom, "tiếng"):
                    return self.add("vague", i, k, f"“{self._text(i, k)}” là sau {value:g} tiếng nữa hay sau {value:g} giờ (đồng hồ)?")
                return self.add("duration", i, k, (value, unit))
        return None

    def _duration_markers(self, i: int) -> list[tuple[int, str | None]]:
        if self.seq(i, "trong", "vòng") or self.seq(i, "trong", "khoảng"):
            return [(i + 2, "within")]
        if self.word(i, "trong"):
            return [(i + 1, "within")]
        if self.word(i, "sau"):
            return [(i + 1, "after"), (i, None)]  # "sau 3 ngày", or "sau ngày nữa" typed for "sáu ngày nữa"
        return [(i, None)]

    def _amount(self, i: int) -> tuple[float, int] | None:
        if self.word(i, "nửa") and self.word(i + 1, "tiếng", "giờ", "ngày", "tháng", "năm"):
            return 0.5, i + 1
        number = self.number(i)
        return (float(number[0]), number[1]) if number else None

    def _time(self, i: int) -> int | None:
        number = self.number(i)
        if number is None:
            return None
        hour, j = number
        in_digits = self.digits(i) is not None
        minute = 0
        if in_digits and self.word(j, ":") and self.glued(j) and self.digits(j + 1) is not None and self.glued(j + 1):
            minute, j = self.digits(j + 1), j + 2
        elif self.word(j, "giờ") or (self.word(j, "h", "g") and in_digits and self.glued(j)):
            j += 1
            if self.word(j, "rưỡi"):
                minute, j = 30, j + 1
            elif self.word(j, "kém") and self.number(j + 1):
                less, j = self.number(j + 1)
                j += 1 if self.word(j, "phút", "p") else 0
                if not 0 < less < 60:
                    return self.add("invalid", i, j, ("time", f"“{self._text(i, j)}” không phải là giờ hợp lệ."))
                hour, minute = hour - 1, 60 - less
            elif self._minutes(j) is not None:
                minute, j = self._minutes(j)
            if self.word(j, "đúng"):
                j += 1
        elif self.word(j, "rưỡi") and hour <= 24:
            minute, j = 30, j + 1  # "9 rưỡi"
        elif in_digits and self.word(j, "am", "pm") and self.glued(j) and 1 <= hour <= 12:
            hour, j = hour % 12 + (12 if self.word(j, "pm") else 0), j + 1  # "9am", "3pm"
        elif in_digits and self.word(i - 1, "lúc") and (j == len(self.atoms) or self.word(j, *BUOI_DEFAULTS, ",", ".")):
            pass  # "lúc 9 sáng"
        else:
            return None
        if not (0 <= hour <= 24 and 0 <= minute <= 59) or (hour == 24 and minute):
            return self.add("invalid", i, j, ("time", f"“{self._text(i, j)}” không phải là giờ hợp lệ (giờ từ 0 đến 24, phút từ 0 đến 59)."))
        return self.add("time", i, j, (hour, minute))

    def _minutes(self, i: int) -> tuple[int, int] | None:
        """The minutes after "9 giờ": "30", "30 phút", "30p", "mười lăm" — not "15/12" nor "2 ngày"."""
        number = self.number(i)
        if number is None:
            return None
        value, j = number
        if self.word(j, "/", "-", ".") and self.glued(j):
            return None
        if self.word(j, "phút") or (self.word(j, "p", "ph", "'") and self.glued(j)):
            return value, j + 1
        if self.word(j, "tiếng", "giờ", "h", "nữa"):
            return None
        if self.word(j, "ngày", "tuần", "tháng", "năm") and self.number(j + 1) is None:
            return None  # "9h 2 ngày nữa"; but "16g30 ngày 20/12" keeps its minutes
        return value, j

    def _evening_context(self, i: int) -> bool:
        """Unmarked "toi": tối (evening) next to an hour or a day, tới/tôi elsewhere."""
        if self.word(i - 1, *_VERBS_BEFORE_ME):
            return False
        if self.facts and self.facts[-1].last == i and self.facts[-1].kind == "time":
            return True
        return bool(
            self.word(i + 1, "nay", "mai", "mốt", "qua", "thứ", "chủ", "cn", "hôm", "ngày")
            or (self.word(i + 1, "t") and self.glued(i + 2))
            or self.digits(i + 1) is not None
        )

    def _buoi(self, i: int) -> int | None:
        if self.seq(i, "nửa", "đêm"):
            return self.add("time", i, i + 2, (24, 0))
        j = i + 1 if self.word(i, "buổi", "rạng") else i
        name = next((b for b in BUOI_DEFAULTS if self.word(j, b)), None)
        if name is None:
            return None
        if self.loose(j) and name in ("tối", "sáng", "đêm") and not self._evening_context(j):
            return None
        rough = self.word(i, "rạng") or self.word(j + 1, "sớm", "muộn", "khuya")
        last = self.add("rough_buoi" if rough else "buoi", i, j + 1 + (self.word(j + 1, "sớm", "muộn", "khuya")), name)
        if self.word(last, "nay"):
            return self.add("rel_day", last, last + 1, 0)
        if self.word(last, "qua"):
            return self.add("past", last, last + 1, self._text(i, last + 1))
        return last

    def _marker(self, i: int) -> int | None:
        if self.word(i, "trước") and not self.word(i + 1, "khi", "đó", "tiên"):
            return self.add("before", i, i + 1)
        if self.word(i, "sau") and not self.word(i + 1, "khi", "đó"):
            return self.add("after", i, i + 1)
        for words in (("hạn", "chót"), ("hạn", "cuối"), ("chậm", "nhất"), ("trễ", "nhất"), ("muộn", "nhất"),
                      ("không", "quá"), ("đến", "hết"), ("đến",), ("trong",), ("hạn",)):
            if self.seq(i, *words):
                return self.add("by", i, i + len(words))
        return None

    # output ----------------------------------------------------------------------------------

    def _text(self, first: int, last: int) -> str:
        atoms = self.atoms[first:last]
        return "".join((("" if a.glued or k == 0 else " ") + a.text) for k, a in enumerate(atoms))

    def filler(self, i: int) -> bool:
        return self.word(i, *_FILLERS)

    def between_fillers(self, first: int, last: int) -> bool:
        return all(self.filler(k) for k in range(first, last))

    def spans(self, facts: list[_Fact]) -> tuple[tuple[int, int], ...]:
        """Character spans of the facts, each widened over the fillers before it ("lúc", "vào")."""
        ranges: list[list[int]] = []
        for fact in sorted(facts, key=lambda f: f.first):
            first = fact.first
            while first > 0 and self.filler(first - 1) and self.atoms[first - 1].text not in (",", "và"):
                first -= 1
            if ranges and self.between_fillers(ranges[-1][1], first):
                ranges[-1][1] = max(ranges[-1][1], fact.last)
            else:
                ranges.append([first, fact.last])
        return tuple((self.atoms[a].start, self.atoms[b - 1].end) for a, b in ranges)


# --- resolution --------------------------------------------------------------------------------

_DATE_KINDS = ("date", "day_of_month", "rel_day", "weekday", "period_end", "weekend", "duration", "within", "period", "named_period")
_CLOCK_KINDS = ("time", "buoi", "rough_buoi", "clock")


@dataclass
class _Plan:
    """The day (or exact moment) the facts name, and how its default time is chosen."""

    day: date | None = None
    moment: datetime | None = None  # relative durations: an exact moment
    default: str = "start"  # start (08:00), end (17:00), before (17:00 on the working day before), keep (now's time)
    assumptions: list[str] = field(default_factory=list)


class _Resolver:
    def __init__(self, scan: _Scanner, facts: list[_Fact], now: datetime, strict: bool) -> None:
        self.scan = scan
        self.facts = facts
        self.strict = strict
        self.now = now
        self.today = now.date()
        self.used = facts  # the facts that made the result (markers and weak facts left aside)

    def ask(self, question: str, reason: str, suggestion: When | None = None) -> Clarification:
        return Clarification(question, reason, suggestion)

    def resolve(self) -> When | Clarification | None:
        for fact in self.facts:
            if fact.kind == "invalid":
                return self.ask(fact.value[1] + " Bạn muốn đặt vào lúc nào?", f"invalid_{fact.value[0]}")
        for fact in self.facts:
            if fact.kind == "past":
                return self.ask(f"“{fact.value}” đã qua. Bạn muốn đặt vào lúc nào?", "past")
        facts = self._apply_markers(self._merge(self.facts))
        for fact in facts:
            if fact.kind == "vague":
                return self._vague(fact)
        self.used = facts
        unread = self._unread_number(self.facts)
        if unread is not None:
            return self.ask(f"Tôi chưa hiểu “{unread}” trong thời điểm này. Xin ghi lại, ví dụ: “9h sáng mai”.", "not_understood")
        for fact in facts:
            if fact.kind == "after":
                shown = self.scan._text(fact.first, fact.value.last)
                return self.ask(f"“{shown}” là từ khi nào đến khi nào? Xin ghi rõ một ngày giờ.", "vague")
        if not any(f.kind in _DATE_KINDS + _CLOCK_KINDS + ("recur",) for f in facts):
            return None
        if any(f.kind == "recur" for f in facts):
            return self._recurrence(facts)
        return self._single(facts)

    def _vague(self, fact: _Fact) -> Clarification:
        if isinstance(fact.value, str):
            return self.ask(fact.value, "vague")
        _, edge, unit, ref = fact.value
        words = self.scan._text(fact.first, fact.last)
        suggestion = None
        start = self._period_bounds(unit, ref)
        if start is not None and edge == "start":
            first_day = start[0]
            while first_day.weekday() >= 5:
                first_day += timedelta(days=1)
            if at(first_day, WORKDAY_START) > self.now:
                suggestion = self._when(at(first_day, WORKDAY_START), None, [])
        question = f"“{words}” là ngày nào cụ thể?"
        if suggestion:
            question += f" Có phải {suggestion.understood}?"
        return self.ask(question, "vague", suggestion)

    def _unread_number(self, facts: list[_Fact]) -> str | None:
        """A number no fact took, next to one that was taken (anywhere, when strict): we misread it.

        Document numbers ("123/UBND-VP") are not time; "trước"/"chậm nhất" do not make a number near.
        """
        covered = {i for f in facts for i in range(f.first, f.last)}
        anchors = [f for f in facts if f.kind not in ("before", "by", "after")]
        atoms = self.scan.atoms
        for i, atom in enumerate(atoms):
            if i in covered or not atom.text.isdigit() or (i > 0 and atoms[i].glued and i - 1 not in covered):
                continue
            last = i + 1
            while last < len(atoms) and atoms[last].glued and last not in covered:
                last += 1
            if find_numbers(self.scan.source[atom.start:atoms[last - 1].end]):
                continue
            near = any(
                (f.last <= i and self.scan.between_fillers(f.last, i)) or (last <= f.first and self.scan.between_fillers(last, f.first))
                for f in anchors
            )
            introduced = self.scan.word(i - 1, "lúc", "vào", "khoảng", "tầm")  # "lúc 9 …" is a time we did not read
            if self.strict or near or introduced:
                return self.scan._text(i, last)
        return None

    # facts -> facts ----------------------------------------------------------------------------

    def _adjacent(self, a: _Fact, b: _Fact) -> bool:
        first, second = (a, b) if a.first < b.first else (b, a)
        return self.scan.between_fillers(first.last, second.first)

    def _merge(self, facts: list[_Fact]) -> list[_Fact]:
        """"tuần sau (vào) thứ Hai" = "thứ Hai tuần sau"; "tháng sau, ngày 5" = "ngày 5 tháng sau"."""
        merged = list(facts)
        for period in [f for f in facts if f.kind == "period"]:
            unit, (_, offset) = period.value
            for other in merged:
                target = {"week": "weekday", "month": "day_of_month"}.get(unit)
                if other.kind == target and other.value[1] is None and self._adjacent(period, other):
                    other.value = (other.value[0], offset)
                    merged.remove(period)
                    break
        strong = [f for f in merged if f.kind in _DATE_KINDS and f.kind not in ("period", "named_period")]
        if strong:  # "báo cáo tháng 12 (6 tháng đầu năm) trước thứ Sáu": those months belong to the title
            merged = [f for f in merged if not (f.kind in ("period", "named_period") or _is_edge(f)) or
                      any(m.kind in ("before", "by") and m.last <= f.first and self._adjacent(m, f) for m in merged)]
        return merged

    def _apply_markers(self, facts: list[_Fact]) -> list[_Fact]:
        """"trước" / "chậm nhất" apply to the fact right after them; elsewhere they are plain words."""
        result: list[_Fact] = []
        pending: _Fact | None = None
        for fact in sorted(facts, key=lambda f: f.first):
            if fact.kind in ("before", "by", "after"):
                pending = fact
                continue
            if pending is not None and self.scan.between_fillers(pending.last, fact.first):
                result.append(_Fact(pending.kind, pending.first, pending.last, fact))
            pending = None
            result.append(fact)
        return result

    # one moment ------------------------------------------------------------------------------

    def _single(self, facts: list[_Fact]) -> When | Clarification:
        markers = {f.value.first: f.kind for f in facts if f.kind in ("before", "by")}
        dated = [f for f in facts if f.kind in _DATE_KINDS]
        named = [f for f in dated if f.kind in ("date", "day_of_month", "rel_day")]
        weekdays = [f for f in dated if f.kind == "weekday"]
        if named and weekdays:  # "thứ Hai, ngày 30/11": the weekday only confirms the date
            checked = self._weekdays_agree(named, weekdays, markers)
            if checked is not None:
                return checked
            dated = [f for f in dated if f.kind != "weekday"]
        clocks = [f for f in facts if f.kind in _CLOCK_KINDS]
        plans = []
        for fact in dated:
            plan = self._plan(fact, markers.get(fact.first))
            if isinstance(plan, Clarification):
                return plan
            plans.append((fact, plan))
        if len(plans) > 1:
            plan = self._agree(plans)
            if isinstance(plan, Clarification):
                return plan
        elif plans:
            plan = plans[0][1]
        else:
            plan = _Plan()
        return self._finish(plan, clocks)

    def _weekdays_agree(self, named: list[_Fact], weekdays: list[_Fact], markers: dict[int, str]) -> Clarification | None:
        for fact in named:
            plan = self._plan(fact, markers.get(fact.first))
            if isinstance(plan, Clarification):
                return plan
            for weekday in weekdays:
                if weekday.value[0] != plan.day.weekday():
                    return self.ask(
                        f"Ngày {plan.day:%d/%m/%Y} là {WEEKDAY_NAMES[plan.day.weekday()]}, không phải"
                        f" {WEEKDAY_NAMES[weekday.value[0]]}. Bạn muốn ngày nào?",
                        "ambiguous",
                    )
        return None

    def _agree(self, plans: list[tuple[_Fact, _Plan]]) -> _Plan | Clarification:
        """Two day facts must name the same day ("thứ Hai, ngày 30/11"), else we ask."""
        days = {p.day for _, p in plans}
        if len(days) == 1 and None not in days and all(p.moment is None for _, p in plans):
            best = max((p for _, p in plans), key=lambda p: p.default != "start")
            return best
        shown = [self.scan._text(f.first, f.last) for f, _ in plans]
        detail = ""
        if all(p.day for _, p in plans):
            detail = " (" + "; ".join(f"“{s}” là {WEEKDAY_NAMES[p.day.weekday()]} {p.day:%d/%m/%Y}" for s, (_, p) in zip(shown, plans)) + ")"
        return self.ask(f"Thời điểm chưa rõ: {' và '.join('“' + s + '”' for s in shown)} không cùng một ngày{detail}. Bạn muốn ngày nào?", "ambiguous")

    def _plan(self, fact: _Fact, marker: str | None) -> _Plan | Clarification:
        kind, value = fact.kind, fact.value
        default = {"before": "before", "by": "end"}.get(marker or "", "start")
        if kind == "rel_day":
            return _Plan(self.today + timedelta(days=value), default=default)
        if kind == "weekday":
            day = self._weekday_day(*value, before=marker == "before")
            return day if isinstance(day, Clarification) else _Plan(day, default=default)
        if kind == "date":
            day = self._date_day(*value)
            return day if isinstance(day, Clarification) else _Plan(day, default=default)
        if kind == "day_of_month":
            day = self._month_day(*value)
            return day if isinstance(day, Clarification) else _Plan(day, default=default)
        if kind in ("period_end", "period", "named_period"):
            bounds = self._period_bounds(*value)
            if bounds is None:
                return self.ask(f"“{self.scan._text(fact.first, fact.last)}” không rõ. Bạn muốn ngày nào?", "ambiguous")
            start, end = bounds
            if marker == "before" and kind != "period_end":  # "trước tuần sau"; "trước cuối tháng" is the end
                return _Plan(start, default="before")
            if kind == "period_end" or marker == "by":
                last = last_working_day_on_or_before(end)
                return _Plan(last, default="end", assumptions=[f"“{self.scan._text(fact.first, fact.last)}”: ngày làm việc cuối cùng"])
            return self.ask(f"“{self.scan._text(fact.first, fact.last)}” là ngày nào cụ thể?", "vague")
        if kind == "weekend":  # "cuối tuần": the end of the working week, or the weekend?
            friday = self._period_bounds("week", value)[0] + timedelta(days=4)
            if marker == "before":
                return _Plan(friday, default="end")
            shown = self.scan._text(fact.first, fact.last)
            suggestion = self._when(at(friday, WORKDAY_END), None, []) if at(friday, WORKDAY_END) > self.now else None
            return self.ask(
                f"“{shown}” là hết tuần làm việc (17:00 thứ Sáu, {friday:%d/%m}) hay thứ Bảy, Chủ nhật?", "ambiguous", suggestion
            )
        if kind == "duration":
            amount, unit = value
            if marker == "before":
                return self.ask(f"“trước {self.scan._text(fact.first, fact.last)}” chưa rõ. Bạn muốn hạn chót lúc nào?", "ambiguous")
            return self._relative(amount, unit, fact)
        amount, unit = value  # within
        if unit in ("minute", "hour"):
            return self._relative(amount, unit, fact)
        target = self._relative(amount, unit, fact)
        if isinstance(target, Clarification):
            return target
        return _Plan(target.moment.date(), default="end", assumptions=["hạn trong khoảng thời gian: 17:00 ngày cuối"])

    def _relative(self, amount: float, unit: str, fact: _Fact) -> _Plan | Clarification:
        if unit in ("month", "year"):
            months = amount * (12 if unit == "year" else 1)
            if months != int(months):
                return self.ask(f"“{self.scan._text(fact.first, fact.last)}” chưa rõ. Bạn muốn ngày nào?", "ambiguous")
            day = add_months(self.today, int(months))
            if day is None:
                return self.ask("Tháng đó không có ngày này. Bạn muốn ngày nào?", "invalid_date")
            moment = datetime.combine(day, self.now.time(), self.now.tzinfo)
        else:
            minutes = amount * {"minute": 1, "hour": 60, "day": 1440, "week": 10080}[unit]
            moment = self.now + timedelta(minutes=minutes)
        moment = moment.replace(second=0, microsecond=0)
        if unit in ("minute", "hour"):
            return _Plan(moment.date(), moment=moment, default="exact")
        return _Plan(moment.date(), moment=moment, default="keep")

    def _weekday_day(self, weekday: int, week: int | None, before: bool = False) -> date | Clarification:
        if week is None:
            ahead = (weekday - self.today.weekday()) % 7
            if ahead == 0 and before:  # "trước thứ Hai" said on a Monday: the coming one
                ahead = 7
            if ahead == 0:
                this_one = self.today
                next_one = self.today + timedelta(days=7)
                return self.ask(
                    f"Hôm nay là {WEEKDAY_NAMES[weekday]}. Bạn muốn hôm nay ({this_one:%d/%m}) hay {WEEKDAY_NAMES[weekday]} tuần sau ({next_one:%d/%m})?",
                    "ambiguous",
                )
            return self.today + timedelta(days=ahead)
        if week == "coming":  # "thứ Năm tới": this week's or next week's Thursday, unless they coincide
            ahead = (weekday - self.today.weekday()) % 7 or 7
            day = self.today + timedelta(days=ahead)
            if week_start(day) == week_start(self.today):
                later = day + timedelta(days=7)
                return self.ask(
                    f"“{WEEKDAY_NAMES[weekday]} tới” là {WEEKDAY_NAMES[weekday]} tuần này ({day:%d/%m}) hay tuần sau ({later:%d/%m})?",
                    "ambiguous",
                )
            return day
        day = week_start(self.today) + timedelta(days=7 * week + weekday)
        if day < self.today:
            return self.ask(f"{WEEKDAY_NAMES[weekday]} tuần này ({day:%d/%m/%Y}) đã qua. Bạn muốn ngày nào?", "past")
        return day

    def _date_day(self, day: int, month: int, year: Any) -> date | Clarification:
        if isinstance(year, tuple):
            year = self.today.year + year[1]
        if year is not None:
            result = valid_date(year, month, day)
            if result is None:
                return self.ask(f"Ngày {day:02d}/{month:02d}/{year} không tồn tại. Bạn muốn ngày nào?", "invalid_date")
            if result < self.today:
                return self.ask(f"Ngày {result:%d/%m/%Y} đã qua. Bạn muốn ngày nào?", "past")
            return result
        this_year = valid_date(self.today.year, month, day)
        if this_year is not None and this_year >= self.today:
            return this_year
        next_year = valid_date(self.today.year + 1, month, day)
        if next_year is not None and next_year - self.today <= NEXT_YEAR_HORIZON:
            return next_year
        if this_year is None:
            return self.ask(f"Năm {self.today.year} không có ngày {day:02d}/{month:02d}. Bạn muốn ngày nào?", "invalid_date")
        return self.ask(f"Ngày {this_year:%d/%m/%Y} đã qua. Bạn muốn ngày {day:02d}/{month:02d} năm sau hay một ngày khác?", "past")

    def _month_day(self, day: int, month_offset: int | None) -> date | Clarification:
        first = self.today.replace(day=1)
        if month_offset is not None:
            month_first = add_months(first, month_offset)
            candidate = valid_date(month_first.year, month_first.month, day)
            if candidate is None:
                return self.ask(f"Tháng {month_first.month}/{month_first.year} không có ngày {day}. Bạn muốn ngày nào?", "invalid_date")
            if candidate < self.today:
                return self.ask(f"Ngày {candidate:%d/%m/%Y} đã qua. Bạn muốn ngày nào?", "past")
            return candidate
        for offset in (0, 1):  # "ngày 20": this month, or next month once the 20th has passed
            month_first = add_months(first, offset)
            candidate = valid_date(month_first.year, month_first.month, day)
            if candidate is not None and candidate >= self.today:
                return candidate
        return self.ask(f"Ngày {day} là ngày nào: tháng này hay tháng sau? Xin ghi rõ ngày/tháng.", "ambiguous")

    def _period_bounds(self, unit: str, ref: tuple[str, Any]) -> tuple[date, date] | None:
        """First and last day of "tuần này", "tháng sau", "quý 4", "tháng 12 (năm 2027)", "năm 2027"."""
        how, value = ref
        today = self.today
        if unit == "week":
            if how != "offset":
                return None
            start = week_start(today) + timedelta(days=7 * value)
            return start, start + timedelta(days=6)
        if unit == "month":
            if how == "offset":
                start = add_months(today.replace(day=1), value)
            else:
                month, year = value if isinstance(value, tuple) else (value, None)
                if not 1 <= month <= 12:
                    return None
                if year is None:
                    year = today.year if month_end(today.year, month) >= today else today.year + 1
                start = date(year, month, 1)
            end = month_end(start.year, start.month)
            if how == "number" and not isinstance(value, tuple) and end - today > NEXT_YEAR_HORIZON:
                return None  # "cuối tháng 10" said in November: this year's is gone, next year's far away
            return start, end
        if unit == "quarter":
            current = (today.month - 1) // 3
            if how == "offset":
                index = today.year * 4 + current + value
                year, quarter = divmod(index, 4)
            else:
                number, year = value if isinstance(value, tuple) else (value, None)
                if not 1 <= number <= 4:
                    return None
                quarter = number - 1
                if year is None:
                    year = today.year if quarter >= current else today.year + 1
                    if month_end(year, quarter * 3 + 3) - today > NEXT_YEAR_HORIZON:
                        return None
            start = date(year, quarter * 3 + 1, 1)
            end = month_end(year, quarter * 3 + 3)
            return start, end
        year = today.year + value if how == "offset" else value
        if not 1900 < year < 3000:
            return None
        return date(year, 1, 1), date(year, 12, 31)

    def _finish(self, plan: _Plan, clocks: list[_Fact]) -> When | Clarification:
        assumptions = list(plan.assumptions)
        clock = self._clock(clocks)
        if isinstance(clock, Clarification):
            return clock
        if plan.moment is not None and plan.default == "exact":
            if clock is not None:
                return self.ask("Thời điểm chưa rõ: đã có khoảng thời gian tương đối, lại có giờ cụ thể. Bạn muốn lúc nào?", "ambiguous")
            return self._checked(plan.moment, None, assumptions)
        if clock is None:
            due = self._default_moment(plan, assumptions)
            if isinstance(due, Clarification):
                return due
            return self._checked(due, None, assumptions)
        wall, shift, source = clock
        day = plan.day
        if day is None:
            day = self.today
            due = at(day + timedelta(days=shift), wall)
            if due <= self.now and source != "end_of_day":
                suggestion = self._when(at(day + timedelta(days=shift + 1), wall), None, [])
                return self.ask(f"{wall:%H:%M} hôm nay đã qua. Có phải {suggestion.understood}?", "past", suggestion)
            return self._checked(due, None, assumptions)
        return self._checked(at(day + timedelta(days=shift), wall), None, assumptions)

    def _default_moment(self, plan: _Plan, assumptions: list[str]) -> datetime | Clarification:
        if plan.default == "keep" and plan.moment is not None:
            return plan.moment
        if plan.default == "before":
            day = last_working_day_on_or_before(plan.day - timedelta(days=1))
            assumptions.append("“trước” một ngày: hạn 17:00 ngày làm việc liền trước ngày đó")
            return at(day, WORKDAY_END)
        if plan.default == "end":
            assumptions.append("không nêu giờ: hạn 17:00, cuối giờ làm việc")
            return at(plan.day, WORKDAY_END)
        if plan.day == self.today:
            suggestion = self._when(at(self.today, WORKDAY_END), None, []) if at(self.today, WORKDAY_END) > self.now else None
            return self.ask("Hôm nay lúc mấy giờ?", "ambiguous", suggestion)
        assumptions.append("không nêu giờ: đặt 08:00, đầu giờ làm việc")
        return at(plan.day, WORKDAY_START)

    def _clock(self, clocks: list[_Fact]) -> tuple[time, int, str] | Clarification | None:
        """The time of day (and a day shift for "12h đêm", "2h đêm") the clock facts name."""
        times = [f for f in clocks if f.kind == "time"]
        buois = {f.value for f in clocks if f.kind in ("buoi", "rough_buoi")}
        rough = next((f for f in clocks if f.kind == "rough_buoi"), None)
        if rough is not None and not times:  # "sáng sớm", "chiều muộn": which hour?
            return self.ask(f"“{self.scan._text(rough.first, rough.last)}” là mấy giờ?", "vague")
        fixed = [f for f in clocks if f.kind == "clock"]
        if len({f.value for f in times}) > 1 or len(buois) > 1 or (fixed and times):
            shown = ", ".join("“" + self.scan._text(f.first, f.last) + "”" for f in clocks)
            return self.ask(f"Giờ chưa rõ: {shown}. Bạn muốn lúc mấy giờ?", "ambiguous")
        buoi = next(iter(buois), None)
        if fixed:
            return fixed[0].value[1], 0, fixed[0].value[0]
        if not times:
            return (BUOI_DEFAULTS[buoi], 0, "buoi") if buoi else None
        hour, minute = times[0].value
        shown = self.scan._text(times[0].first, times[0].last)
        if hour == 24:
            return time(0, 0), 1, "time"
        if buoi is None:
            if 1 <= hour <= 6:
                question = f"“{shown}” là {hour} giờ sáng hay {hour} giờ chiều/tối ({hour + 12}:{minute:02d})?"
                return self.ask(question, "ambiguous")
            return time(hour, minute), 0, "time"
        converted = _hour_in_buoi(buoi, hour)
        if converted is None:
            return self.ask(f"“{shown} {buoi}” không khớp: {buoi} không có giờ {hour}. Bạn muốn lúc mấy giờ?", "invalid_time")
        value, shift = converted
        return time(value, minute), shift, "time"

    # recurrences -----------------------------------------------------------------------------

    def _recurrence(self, facts: list[_Fact]) -> When | Clarification:
        units = {f.value for f in facts if f.kind == "recur"}
        weekdays = [f for f in facts if f.kind == "weekday"]
        month_days = [f for f in facts if f.kind == "day_of_month"]
        dates = [f for f in facts if f.kind == "date"]
        others = [f for f in facts if f.kind in ("rel_day", "period_end", "duration", "within", "period")]
        if others or any(f.value[1] is not None for f in weekdays + month_days):
            return self.ask("Lịch lặp lại chưa rõ. Hãy nói như: “mỗi sáng thứ Sáu lúc 8h”, “hằng tháng ngày 5”.", "ambiguous")
        clock = self._clock([f for f in facts if f.kind in _CLOCK_KINDS])
        if isinstance(clock, Clarification):
            return clock
        assumptions: list[str] = []
        if clock is None:
            wall = WORKDAY_START
            assumptions.append("không nêu giờ: đặt 08:00, đầu giờ làm việc")
        else:
            wall = clock[0]
        if weekdays and units <= {"week", "any", "day"}:
            rule = Recurrence("weekly", wall, weekdays=tuple(sorted({f.value[0] for f in weekdays})))
        elif "month" in units or (month_days and units <= {"any", "month"}):
            if len(month_days) != 1:
                return self.ask("Hằng tháng vào ngày mấy?", "ambiguous")
            day = month_days[0].value[0]
            if day > MAX_MONTHLY_DAY:
                return self.ask(f"Không phải tháng nào cũng có ngày {day}. Bạn muốn ngày cuối tháng hay một ngày từ 1 đến {MAX_MONTHLY_DAY}?", "ambiguous")
            rule = Recurrence("monthly", wall, day=day)
        elif "year" in units:
            if len(dates) != 1 or dates[0].value[2] is not None:
                return self.ask("Hằng năm vào ngày tháng nào?", "ambiguous")
            day, month, _ = dates[0].value
            if valid_date(2025, month, day) is None:
                return self.ask(f"Không phải năm nào cũng có ngày {day:02d}/{month:02d}. Bạn muốn ngày nào?", "ambiguous")
            rule = Recurrence("yearly", wall, day=day, month=month)
        elif "week" in units:
            return self.ask("Hằng tuần vào thứ mấy?", "ambiguous")
        elif month_days or dates:
            return self.ask("Lịch lặp lại chưa rõ: hằng tháng hay hằng năm?", "ambiguous")
        else:
            rule = Recurrence("daily", wall)
        return self._when(rule.next_after(self.now), rule, assumptions)

    # output ----------------------------------------------------------------------------------

    def _checked(self, due: datetime, rule: Recurrence | None, assumptions: list[str]) -> When | Clarification:
        if due <= self.now:
            return self.ask(f"{describe(due)} đã qua. Bạn muốn đặt vào lúc nào?", "past")
        return self._when(due, rule, assumptions)

    def _when(self, due: datetime, rule: Recurrence | None, assumptions: list[str]) -> When:
        understood = describe(due) + (f"; lặp lại {rule.describe()}" if rule else "")
        return When(due, rule, understood, tuple(assumptions))


def _is_edge(fact: _Fact) -> bool:
    """"đầu tháng", "giữa năm": a vague part of a period."""
    return fact.kind == "vague" and isinstance(fact.value, tuple)


def _hour_in_buoi(buoi: str, hour: int) -> tuple[int, int] | None:
    """(24-hour value, day shift) of "hour" in a buổi, or None when they do not fit ("9 giờ chiều")."""
    if buoi == "sáng":
        return (hour, 0) if 0 <= hour <= 11 else None
    if buoi == "trưa":
        return (hour, 0) if 10 <= hour <= 14 else ((hour + 12, 0) if 1 <= hour <= 2 else None)
    if buoi == "chiều":
        return (hour, 0) if 12 <= hour <= 19 else ((hour + 12, 0) if 1 <= hour <= 7 else None)
    if buoi == "tối":
        return (hour, 0) if 17 <= hour <= 23 else ((hour + 12, 0) if 5 <= hour <= 11 else None)
    # đêm, khuya: late evening, or the small hours that belong to the next calendar day
    if 20 <= hour <= 23:
        return hour, 0
    if 8 <= hour <= 11:
        return hour + 12, 0
    if hour in (0, 12):
        return 0, 1
    return (hour, 1) if 1 <= hour <= 4 else None
