from knowledge.text import (
    expand_abbreviations,
    folded_syllables,
    segmented_words,
    syllables,
    with_bigrams,
)


def test_syllables_keep_document_numbers_whole():
    tokens = syllables("Căn cứ Luật Hộ tịch số 60/2014/QH13 và Nghị định 30/2020/NĐ-CP")
    assert "60/2014/qh13" in tokens and "30/2020/nđ-cp" in tokens
    assert tokens[:4] == ["căn", "cứ", "luật", "hộ"]


def test_folded_syllables_match_text_typed_without_diacritics():
    assert folded_syllables("Đăng ký khai sinh") == folded_syllables("dang ky khai sinh")


def test_bigrams_join_neighbours():
    assert with_bigrams(["khai", "sinh", "con"]) == ["khai", "sinh", "con", "khai_sinh", "sinh_con"]


def test_word_segmentation_joins_multi_syllable_words():
    assert segmented_words("Đăng ký khai sinh cho con") == ["đăng_ký", "khai_sinh", "cho", "con"]


def test_common_abbreviations_expand_and_citations_survive():
    assert expand_abbreviations("thu tuc dk ks can cccd ko") == "thu tuc đăng ký khai sinh can căn cước công dân không"
    assert expand_abbreviations("điểm k khoản 1 Điều 5") == "điểm k khoản 1 Điều 5"
    assert expand_abbreviations("Cấp GPLX ở UBND") == "Cấp giấy phép lái xe ở ủy ban nhân dân"
    assert expand_abbreviations("xin giay xac nhan tthn de dk kh") == "xin giay xac nhan tình trạng hôn nhân de đăng ký kết hôn"
