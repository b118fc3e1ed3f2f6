"""Fusing ranked lists: reciprocal-rank fusion (RRF).

Each retriever contributes ``weight / (k + rank)`` for every row it ranks; rows
are ordered by the sum. Weights let a strong retriever lead and a weaker one
only break ties and rescue misses.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence


@dataclass(frozen=True)
class Fused:
    row: int
    score: float
    ranks: dict[str, int]  # 1-based rank given by each retriever that returned the row


def reciprocal_rank_fusion(
    rankings: Mapping[str, Sequence[int]],
    weights: Mapping[str, float] | None = None,
    k: int = 60,
) -> list[Fused]:
    """Fuse best-first lists of rows named by retriever; best fused first (ties by row)."""
    scores: dict[int, float] = {}
    ranks: dict[int, dict[str, int]] = {}
    for name, rows in rankings.items():
        weight = 1.0 if weights is None else weights.get(name, 1.0)
        for position, row in enumerate(rows, start=1):
            scores[row] = scores.get(row, 0.0) + weight / (k + position)
            ranks.setdefault(row, {})[name] = position
    ordered = sorted(scores, key=lambda row: (-scores[row], row))
    return [Fused(row, scores[row], ranks[row]) for row in ordered]
