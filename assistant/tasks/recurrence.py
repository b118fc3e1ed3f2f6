"""Recurring deadlines: hằng ngày, hằng tuần, hằng tháng, hằng năm (daily, weekly, monthly, yearly).

A recurrence is a rule plus a time of day. Monthly rules take a day from 1 to 28,
so that every month has it (the parser asks back for "ngày 30 hằng tháng").
Rules are stored as short text (``encode``/``decode``): "weekly 0,3 08:00".
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Literal

from assistant.tasks.dates import WEEKDAY_NAMES, at, local, valid_date
from knowledge.errors import BadInput

Frequency = Literal["daily", "weekly", "monthly", "yearly"]
FREQUENCIES: tuple[str, ...] = ("daily", "weekly", "monthly", "yearly")
MAX_MONTHLY_DAY = 28


@dataclass(frozen=True)
class Recurrence:
    freq: Frequency
    time_of_day: time
    weekdays: tuple[int, ...] = ()  # weekly: 0 = thứ Hai ... 6 = Chủ nhật
    day: int | None = None  # monthly and yearly: day of the month
    month: int | None = None  # yearly

    def __post_init__(self) -> None:
        if self.freq not in FREQUENCIES:
            raise BadInput(f"kiểu lặp lại '{self.freq}' không hợp lệ")
        if self.freq == "weekly" and (not self.weekdays or any(not 0 <= d <= 6 for d in self.weekdays)):
            raise BadInput("lặp lại hằng tuần cần ít nhất một thứ trong tuần")
        if self.freq == "monthly" and not (self.day and 1 <= self.day <= MAX_MONTHLY_DAY):
            raise BadInput(f"lặp lại hằng tháng cần một ngày từ 1 đến {MAX_MONTHLY_DAY}")
        if self.freq == "yearly" and not (self.day and self.month and valid_date(2025, self.month, self.day)):
            raise BadInput("lặp lại hằng năm cần một ngày có trong mọi năm (ngày/tháng)")

    def _matches(self, day: date) -> bool:
        if self.freq == "weekly":
            return day.weekday() in self.weekdays
        if self.freq == "monthly":
            return day.day == self.day
        if self.freq == "yearly":
            return (day.month, day.day) == (self.month, self.day)
        return True

    def next_after(self, moment: datetime) -> datetime:
        """The first occurrence strictly after ``moment``."""
        day = local(moment).date()
        while True:
            if self._matches(day):
                candidate = at(day, self.time_of_day)
                if candidate > moment:
                    return candidate
            day += timedelta(days=1)

    def describe(self) -> str:
        """In words: "hằng tuần vào thứ Hai, thứ Năm lúc 08:00"."""
        clock = f"lúc {self.time_of_day:%H:%M}"
        if self.freq == "daily":
            return f"hằng ngày {clock}"
        if self.freq == "weekly":
            return f"hằng tuần vào {', '.join(WEEKDAY_NAMES[d] for d in sorted(self.weekdays))} {clock}"
        if self.freq == "monthly":
            return f"hằng tháng vào ngày {self.day} {clock}"
        return f"hằng năm vào ngày {self.day:02d}/{self.month:02d} {clock}"

    def encode(self) -> str:
        clock = f"{self.time_of_day:%H:%M}"
        if self.freq == "weekly":
            return f"weekly {','.join(str(d) for d in sorted(self.weekdays))} {clock}"
        if self.freq == "monthly":
            return f"monthly {self.day} {clock}"
        if self.freq == "yearly":
            return f"yearly {self.day}/{self.month} {clock}"
        return f"daily {clock}"

    @classmethod
    def decode(cls, text: str) -> "Recurrence":
        parts = text.split()
        try:
            clock = time.fromisoformat(parts[-1])
            if parts[0] == "daily" and len(parts) == 2:
                return cls("daily", clock)
            if parts[0] == "weekly" and len(parts) == 3:
                return cls("weekly", clock, weekdays=tuple(int(d) for d in parts[1].split(",")))
            if parts[0] == "monthly" and len(parts) == 3:
                return cls("monthly", clock, day=int(parts[1]))
            if parts[0] == "yearly" and len(parts) == 3:
                day, month = parts[1].split("/")
                return cls("yearly", clock, day=int(day), month=int(month))
        except (ValueError, IndexError):
            pass
        raise BadInput(f"quy tắc lặp lại không đọc được: '{text}'")
