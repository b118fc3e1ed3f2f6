"""Calendar facts of a Vietnamese office, shared by the parser, the store and the messages.

Time zone Asia/Ho_Chi_Minh (UTC+7, no daylight saving). The working week is
Monday to Friday; the working day runs from 08:00 to 17:00 ("giờ hành chính").
Public holidays are not known here: a deadline that falls on Tết is not moved.
"""
from __future__ import annotations

import calendar
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
WORKDAY_START = time(8, 0)
WORKDAY_END = time(17, 0)
WEEKDAY_NAMES: tuple[str, ...] = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")


def local(moment: datetime) -> datetime:
    """The moment in Vietnamese time; a naive datetime is refused (its zone would be a guess)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"naive datetime {moment.isoformat()}: pass an aware datetime")
    return moment.astimezone(TZ)


def at(day: date, clock: time) -> datetime:
    return datetime.combine(day, clock, TZ)


def from_epoch(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, TZ)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5


def last_working_day_on_or_before(day: date) -> date:
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


def week_start(day: date) -> date:
    """The Monday of the day's week (a Vietnamese week runs Monday to Sunday)."""
    return day - timedelta(days=day.weekday())


def add_months(day: date, months: int) -> date | None:
    """The same day ``months`` later, or None when that month has no such day (31/01 + 1 month)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    if day.day > calendar.monthrange(year, month + 1)[1]:
        return None
    return date(year, month + 1, day.day)


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def valid_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def describe(moment: datetime) -> str:
    """A moment in words: "09:00 thứ Hai, ngày 30/11/2026"."""
    moment = local(moment)
    return f"{moment:%H:%M} {WEEKDAY_NAMES[moment.weekday()]}, ngày {moment:%d/%m/%Y}"


def describe_duration(span: timedelta) -> str:
    """A reminder offset in words: "1 ngày", "2 giờ", "1 ngày 6 giờ", "30 phút"."""
    minutes = int(span.total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = [f"{n} {unit}" for n, unit in ((days, "ngày"), (hours, "giờ"), (minutes, "phút")) if n]
    return " ".join(parts) or "0 phút"
