"""Keyword search: BM25 (bm25s) over syllables plus adjacent-syllable bigrams.

Bigrams stand in for Vietnamese word segmentation: "đăng ký khai sinh" gives
"đăng_ký", "ký_khai", "khai_sinh", so phrases outrank scattered syllables (on
ALQAC 2025 they lift MRR@10 from 0.822 to 0.873, see evals/reports/retrieval.md;
pyvi's segmentation gave 0.830). Two analyzers index the same passages: one on
the text as written and one folded (no diacritics), used for queries typed
without diacritics.
"""
from __future__ import annotations

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
    procedure_heading_weight: float = 0.5  # a procedure name's share, added to the full text's (each over its best)


FIELDS = ("text", "heading")


class KeywordIndex:
    """BM25 over a fixed list of documents, two fields each; results are row numbers.

    The ``text`` field holds everything searchable; the ``heading`` field only the
    heading (an article's title, a procedure's name), where a short exact match
    should count more than the same words scattered in a long passage: "làm giấy khai
    sinh" must find "Thủ tục đăng ký khai sinh" before procedures that merely list a
    birth certificate among their papers. Each row weighs its heading field on its
    own: procedures by ``procedure_heading_weight``, articles not at all (their
    heading is already repeated in their text, and a heading field measured worse on
    ALQAC: MRR@10 0.835 against 0.889).
    """

    def __init__(self, models: dict[tuple[str, str], bm25s.BM25], heading_weights: np.ndarray):
        self._models = models
        self.heading_weights = heading_weights
        self.size = len(heading_weights)

    @classmethod
    def build(
        cls, texts: Sequence[str], headings: Sequence[str], heading_weights: Sequence[float], params: BM25Params = BM25Params()
    ) -> "KeywordIndex":
        models = {}
        for field_name, values in (("text", texts), ("heading", headings)):
            for name, analyze in ANALYZERS.items():
                model = bm25s.BM25(k1=params.k1, b=params.b)
                model.index([analyze(value) or [""] for value in values], show_progress=False)
                models[(field_name, name)] = model
        return cls(models, np.asarray(heading_weights, dtype=np.float32))

    def save(self, directory: Path) -> None:
        for (field_name, name), model in self._models.items():
            model.save(str(directory / f"{field_name}-{name}"), show_progress=False)
        np.save(directory / "heading_weights.npy", self.heading_weights)

    @classmethod
    def load(cls, directory: Path) -> "KeywordIndex":
        models = {
            (field_name, name): bm25s.BM25.load(str(directory / f"{field_name}-{name}"), mmap=False)
            for field_name in FIELDS
            for name in ANALYZERS
        }
        return cls(models, np.load(directory / "heading_weights.npy"))

    def scores(self, query: str, mask: np.ndarray | None = None) -> np.ndarray:
        """Combined BM25 score of every row for the query (0 where ``mask`` is False): the
        text field plus the row's heading weight times the heading field, each over its best row.

        A query typed without any diacritic is matched against the folded analyzers.
        """
        name = "accented" if has_diacritics(query) else "folded"
        terms = ANALYZERS[name](query)
        combined = np.zeros(self.size, dtype=np.float32)
        if not terms:
            return combined
        for field_name, weight in (("text", 1.0), ("heading", self.heading_weights)):
            scores = self._models[(field_name, name)].get_scores(terms)
            if mask is not None:
                scores = np.where(mask, scores, 0.0)
            best = scores.max()
            if best > 0:
                combined += weight * scores / best
        return combined

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
