from datetime import date

from knowledge.parsing.legal import parse_legal_file
from tests.knowledge.parsing.legal.helpers import article, only


def test_markdown_decree_with_its_header_table_at_the_end(legal_fixtures):
    parsed = only(parse_legal_file(legal_fixtures / "77_2030_ND_CP.md", legal_fixtures))
    doc = parsed.document
    assert (doc.number, doc.doc_type, doc.title) == ("77/2030/NĐ-CP", "Nghị định", "Nghị định về quản lý con dấu thử nghiệm")
    assert (doc.issuer, doc.issued_on) == ("Chính phủ", date(2030, 2, 1))
    assert doc.effective_on == date(2030, 2, 1)  # "có hiệu lực thi hành kể từ ngày ký"
    dieu2 = article(parsed, "Điều 2")
    assert dieu2.muc == "Mục 1. THỂ THỨC CON DẤU" and dieu2.chuong == "Chương I. QUY ĐỊNH CHUNG"
    assert [(d.letter, d.text) for d in dieu2.khoans[1].diems] == [("a", "Tên cơ quan."), ("b", "Quốc huy."), ("đ", "Số hiệu con dấu.")]
    assert "Nơi nhận" not in article(parsed, "Điều 3").full_text()
    assert [(r.verb, r.object_number) for r in parsed.relations] == [("repeals", "99/2016/NĐ-CP")]


def test_appendix_sections_are_units_of_the_decree(legal_fixtures):
    parsed = only(parse_legal_file(legal_fixtures / "Phuluc-77-2030.md", legal_fixtures))
    assert parsed.document.doc_id == "77/2030/NĐ-CP"
    assert (parsed.document.issuer, parsed.document.issued_on) == ("Chính phủ", date(2030, 2, 1))
    assert [a.unit_label() for a in parsed.articles] == [
        "Mục I Phần I Phụ lục I", "Mục II Phần I Phụ lục I", "Mục I Phần II Phụ lục I",
    ]
    first = parsed.articles[0]
    assert (first.appendix, first.phan, first.heading) == ("Phụ lục I", "Phần I. CON DẤU", "QUY ĐỊNH CHUNG")
    assert first.khoans[0].text == "Kích thước: Đường kính 35 mm."
    assert first.citation("Nghị định 77/2030/NĐ-CP", "1") == "khoản 1 Mục I Phần I Phụ lục I Nghị định 77/2030/NĐ-CP"
    second = parsed.articles[1]
    assert [d.letter for d in second.khoans[0].diems] == ["a", "b"]
    assert "Ô số | : | Thành phần" in second.body()


def test_nghi_dinh_30_2020_dieu_8(shared_legal):
    parsed = only(parse_legal_file(shared_legal / "nd30-2020" / "30_2020_ND_CP.md", shared_legal))
    doc = parsed.document
    assert (doc.number, doc.title, doc.issuer) == ("30/2020/NĐ-CP", "Nghị định về công tác văn thư", "Chính phủ")
    assert doc.issued_on == date(2020, 3, 5)
    assert len(parsed.articles) == 38
    dieu8 = article(parsed, "Điều 8")
    assert dieu8.heading == "Thể thức văn bản"
    assert dieu8.muc == "Mục 1. THỂ THỨC, KỸ THUẬT TRÌNH BÀY VĂN BẢN HÀNH CHÍNH"
    assert [d.letter for d in dieu8.khoans[1].diems] == ["a", "b", "c", "d", "đ", "e", "g", "h", "i"]
    assert dieu8.khoans[1].diems[0].text == "Quốc hiệu và Tiêu ngữ."
    assert {r.object_number for r in parsed.relations if r.verb == "repeals"} == {"110/2004/NĐ-CP", "09/2010/NĐ-CP"}


def test_nghi_dinh_30_2020_phu_luc_i_margins(shared_legal):
    parsed = only(parse_legal_file(shared_legal / "nd30-2020" / "Phuluc1.md", shared_legal))
    assert parsed.document.doc_id == "30/2020/NĐ-CP"
    general = article(parsed, "Mục I Phần I Phụ lục I")
    margins = general.khoans[2]
    assert margins.number == "3"
    assert margins.text == "Định lề trang: Cách mép trên và mép dưới 20 - 25 mm, cách mép trái 30 - 35 mm, cách mép phải 15 - 20 mm."
    assert general.citation("Nghị định 30/2020/NĐ-CP", "3") == "khoản 3 Mục I Phần I Phụ lục I Nghị định 30/2020/NĐ-CP"
    assert "Mục I Phần II Phụ lục I" in [a.unit_label() for a in parsed.articles]
