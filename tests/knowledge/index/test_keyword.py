import numpy as np

from knowledge.chunking import keyword_text
from knowledge.index.keyword import KeywordIndex, top_k


def test_phrases_outrank_scattered_syllables_and_folded_queries_match(passages, tmp_path):
    index = KeywordIndex.build([keyword_text(p) for p in passages], [p.heading for p in passages], [0.5] * len(passages))
    best = [passages[row].passage_id for row, _ in index.search("thời hạn đăng ký khai sinh", 2)]
    assert best[0] == "law:60/2014/QH13:1"
    folded = [passages[row].passage_id for row, _ in index.search("thoi han dang ky khai sinh", 2)]
    assert folded[0] == "law:60/2014/QH13:1"
    index.save(tmp_path)
    reloaded = KeywordIndex.load(tmp_path)
    assert np.allclose(reloaded.scores("đăng ký tạm trú"), index.scores("đăng ký tạm trú"))


def test_mask_excludes_rows_and_unknown_words_score_nothing(passages):
    index = KeywordIndex.build([keyword_text(p) for p in passages], [p.heading for p in passages], [0.5] * len(passages))
    mask = np.array([p.kind == "procedure" for p in passages])
    assert [passages[r].kind for r, _ in index.search("đăng ký khai sinh", 5, mask)] == ["procedure"]
    assert index.search("xyzzy quux", 5) == []


def test_top_k_orders_and_drops_zero_scores():
    assert top_k(np.array([0.0, 2.0, 1.0, 3.0]), 3) == [(3, 3.0), (1, 2.0), (2, 1.0)]
    assert top_k(np.array([0.0, 0.0]), 5) == []
