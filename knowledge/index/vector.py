"""Vector search in Chroma: embedded in the generation, or on a Chroma server.

Without a server address (``TROLY_CHROMA_URL`` unset) each index generation
keeps its vectors in an embedded database (PersistentClient) in its own
``chroma`` folder. With one, they live on that Chroma server in a collection
named after the generation, so several ``troly serve`` workers read the same
vectors; a new ingest writes a new collection, which becomes current with its
generation, and a pruned generation's collection is deleted with it
(``drop_vectors``).

Chroma never embeds anything here: vectors are computed by our own embedder and
passed in, so its default embedding function (which downloads a model) is never
used. Ids are the passages' row numbers in the generation's passage store.
"""
from __future__ import annotations

import logging
import math
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, Sequence
from urllib.parse import urlsplit

import httpx
import numpy as np

from knowledge.errors import BadInput
from knowledge.index.base import SearchFilters

log = logging.getLogger(__name__)

DIRECTORY = "chroma"  # the embedded database, inside the generation
COLLECTION = "passages"  # the embedded database's one collection
SERVER_PREFIX = "troly-"  # a server collection is this plus the generation's name
_BATCH = 4000
BROAD_FILTER_SHARE = 0.5  # a filter admitting at least this share of rows is applied after the dense query
NARROW_FILTER_SHARE = 0.2  # one admitting at most this share is searched exactly among the allowed rows
WIDER = 8  # a broad filter's unfiltered query is asked again this many times wider before a filtered one


def _unreachable(chroma_url: str, error: Exception) -> BadInput:
    return BadInput(
        f"không kết nối được máy chủ Chroma tại {chroma_url} (cannot reach the Chroma server at {chroma_url}; "
        f"is 'chroma run' up? check TROLY_CHROMA_URL): {error}"
    )


@contextmanager
def _reaching(chroma_url: str | None) -> Iterator[None]:
    """Turn a lost connection to the Chroma server into BadInput naming its address."""
    try:
        yield
    except httpx.TransportError as exc:
        if chroma_url is None:
            raise
        raise _unreachable(chroma_url, exc) from None


def _client(generation: Path, chroma_url: str | None):
    """The Chroma client holding ``generation``'s vectors: embedded in it, or the server at ``chroma_url``."""
    import chromadb

    # A fresh Settings each time: HttpClient writes the server's address into the one it is given.
    settings = chromadb.Settings(anonymized_telemetry=False, allow_reset=False)
    if chroma_url is None:
        return chromadb.PersistentClient(path=str(generation / DIRECTORY), settings=settings)
    address = urlsplit(chroma_url)
    https = address.scheme == "https"
    try:
        return chromadb.HttpClient(
            host=address.hostname, port=address.port or (443 if https else 8000), ssl=https, settings=settings
        )
    except ValueError as exc:  # chromadb's wording for a refused connection or a server that is not Chroma
        raise _unreachable(chroma_url, exc) from None


def collection_name(generation: Path, chroma_url: str | None) -> str:
    return COLLECTION if chroma_url is None else SERVER_PREFIX + generation.name


class VectorIndex:
    """One generation's passage vectors; ``create`` for a generation being built, else it must exist."""

    def __init__(self, generation: Path, chroma_url: str | None = None, create: bool = False):
        import chromadb.errors

        self._url = chroma_url
        self._forget()
        client = _client(generation, chroma_url)
        name = collection_name(generation, chroma_url)
        with _reaching(chroma_url):
            try:
                self._collection = (
                    client.create_collection(name, embedding_function=None, metadata={"hnsw:space": "cosine"})
                    if create
                    else client.get_collection(name, embedding_function=None)
                )
            except chromadb.errors.NotFoundError:
                raise BadInput(
                    f"không tìm thấy vector của chỉ mục {generation.name} ({chroma_url or 'embedded'}): "
                    "chạy lại 'troly ingest' (the index's vectors are missing: rebuild it)"
                ) from None

    def _forget(self) -> None:
        """Drop what was read of the collection, its size and its vectors: read once, since a generation's
        vectors only change while it is built."""
        self._size: int | None = None
        self._position: dict[int, int] = {}  # row -> its line in ``_kept``
        self._kept = np.zeros((0, 0), dtype=np.float32)

    def add(self, rows: Sequence[int], vectors: np.ndarray, metadatas: Sequence[dict[str, Any]]) -> None:
        self._forget()
        with _reaching(self._url):
            for start in range(0, len(rows), _BATCH):
                end = start + _BATCH
                self._collection.add(
                    ids=[str(r) for r in rows[start:end]],
                    embeddings=vectors[start:end],
                    metadatas=list(metadatas[start:end]),
                )

    def count(self) -> int:
        if self._size is None:
            with _reaching(self._url):
                self._size = self._collection.count()
        return self._size

    def search(self, vector: np.ndarray, k: int, where: dict[str, Any] | None = None) -> list[tuple[int, float]]:
        """The ``k`` nearest rows with their cosine similarity, best first."""
        size = self.count()
        if k <= 0 or size == 0:
            return []
        with _reaching(self._url):
            result = self._collection.query(
                query_embeddings=[vector.astype(np.float32)],
                n_results=min(k, size),
                where=where,
                include=["distances"],
            )
        return [(int(i), 1.0 - float(d)) for i, d in zip(result["ids"][0], result["distances"][0])]

    def neighbours(self, vector: np.ndarray, mask: np.ndarray | None, filters: SearchFilters | None, k: int) -> dict[int, float]:
        """The ``k`` nearest rows the filters allow (``mask``: the rows they allow, None for all).

        Chroma's filtered search is slow on the whole knowledge base: 60–100 ms for a
        filter admitting most rows (laws and documents), 25 ms for one admitting few
        (the 2,849 procedures), against 2–7 ms unfiltered. A broad filter is applied
        here to a wider unfiltered query instead, widened ``WIDER`` times once when
        too few of its rows are allowed (a question on a procedure has procedures for
        its nearest neighbours: a third of them fell back to the filtered query, the
        slowest tenth of all questions); only when that still leaves too few does the
        filtered query run. A narrow one is searched exactly, by comparing the query
        with each allowed row's vector (kept in memory after the first time): under a
        millisecond for the procedures.
        """
        if mask is None:
            return dict(self.search(vector, k))
        share = float(mask.mean())
        if share <= NARROW_FILTER_SHARE:
            return dict(self.nearest_among(vector, np.flatnonzero(mask).tolist(), k))
        if share >= BROAD_FILTER_SHARE:
            wanted = math.ceil(2 * k / share)
            for asked in (wanted, wanted * WIDER):
                allowed = [(row, similarity) for row, similarity in self.search(vector, asked) if mask[row]]
                if len(allowed) >= k or asked >= self.count():
                    return dict(allowed[:k])
        return dict(self.search(vector, k, _where(filters)))

    def similarities(self, vector: np.ndarray, rows: Sequence[int]) -> dict[int, float]:
        """Cosine similarity of the query vector to the stored vectors of ``rows``."""
        found, matrix = self._stored(rows)
        if not found:
            return {}
        return dict(zip(found, (matrix @ vector.astype(np.float32)).tolist()))

    def nearest_among(self, vector: np.ndarray, rows: Sequence[int], k: int) -> list[tuple[int, float]]:
        """The ``k`` rows of ``rows`` nearest to the vector, best first, by exact comparison
        (for a few thousand rows faster than Chroma's filtered search, and never approximate)."""
        found, matrix = self._stored(rows)
        if not found or k <= 0:
            return []
        similarity = matrix @ vector.astype(np.float32)
        best = np.argsort(-similarity, kind="stable")[:k]
        return [(found[i], float(similarity[i])) for i in best]

    def vectors_of(self, rows: Sequence[int]) -> np.ndarray:
        """The stored vectors of ``rows``, in their order; BadInput when one has none."""
        found, matrix = self._stored(rows)
        if len(found) != len(rows):
            raise BadInput(
                f"chỉ mục thiếu vector của {len(rows) - len(found)} đoạn: chạy lại 'troly ingest' "
                "(the index lacks some passage vectors: rebuild it)"
            )
        return matrix

    def _stored(self, rows: Sequence[int]) -> tuple[list[int], np.ndarray]:
        """The rows that have a vector and their vectors, fetched from Chroma once and then kept
        in memory: a published generation's vectors never change (at most 1.5 kB a row)."""
        missing = [row for row in rows if row not in self._position]
        with _reaching(self._url):
            for start in range(0, len(missing), _BATCH):
                stored = self._collection.get(ids=[str(r) for r in missing[start : start + _BATCH]], include=["embeddings"])
                if not stored["ids"]:
                    continue
                self._position.update((int(i), line) for line, i in enumerate(stored["ids"], start=len(self._position)))
                self._keep(np.asarray(stored["embeddings"], dtype=np.float32))
        found = [row for row in rows if row in self._position]
        return found, self._kept[[self._position[row] for row in found]]

    def _keep(self, fetched: np.ndarray) -> None:
        """Append fetched vectors to the kept ones, the room doubling when full: a server answering for days
        fetches a few rows a question, and copying every kept vector each time grew with the days."""
        filled = len(self._position) - len(fetched)
        if len(self._position) > len(self._kept):
            grown = np.empty((max(len(self._position), 2 * len(self._kept)), fetched.shape[1]), dtype=np.float32)
            if filled:
                grown[:filled] = self._kept[:filled]
            self._kept = grown
        self._kept[filled : len(self._position)] = fetched


def _where(filters: SearchFilters | None) -> dict | None:
    """Chroma's ``where`` for the filters (their metadata fields are stored with each vector)."""
    clauses = [
        {field: {"$in": list(values)}}
        for field, values in (
            ("kind", filters.kinds),
            ("access", filters.access),
            ("status", filters.statuses),
            ("doc_id", filters.doc_ids),
        )
        if values is not None
    ] if filters is not None else []
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def drop_vectors(generation: Path, chroma_url: str | None) -> None:
    """Delete ``generation``'s collection from the Chroma server; embedded vectors go with the directory."""
    import chromadb.errors

    if chroma_url is None:
        return
    client = _client(generation, chroma_url)
    with _reaching(chroma_url):
        try:
            client.delete_collection(collection_name(generation, chroma_url))
        except chromadb.errors.NotFoundError:
            log.info("%s had no vectors on %s", generation.name, chroma_url)
