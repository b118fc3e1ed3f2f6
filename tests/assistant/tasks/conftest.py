"""A fake clock and a small office: Văn phòng UBND (a manager and two officers), Phòng Tư pháp, a citizen."""
from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from assistant.security.users import User, UserDirectory
from assistant.tasks.dates import TZ
from assistant.tasks.store import TaskStore

START = datetime(2026, 11, 24, 10, 15, tzinfo=TZ)  # a Tuesday


class FakeClock:
    def __init__(self, now: datetime = START) -> None:
        self.current = now

    def now(self) -> datetime:
        return self.current

    def __call__(self) -> datetime:
        return self.current

    def sleep(self, seconds: float) -> None:
        self.current += timedelta(seconds=seconds)


class Office:
    def __init__(self, users: UserDirectory) -> None:
        self.lan: User = users.add_user("Trần Thị Lan", "officer", "Văn phòng UBND", manager=True)
        self.minh: User = users.add_user("Nguyễn Văn Minh", "officer", "Văn phòng UBND")
        self.hoa: User = users.add_user("Phạm Thị Hoa", "officer", "Văn phòng UBND")
        self.hung: User = users.add_user("Lê Văn Hùng", "officer", "Phòng Tư pháp", manager=True)
        self.admin: User = users.add_user("Quản trị", "admin")
        self.citizen: User = users.add_user("Công dân A", "citizen")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def users(tmp_path: Path, clock: FakeClock) -> UserDirectory:
    directory = UserDirectory(tmp_path / "users.sqlite3", clock)
    yield directory
    directory.close()


@pytest.fixture
def office(users: UserDirectory) -> Office:
    return Office(users)


@pytest.fixture
def store(tmp_path: Path, users: UserDirectory, clock: FakeClock) -> TaskStore:
    tasks = TaskStore(tmp_path / "tasks.sqlite3", users, clock, durable=False)  # the scheduler's mode; no fsync wait
    yield tasks
    tasks.close()
