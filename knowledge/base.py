"""The knowledge room's face: the current index generation, its registry, procedures and old-unit lookup."""
from __future__ import annotations

import re
from dataclasses import replace
from functools import cached_property
from pathlib import Path

import numpy as np

from knowledge.asked_article import asked_article
from knowledge.current_law import current_first
from knowledge.dvhc import UnitLookup
from knowledge.errors import BadInput
from knowledge.figures import band_held_first
from knowledge.heading_match import heading_said_first
from knowledge.index.base import SearchFilters
from knowledge.index.builder import open_index
from knowledge.index.chunk_vectors import Coverage, first_coverage, read_coverage
from knowledge.index.embedders import make_embedder
from knowledge.index.generations import IndexDirectory
from knowledge.index.hybrid import HybridRetriever
from knowledge.models import Evidence, Passage, Procedure
from knowledge.procedure_family import asked_member_first
from knowledge.registry import REGISTRY, Registry, current_documents
from knowledge.sanctions import rule_or_fine_first, road_user_asked_first
from knowledge.settings import Settings


POOL, MIN_POOL = 3, 20  # retrieved for a search of k: max(POOL × k, MIN_POOL)
# After current law first, in order: the rule or the fine asked, the road user asked, the band of the figure given,
# the procedure asked.
_RERANKS = (rule_or_fine_first, road_user_asked_first, band_held_first, heading_said_first, asked_member_first)
_EFFECT_HEADING = re.compile(r"^Điều\s+\d+\w*\.\s*Hiệu lực(?: thi hành)?\b", re.IGNORECASE)


def current_registry(settings: Settings | None = None) -> Registry:
    """The registry of the current index generation alone (no indexes loaded), for validity questions."""
    settings = settings or Settings.from_env()
    current = IndexDirectory(settings.data_dir / "index").current()
    if current is None:
        raise BadInput(f"chưa có chỉ mục trong {settings.data_dir}: hãy chạy 'troly ingest' trước (no index yet)")
    return Registry(current / REGISTRY, settings.today)


class KnowledgeBase:
    def __init__(self, generation: Path, settings: Settings):
        self.generation = generation
        self.settings = settings
        self.retriever: HybridRetriever = open_index(
            generation, make_embedder(settings.embedder), chroma_url=settings.chroma_url
        )
        self.registry = Registry(generation / REGISTRY, settings.today)

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

    @cached_property
    def dvhc(self) -> UnitLookup:
        """Where the communes went in the 2025 merger (read on first use)."""
        return UnitLookup.load(self.generation)

    def search(self, query: str, k: int = 10, filters: SearchFilters | None = None) -> list[Evidence]:
        """The ``k`` best passages, current law first (``knowledge.current_law``), with today's statuses,
        the rule before the fine for breaking it and the fine for the road user asked about before the others
        (``knowledge.sanctions``), a passage setting the band of a figure the question gives raised
        (``knowledge.figures``), an article whose heading the question says in full raised (``knowledge.heading_match``),
        and procedures doing the action asked for before the rest of their family
        (``knowledge.procedure_family``); an article the question names by number and document first of all.

        A deeper pool is retrieved so that passages in force can take the places of demoted ones.
        """
        if k <= 0:
            return []
        filters = filters if filters is not None else SearchFilters()
        pool = self.retriever.retrieve(query, max(POOL * k, MIN_POOL), filters)
        asked = self._asked_article(query, filters, pool)
        first = {e.passage.passage_id for e in asked}
        pool = asked + [e for e in pool if e.passage.passage_id not in first]
        statuses = self.registry.statuses(e.passage.doc_id for e in pool if e.passage.kind == "law")
        ranked = current_first(query, pool, statuses, self.replacement_held)
        for rerank in _RERANKS:
            ranked = rerank(query, ranked)
        return ([e for e in ranked if e.passage.passage_id in first] + [e for e in ranked if e.passage.passage_id not in first])[:k]

    def replacement_held(self, doc_id: str) -> bool:
        """Whether the text in force in place of a superseded document is in the corpus (True when nothing
        replaces it: it is repealed, not superseded by a text one could quote instead)."""
        entry = self.registry.get(doc_id)
        if entry is None or not entry.replaced_by:
            return True
        return any(e.in_corpus for e in current_documents(self.registry.lookup, entry))

    def _asked_article(self, query: str, filters: SearchFilters, pool: list[Evidence]) -> list[Evidence]:
        """The passages of the article the question names by number and document ("Điều 15 Luật Hộ tịch"), or of
        the one saying when the document it names takes effect, scored above the pool: they come first
        (``knowledge.asked_article``)."""
        if filters.kinds is not None and "law" not in filters.kinds:
            return []
        asked = asked_article(query, self.registry, self.effect_article)
        if asked is None:
            return []
        doc_id, article = asked
        top = max((e.score for e in pool), default=0.0)
        return [Evidence(p, top + 1.0, {"asked": 1}) for p in self.passages_of(doc_id, article, replace(filters, kinds=("law",)))]

    def passages_of(self, doc_id: str, article: str, filters: SearchFilters | None = None) -> list[Passage]:
        """The passages of one unit of a document (an article, or an appendix section), in order; only those
        ``filters`` allow when given (their documents aside)."""
        return [p for p in self._document(doc_id, filters) if p.article == article]

    def effect_article(self, doc_id: str) -> str | None:
        """The article saying when a document takes effect ("Điều 43. Hiệu lực thi hành"), the last if several."""
        headed = [p.article for p in self._document(doc_id) if p.article and _EFFECT_HEADING.search(p.heading)]
        return headed[-1] if headed else None

    def _document(self, doc_id: str, filters: SearchFilters | None = None) -> list[Passage]:
        allowed = replace(filters or SearchFilters(access=None), doc_ids=(doc_id,))
        mask = self.retriever.passages.mask(allowed)
        rows = np.flatnonzero(mask) if mask is not None else range(len(self.retriever.passages))
        return [p for p in (self.retriever.passages[int(r)] for r in rows) if p.doc_id == doc_id]

    def procedure(self, code: str) -> Procedure | None:
        return self.retriever.passages.procedure(code)

    def coverage(self) -> Coverage:
        """How much of the generation's text is in its vectors (``knowledge.index.enrich`` adds the rest)."""
        return read_coverage(self.generation) or first_coverage(self.retriever.passages)

    def close(self) -> None:
        self.retriever.passages.close()
        self.registry.close()
