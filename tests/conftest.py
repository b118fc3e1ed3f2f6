"""Fixtures shared by the whole suite.

Tests that read the real corpus ask for ``shared_dir``; they are skipped with a
reason when ../shared is not beside the repository. Tests of the assistant's
stores ask for ``store_settings``: they run once on SQLite files and once on a
real PostgreSQL server (``postgres_server``, one per session; skipped with a
reason only when PostgreSQL is not installed).
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from knowledge.settings import Settings
from tests.postgres import PostgresServer, binaries

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


@pytest.fixture(scope="session")
def tiny_index_dir(fixtures_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir with a real index (hash embedder) of the fixture procedures (9.900001 nuôi chim bồ câu…) and laws."""
    from knowledge.ingest import Ingestor
    from knowledge.settings import Settings

    data = tmp_path_factory.mktemp("tiny-data")
    settings = Settings(knowledge_dir=fixtures_dir, data_dir=data, embedder="hash")
    assert Ingestor(settings).ingest([fixtures_dir / "procedures" / "sample.jsonl", fixtures_dir / "legal"]).errors == []
    return data


@pytest.fixture(scope="session")
def legal_registry(fixtures_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    """The registry of the fictional legal fixtures read on 2031-06-01: Luật Vườn hoa 20/2010/QH12 replaced by
    Luật Vườn hoa công cộng 12/2030/QH16, Nghị định 99/2016/NĐ-CP by 77/2030/NĐ-CP (neither old text held), Luật
    Vườn thú 40/2018/QH14 and its decree 50/2019/NĐ-CP in force."""
    from datetime import date

    from knowledge.parsing.legal import legal_files, parse_legal_file
    from knowledge.registry import Registry

    legal = fixtures_dir / "legal"
    with Registry(tmp_path_factory.mktemp("legal-registry") / "registry.sqlite", lambda: date(2031, 6, 1)) as registry:
        for path in legal_files(legal):
            for parsed in parse_legal_file(path, legal):
                registry.add_document(parsed)
        registry.derive_statuses()
        yield registry


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh TROLY_DATA_DIR for one test."""
    path = tmp_path / "data"
    monkeypatch.setenv("TROLY_DATA_DIR", str(path))
    return path


@pytest.fixture(scope="session")
def shared_knowledge_dir(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir holding an index of real data: every procedure, three laws, two pháp điển topics.

    Built once per test session (``evals.sample_index``, about a minute and a half)."""
    from evals.sample_index import build_sample_index

    data = tmp_path_factory.mktemp("shared-data")
    assert build_sample_index(shared_dir, data).errors == []
    return data


@pytest.fixture
def shared_assistant(shared_knowledge_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The real assistant over the shared sample index, with fresh conversation stores."""
    import shutil

    from assistant.core import Assistant
    from evals.sample_index import sample_settings

    data = tmp_path / "data"
    shutil.copytree(shared_knowledge_dir, data, symlinks=True)
    monkeypatch.setenv("TROLY_DATA_DIR", str(data))
    return Assistant(sample_settings(SHARED, data))


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A real PostgreSQL server on 127.0.0.1 for the whole session."""
    bin_dir = binaries()
    if bin_dir is None:
        pytest.skip("PostgreSQL is not installed (no initdb/pg_ctl on PATH, in /usr/local/bin or /usr/lib/postgresql)")
    server = PostgresServer(bin_dir).start()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    """Settings whose stores are SQLite files in ``tmp_path``, or schemas of a fresh PostgreSQL database."""
    url = request.getfixturevalue("postgres_server").create_database() if request.param == "postgresql" else ""
    return Settings(knowledge_dir=tmp_path, data_dir=tmp_path, embedder="hash", database_url=url)
