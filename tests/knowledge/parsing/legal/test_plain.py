from datetime import date

from knowledge.parsing.legal import parse_legal_file
from tests.knowledge.parsing.legal.helpers import article, only

LAW = "Luat-Vuon-hoa-cong-cong-2030.txt"


def test_header_gives_number_type_title_issuer_and_dates(legal_fixtures):
    doc = only(parse_legal_file(legal_fixtures / LAW, legal_fixtures)).document
    assert (doc.doc_id, doc.number, doc.doc_type) == ("12/2030/QH16", "12/2030/QH16", "Luật")
    assert doc.title == "Luật Vườn hoa công cộng"
    assert doc.issuer == "Quốc hội"
    assert doc.issued_on == date(2030, 6, 15)
    assert doc.effective_on == date(2031, 1, 1)
    assert doc.source == LAW


def test_phan_chuong_muc_dieu_khoan_diem(legal_fixtures):
    parsed = only(parse_legal_file(legal_fixtures / LAW, legal_fixtures))
    assert [a.unit_label() for a in parsed.articles] == [
        "Điều 1", "Điều 2", "Điều 2a", "Điều 3", "Điều 4", "Điều 5", "Điều 6", "Điều 7", "Phụ lục",
    ]
    dieu3 = article(parsed, "Điều 3")
    assert dieu3.phan == "Phần thứ hai. QUẢN LÝ VƯỜN HOA"
    assert dieu3.chuong == "Chương II. TRÁCH NHIỆM QUẢN LÝ"
    assert dieu3.muc == "Mục 1. ỦY BAN NHÂN DÂN CÁC CẤP"
    assert [k.number for k in dieu3.khoans] == ["1", "2"]
    assert [d.letter for d in dieu3.khoans[0].diems] == ["a", "b", "c", "d", "đ"]
    assert dieu3.khoans[0].diems[4].text == "Xử lý hành vi hái hoa, bẻ cây."
    assert article(parsed, "Điều 1").muc is None  # no Mục in Chương I
    assert article(parsed, "Điều 4").heading == "(được bãi bỏ)"


def test_a_line_starting_in_lower_case_continues_the_khoan(legal_fixtures):
    dieu2 = article(only(parse_legal_file(legal_fixtures / LAW, legal_fixtures)), "Điều 2")
    assert dieu2.intro == "Trong Luật này, các từ ngữ dưới đây được hiểu như sau:"
    assert dieu2.khoans[0].text.startswith("Vườn hoa công cộng là khu đất trồng hoa")


def test_quoted_amendment_text_stays_inside_the_khoan_that_quotes_it(legal_fixtures):
    dieu6 = article(only(parse_legal_file(legal_fixtures / LAW, legal_fixtures)), "Điều 6")
    assert [k.number for k in dieu6.khoans] == ["1", "2"]
    assert "“Điều 5. Trồng cây trong vườn hoa\n1. Cây trồng" in dieu6.khoans[0].text
    assert dieu6.khoans[1].text == "Bãi bỏ khoản 3 Điều 7 của Luật Đô thị số 11/2021/QH15."


def test_closing_signature_and_appendix_are_not_article_text(legal_fixtures):
    parsed = only(parse_legal_file(legal_fixtures / LAW, legal_fixtures))
    assert "CHỦ TỊCH QUỐC HỘI" not in article(parsed, "Điều 7").full_text()
    appendix = article(parsed, "Phụ lục")
    assert appendix.heading == "DANH MỤC LOÀI HOA ĐƯỢC TRỒNG"
    assert "Hoa sen" in appendix.body() and "kèm theo" not in appendix.body()


def test_repeal_and_amendments_of_the_final_provisions(legal_fixtures):
    parsed = only(parse_legal_file(legal_fixtures / LAW, legal_fixtures))
    found = {(r.verb, r.object_number) for r in parsed.relations}
    assert found == {
        ("repeals", "20/2010/QH12"),
        ("expires_with", "30/2015/QH13"),  # the law that had amended it: its amendments expire too
        ("amends", "10/2020/QH14"),
        ("amends", "11/2021/QH15"),
    }
    assert all(r.subject_id == "12/2030/QH16" and r.effective_on == date(2031, 1, 1) for r in parsed.relations)
    repeal = next(r for r in parsed.relations if r.object_number == "20/2010/QH12")
    assert repeal.object_title == "Luật Vườn hoa"
    assert "hết hiệu lực" in repeal.evidence
    assert parsed.cited_numbers == ("10/2020/QH14", "11/2021/QH15", "20/2010/QH12", "30/2015/QH13")


def test_readme_holds_no_document(legal_fixtures):
    assert parse_legal_file(legal_fixtures / "_README.md", legal_fixtures) == []


def test_luat_ho_tich_dieu_16(shared_legal):
    parsed = only(parse_legal_file(shared_legal / "vlc-2022" / "Luat-Ho-tich-2014-259727.txt", shared_legal))
    doc = parsed.document
    assert (doc.number, doc.title, doc.issued_on, doc.effective_on) == (
        "60/2014/QH13", "Luật Hộ tịch", date(2014, 11, 20), date(2016, 1, 1),
    )
    assert doc.source == "vlc-2022/Luat-Ho-tich-2014-259727.txt"
    assert len(parsed.articles) == 77
    dieu16 = article(parsed, "Điều 16")
    assert dieu16.heading == "Thủ tục đăng ký khai sinh"
    assert dieu16.chuong.startswith("Chương II. ĐĂNG KÝ HỘ TỊCH TẠI ỦY BAN NHÂN DÂN CẤP XÃ")
    assert dieu16.muc == "Mục 1. ĐĂNG KÝ KHAI SINH"
    assert dieu16.khoans[0].number == "1"
    assert dieu16.khoans[0].text.startswith("Người đi đăng ký khai sinh nộp tờ khai theo mẫu quy định và giấy chứng sinh")


def test_luat_cu_tru_2020_repeals_the_2006_law_and_its_amending_law_expires_with_it(shared_legal):
    parsed = only(parse_legal_file(shared_legal / "vlc-2022" / "Luat-68-2020-QH14-cu-tru-435315.txt", shared_legal))
    assert {r.object_number for r in parsed.relations if r.verb == "repeals"} == {"81/2006/QH11"}
    assert {r.object_number for r in parsed.relations if r.verb == "expires_with"} == {"36/2013/QH13"}
    assert parsed.document.effective_on == date(2021, 7, 1)
    amended = {r.object_number for r in parsed.relations if r.verb == "amends"}
    assert {"59/2014/QH13", "25/2012/QH13", "28/2009/QH12"} <= amended


def test_bo_luat_lao_dong_2019(shared_legal):
    parsed = only(parse_legal_file(shared_legal / "vlc-2022" / "Bo-Luat-lao-dong-2019-333670.txt", shared_legal))
    doc = parsed.document
    assert (doc.number, doc.doc_type, doc.title) == ("45/2019/QH14", "Bộ luật", "Bộ luật Lao động")
    assert doc.effective_on == date(2021, 1, 1)
    assert ("repeals", "10/2012/QH13") in {(r.verb, r.object_number) for r in parsed.relations}
    assert [a.number for a in parsed.articles][-1] == "220"


def test_irregular_old_headers(shared_legal):
    vlc = shared_legal / "vlc-2022"
    border = only(parse_legal_file(vlc / "Luat-Bien-gioi-Quoc-gia-2003-06-2003-QH11-51044.txt", shared_legal)).document
    assert (border.number, border.title, border.issued_on) == ("06/2003/QH11", "Luật Biên giới quốc gia", date(2003, 6, 17))
    gender = only(parse_legal_file(vlc / "Luat-Binh-dang-gioi-2006-73-2006-QH11-15866.txt", shared_legal)).document
    assert gender.number == "73/2006/QH11"  # printed "73/2006/QH 11"
    oil = only(parse_legal_file(vlc / "Luat-Dau-khi-1993-18-L-CTN-38474.txt", shared_legal)).document
    assert (oil.number, oil.title) == ("18-L/CTN", "Luật Dầu khí")
    model = only(parse_legal_file(
        vlc / "Luat-mau-ve-trong-tai-thuong-mai-quoc-te-cua-Uy-ban-lien-hiep-quoc-ve-Luat-thuong-mai-quoc-te-1985-81043.txt",
        shared_legal,
    )).document
    assert model.number is None and model.doc_type == "Luật mẫu"
    assert model.doc_id.startswith("vlc-2022/Luat-mau-ve-trong-tai")
