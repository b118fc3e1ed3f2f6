"""Procedure retrieval against the ingested knowledge base (``troly eval procedures``).

questions: JSON lines ``{"question", "relevant_procedures": ["1.001193", ...]}``, with
an optional ``style`` (how it was typed: natural, no_diacritics, abbreviated) used by
the report to break figures down. A question is a hit at k when any of its relevant
procedures is among the first k procedures the production retriever returns for it
(public documents, as a citizen).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from knowledge.base import KnowledgeBase
from knowledge.errors import BadInput
from knowledge.index.base import SearchFilters
from knowledge.index.hybrid import FusionSettings

DEPTH = 10


@dataclass(frozen=True)
class ProcedureQuestion:
    question: str
    relevant: frozenset[str]
    style: str = ""


def load_questions(path: Path) -> list[ProcedureQuestion]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise BadInput(f"không tìm thấy tệp câu hỏi: {path} (file not found)") from None
    except UnicodeDecodeError:
        raise BadInput(f"tệp câu hỏi không phải UTF-8: {path}") from None
    questions = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            questions.append(
                ProcedureQuestion(record["question"], frozenset(record["relevant_procedures"]), str(record.get("style", "")))
            )
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise BadInput(f"{path}, dòng {number}: cần {{\"question\", \"relevant_procedures\"}} ({exc})") from None
    if not questions:
        raise BadInput(f"không có câu hỏi nào trong {path}")
    return questions


def first_ranks(kb: KnowledgeBase, questions: list[ProcedureQuestion]) -> list[int | None]:
    """Per question, the rank (0-based) of its first relevant procedure in the top ``DEPTH``, or None."""
    filters = SearchFilters(kinds=("procedure",))
    ranks = []
    for question in questions:
        codes = [e.passage.doc_id for e in kb.search(question.question, DEPTH, filters)]
        ranks.append(next((i for i, code in enumerate(codes) if code in question.relevant), None))
    return ranks


def metrics(ranks: list[int | None]) -> dict:
    """``{"n", "hit@1", "hit@3", "MRR@10"}`` of the questions whose first ranks these are."""
    found = [rank for rank in ranks if rank is not None]
    n = len(ranks)
    return {
        "n": n,
        "hit@1": round(sum(rank == 0 for rank in found) / n, 4),
        "hit@3": round(sum(rank < 3 for rank in found) / n, 4),
        "MRR@10": round(sum(1 / (rank + 1) for rank in found) / n, 4),
    }


def evaluate(kb: KnowledgeBase, questions: list[ProcedureQuestion]) -> dict:
    return metrics(first_ranks(kb, questions))


def run(questions: Path, fusion: FusionSettings = FusionSettings()) -> dict:
    kb = KnowledgeBase.open()
    kb.retriever.fusion = fusion
    try:
        return evaluate(kb, load_questions(questions))
    finally:
        kb.close()
