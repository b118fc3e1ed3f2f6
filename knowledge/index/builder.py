"""Writing and opening one index generation: passages, BM25, Chroma."""
from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

from knowledge.chunking import dense_text, keyword_text
from knowledge.errors import BadInput
from knowledge.index.base import Embedder
from knowledge.index.embedders import CachedEmbedder
from knowledge.index.hybrid import FusionSettings, HybridRetriever
from knowledge.index.keyword import BM25Params, KeywordIndex
from knowledge.index.passages import PassageStore
from knowledge.index.vector import VectorIndex
from knowledge.models import Passage, Procedure

PASSAGES = "passages.sqlite"
KEYWORD = "keyword"
VECTORS = "chroma"


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value and value.isdigit() else default


@dataclass(frozen=True)
class IndexSettings:
    """How passages are indexed. ``dense_chars`` bounds what is embedded per passage:
    embedding is the ingest bottleneck (~1,600 tokens/s on 2 cores)."""

    dense_chars: int = field(default_factory=lambda: _env_int("TROLY_DENSE_CHARS", 160))
    bm25: BM25Params = BM25Params()


def build_index(
    directory: Path,
    passages: Sequence[Passage],
    procedures: Iterable[Procedure],
    embedder: CachedEmbedder | None,
    settings: IndexSettings = IndexSettings(),
    on_embedded: Callable[[int], None] | None = None,
) -> None:
    """Write a complete generation into ``directory`` (which must be empty)."""
    meta = {
        "embedder": embedder.name if embedder else "",
        "settings": json.dumps(asdict(settings)),
        "passages": str(len(passages)),
    }
    PassageStore.create(directory / PASSAGES, passages, procedures, meta)
    (directory / KEYWORD).mkdir()
    KeywordIndex.build([keyword_text(p) for p in passages], settings.bm25).save(directory / KEYWORD)
    if embedder is not None and passages:
        vectors = embedder.embed_documents([dense_text(p, settings.dense_chars) for p in passages], on_embedded)
        VectorIndex(directory / VECTORS).add(
            list(range(len(passages))),
            vectors,
            [{"kind": p.kind, "access": p.access, "status": p.status, "doc_id": p.doc_id} for p in passages],
        )


def open_index(directory: Path, embedder: Embedder | None, fusion: FusionSettings = FusionSettings()) -> HybridRetriever:
    """A retriever over a generation; BadInput when it was built with another embedder."""
    passages = PassageStore(directory / PASSAGES)
    built_with = passages.meta.get("embedder", "")
    if embedder is not None and built_with and built_with != embedder.name:
        raise BadInput(
            f"chỉ mục được tạo bằng embedder '{built_with}', cấu hình hiện tại là '{embedder.name}': "
            "chạy lại 'troly ingest' (index built with another embedder)"
        )
    vectors = VectorIndex(directory / VECTORS) if built_with and embedder is not None else None
    return HybridRetriever(passages, KeywordIndex.load(directory / KEYWORD), vectors, embedder if vectors else None, fusion)
