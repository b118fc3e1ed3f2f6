"""Fixtures of the documents tests: draft data of the eight types and a registry test double."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.assistant.documents.doubles import RegistryDouble, sample_registry

DATA = Path(__file__).resolve().parents[2] / "fixtures" / "documents" / "data"


@pytest.fixture
def registry() -> RegistryDouble:
    return sample_registry()


@pytest.fixture(scope="session")
def data_dir_documents() -> Path:
    return DATA
