"""The merger resolutions the dvhc tests read: the shortened fixtures, and the 34 of the shared corpus."""
from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.dvhc import UnitLookup
from knowledge.models import ParsedLegalDocument
from knowledge.parsing.legal import parse_legal_text
from knowledge.parsing.uploads import read_text


def parse_folder(folder: Path) -> list[ParsedLegalDocument]:
    return [
        doc
        for path in sorted(folder.glob("*.txt"))
        for doc in parse_legal_text(read_text(path).text, f"legal/sapxep-2025/{path.name}", path.stem, ".txt")
    ]


@pytest.fixture(scope="session")
def resolutions(fixtures_dir: Path) -> list[ParsedLegalDocument]:
    return parse_folder(fixtures_dir / "dvhc")


@pytest.fixture(scope="session")
def lookup(resolutions) -> UnitLookup:
    return UnitLookup.build(resolutions)


@pytest.fixture(scope="session")
def all_resolutions(shared_dir: Path) -> list[ParsedLegalDocument]:
    return parse_folder(shared_dir / "knowledge" / "legal" / "sapxep-2025")


@pytest.fixture(scope="session")
def country(all_resolutions) -> UnitLookup:
    return UnitLookup.build(all_resolutions)
