"""Helpers for the legal parser tests: parse a fixture or a file of the shared corpus."""
from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.models import Dieu, ParsedLegalDocument
from knowledge.parsing.legal import parse_legal_file


@pytest.fixture(scope="session")
def legal_fixtures(fixtures_dir: Path) -> Path:
    return fixtures_dir / "legal"


@pytest.fixture(scope="session")
def shared_legal(shared_dir: Path) -> Path:
    return shared_dir / "knowledge" / "legal"


def only(parsed: list[ParsedLegalDocument]) -> ParsedLegalDocument:
    assert len(parsed) == 1, [p.document.doc_id for p in parsed]
    return parsed[0]


def article(parsed: ParsedLegalDocument, label: str) -> Dieu:
    """The unit whose citation label is ``label`` ("Điều 16", "Mục I Phần I Phụ lục I")."""
    found = [a for a in parsed.articles if a.unit_label() == label]
    assert len(found) == 1, [a.unit_label() for a in parsed.articles]
    return found[0]


def parse(path: Path, root: Path) -> list[ParsedLegalDocument]:
    return parse_legal_file(path, root)
