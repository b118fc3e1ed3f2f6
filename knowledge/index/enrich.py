"""Enrichment: every passage's whole text in the vector index, added in the background.

``troly ingest`` publishes a generation whose passages have one vector each, of
their heading and document title (embedding the whole shared corpus takes well over
an hour on two cores, which the first generation cannot wait for). The enricher then
embeds each passage's body, cut into chunks that fit the model's window
(``knowledge.chunking.body_chunks``), and publishes richer generations as coverage
grows (``knowledge.index.chunk_vectors``): every ``publish_minutes``, or once
``publish_passages`` more passages are covered, and at the end. ``troly ingest``
runs it after publishing (not with ``--no-enrich``), ``troly enrich`` resumes it or
runs it alone, and a server picks each new generation up between messages.

Steps: take the enrichment lock (one enricher per data dir) → plan the chunks of the
current generation → publish at once what the vector cache already holds → embed
the missing chunks a small batch at a time, each batch committed to the cache →
publish as coverage grows → publish the rest.

- A kill at any moment loses at most the batch in flight: every vector is in the
  cache (``CachedEmbedder``, keyed by the text's hash) as soon as its batch is done,
  so a restart, or the enrichment of a changed corpus, computes only what is missing.
- A generation is published as an ingest publishes: derived from the current one
  and swapped in atomically under the index lock. Readers never see a partial one.
- An ingest that publishes while the enricher runs is noticed before the next batch:
  the enricher starts again on the new generation (what it computed is cached).
  While an ingest holds the index lock, publishing waits for a later batch, or at
  the end for the ingest to finish.
- The corpus files are never read: a file that changes during enrichment is the
  next ingest's concern, whose generation the enricher then picks up.
- The embedder failing on a chunk: the passage is skipped, named (log, report, the
  generation's coverage) and tried again on the next run; the others go on.
- A full disk stops the enrichment with a message; what was published and cached stays.
"""
from __future__ import annotations

import errno
import fcntl
import logging
import os
import shutil
import sqlite3
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Sequence

import numpy as np

from knowledge.chunking import body_chunks, chunk_text
from knowledge.errors import BadInput
from knowledge.index.builder import IMMUTABLE, PASSAGES, env_int
from knowledge.index.chunk_vectors import (
    DIRECTORY,
    Coverage,
    has_chunk_vectors,
    shard_rows,
    write_coverage,
    write_heads,
    write_shard,
)
from knowledge.index.embedders import CachedEmbedder, make_embedder
from knowledge.index.generations import IndexDirectory
from knowledge.index.passages import PassageStore
from knowledge.index.vector import DIRECTORY as CHROMA_DIRECTORY
from knowledge.index.vector import VectorIndex, drop_vectors
from knowledge.models import Passage
from knowledge.settings import Settings

log = logging.getLogger(__name__)

STAGE = "enrich"  # the progress stage
LOCK = ".enrich.lock"  # in the index folder, beside the ingest's lock
_ROOM = 1 << 20  # bytes: less free space than this is a full disk


@dataclass(frozen=True)
class EnrichSettings:
    """When richer generations are published, and how much work a kill may lose.

    ``publish_minutes`` (TROLY_ENRICH_MINUTES, default 10) and ``publish_passages``
    (TROLY_ENRICH_PASSAGES, default 5,000): a generation is published when either
    is reached since the last one. Each publication makes every server reopen the
    index (a few seconds), so they are minutes apart. ``batch`` chunks are embedded
    and committed to the cache together (16: a few seconds of work on two cores).
    """

    publish_minutes: int = field(default_factory=lambda: env_int("TROLY_ENRICH_MINUTES", 10))
    publish_passages: int = field(default_factory=lambda: env_int("TROLY_ENRICH_PASSAGES", 5000))
    batch: int = 16


@dataclass
class EnrichReport:
    generation: str = ""  # the generation in use at the end (the last one published, if any)
    passages: int = 0
    covered: int = 0  # passages whose whole text is in vectors
    chunks: int = 0  # body chunk vectors in the last generation
    embedded: int = 0  # chunk vectors computed now (the cache's misses)
    cached: int = 0  # chunk vectors found in the cache
    published: int = 0  # generations published
    restarted: int = 0  # times a newer ingest was picked up
    failed: dict[str, str] = field(default_factory=dict)  # passage id -> the embedder's error
    seconds: float = 0.0

    def to_json(self) -> dict:
        return {**self.__dict__, "share": round(self.covered / self.passages, 4) if self.passages else 1.0}


class EnrichmentRunning(BadInput):
    """Another enricher holds this data dir."""


@dataclass
class _Plan:
    """The enrichment of one generation (the current one when planned)."""

    expected: Path  # what must still be current for a publication to go ahead
    passages: list[Passage]
    chunks: list[list[str]]  # the chunk texts of each row
    layered: set[int]  # rows whose chunk vectors the current generation holds
    ready: dict[int, list[np.ndarray]] = field(default_factory=dict)  # complete, not yet published
    partial: dict[int, dict[int, np.ndarray]] = field(default_factory=dict)  # row -> chunk index -> vector
    failed: dict[int, str] = field(default_factory=dict)

    def covered(self) -> int:
        return sum(1 for row, chunks in enumerate(self.chunks) if not chunks or row in self.layered or row in self.ready)


class Enricher:
    def __init__(
        self,
        settings: Settings | None = None,
        enrich_settings: EnrichSettings | None = None,
        progress: Callable[[str, int, int], None] | None = None,
        embedder: CachedEmbedder | None = None,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.settings = settings or Settings.from_env()
        self.enrich_settings = enrich_settings or EnrichSettings()
        self.progress = progress or (lambda stage, done, total: None)
        chroma_url = self.settings.chroma_url
        self.index_dir = IndexDirectory(self.settings.data_dir / "index", lambda generation: drop_vectors(generation, chroma_url))
        self._embedder = embedder
        self._clock = clock

    def run(self, embed: bool = True) -> EnrichReport:
        """Enrich the current generation until every passage is covered (or, without ``embed``,
        publish only what the vector cache holds: an upload's quick republication)."""
        started = self._clock()
        report = EnrichReport()
        with self._exclusive():
            embedder = self._embedder or CachedEmbedder(
                make_embedder(self.settings.embedder), self.settings.data_dir / "cache" / "embeddings.sqlite"
            )
            try:
                while not self._enrich(self._plan(embedder, report), embedder, report, embed):
                    report.restarted += 1
                    log.info("a newer generation was published: enriching it instead")
            except (OSError, sqlite3.OperationalError) as exc:
                if not _disk_full(exc, self.settings.data_dir):
                    raise
                raise BadInput(
                    f"đĩa đầy khi bổ sung vector (disk full while enriching the index): {exc}. "
                    f"Đã công bố {report.published} thế hệ; các vector đã tính được giữ trong bộ nhớ đệm: "
                    "giải phóng chỗ trống rồi chạy lại 'troly enrich' (published generations and cached vectors are kept)"
                ) from None
        report.seconds = round(self._clock() - started, 2)
        return report

    @contextmanager
    def _exclusive(self) -> Iterator[None]:
        """One enricher per data dir: EnrichmentRunning, naming the other's process, when one runs."""
        self.index_dir.root.mkdir(parents=True, exist_ok=True)
        with open(self.index_dir.root / LOCK, "a+") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.seek(0)
                holder = handle.read().strip() or "?"
                raise EnrichmentRunning(
                    f"một tiến trình bổ sung vector khác đang chạy trên {self.settings.data_dir} (pid {holder}); "
                    "nó tự nhận các thế hệ chỉ mục mới (another enrichment is running on this data dir; "
                    "it picks up new index generations itself)"
                ) from None
            handle.seek(0)
            handle.truncate()
            handle.write(str(os.getpid()))
            handle.flush()
            yield

    def _plan(self, embedder: CachedEmbedder, report: EnrichReport) -> _Plan:
        current = self.index_dir.current()
        if current is None:
            raise BadInput(f"chưa có chỉ mục trong {self.settings.data_dir}: hãy chạy 'troly ingest' trước (no index yet)")
        store = PassageStore(current / PASSAGES)
        passages, built_with = list(store), store.meta.get("embedder", "")
        store.close()
        if built_with != embedder.name:
            raise BadInput(
                f"chỉ mục được tạo bằng embedder '{built_with or 'không có'}', cấu hình hiện tại là '{embedder.name}': "
                "chạy lại 'troly ingest' (index built with another embedder)"
            )

        plan = _Plan(
            expected=current,
            passages=passages,
            chunks=plan_chunks(passages, embedder),
            layered=set(shard_rows(current).tolist()) if has_chunk_vectors(current) else set(),
        )
        waiting = [row for row, chunks in enumerate(plan.chunks) if chunks and row not in plan.layered]
        found = embedder.cached([text for row in waiting for text in plan.chunks[row]])
        position = 0
        for row in waiting:
            vectors = found[position : position + len(plan.chunks[row])]
            position += len(plan.chunks[row])
            held = {i: v for i, v in enumerate(vectors) if v is not None}
            report.cached += len(held)
            if len(held) == len(vectors):
                plan.ready[row] = vectors
            elif held:
                plan.partial[row] = held
        report.generation, report.passages, report.covered = current.name, len(passages), plan.covered()
        report.chunks = sum(len(plan.chunks[row]) for row in plan.layered)
        return plan

    def _enrich(self, plan: _Plan, embedder: CachedEmbedder, report: EnrichReport, embed: bool) -> bool:
        """Embed what is missing and publish as coverage grows; False when a newer generation
        was published by someone else (start again on it)."""
        total = len(plan.passages)
        self.progress(STAGE, plan.covered(), total)
        last = self._clock()
        if plan.ready and not self._publish(plan, report, wait=False):
            return False
        missing = [
            (row, i, text)
            for row, chunks in enumerate(plan.chunks)
            if chunks and row not in plan.layered and row not in plan.ready
            for i, text in enumerate(chunks)
            if i not in plan.partial.get(row, {})
        ] if embed else []
        size = self.enrich_settings.batch
        for start in range(0, len(missing), size):
            if self.index_dir.current() != plan.expected:
                return False
            self._embed(plan, embedder, missing[start : start + size], report)
            self.progress(STAGE, plan.covered(), total)
            due = self._clock() - last >= 60 * self.enrich_settings.publish_minutes
            if plan.ready and (due or len(plan.ready) >= self.enrich_settings.publish_passages):
                if not self._publish(plan, report, wait=False):
                    return False
                last = self._clock()
        if plan.ready and not self._publish(plan, report, wait=True):
            return False
        report.covered = plan.covered()
        report.failed = {plan.passages[row].passage_id: message for row, message in plan.failed.items()}
        return True

    def _embed(self, plan: _Plan, embedder: CachedEmbedder, batch: list[tuple[int, int, str]], report: EnrichReport) -> None:
        """Embed one batch (committed to the cache); a chunk the embedder fails on fails its passage alone."""
        batch = [(row, i, text) for row, i, text in batch if row not in plan.failed]
        texts = list(dict.fromkeys(text for _, _, text in batch))  # the same text twice is embedded once
        misses = embedder.misses
        errors: dict[str, str] = {}
        try:
            computed = dict(zip(texts, embedder.embed_documents(texts)))
        except Exception as exc:
            if _disk_full(exc, self.settings.data_dir):
                raise
            computed = {}
            for text in texts:  # one at a time, to find the one it fails on
                try:
                    computed[text] = embedder.embed_documents([text])[0]
                except Exception as error:
                    if _disk_full(error, self.settings.data_dir):
                        raise
                    errors[text] = f"{type(error).__name__}: {error}"
        report.embedded += embedder.misses - misses
        for row, i, text in batch:
            if row in plan.failed:
                continue
            if text in errors:
                passage = plan.passages[row]
                plan.failed[row] = errors[text]
                plan.partial.pop(row, None)
                log.warning("embedder failed on %s (%s), skipped: %s", passage.passage_id, passage.heading, errors[text])
                continue
            held = plan.partial.setdefault(row, {})
            held[i] = computed[text]
            if len(held) == len(plan.chunks[row]):
                plan.ready[row] = [held[j] for j in range(len(held))]
                del plan.partial[row]

    def _publish(self, plan: _Plan, report: EnrichReport, wait: bool) -> bool:
        """Publish the ready rows as a new generation derived from the current one. False when the
        current generation is no longer the one planned; True when published, or postponed because
        an ingest holds the index lock (and ``wait`` is false)."""
        with self.index_dir.try_lock(wait) as held:
            if not held:
                return True
            current = self.index_dir.current()
            if current != plan.expected:
                return False
            generation = self.index_dir.derive(current, linked=(*IMMUTABLE, DIRECTORY), left_out=(CHROMA_DIRECTORY,))
            try:
                if not has_chunk_vectors(generation):
                    write_heads(generation, VectorIndex(current, self.settings.chroma_url).vectors_of(range(len(plan.passages))))
                rows = sorted(plan.ready)
                write_shard(generation, [row for row in rows for _ in plan.ready[row]], np.vstack([v for row in rows for v in plan.ready[row]]))
                layered = plan.layered | set(rows)
                chunks = sum(len(plan.chunks[row]) for row in layered)
                failed = {plan.passages[row].passage_id: message for row, message in plan.failed.items()}
                write_coverage(generation, Coverage(len(plan.passages), plan.covered(), chunks, failed))
                self.index_dir.publish(generation)
            except BaseException:
                shutil.rmtree(generation, ignore_errors=True)
                raise
        plan.expected = generation
        plan.layered = layered
        plan.ready = {}
        report.generation, report.published, report.chunks = generation.name, report.published + 1, chunks
        log.info("published %s: %d of %d passages with body vectors", generation.name, plan.covered(), len(plan.passages))
        return True


def plan_chunks(passages: Sequence[Passage], embedder: CachedEmbedder) -> list[list[str]]:
    """The texts of each passage's body chunks (``chunk_text``), cut to the embedder's window."""

    def fits(text: str) -> bool:
        return embedder.count_tokens(text) <= embedder.max_tokens

    return [[chunk_text(p, piece) for piece in body_chunks(p, fits)] for p in passages]


def enrich_directory(
    directory: Path, passages: Sequence[Passage], embedder: CachedEmbedder, share: float, chroma_url: str | None = None
) -> Coverage:
    """Give the first ``share`` of the passages of the generation in ``directory`` (in the order the
    enricher follows) their body vectors, written into that generation itself: a throwaway index,
    to measure a coverage level (``troly eval retrieval --coverage``)."""
    chunks = plan_chunks(passages, embedder)
    rows = [row for row in range(round(share * len(passages))) if chunks[row]]
    vectors = embedder.embed_documents([text for row in rows for text in chunks[row]])
    write_heads(directory, VectorIndex(directory, chroma_url).vectors_of(range(len(passages))))
    if rows:
        write_shard(directory, [row for row in rows for _ in chunks[row]], vectors)
    covered = sum(1 for row, row_chunks in enumerate(chunks) if not row_chunks or row < round(share * len(passages)))
    coverage = Coverage(len(passages), covered, len(vectors))
    write_coverage(directory, coverage)
    return coverage


def _disk_full(exc: BaseException, data_dir: Path) -> bool:
    """Whether ``exc`` says the disk is full. SQLite says "database or disk is full", or, when its
    write-ahead log cannot grow, "disk I/O error": that one counts when the disk has no room left."""
    if isinstance(exc, OSError):
        return exc.errno in (errno.ENOSPC, errno.EDQUOT)
    if not isinstance(exc, sqlite3.OperationalError):
        return False
    return "full" in str(exc) or ("disk I/O error" in str(exc) and shutil.disk_usage(data_dir).free < _ROOM)
