"""Fixtures of the channels' tests: settings and intent classifier over the tiny index (``tiny_index_dir``)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.nlu import EmbeddedNLU
from knowledge.settings import Settings


@pytest.fixture
def tiny_settings(tiny_index_dir: Path, fixtures_dir: Path, tmp_path: Path) -> Settings:
    """Settings of a fresh copy of the tiny index, for one test."""
    data = tmp_path / "data"
    shutil.copytree(tiny_index_dir, data, symlinks=True)
    return Settings(knowledge_dir=fixtures_dir, data_dir=data, embedder="hash")


@pytest.fixture(scope="session")
def tiny_nlu(tiny_index_dir: Path) -> EmbeddedNLU:
    """One trained intent classifier for every test of the session."""
    nlu = EmbeddedNLU(data_dir=tiny_index_dir)
    nlu.parse("xin chào")
    return nlu
