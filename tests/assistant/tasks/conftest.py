"""A small office: Văn phòng UBND (a manager and two officers), Phòng Tư pháp, an admin, a citizen."""
from __future__ import annotations

import pytest

from assistant.security.users import User, UserDirectory
from assistant.tasks.store import TaskStore
from knowledge.settings import Settings

from ..conftest import FakeClock


class Office:
    def __init__(self, users: UserDirectory) -> None:
        self.lan: User = users.add_user("Trần Thị Lan", "officer", "Văn phòng UBND", manager=True)
        self.minh: User = users.add_user("Nguyễn Văn Minh", "officer", "Văn phòng UBND")
        self.hoa: User = users.add_user("Phạm Thị Hoa", "officer", "Văn phòng UBND")
        self.hung: User = users.add_user("Lê Văn Hùng", "officer", "Phòng Tư pháp", manager=True)
        self.admin: User = users.add_user("Quản trị", "admin")
        self.citizen: User = users.add_user("Công dân A", "citizen")


@pytest.fixture
def office(users: UserDirectory) -> Office:
    return Office(users)


@pytest.fixture
def store(store_settings: Settings, users: UserDirectory, clock: FakeClock) -> TaskStore:
    tasks = TaskStore.open(store_settings, users, clock, durable=False)  # the scheduler's mode; no fsync wait
    yield tasks
    tasks.close()
