"""Search over passages: keyword (BM25), vector (Chroma) and their fusion behind one Retriever."""
from knowledge.index.base import Embedder, Retriever, SearchFilters

__all__ = ["Embedder", "Retriever", "SearchFilters"]
