from knowledge.chunking import MAX_PASSAGE_CHARS, dense_text, document_passages, keyword_text, law_passages, procedure_passage
from knowledge.models import Dieu, Khoan, Procedure, RequiredDocument


def test_a_short_article_is_one_passage_with_its_citation():
    dieu = Dieu("60/2014/QH13", "15", "Thời hạn đăng ký khai sinh", intro="Trong thời hạn 60 ngày kể từ ngày sinh con...")
    [passage] = law_passages(dieu, "Luật Hộ tịch", status="in_force")
    assert passage.passage_id == "law:60/2014/QH13:15:0"
    assert (passage.heading, passage.article, passage.status) == ("Điều 15. Thời hạn đăng ký khai sinh", "15", "in_force")


def test_a_long_article_splits_at_khoan_boundaries_and_every_piece_keeps_the_heading():
    khoans = tuple(Khoan(str(i), f"Nội dung khoản {i} " + "quy định chi tiết " * 60) for i in range(1, 8))
    pieces = law_passages(Dieu("X/2020/QH14", "9", "Điều dài", khoans=khoans), "Luật thử")
    assert len(pieces) > 1
    assert all(len(p.text) <= MAX_PASSAGE_CHARS and p.heading == "Điều 9. Điều dài" for p in pieces)
    assert [c for p in pieces for c in p.clauses] == [str(i) for i in range(1, 8)]
    assert all(p.text.startswith(f"{p.clauses[0]}. ") for p in pieces)


def test_a_single_huge_khoan_is_cut_without_losing_text():
    body = "\n".join(f"{chr(97 + i)}) điểm {i} " + "nội dung " * 80 for i in range(10))
    pieces = law_passages(Dieu("Y/2020/QH14", "3", "Khoản dài", khoans=(Khoan("1", "Gồm các điểm sau:"),), intro=body), "Luật thử")
    assert all(len(p.text) <= MAX_PASSAGE_CHARS for p in pieces)
    assert "".join(p.text.replace("\n", "") for p in pieces).count("nội dung") == 800


def test_procedure_passage_carries_what_citizens_search_for():
    procedure = Procedure("1.001193", "Thủ tục đăng ký khai sinh", field="Hộ tịch", level="Cấp xã",
                          documents=(RequiredDocument("Giấy chứng sinh"),), url="https://dichvucong.gov.vn/x")
    passage = procedure_passage(procedure)
    assert passage.kind == "procedure" and passage.doc_id == "1.001193" and passage.url.endswith("/x")
    assert "Giấy chứng sinh" in passage.text and "Hộ tịch" in keyword_text(passage)
    assert dense_text(passage, 0) == "Thủ tục đăng ký khai sinh"


def test_dense_text_is_the_heading_without_its_number_and_the_document_title_then_some_body():
    dieu = Dieu("60/2014/QH13", "15", "Thời hạn đăng ký khai sinh", intro="Trong thời hạn 60 ngày kể từ ngày sinh con")
    [passage] = law_passages(dieu, "Luật Hộ tịch")
    assert dense_text(passage, 0) == "Thời hạn đăng ký khai sinh (Luật Hộ tịch)"
    assert dense_text(passage, 14) == "Thời hạn đăng ký khai sinh (Luật Hộ tịch)\nTrong thời hạn"


def test_plain_documents_are_cut_into_pieces_with_their_title():
    pieces = document_passages("doc:1", "Báo cáo quý III", "Đoạn một.\n" * 600, access="internal", source="bc.docx")
    assert len(pieces) > 1 and {p.access for p in pieces} == {"internal"} and {p.kind for p in pieces} == {"document"}
