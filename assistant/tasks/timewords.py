"""Reading Vietnamese time words: text in, *facts* out (the first half of ``timeparse``).

Text is cut into atoms (numbers, words, punctuation) and read word by word. A
word typed with diacritics must be that word ("sáu" is six, "sau" is after); a
word typed without them may be any word that folds to it ("sau" is six or after,
"toi" is tôi, tối or tới) and its neighbours decide.

A fact is a piece of time meaning with the atoms it came from: ``date`` (day,
month, year?), ``day_of_month``, ``rel_day`` (hôm nay 0, mai 1, mốt 2, kìa 3),
``weekday`` (0 = thứ Hai .. 6 = Chủ nhật, and which week), ``time`` (hour, minute),
``buoi`` / ``rough_buoi`` (sáng, trưa, chiều, tối, đêm, khuya; rough: "sáng sớm"),
``clock`` (cuối ngày 17:00, đầu giờ sáng 08:00), ``duration`` / ``within``
(amount, unit), ``period`` ("tuần sau"), ``named_period`` ("tháng 12"),
``period_end`` ("cuối tháng này"), ``weekend`` ("cuối tuần"), ``recur`` (mỗi, hằng
+ unit), the markers ``before`` (trước), ``by`` (chậm nhất, hạn chót, trong, đến),
``after`` (sau), and the refusals ``invalid``, ``past``, ``vague``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time
from functools import lru_cache
from typing import Any

from assistant.tasks.dates import WORKDAY_END, WORKDAY_START, valid_date
from knowledge.text import fold

BUOI_DEFAULTS: dict[str, time] = {
    "sáng": time(8, 0),
    "trưa": time(12, 0),
    "chiều": time(14, 0),
    "tối": time(19, 0),
    "đêm": time(22, 0),
    "khuya": time(23, 0),
}

_ATOM = re.compile(r"\d+|[^\W\d_]+|[^\s\w]", re.UNICODE)


@dataclass(frozen=True)
class Atom:
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
_ORDINAL_NOUNS = {"lần", "bước", "kỳ", "đợt", "phần", "mục", "điều", "khoản", "chương", "quý", "người", "bản", "trang", "hạng", "vòng", "tầng", "khóa", "phiên"}
# "kỳ họp thứ 12", "phiên họp thứ hai": the n-th session; "họp thứ Hai" alone is Monday's meeting.
_ORDINAL_COMPOUNDS = (("kỳ", "họp"), ("phiên", "họp"))
_HONORIFICS = {"anh", "chị", "em", "cô", "chú", "bác", "ông", "bà", "đồng"}


@dataclass
class Fact:
    kind: str
    first: int  # index of its first atom
    last: int  # index after its last atom
    value: Any = None


class Scanner:
    """Turns text into facts: pieces of time meaning with the atoms they came from."""

    def __init__(self, text: str) -> None:
        self.source = text
        self.atoms: list[Atom] = []
        previous_end = -1
        for match in _ATOM.finditer(text):
            word = match.group(0).lower()
            folded = _folded(word)
            self.atoms.append(
                Atom(word, folded, folded != word, match.start(), match.end(), match.start() == previous_end)
            )
            previous_end = match.end()
        self.facts: list[Fact] = []

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
        if 0 <= i < len(self.atoms) and self.atoms[i].text.isdecimal():
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
        self.facts.append(Fact(kind, first, last, value))
        return last

    def run(self) -> list[Fact]:
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
            return self.add("vague", i, i + 2, f"“{self.text(i, i + 2)}” chưa cụ thể. Xin ghi rõ ngày giờ.")
        for words in (("hôm", "qua"), ("hôm", "kia"), ("hôm", "trước"), ("năm", "ngoái")):
            if self.seq(i, *words):
                return self.add("past", i, i + len(words), " ".join(words))
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
                return self.add("past", i, qualifier[1], self.text(i, qualifier[1]))
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
                return self.add("past", i, qualifier[1], self.text(i, qualifier[1]))
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
                        return self.add("past", i, last, self.text(i, last))
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
        if any(self.seq(i - 2, *compound) for compound in _ORDINAL_COMPOUNDS):
            return None
        if self.word(i, "thứ") or (self.word(i, "t") and self.glued(i + 1) and self.digits(i + 1) is not None):
            number = self.digits(i + 1)
            if number is not None:
                if number >= 10:
                    return None  # an ordinal ("lần thứ 12"), no day of the week
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
            return self.add("vague", i, last + 2, f"Tôi chưa đặt được “{self.text(i, last + 2)} …” của một tháng. Xin ghi rõ ngày.")
        week: int | None = None
        if self.word(last, "tuần"):
            qualifier = self._period_qualifier(last + 1)
            if qualifier:
                if qualifier[0] == "past":
                    return self.add("past", i, qualifier[1], self.text(i, qualifier[1]))
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
                return self.add("vague", i, k + 2, f"“{self.text(i, k + 2)}” là đến ngày nào? Xin ghi rõ ngày.")
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
                    return self.add("vague", i, k, f"“{self.text(i, k)}” là sau {value:g} tiếng nữa hay sau {value:g} giờ (đồng hồ)?")
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
                    return self.add("invalid", i, j, ("time", f"“{self.text(i, j)}” không phải là giờ hợp lệ."))
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
            return self.add("invalid", i, j, ("time", f"“{self.text(i, j)}” không phải là giờ hợp lệ (giờ từ 0 đến 24, phút từ 0 đến 59)."))
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
            return self.add("past", last, last + 1, self.text(i, last + 1))
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

    def text(self, first: int, last: int) -> str:
        atoms = self.atoms[first:last]
        return "".join((("" if a.glued or k == 0 else " ") + a.text) for k, a in enumerate(atoms))

    def filler(self, i: int) -> bool:
        return self.word(i, *_FILLERS)

    def between_fillers(self, first: int, last: int) -> bool:
        return all(self.filler(k) for k in range(first, last))

    def spans(self, facts: list[Fact]) -> tuple[tuple[int, int], ...]:
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
