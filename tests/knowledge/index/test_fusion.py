from knowledge.index.fusion import reciprocal_rank_fusion


def test_rows_ranked_by_both_lists_win_and_ranks_are_recorded():
    fused = reciprocal_rank_fusion({"keyword": [3, 1, 2], "dense": [1, 4]}, k=60)
    assert [f.row for f in fused] == [1, 3, 4, 2]
    assert fused[0].ranks == {"keyword": 2, "dense": 1}


def test_weights_let_the_strong_list_lead():
    fused = reciprocal_rank_fusion({"keyword": [3, 1], "dense": [1, 3]}, weights={"keyword": 1.0, "dense": 0.1}, k=1)
    assert [f.row for f in fused] == [3, 1]
