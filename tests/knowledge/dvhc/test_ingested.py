"""The lookup is built at ingest and kept with the index generation."""
from __future__ import annotations

import shutil
from datetime import date

from knowledge.base import KnowledgeBase
from knowledge.dvhc import FILE
from knowledge.ingest import Ingestor
from knowledge.settings import Settings


def test_ingest_builds_the_lookup_beside_the_index_and_the_khoan_are_passages(tmp_path, data_dir, fixtures_dir):
    knowledge = tmp_path / "knowledge"
    shutil.copytree(fixtures_dir / "dvhc", knowledge / "legal" / "sapxep-2025")
    shutil.copytree(fixtures_dir / "legal", knowledge / "legal" / "other")
    settings = Settings(knowledge_dir=knowledge, data_dir=data_dir, embedder="hash", today=lambda: date(2026, 12, 6))
    Ingestor(settings).ingest()
    kb = KnowledgeBase.open(settings)
    assert (kb.generation / FILE).exists()
    match = kb.dvhc.find("Phường 12 Quận 3")
    assert match.status == "found"
    [row] = match.units[0].rows
    quoted = kb.dvhc.text(row)
    assert any(quoted in e.passage.text for e in kb.search(quoted, 3) if e.passage.doc_id == "1685/NQ-UBTVQH15")
    assert Ingestor(settings).ingest().changed is False
