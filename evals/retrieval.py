"""Legal retrieval on ALQAC-format data with the production retriever.

corpus:    [{"id": law_id, "articles": [{"id", "text"}]}]   (text = heading line, then body)
questions: [{"question_id", "text", "relevant_articles": [{"law_id", "article_id"}]}]

A throwaway index of the corpus is built in a temporary directory with the same
chunking, analyzers and fusion as ``troly ingest``; passage vectors are cached in
TROLY_DATA_DIR so a second run does not embed again. ``coverage`` measures the
index as the enrichment leaves it (``knowledge.index.enrich``): 0 is the first
generation ``troly ingest`` publishes, 1 every passage with its body vectors (what
users get once enrichment finishes), a share in between the first passages of the
enrichment's order. Metrics are per article: a passage counts for the article it
belongs to, first occurrence only.
"""
from __future__ import annotations

import json
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from knowledge.chunking import law_passages
from knowledge.errors import BadInput
from knowledge.index.builder import IndexSettings, build_index, open_index
from knowledge.index.embedders import CachedEmbedder, make_embedder
from knowledge.index.enrich import enrich_directory
from knowledge.index.hybrid import FusionSettings, HybridRetriever
from knowledge.models import Dieu, Passage
from knowledge.settings import Settings
from knowledge.text import normalize

CUTOFFS = (1, 5, 10)


@dataclass(frozen=True)
class Question:
    question_id: str
    text: str
    relevant: frozenset[tuple[str, str]]  # (law_id, article_id)


def _load_json(path: Path, what: str):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BadInput(f"không tìm thấy tệp {what}: {path} (file not found)") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadInput(f"tệp {what} không phải JSON hợp lệ: {path}: {exc}") from None


def load_corpus(path: Path) -> list[Passage]:
    data = _load_json(path, "corpus")
    passages: list[Passage] = []
    try:
        for law in data:
            for article in law["articles"]:
                heading, _, body = normalize(article["text"]).strip().partition("\n")
                dieu = Dieu(doc_id=str(law["id"]), number=str(article["id"]), heading=heading.strip(), intro=body.strip())
                passages += law_passages(dieu, doc_title=str(law["id"]), status="in_force")
    except (KeyError, TypeError) as exc:
        raise BadInput(f"corpus không đúng định dạng ALQAC ({path}): thiếu {exc}") from None
    if not passages:
        raise BadInput(f"corpus rỗng: {path}")
    return passages


def load_questions(path: Path) -> list[Question]:
    data = _load_json(path, "questions")
    try:
        questions = [
            Question(
                str(q["question_id"]),
                q["text"],
                frozenset((str(r["law_id"]), str(r["article_id"])) for r in q["relevant_articles"]),
            )
            for q in data
        ]
    except (KeyError, TypeError) as exc:
        raise BadInput(f"questions không đúng định dạng ALQAC ({path}): thiếu {exc}") from None
    if not questions:
        raise BadInput(f"không có câu hỏi nào trong {path}")
    return questions


def rank_of_gold(evidence, gold, key: Callable[[Passage], tuple[str, str]]) -> int | None:
    """The 1-based rank, among the distinct articles of ``evidence`` (``key`` names a passage's article;
    several passages of one article count once, at the first), of the first gold one."""
    articles: list[tuple[str, str]] = []
    for e in evidence:
        article = key(e.passage)
        if article not in articles:
            articles.append(article)
        if article in gold:
            return len(articles)
    return None


def evaluate(retriever: HybridRetriever, questions: list[Question], depth: int = 40) -> dict:
    """Recall@1/5/10, MRR@10 and per-query latency of ``retriever`` on ``questions``."""
    hits = {c: 0 for c in CUTOFFS}
    reciprocal_ranks = 0.0
    latencies = []
    for question in questions:
        started = time.perf_counter()
        evidence = retriever.retrieve(question.text, k=depth)
        latencies.append((time.perf_counter() - started) * 1000)
        rank = rank_of_gold(evidence, question.relevant, lambda p: (p.doc_id, p.article or ""))
        if rank is not None and rank <= 10:
            reciprocal_ranks += 1 / rank
            for c in CUTOFFS:
                hits[c] += rank <= c
    n = len(questions)
    latencies.sort()
    return {
        "n": n,
        **{f"R@{c}": round(hits[c] / n, 4) for c in CUTOFFS},
        "MRR@10": round(reciprocal_ranks / n, 4),
        "latency_ms_p50": round(statistics.median(latencies), 2),
        "latency_ms_p95": round(latencies[min(n - 1, int(0.95 * n))], 2),
    }


def run(
    corpus: Path,
    questions: Path,
    settings: Settings | None = None,
    fusion: FusionSettings = FusionSettings(),
    index_settings: IndexSettings = IndexSettings(),
    coverage: float = 0.0,
) -> dict:
    if not 0 <= coverage <= 1:
        raise BadInput(f"--coverage phải từ 0 đến 1 (coverage must be between 0 and 1), not {coverage}")
    settings = settings or Settings.from_env()
    passages = load_corpus(corpus)
    asked = load_questions(questions)
    embedder = None
    if fusion.method != "keyword":
        embedder = CachedEmbedder(make_embedder(settings.embedder), settings.data_dir / "cache" / "embeddings.sqlite")
    with tempfile.TemporaryDirectory(prefix="troly-eval-") as tmp:
        build_index(Path(tmp), passages, [], embedder, index_settings)
        if embedder is not None and coverage > 0:
            enrich_directory(Path(tmp), passages, embedder, coverage)
        retriever = open_index(Path(tmp), embedder, fusion)
        result = evaluate(retriever, asked)
        retriever.passages.close()
    return result
