"""Fixtures of the assistant room's tests: a fake clock, a user directory that reads it (on each backend), and the
old-unit lookup of the shortened merger resolutions (tests/fixtures/dvhc)."""
from __future__ import annotations

from datetime import datetime, timedelta
import pytest

from assistant.security.users import UserDirectory
from assistant.tasks.dates import TZ
from knowledge.dvhc import UnitLookup
from knowledge.parsing.legal import parse_legal_text
from knowledge.parsing.uploads import read_text
from knowledge.settings import Settings

START = datetime(2026, 11, 24, 10, 15, tzinfo=TZ)  # a Tuesday


class FakeClock:
    """Time that moves only when a test moves it; callable like ``utc_now`` and sleeps like a ``Clock``."""

    def __init__(self, now: datetime = START) -> None:
        self.current = now

    def now(self) -> datetime:
        return self.current

    def __call__(self) -> datetime:
        return self.current

    def sleep(self, seconds: float) -> None:
        self.current += timedelta(seconds=seconds)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def users(store_settings: Settings, clock: FakeClock) -> UserDirectory:
    directory = UserDirectory.open(store_settings, clock)
    yield directory
    directory.close()


@pytest.fixture(scope="session")
def merger_units(fixtures_dir) -> UnitLookup:
    folder = fixtures_dir / "dvhc"
    return UnitLookup.build(
        doc for path in sorted(folder.glob("*.txt")) for doc in parse_legal_text(read_text(path).text, path.name, path.stem, ".txt")
    )
