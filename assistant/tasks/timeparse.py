"""Understanding Vietnamese time expressions: "9 giờ sáng thứ Hai tuần sau", "cuoi thang nay".

``parse_when(text, now)`` returns a ``When`` (an aware due datetime in
Asia/Ho_Chi_Minh, an optional ``Recurrence``, what was understood and which
defaults were applied) or a ``Clarification`` (the question to ask back and a
reason code). It never guesses: an ambiguous, impossible or past moment is a
``Clarification``, never a date.

Reading the words is ``timewords``; this module turns what was read into a moment.

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
| "cuối tháng/quý/năm (này/sau)", "cuối tháng 12", "cuối quý IV" | 17:00 on the last working day of that period |
| "hết tuần", "trong tuần này", "trước cuối tuần" | 17:00 on Friday |
| "cuối ngày", "cuối giờ chiều"; "đầu giờ sáng"; "nửa đêm (nay)" | 17:00; 08:00; 00:00 of the next day |
| "30 phút nữa", "2 tiếng nữa" | now plus that, to the minute |
| "sau 3 ngày nữa", "2 tuần nữa", "1 tháng nữa" | that many days/months from now at the same time, unless a time is given |
| "trong 3 ngày (tới)" | 17:00 on the third day from today |
| a weekday alone ("thứ Sáu") | the next one after today; today's own weekday asks back |
| "thứ Sáu này / tuần này", "tuần sau / tuần tới", "tuần sau nữa" | that day of this week, of next week, of the week after (weeks run Monday-Sunday) |
| "thứ Sáu tới" | the coming Friday when it is in next week; when it is still this week, ask back |
| "9am", "3pm" | 09:00, 15:00 |
| dd/mm without a year | this year; a date already passed means next year when that is less than six months ahead, otherwise ask back |
| "ngày 15" alone | this month, or next month when the 15th has passed |
| "24h ngày 15/12" | midnight at the end of 15/12 |
| "mỗi sáng thứ Sáu lúc 8h", "hằng tháng ngày 5", "hàng ngày lúc 7h30" | a recurrence; due is its first occurrence after now |

Asked back: "tuần sau", "tháng sau" alone, "đầu/giữa tháng", "sắp tới", "mai mốt",
"vài ngày nữa", "bây giờ", a past moment, an impossible date (31/02) or time (25h),
two contradicting days ("thứ Ba ngày 30/11" when 30/11 is a Monday), "cuối tuần"
(the end of the working week or the weekend?), "sáng sớm", "chiều muộn" without an
hour, "sau thứ Sáu", "thứ Hai đầu tiên của tháng", "3 ngày làm việc" (holidays are
not known), "cuối tháng 10" said in November (next year's is too far to assume),
"bay gio" typed without diacritics (bảy giờ or bây giờ), and a number next to the
expression that could not be read ("lúc 9 ngay mai") — ``parse_when`` asks about
any unread number.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
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
from assistant.tasks.timewords import BUOI_DEFAULTS, Fact, Scanner
from knowledge.parsing.citations import find_numbers
from knowledge.text import normalize
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
    scan = Scanner(normalized)
    facts = scan.run()
    if not facts:
        return Extraction(normalized, None)
    resolver = _Resolver(scan, facts, now, strict)
    result = resolver.resolve()
    return Extraction(normalized, result, scan.spans(resolver.used))


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
    def __init__(self, scan: Scanner, facts: list[Fact], now: datetime, strict: bool) -> None:
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
                shown = self.scan.text(fact.first, fact.value.last)
                return self.ask(f"“{shown}” là từ khi nào đến khi nào? Xin ghi rõ một ngày giờ.", "vague")
        if not any(f.kind in _DATE_KINDS + _CLOCK_KINDS + ("recur",) for f in facts):
            return None
        if any(f.kind == "recur" for f in facts):
            return self._recurrence(facts)
        return self._single(facts)

    def _vague(self, fact: Fact) -> Clarification:
        if isinstance(fact.value, str):
            return self.ask(fact.value, "vague")
        _, edge, unit, ref = fact.value
        words = self.scan.text(fact.first, fact.last)
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

    def _unread_number(self, facts: list[Fact]) -> str | None:
        """A number no fact took, next to one that was taken (anywhere, when strict): we misread it.

        Document numbers ("123/UBND-VP") and ordinals ("thứ 12") are not time; "trước"/"chậm nhất" do not
        make a number near.
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
            if self.scan.word(i - 1, "thứ"):
                continue  # an ordinal the weekday reading left: "kỳ họp thứ 12"
            near = any(
                (f.last <= i and self.scan.between_fillers(f.last, i)) or (last <= f.first and self.scan.between_fillers(last, f.first))
                for f in anchors
            )
            introduced = self.scan.word(i - 1, "lúc", "vào", "khoảng", "tầm")  # "lúc 9 …" is a time we did not read
            if self.strict or near or introduced:
                return self.scan.text(i, last)
        return None

    # facts -> facts ----------------------------------------------------------------------------

    def _adjacent(self, a: Fact, b: Fact) -> bool:
        first, second = (a, b) if a.first < b.first else (b, a)
        return self.scan.between_fillers(first.last, second.first)

    def _merge(self, facts: list[Fact]) -> list[Fact]:
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

    def _apply_markers(self, facts: list[Fact]) -> list[Fact]:
        """"trước" / "chậm nhất" apply to the fact right after them; elsewhere they are plain words."""
        result: list[Fact] = []
        pending: Fact | None = None
        for fact in sorted(facts, key=lambda f: f.first):
            if fact.kind in ("before", "by", "after"):
                pending = fact
                continue
            if pending is not None and self.scan.between_fillers(pending.last, fact.first):
                result.append(Fact(pending.kind, pending.first, pending.last, fact))
            pending = None
            result.append(fact)
        return result

    # one moment ------------------------------------------------------------------------------

    def _single(self, facts: list[Fact]) -> When | Clarification:
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

    def _weekdays_agree(self, named: list[Fact], weekdays: list[Fact], markers: dict[int, str]) -> Clarification | None:
        for fact in named:
            plan = self._plan(fact, markers.get(fact.first))
            if isinstance(plan, Clarification):
                return plan
            for weekday in weekdays:
                day, week = weekday.value
                named_week = self._weekday_day(day, week) if week is not None else plan.day
                if day != plan.day.weekday() or named_week != plan.day:  # "thứ Hai tuần này, ngày 30/11"
                    return self.ask(
                        f"Ngày {plan.day:%d/%m/%Y} là {WEEKDAY_NAMES[plan.day.weekday()]}, không phải"
                        f" {self.scan.text(weekday.first, weekday.last)}. Bạn muốn ngày nào?",
                        "ambiguous",
                    )
        return None

    def _agree(self, plans: list[tuple[Fact, _Plan]]) -> _Plan | Clarification:
        """Two day facts must name the same day ("thứ Hai, ngày 30/11"), else we ask."""
        days = {p.day for _, p in plans}
        if len(days) == 1 and None not in days and all(p.moment is None for _, p in plans):
            best = max((p for _, p in plans), key=lambda p: p.default != "start")
            return best
        shown = [self.scan.text(f.first, f.last) for f, _ in plans]
        detail = ""
        if all(p.day for _, p in plans):
            detail = " (" + "; ".join(f"“{s}” là {WEEKDAY_NAMES[p.day.weekday()]} {p.day:%d/%m/%Y}" for s, (_, p) in zip(shown, plans)) + ")"
        return self.ask(f"Thời điểm chưa rõ: {' và '.join('“' + s + '”' for s in shown)} không cùng một ngày{detail}. Bạn muốn ngày nào?", "ambiguous")

    def _plan(self, fact: Fact, marker: str | None) -> _Plan | Clarification:
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
                return self.ask(f"“{self.scan.text(fact.first, fact.last)}” không rõ. Bạn muốn ngày nào?", "ambiguous")
            start, end = bounds
            if marker == "before" and kind != "period_end":  # "trước tuần sau"; "trước cuối tháng" is the end
                return _Plan(start, default="before")
            if kind == "period_end" or marker == "by":
                last = last_working_day_on_or_before(end)
                return _Plan(last, default="end", assumptions=[f"“{self.scan.text(fact.first, fact.last)}”: ngày làm việc cuối cùng"])
            return self.ask(f"“{self.scan.text(fact.first, fact.last)}” là ngày nào cụ thể?", "vague")
        if kind == "weekend":  # "cuối tuần": the end of the working week, or the weekend?
            friday = self._period_bounds("week", value)[0] + timedelta(days=4)
            if marker == "before":
                return _Plan(friday, default="end")
            shown = self.scan.text(fact.first, fact.last)
            suggestion = self._when(at(friday, WORKDAY_END), None, []) if at(friday, WORKDAY_END) > self.now else None
            return self.ask(
                f"“{shown}” là hết tuần làm việc (17:00 thứ Sáu, {friday:%d/%m}) hay thứ Bảy, Chủ nhật?", "ambiguous", suggestion
            )
        if kind == "duration":
            amount, unit = value
            if marker == "before":
                return self.ask(f"“trước {self.scan.text(fact.first, fact.last)}” chưa rõ. Bạn muốn hạn chót lúc nào?", "ambiguous")
            return self._relative(amount, unit, fact)
        amount, unit = value  # within
        if unit in ("minute", "hour"):
            return self._relative(amount, unit, fact)
        target = self._relative(amount, unit, fact)
        if isinstance(target, Clarification):
            return target
        return _Plan(target.moment.date(), default="end", assumptions=["hạn trong khoảng thời gian: 17:00 ngày cuối"])

    def _relative(self, amount: float, unit: str, fact: Fact) -> _Plan | Clarification:
        if unit in ("month", "year"):
            months = amount * (12 if unit == "year" else 1)
            if months != int(months):
                return self.ask(f"“{self.scan.text(fact.first, fact.last)}” chưa rõ. Bạn muốn ngày nào?", "ambiguous")
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

    def _finish(self, plan: _Plan, clocks: list[Fact]) -> When | Clarification:
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

    def _clock(self, clocks: list[Fact]) -> tuple[time, int, str] | Clarification | None:
        """The time of day (and a day shift for "12h đêm", "2h đêm") the clock facts name."""
        times = [f for f in clocks if f.kind == "time"]
        buois = {f.value for f in clocks if f.kind in ("buoi", "rough_buoi")}
        rough = next((f for f in clocks if f.kind == "rough_buoi"), None)
        if rough is not None and not times:  # "sáng sớm", "chiều muộn": which hour?
            return self.ask(f"“{self.scan.text(rough.first, rough.last)}” là mấy giờ?", "vague")
        fixed = [f for f in clocks if f.kind == "clock"]
        if len({f.value for f in times}) > 1 or len(buois) > 1 or (fixed and times):
            shown = ", ".join("“" + self.scan.text(f.first, f.last) + "”" for f in clocks)
            return self.ask(f"Giờ chưa rõ: {shown}. Bạn muốn lúc mấy giờ?", "ambiguous")
        buoi = next(iter(buois), None)
        if fixed:
            return fixed[0].value[1], 0, fixed[0].value[0]
        if not times:
            return (BUOI_DEFAULTS[buoi], 0, "buoi") if buoi else None
        hour, minute = times[0].value
        shown = self.scan.text(times[0].first, times[0].last)
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

    def _recurrence(self, facts: list[Fact]) -> When | Clarification:
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


def _is_edge(fact: Fact) -> bool:
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
