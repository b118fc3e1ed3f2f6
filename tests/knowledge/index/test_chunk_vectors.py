"""Body vectors on disk and their exact search: each passage row scored by its best vector."""
import numpy as np

from knowledge.index.chunk_vectors import ChunkVectors, Coverage, read_coverage, write_coverage, write_heads, write_shard


def _unit(*values: float) -> np.ndarray:
    vector = np.array(values, dtype=np.float32)
    return vector / np.linalg.norm(vector)


def test_a_row_is_scored_by_its_best_vector_its_first_one_or_a_chunk(tmp_path):
    heads = np.stack([_unit(1, 0, 0), _unit(0, 1, 0), _unit(0, 0, 1), _unit(1, 1, 0)])
    write_heads(tmp_path, heads)
    write_shard(tmp_path, [2, 2], np.stack([_unit(0, 1, 1), _unit(1, 0, 0.1)]))  # row 2: two chunks
    write_shard(tmp_path, [0], np.stack([_unit(0, 0, 1)]))  # row 0: one chunk, unlike its heading
    vectors = ChunkVectors(tmp_path)
    query = _unit(1, 0, 0)

    similarity = vectors.similarities(query, [0, 1, 2, 3])
    assert similarity[0] > 0.99  # its heading still speaks for it
    assert similarity[2] > 0.99  # … and a chunk for row 2, whose heading does not
    assert similarity[3] > 0.7 and similarity[1] == 0.0
    assert vectors.count() == 7  # three chunks and four first vectors
    assert vectors.whole_text_rows().tolist() == [True, False, True, False]
    assert vectors.similarities(_unit(0, 1, 1), [2])[2] > 0.99
    assert set(vectors.neighbours(query, None, None, 2)) == {0, 2}
    allowed = np.array([False, True, False, True])
    assert set(vectors.neighbours(query, allowed, None, 5)) == {1, 3}


def test_the_chunks_of_a_row_that_takes_no_body_vectors_are_left_unused(tmp_path):
    write_heads(tmp_path, np.stack([_unit(1, 0), _unit(0, 1)]))
    write_shard(tmp_path, [0, 1], np.stack([_unit(0, 1), _unit(1, 0)]))  # enriched before row 1 stopped taking them
    vectors = ChunkVectors(tmp_path, np.array([True, False]))
    assert vectors.count() == 3
    assert vectors.whole_text_rows().tolist() == [True, False]
    assert vectors.similarities(_unit(1, 0), [0, 1]) == {0: 1.0, 1: 0.0}


def test_coverage_is_replaced_never_written_in_place(tmp_path):
    write_heads(tmp_path, np.stack([_unit(1, 0), _unit(0, 1)]))
    write_coverage(tmp_path, Coverage(2, 1, 1, {"law:1:2:0": "RuntimeError: lỗi"}))
    linked = tmp_path / "linked.json"
    linked.hardlink_to(tmp_path / "coverage.json")  # as a derived generation shares a file
    write_coverage(tmp_path, Coverage(2, 2, 2))
    assert read_coverage(tmp_path) == Coverage(2, 2, 2) and read_coverage(tmp_path).share == 1.0
    assert '"covered": 1' in linked.read_text()  # the other generation's file is untouched
