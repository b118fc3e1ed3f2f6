"""Keyword search: BM25 (bm25s) over syllables plus adjacent-syllable bigrams.

Bigrams stand in for Vietnamese word segmentation: "đăng ký khai sinh" gives
"đăng_ký", "ký_khai", "khai_sinh", so phrases outrank scattered syllables (on
ALQAC 2025 they lift MRR@10 from 0.822 to 0.873, see evals/reports/retrieval.md;
pyvi's segmentation gave 0.830). Two analyzers index the same passages: one on
the text as written and one folded (no diacritics), used for queries typed
without diacritics.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

import logging

import bm25s
import numpy as np

from knowledge.text import folded_syllables, has_diacritics, syllables, with_bigrams

Analyzer = Callable[[str], list[str]]
logging.getLogger("bm25s").setLevel(logging.WARNING)  # it logs every index build at DEBUG


def accented_terms(text: str) -> list[str]:
    return with_bigrams(syllables(text))


def folded_terms(text: str) -> list[str]:
    return with_bigrams(folded_syllables(text))


ANALYZERS: dict[str, Analyzer] = {"accented": accented_terms, "folded": folded_terms}


@dataclass(frozen=True)
class BM25Params:
    k1: float = 1.2
    b: float = 0.75


class KeywordIndex:
    """BM25 over a fixed list of documents; results are row numbers into that list."""

    def __init__(self, models: dict[str, bm25s.BM25], size: int):
        self._models = models
        self.size = size

    @classmethod
    def build(cls, texts: Sequence[str], params: BM25Params = BM25Params()) -> "KeywordIndex":
        models = {}
        for name, analyze in ANALYZERS.items():
            model = bm25s.BM25(k1=params.k1, b=params.b)
            model.index([analyze(text) or [""] for text in texts], show_progress=False)
            models[name] = model
        return cls(models, len(texts))

    def save(self, directory: Path) -> None:
        for name, model in self._models.items():
            model.save(str(directory / name), show_progress=False)
        (directory / "keyword.json").write_text(json.dumps({"size": self.size}))

    @classmethod
    def load(cls, directory: Path) -> "KeywordIndex":
        meta = json.loads((directory / "keyword.json").read_text())
        models = {name: bm25s.BM25.load(str(directory / name), mmap=False) for name in ANALYZERS}
        return cls(models, meta["size"])

    def scores(self, query: str, mask: np.ndarray | None = None) -> np.ndarray:
        """BM25 score of every row for the query (0 where ``mask`` is False).

        A query typed without any diacritic is matched against the folded index.
        """
        name = "accented" if has_diacritics(query) else "folded"
        terms = ANALYZERS[name](query)
        if not terms:
            return np.zeros(self.size, dtype=np.float32)
        scores = self._models[name].get_scores(terms)
        if mask is not None:
            scores = np.where(mask, scores, 0.0)
        return scores

    def search(self, query: str, k: int, mask: np.ndarray | None = None) -> list[tuple[int, float]]:
        """The ``k`` best rows with a positive score, best first."""
        scores = self.scores(query, mask)
        return top_k(scores, k)


def top_k(scores: np.ndarray, k: int) -> list[tuple[int, float]]:
    """Rows of the ``k`` highest positive scores, best first."""
    if k <= 0 or scores.size == 0:
        return []
    k = min(k, scores.size)
    candidates = np.argpartition(-scores, k - 1)[:k]
    ordered = candidates[np.argsort(-scores[candidates], kind="stable")]
    return [(int(i), float(scores[i])) for i in ordered if scores[i] > 0]
