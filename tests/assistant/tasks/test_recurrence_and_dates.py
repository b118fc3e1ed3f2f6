from datetime import datetime, time, timedelta

import pytest

from assistant.tasks.dates import TZ, add_months, describe, describe_duration, last_working_day_on_or_before, local
from assistant.tasks.recurrence import Recurrence
from knowledge.errors import BadInput

NOW = datetime(2026, 11, 24, 10, 15, tzinfo=TZ)


def test_next_occurrences_are_strictly_after() -> None:
    friday = Recurrence("weekly", time(8, 0), weekdays=(4,))
    first = friday.next_after(NOW)
    assert first == datetime(2026, 11, 27, 8, 0, tzinfo=TZ)
    assert friday.next_after(first) == datetime(2026, 12, 4, 8, 0, tzinfo=TZ)
    assert Recurrence("daily", time(10, 15)).next_after(NOW) == datetime(2026, 11, 25, 10, 15, tzinfo=TZ)
    assert Recurrence("monthly", time(8, 0), day=5).next_after(NOW).date().isoformat() == "2026-12-05"
    assert Recurrence("yearly", time(8, 0), day=1, month=1).next_after(NOW).date().isoformat() == "2027-01-01"


def test_encode_decode_round_trip_and_bad_rules() -> None:
    for rule in ("daily 07:30", "weekly 0,3 08:00", "monthly 28 17:00", "yearly 15/12 08:00"):
        assert Recurrence.decode(rule).encode() == rule
    for bad in ("weekly 9 08:00", "monthly 31 08:00", "yearly 29/2 08:00", "hourly 08:00", "daily 25:00"):
        with pytest.raises(BadInput):
            Recurrence.decode(bad)


def test_calendar_helpers() -> None:
    assert describe(datetime(2026, 11, 30, 2, 0, tzinfo=TZ) + timedelta(hours=7)) == "09:00 thứ Hai, ngày 30/11/2026"
    assert describe_duration(timedelta(days=1, hours=6)) == "1 ngày 6 giờ"
    assert describe_duration(timedelta(minutes=30)) == "30 phút"
    assert add_months(datetime(2026, 1, 31).date(), 1) is None
    assert last_working_day_on_or_before(datetime(2026, 10, 31).date()).isoformat() == "2026-10-30"
    with pytest.raises(ValueError):
        local(datetime(2026, 1, 1))
