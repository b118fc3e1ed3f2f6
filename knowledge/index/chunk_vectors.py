"""Body vectors: each passage's whole text in the vector index, added after the first generation.

A generation built by ``troly ingest`` has one vector per passage, of its heading
and document title (``knowledge.chunking.dense_text``), in Chroma. The background
enrichment (``knowledge.index.enrich``) embeds each passage's body as well, cut
into chunks that fit the model's window (``knowledge.chunking.body_chunks``), and
publishes generations holding these vectors in numpy files, in the folder
``chunk_vectors``:

- ``heads.npy``: the first vector of every passage row, as the ingest computed it;
- ``NNNNN.vectors.npy`` with ``NNNNN.rows.npy``: a shard of body chunk vectors and
  the passage row of each. A passage is *covered* once all its chunks are in a
  shard; one that takes no body vectors (no text, or a procedure:
  ``knowledge.chunking.takes_body_vectors``) is covered by its first vector.

Why not Chroma: a richer generation must be cheap to publish. The files here never
change once written, so the next generation hard-links them, with the passage store
and the keyword index (``IndexDirectory.derive``), and writes only a new shard:
publishing costs the vectors it adds, not a copy of the index, and the disk holds
each vector once whichever generations are kept. Searching them exactly is a
product of a (passages + chunks) × 384 matrix with the query: a few milliseconds,
and never approximate.

Scoring: a passage's dense similarity is that of its best vector, its first one
(heading, title and the start of the text) or one of its body chunks. Measured at full
coverage on the ALQAC corpus (MRR@10, ALQAC 2025 / 2023 / citizen dev set, dense weight
.1): best of first vector and chunks .908 / .944 / .609, best chunk alone .904 / .935 /
.607, the mean of the first vector and the best .901 / .944 / .627, the mean of all
.897 / .939 / .630, first vectors only (coverage 0) .890 / .921 / .627. A passage with
its body vectors also weighs more in the fusion (``FusionSettings.whole_text_weight``;
``evals/reports/enrichment.md``).

Every generation says how far it is covered in ``coverage.json`` (``Coverage``),
which ``troly status index`` and ``GET /api/health`` read.
"""
from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

from knowledge.chunking import takes_body_vectors
from knowledge.index.base import SearchFilters
from knowledge.models import Passage

DIRECTORY = "chunk_vectors"
HEADS = "heads.npy"
COVERAGE = "coverage.json"
_VECTORS = ".vectors.npy"
_ROWS = ".rows.npy"


@dataclass(frozen=True)
class Coverage:
    """How much of a generation's text is in its vectors."""

    passages: int
    covered: int  # passages whose vectors are complete (one taking no body vectors needs none)
    chunks: int = 0  # body chunk vectors
    failed: dict[str, str] = field(default_factory=dict)  # passage id -> why the embedder failed on it

    @property
    def share(self) -> float:
        return self.covered / self.passages if self.passages else 1.0

    def to_json(self) -> dict:
        return {**asdict(self), "share": round(self.share, 4)}


def first_coverage(passages: Iterable[Passage]) -> Coverage:
    """A generation's coverage before enrichment: only passages taking no body vectors are complete."""
    passages = list(passages)
    return Coverage(len(passages), sum(not takes_body_vectors(p) for p in passages))


def write_coverage(generation: Path, coverage: Coverage) -> None:
    """Write (or replace: never in place, the file may be a link shared with another generation)."""
    _replace(generation / COVERAGE, lambda path: path.write_text(json.dumps(asdict(coverage), ensure_ascii=False)))


def read_coverage(generation: Path) -> Coverage | None:
    """The generation's coverage, None for a generation built before coverage was recorded."""
    path = generation / COVERAGE
    if not path.exists():
        return None
    return Coverage(**json.loads(path.read_text()))


def has_chunk_vectors(generation: Path) -> bool:
    return (generation / DIRECTORY / HEADS).exists()


def write_heads(generation: Path, vectors: np.ndarray) -> None:
    folder = generation / DIRECTORY
    folder.mkdir(exist_ok=True)
    _replace(folder / HEADS, lambda path: _save(path, vectors.astype(np.float32)))


def write_shard(generation: Path, rows: Sequence[int], vectors: np.ndarray) -> None:
    """Add body chunk vectors (one row number per vector) as the folder's next shard."""
    folder = generation / DIRECTORY
    number = 1 + max((int(p.name.split(".")[0]) for p in folder.glob(f"*{_ROWS}")), default=0)
    _replace(folder / f"{number:05d}{_VECTORS}", lambda path: _save(path, vectors.astype(np.float32)))
    _replace(folder / f"{number:05d}{_ROWS}", lambda path: _save(path, np.asarray(rows, dtype=np.int32)))


def shard_rows(generation: Path) -> np.ndarray:
    """The passage row of every body chunk vector the generation holds."""
    parts = [np.load(p) for p in sorted((generation / DIRECTORY).glob(f"*{_ROWS}"))]
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int32)


def _save(path: Path, array: np.ndarray) -> None:
    with path.open("wb") as handle:
        np.save(handle, array)
        handle.flush()
        os.fsync(handle.fileno())


def _replace(path: Path, write) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    write(temporary)
    os.replace(temporary, path)


class ChunkVectors:
    """The vectors of a generation with body vectors, searched exactly; the same questions
    as ``VectorIndex`` (``neighbours``, ``similarities``), answered per passage row."""

    def __init__(self, generation: Path, takes_body: np.ndarray | None = None):
        """``takes_body``: per row, whether its body chunks count (``knowledge.chunking.takes_body_vectors``);
        a generation enriched before procedures stopped taking body vectors keeps theirs on disk, unused."""
        folder = generation / DIRECTORY
        heads = np.load(folder / HEADS)
        shards = sorted(folder.glob(f"*{_ROWS}"))
        chunk_rows = [np.load(p) for p in shards]
        chunk_vectors = [np.load(p.with_name(p.name.replace(_ROWS, _VECTORS))) for p in shards]
        rows = np.concatenate(chunk_rows) if chunk_rows else np.zeros(0, dtype=np.int32)
        vectors = np.vstack(chunk_vectors) if chunk_vectors else np.zeros((0, heads.shape[1]), dtype=np.float32)
        if takes_body is not None:
            kept = takes_body[rows]
            rows, vectors = rows[kept], vectors[kept]
        self._whole_text = np.zeros(len(heads), dtype=bool)
        self._whole_text[rows] = True
        # Every row keeps its first vector beside its chunks: a row scores its best vector.
        all_rows = np.concatenate([rows, np.arange(len(heads), dtype=np.int32)])
        order = np.argsort(all_rows, kind="stable")
        self._matrix = np.ascontiguousarray(np.vstack([vectors, heads])[order])
        self._row_of = all_rows[order]
        self._starts = np.flatnonzero(np.r_[True, self._row_of[1:] != self._row_of[:-1]]) if len(self._row_of) else self._row_of
        self._passages = len(heads)
        self._last: tuple[bytes, np.ndarray] | None = None  # the last query's similarity per row

    def count(self) -> int:
        return len(self._matrix)

    def whole_text_rows(self) -> np.ndarray:
        """Per passage row, whether its vectors hold its whole text: its body chunks are here."""
        return self._whole_text

    def _per_row(self, vector: np.ndarray) -> np.ndarray:
        """Each passage row's similarity to the query (its best vector's); the last query's is kept,
        since one query asks for its neighbours and then for the keyword candidates' similarities."""
        key = vector.astype(np.float32).tobytes()
        if self._last is None or self._last[0] != key:
            similarity = self._matrix @ vector.astype(np.float32)
            self._last = (key, np.maximum.reduceat(similarity, self._starts) if len(similarity) else similarity)
        return self._last[1]

    def neighbours(self, vector: np.ndarray, mask: np.ndarray | None, filters: SearchFilters | None, k: int) -> dict[int, float]:
        """The ``k`` rows nearest to the query among those ``mask`` allows (all when None; the
        mask says all that ``filters`` say)."""
        similarity = self._per_row(vector)
        if mask is not None:
            similarity = np.where(mask, similarity, -np.inf)
        k = min(k, int(np.isfinite(similarity).sum()))
        if k <= 0:
            return {}
        best = np.argpartition(-similarity, k - 1)[:k]
        return {int(row): float(similarity[row]) for row in best}

    def similarities(self, vector: np.ndarray, rows: Sequence[int]) -> dict[int, float]:
        similarity = self._per_row(vector)
        return {int(row): float(similarity[row]) for row in rows}
