"""Vector search in an embedded Chroma database (PersistentClient).

Chroma never embeds anything here: vectors are computed by our own embedder and
passed in, so its default embedding function (which downloads a model) is never
used. Ids are the passages' row numbers in the generation's passage store.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Sequence

import numpy as np

log = logging.getLogger(__name__)

COLLECTION = "passages"
_BATCH = 4000


def _client(directory: Path):
    import chromadb

    return chromadb.PersistentClient(
        path=str(directory),
        settings=chromadb.Settings(anonymized_telemetry=False, allow_reset=False),
    )


class VectorIndex:
    def __init__(self, directory: Path):
        self._client = _client(directory)
        self._collection = self._client.get_or_create_collection(
            COLLECTION, embedding_function=None, metadata={"hnsw:space": "cosine"}
        )

    def add(self, rows: Sequence[int], vectors: np.ndarray, metadatas: Sequence[dict[str, Any]]) -> None:
        for start in range(0, len(rows), _BATCH):
            end = start + _BATCH
            self._collection.add(
                ids=[str(r) for r in rows[start:end]],
                embeddings=vectors[start:end],
                metadatas=list(metadatas[start:end]),
            )

    def count(self) -> int:
        return self._collection.count()

    def search(self, vector: np.ndarray, k: int, where: dict[str, Any] | None = None) -> list[tuple[int, float]]:
        """The ``k`` nearest rows with their cosine similarity, best first."""
        if k <= 0 or self.count() == 0:
            return []
        result = self._collection.query(
            query_embeddings=[vector.astype(np.float32)],
            n_results=min(k, self.count()),
            where=where,
            include=["distances"],
        )
        return [(int(i), 1.0 - float(d)) for i, d in zip(result["ids"][0], result["distances"][0])]

    def similarities(self, vector: np.ndarray, rows: Sequence[int]) -> dict[int, float]:
        """Cosine similarity of the query vector to the stored vectors of ``rows``."""
        if not rows:
            return {}
        stored = self._collection.get(ids=[str(r) for r in rows], include=["embeddings"])
        matrix = np.asarray(stored["embeddings"], dtype=np.float32)
        if matrix.size == 0:
            return {}
        return dict(zip((int(i) for i in stored["ids"]), (matrix @ vector.astype(np.float32)).tolist()))
