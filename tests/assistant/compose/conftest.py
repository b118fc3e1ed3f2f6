"""A small knowledge base for the composers' tests: the fictional Luật Vườn hoa công cộng and
an internal nội quy whose khoản carries a prompt injection, indexed with the hash embedder."""
from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from assistant.nlu.base import NluResult
from knowledge.base import KnowledgeBase
from knowledge.ingest import Ingestor
from knowledge.settings import Settings


class LegalQuestions:
    """An NLU engine that hears every message as a legal question."""

    def parse(self, text: str) -> NluResult:
        return NluResult("legal_question", 1.0, (), (("legal_question", 1.0),))


@pytest.fixture(scope="session")
def garden_settings(fixtures_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    root = tmp_path_factory.mktemp("garden")
    shutil.copytree(fixtures_dir / "legal", root / "knowledge" / "legal")
    shutil.copytree(fixtures_dir / "compose", root / "knowledge" / "documents")
    settings = Settings(knowledge_dir=root / "knowledge", data_dir=root / "data", embedder="hash", today=lambda: date(2031, 1, 1))
    assert Ingestor(settings).ingest().errors == []
    return settings


@pytest.fixture(scope="session")
def garden_kb(garden_settings: Settings) -> KnowledgeBase:
    return KnowledgeBase.open(garden_settings)


@pytest.fixture
def legal_nlu() -> LegalQuestions:
    return LegalQuestions()
