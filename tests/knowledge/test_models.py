from knowledge.models import Dieu, citation_label


def test_citation_labels_smallest_unit_first():
    assert citation_label("Luật Hộ tịch", "16", "1", "a") == "điểm a khoản 1 Điều 16 Luật Hộ tịch"
    assert citation_label("Luật Hộ tịch", "16", "1") == "khoản 1 Điều 16 Luật Hộ tịch"
    assert citation_label("Bộ luật Lao động", "3a") == "Điều 3a Bộ luật Lao động"
    assert citation_label("", "16", point="đ", clause="2") == "điểm đ khoản 2 Điều 16"


def test_appendix_units_are_named_by_section_part_and_appendix():
    section = Dieu("30/2020/NĐ-CP", "I", "QUY ĐỊNH CHUNG", appendix="Phụ lục I", phan="Phần I. THỂ THỨC")
    assert section.unit_label() == "Mục I Phần I Phụ lục I"
    assert section.ref() == "Mục I Phần I Phụ lục I"
    assert section.title_line() == "Mục I Phần I Phụ lục I. QUY ĐỊNH CHUNG"
    assert section.citation("Nghị định 30/2020/NĐ-CP", "3") == "khoản 3 Mục I Phần I Phụ lục I Nghị định 30/2020/NĐ-CP"
    whole = Dieu("97/2015/QH13", "", "DANH MỤC PHÍ", appendix="Phụ lục số 01")
    assert whole.unit_label() == "Phụ lục số 01"
    article = Dieu("60/2014/QH13", "16", "Thủ tục đăng ký khai sinh")
    assert (article.unit_label(), article.ref()) == ("Điều 16", "16")
