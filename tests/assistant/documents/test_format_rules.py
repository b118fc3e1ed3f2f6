from assistant.documents.format_rules import (
    ELEMENTS,
    PAGE,
    TIEU_NGU,
    Span,
    text_width_mm,
    type_by_abbreviation,
    type_by_name,
)


def test_page_rules_are_those_of_phu_luc_i():
    assert (PAGE.width_mm, PAGE.height_mm) == (210, 297)
    assert 20 in PAGE.margins_mm["top"] and 25 in PAGE.margins_mm["bottom"]
    assert 30 in PAGE.margins_mm["left"] and 36 not in PAGE.margins_mm["left"]
    assert 15 in PAGE.margins_mm["right"] and 14 not in PAGE.margins_mm["right"]
    assert all(PAGE.margins_used_mm[side] in PAGE.margins_mm[side] for side in PAGE.margins_mm)
    assert PAGE.font == "Times New Roman"


def test_element_sizes_and_styles():
    assert ELEMENTS["quoc_hieu"].sizes == Span(12, 13) and ELEMENTS["quoc_hieu"].bold
    assert ELEMENTS["so_ky_hieu"].sizes == Span(13, 13)
    assert ELEMENTS["dia_danh_ngay"].italic is True
    assert ELEMENTS["noi_nhan_label"].sizes == Span(12, 12) and ELEMENTS["noi_nhan_label"].italic
    assert ELEMENTS["noi_nhan_items"].size == 11
    for rule in ELEMENTS.values():
        assert rule.size in rule.sizes, rule.key
        assert "Phụ lục I" in rule.ref


def test_type_names_and_abbreviations_of_phu_luc_iii():
    assert type_by_name("QUYẾT ĐỊNH") == "Quyết định"
    assert type_by_name("to trinh") == "Tờ trình"
    assert type_by_name("Công văn") is None  # a letter has no tên loại
    assert type_by_abbreviation("TTr") == "Tờ trình"
    assert type_by_abbreviation("QyĐ") == "Quy định"
    assert type_by_abbreviation("QD") is None


def test_width_estimate_of_the_tieu_ngu_is_close_to_times_new_roman():
    # Liberation Serif Bold 13 pt measures "Độc lập - Tự do - Hạnh phúc" at 55.9 mm.
    assert abs(text_width_mm(TIEU_NGU, 13, bold=True) - 55.9) < 55.9 * 0.05
