import unicodedata

from knowledge.text import fold, fold_aligned, has_diacritics, normalize, strip_tones


def test_decomposed_input_becomes_precomposed():
    decomposed = unicodedata.normalize("NFD", "Đăng ký khai sinh")
    assert normalize(decomposed) == "Đăng ký khai sinh"


def test_new_style_tone_placement_is_rewritten_to_the_official_one():
    assert normalize("Uỷ ban nhân dân, hoà giải, thuỷ lợi, sức khoẻ") == "Ủy ban nhân dân, hòa giải, thủy lợi, sức khỏe"
    assert normalize("HOÀ BÌNH, Thuỷ") == "HÒA BÌNH, Thủy"


def test_tone_stays_where_a_final_consonant_or_qu_requires_it():
    for word in ("hoàn thành", "quý", "hoài", "khuyến khích", "thuyết minh", "quỹ", "hoặc", "Hoặc", "hoạch", "xoắn"):
        assert normalize(word) == word


def test_tone_under_a_marked_vowel_stays_there():
    for word in ("hoặc", "Hoặc", "dấu ngoặc", "HOẶC", "loắt choắt"):
        assert normalize(word) == word
        assert normalize(unicodedata.normalize("NFD", word)) == word


def test_controls_and_odd_spaces_are_cleaned_but_lines_kept():
    assert normalize("Điều 1.\u00a0 Phạm\u200b vi\r\n1. Nội dung\ufeff") == "Điều 1. Phạm vi\n1. Nội dung"


def test_fold_removes_every_diacritic_and_d_stroke():
    assert fold("Đăng ký KHAI SINH cho con ở Ủy ban") == "dang ky khai sinh cho con o uy ban"


def test_has_diacritics_and_strip_tones():
    assert has_diacritics("lệ phí") and not has_diacritics("le phi 2024")
    assert strip_tones("Lệ phí đăng ký") == "Lê phi đăng ky"


def test_eth_look_alike_becomes_d_stroke():
    assert normalize("Bãi bỏ khoản 3 Ðiều 28, ÐỊNH NGHĨA") == "Bãi bỏ khoản 3 Điều 28, ĐỊNH NGHĨA"


def test_fold_aligned_keeps_offsets_of_the_text_as_written():
    text = "Tôi tên là Đặng Thị Ánh"
    folded = fold_aligned(text)
    assert folded == "toi ten la dang thi anh"
    assert len(folded) == len(text)
    start = folded.index("dang thi anh")
    assert text[start:] == "Đặng Thị Ánh"
    decomposed = unicodedata.normalize("NFD", "phí")
    assert len(fold_aligned(decomposed)) == len(decomposed)
