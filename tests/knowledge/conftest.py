"""Fixtures of the knowledge tests: the small legal documents written for them and the shared legal corpus."""
from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def legal_fixtures(fixtures_dir: Path) -> Path:
    return fixtures_dir / "legal"


@pytest.fixture(scope="session")
def shared_legal(shared_dir: Path) -> Path:
    return shared_dir / "knowledge" / "legal"
