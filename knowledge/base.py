"""The knowledge room's face: the current index generation, its registry and procedures."""
from __future__ import annotations

from pathlib import Path

from knowledge.errors import BadInput
from knowledge.index.base import SearchFilters
from knowledge.index.builder import open_index
from knowledge.index.chunk_vectors import Coverage, first_coverage, read_coverage
from knowledge.index.embedders import make_embedder
from knowledge.index.generations import IndexDirectory
from knowledge.index.hybrid import HybridRetriever
from knowledge.ingest import REGISTRY
from knowledge.models import Evidence, Procedure
from knowledge.registry import Registry
from knowledge.settings import Settings


class KnowledgeBase:
    def __init__(self, generation: Path, settings: Settings):
        self.generation = generation
        self.settings = settings
        self.retriever: HybridRetriever = open_index(
            generation, make_embedder(settings.embedder), chroma_url=settings.chroma_url
        )
        self.registry = Registry(generation / REGISTRY)

    @classmethod
    def open(cls, settings: Settings | None = None) -> "KnowledgeBase":
        settings = settings or Settings.from_env()
        current = IndexDirectory(settings.data_dir / "index").current()
        if current is None:
            raise BadInput(f"chưa có chỉ mục trong {settings.data_dir}: hãy chạy 'troly ingest' trước (no index yet)")
        return cls(current, settings)

    def is_current(self) -> bool:
        """False once a newer ingest has been published (a long-running server then reopens)."""
        return IndexDirectory(self.settings.data_dir / "index").current() == self.generation

    def search(self, query: str, k: int = 10, filters: SearchFilters | None = None) -> list[Evidence]:
        return self.retriever.retrieve(query, k, filters if filters is not None else SearchFilters())

    def procedure(self, code: str) -> Procedure | None:
        return self.retriever.passages.procedure(code)

    def coverage(self) -> Coverage:
        """How much of the generation's text is in its vectors (``knowledge.index.enrich`` adds the rest)."""
        return read_coverage(self.generation) or first_coverage(self.retriever.passages)

    def close(self) -> None:
        self.retriever.passages.close()
        self.registry.close()
