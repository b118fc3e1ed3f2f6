"""The production retriever: BM25 and dense vectors fused, with metadata filters.

Steps for one query: prepare (normalise, expand abbreviations, bound the size) →
restore diacritics when it was typed without them → mask (rows the filters allow) →
keyword scores → dense neighbours → fuse → cut.

Two fusions are available. ``score`` (the default) adds BM25 normalised by the
query's best BM25 score and the dense similarity standardised over the candidate
pool, weighted by ``dense_weight``; it keeps BM25's confidence margins. ``rrf``
is reciprocal-rank fusion. On ALQAC score fusion measured higher at every
weight tried (evals/reports/retrieval.md), so it is the default. ``keyword`` and
``dense`` use one side alone (for benchmarks and for indexes without vectors).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from knowledge.errors import BadInput
from knowledge.index.base import Embedder, SearchFilters
from knowledge.index.chunk_vectors import ChunkVectors
from knowledge.index.fusion import Fused, reciprocal_rank_fusion
from knowledge.index.keyword import KeywordIndex, top_k
from knowledge.index.passages import PassageStore
from knowledge.index.vector import VectorIndex
from knowledge.models import Evidence
from knowledge.text import expand_abbreviations, expand_query, normalize, syllables
from knowledge.text.diacritics import DiacriticModel

MAX_QUERY_CHARS = 10_000


@dataclass(frozen=True)
class FusionSettings:
    method: Literal["score", "rrf", "keyword", "dense"] = "score"
    dense_weight: float = 0.1
    # A passage whose vectors hold its whole text (the enrichment's body vectors) has a dense similarity
    # that says more than one of its heading: it weighs ``whole_text_weight`` in score fusion. Measured on the
    # ALQAC corpus at full coverage (MRR@10, ALQAC 2025 / 2023 / citizen-worded): .1 gives .908 / .944 / .609,
    # .15 .909 / .955 / .635, .2 .902 / .955 / .643; with heading-only vectors (the whole knowledge base's
    # first generation) .15 costs ALQAC .838 → .809, so a passage not yet enriched keeps ``dense_weight``.
    whole_text_weight: float = 0.15
    candidates: int = 50
    rrf_k: int = 60
    expand: bool = True  # add legal terms for everyday words to the keyword query (knowledge.text.thesaurus)


def prepare_query(query: str) -> str:
    """Normalised query with abbreviations expanded; BadInput when empty or oversized."""
    if len(query) > MAX_QUERY_CHARS:
        raise BadInput(f"câu truy vấn quá dài ({len(query):,} ký tự; tối đa {MAX_QUERY_CHARS:,}) (query too long)")
    text = normalize(query).strip()
    if not text:
        raise BadInput("câu truy vấn trống (empty query)")
    return expand_abbreviations(text)


def _score_fusion(
    keyword_scores: np.ndarray, keyword_rows: list[int], dense: dict[int, float], weights: np.ndarray
) -> list[Fused]:
    """``weights``: the dense side's weight for every row of the index."""
    pool = sorted(set(keyword_rows) | set(dense))
    best = float(keyword_scores.max()) if keyword_scores.size else 0.0
    lexical = np.array([keyword_scores[r] / best if best > 0 else 0.0 for r in pool])
    similarity = np.array([dense.get(r, 0.0) for r in pool])
    spread = similarity.std()
    standardised = (similarity - similarity.mean()) / spread if spread > 0 else np.zeros_like(similarity)
    fused = lexical + weights[pool] * standardised
    keyword_rank = {row: i for i, row in enumerate(keyword_rows, start=1)}
    dense_rank = {row: i for i, row in enumerate(sorted(dense, key=lambda r: -dense[r]), start=1)}
    order = np.argsort(-fused, kind="stable")
    return [
        Fused(
            pool[i],
            float(fused[i]),
            {name: ranks[pool[i]] for name, ranks in (("keyword", keyword_rank), ("dense", dense_rank)) if pool[i] in ranks},
        )
        for i in order
    ]


class HybridRetriever:
    """BM25 + dense vectors (Chroma, or a generation's body vectors) over one index generation."""

    def __init__(
        self,
        passages: PassageStore,
        keyword: KeywordIndex,
        vectors: VectorIndex | ChunkVectors | None = None,
        embedder: Embedder | None = None,
        fusion: FusionSettings = FusionSettings(),
        diacritics: DiacriticModel | None = None,
        priors: np.ndarray | None = None,
    ):
        self.passages = passages
        self.keyword = keyword
        self.vectors = vectors
        self.embedder = embedder
        self.fusion = fusion
        self.diacritics = diacritics
        self.priors = priors if priors is not None else np.zeros(len(passages), dtype=np.float32)
        self._last_query: tuple[str, np.ndarray] | None = None  # the last query's vector, for the next search of it
        whole_text = vectors.whole_text_rows() if isinstance(vectors, ChunkVectors) else np.zeros(len(passages), dtype=bool)
        self._dense_weights = np.where(whole_text, fusion.whole_text_weight, fusion.dense_weight).astype(np.float32)

    def retrieve(self, query: str, k: int = 10, filters: SearchFilters | None = None) -> list[Evidence]:
        text = prepare_query(query)
        if not syllables(text) or k <= 0:
            return []  # nothing searchable: emoji, punctuation
        if self.diacritics is not None and self.diacritics.needs_restoring(text):
            text = self.diacritics.restore(text)
        mask = self.passages.mask(filters)
        if mask is not None and not mask.any():
            return []
        method = self.fusion.method if self.vectors is not None else "keyword"
        keyword_scores = self.keyword.scores(expand_query(text) if self.fusion.expand else text, mask)
        keyword_scores = keyword_scores * (1.0 + self.priors)
        keyword_rows = [row for row, _ in top_k(keyword_scores, self.fusion.candidates)]
        if method == "keyword":
            fused = [Fused(row, float(keyword_scores[row]), {"keyword": i}) for i, row in enumerate(keyword_rows, 1)]
            return [Evidence(self.passages[f.row], f.score, f.ranks) for f in fused[:k]]
        dense = self._dense(text, mask, filters, keyword_rows if method != "dense" else [])
        if method == "dense":
            ranked = sorted(dense, key=lambda r: -dense[r])
            fused = [Fused(row, dense[row], {"dense": i}) for i, row in enumerate(ranked, 1)]
        elif method == "rrf":
            ranked_dense = sorted(dense, key=lambda r: -dense[r])[: self.fusion.candidates]
            fused = reciprocal_rank_fusion(
                {"keyword": keyword_rows, "dense": ranked_dense},
                weights={"keyword": 1.0, "dense": self.fusion.dense_weight},
                k=self.fusion.rrf_k,
            )
        else:
            fused = _score_fusion(keyword_scores, keyword_rows, dense, self._dense_weights)
        return [Evidence(self.passages[f.row], f.score, f.ranks) for f in fused[:k]]

    def _dense(self, text: str, mask: np.ndarray | None, filters: SearchFilters | None, keyword_rows: list[int]) -> dict[int, float]:
        """Dense similarities of the dense neighbours and of the keyword candidates."""
        if self.vectors is None or self.embedder is None:
            return {}
        vector = self._query_vector(text)
        dense = self.vectors.neighbours(vector, mask, filters, self.fusion.candidates)
        missing = [row for row in keyword_rows if row not in dense]
        dense.update(self.vectors.similarities(vector, missing))
        return dense

    def _query_vector(self, text: str) -> np.ndarray:
        """The query's embedding; a question searched among laws and then among procedures is embedded once."""
        last = self._last_query  # read once: another thread may search meanwhile
        if last is None or last[0] != text:
            last = self._last_query = (text, self.embedder.embed_query(text))
        return last[1]
