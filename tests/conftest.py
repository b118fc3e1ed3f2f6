"""Fixtures shared by the whole suite.

Tests that read the real corpus ask for ``shared_dir``; they are skipped with a
reason when ../shared is not beside the repository.
"""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ARTIFACTS = REPO / "test-artifacts"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "knowledge").is_dir():
        pytest.skip(f"needs the shared corpus at {SHARED} (not present on this machine)")
    return SHARED


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh TROLY_DATA_DIR for one test."""
    path = tmp_path / "data"
    monkeypatch.setenv("TROLY_DATA_DIR", str(path))
    return path
