from knowledge.chunking import (
    MAX_PASSAGE_CHARS,
    body_chunks,
    chunk_text,
    dense_text,
    document_passages,
    keyword_text,
    law_passages,
    procedure_passage,
    takes_body_vectors,
)
from knowledge.models import Diem, Dieu, Khoan, Procedure, RequiredDocument


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


def test_a_line_too_long_for_a_passage_keeps_its_place_in_the_text():
    # A table row pasted as one line of 5,000 characters, between two ordinary lines.
    text = "Biểu phí như sau:\n" + "lệ phí cấp bản sao " * 260 + "\nMức thu áp dụng từ năm 2025."
    pieces = law_passages(Dieu("Z/2025/TT-BTC", "4", "Mức thu", intro=text), "Thông tư thử")
    assert pieces[0].text.startswith("Biểu phí như sau:") and pieces[-1].text.endswith("áp dụng từ năm 2025.")
    assert "".join(p.text.replace("\n", "") for p in pieces) == text.replace("\n", "")


def _window(limit: int):
    """A window counted in syllables, as the hash embedder does."""
    return lambda text: len(text.split()) <= limit


def test_a_passage_that_fits_the_window_is_one_body_chunk_of_its_whole_text():
    dieu = Dieu("60/2014/QH13", "15", "Thời hạn đăng ký khai sinh", intro="Trong thời hạn 60 ngày kể từ ngày sinh con, cha hoặc mẹ có trách nhiệm đăng ký khai sinh cho con.")
    [passage] = law_passages(dieu, "Luật Hộ tịch")
    assert body_chunks(passage, _window(512)) == [passage.text]
    assert chunk_text(passage, passage.text) == dense_text(passage, len(passage.text))


def test_body_chunks_are_cut_at_khoan_boundaries_and_each_fits_with_its_heading():
    khoans = tuple(
        Khoan(str(i), f"Người yêu cầu đăng ký khai sinh nộp hồ sơ lần {i} " + "theo quy định " * 12,
              diems=(Diem("a", "giấy chứng sinh;"), Diem("b", "tờ khai đăng ký khai sinh.")))
        for i in range(1, 7)
    )
    [passage] = law_passages(Dieu("60/2014/QH13", "16", "Thủ tục đăng ký khai sinh", khoans=khoans), "Luật Hộ tịch")
    fits = _window(120)
    chunks = body_chunks(passage, fits)
    assert len(chunks) > 1 and all(fits(chunk_text(passage, c)) for c in chunks)
    assert all(c.startswith(("1. ", "2. ", "3. ", "4. ", "5. ", "6. ")) for c in chunks)  # never inside a khoản
    assert "\n".join(chunks) == passage.text


def test_a_khoan_longer_than_the_window_is_cut_at_its_diem_then_its_sentences():
    diems = tuple(Diem(chr(97 + i), "Cơ quan đăng ký hộ tịch kiểm tra giấy tờ. " * 8) for i in range(4))
    [passage] = law_passages(Dieu("60/2014/QH13", "17", "Thẩm quyền", khoans=(Khoan("1", "Gồm:", diems=diems),)), "Luật Hộ tịch")
    fits = _window(60)
    chunks = body_chunks(passage, fits)
    assert all(fits(chunk_text(passage, c)) for c in chunks)
    assert " ".join(chunks).split() == passage.text.split()  # nothing lost, nothing added, in order


def test_a_passage_without_text_needs_no_body_chunk():
    [passage] = law_passages(Dieu("60/2014/QH13", "90", "(Bãi bỏ)"), "Luật Hộ tịch")
    assert body_chunks(passage, _window(512)) == []


def test_a_procedure_takes_no_body_vector_its_name_tells_it_apart():
    procedure = Procedure("1.001193", "Thủ tục đăng ký khai sinh", field="Hộ tịch", level="Cấp xã",
                          documents=(RequiredDocument("Tờ khai đăng ký khai sinh"), RequiredDocument("Giấy chứng sinh")))
    passage = procedure_passage(procedure)
    [article] = law_passages(Dieu("60/2014/QH13", "16", "Thời hạn đăng ký khai sinh", intro="Trong thời hạn 60 ngày kể từ ngày sinh con."), "Luật Hộ tịch")
    assert passage.text and not takes_body_vectors(passage) and body_chunks(passage, _window(512)) == []
    assert takes_body_vectors(article) and body_chunks(article, _window(512))
