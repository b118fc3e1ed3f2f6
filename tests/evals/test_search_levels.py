"""Legal search per index: what ``GET /api/search`` finds for the legal question sets, at each coverage."""
from __future__ import annotations

import pytest

from evals import search_levels
from evals.retrieval import rank_of_gold
from evals.routing import Question
from knowledge.errors import BadInput


def test_each_set_is_scored_on_the_index_of_the_data_dir(tiny_index_dir, monkeypatch):
    monkeypatch.setenv("TROLY_EMBEDDER", "hash")
    questions = [
        Question("Luật Vườn hoa công cộng quy định phạm vi điều chỉnh thế nào?", "officer", "legal",
                 frozenset({("luat vuon hoa cong cong", "1")})),
        Question("Giá vàng hôm nay bao nhiêu?", "officer", "legal", frozenset({("luat khong co", "9")})),
    ]
    result = search_levels.measure(tiny_index_dir, {"outside (officer)": questions})
    scores = result["sets"]["outside (officer)"]
    assert (scores["n"], scores["R@1"], scores["R@10"], scores["MRR@10"]) == (2, 0.5, 0.5, 0.5)
    assert 0 <= result["coverage"] <= 1 and result["generation"].startswith("gen-")
    assert "outside (officer)" in search_levels.markdown([result], None)


def test_a_gold_article_counts_once_at_its_first_passage():
    from knowledge.models import Evidence, Passage

    def found(title, article):
        return Evidence(Passage(f"{title}{article}", "law", "1/2020/QH14", title, f"Điều {article}.", "…", article=article), 1.0)

    passages = [found("Luật A", "2"), found("Luật A", "2"), found("Luật B", "5")]
    assert rank_of_gold(passages, {("luat b", "5")}, search_levels.article_of) == 2
    assert rank_of_gold(passages, {("luat c", "1")}, search_levels.article_of) is None


def test_a_missing_data_dir_or_index_is_refused(tmp_path):
    with pytest.raises(BadInput, match="no such data dir"):
        search_levels.main(["--data", str(tmp_path / "nowhere")])
    with pytest.raises(BadInput, match="no index"):
        search_levels.main(["--data", str(tmp_path)])
