"""Reading a tờ trình: header, body paragraphs, every format, every bad input."""

from datetime import date
from pathlib import Path

import pytest

from assistant.documents.lines import text_lines
from assistant.hdnd.submission import join_wrapped, read_draft, read_submission, sentences
from knowledge.errors import BadInput
from tests.assistant.hdnd.conftest import cases
from tests.knowledge.parsing.test_uploads import make_pdf


@pytest.mark.parametrize("case", cases(), ids=lambda c: c["file"])
def test_metadata_of_every_fixture(hdnd_dir, case):
    m = read_submission(hdnd_dir / case["file"]).metadata
    expected = case["metadata"]
    assert (m.number, m.issuer, m.issued_on) == (expected["number"], expected["issuer"], expected["date"])
    assert m.trich_yeu and m.addressee.startswith("Hội đồng nhân dân")


def test_header_and_body_of_a_text_submission(hdnd_dir):
    s = read_submission(hdnd_dir / "giao-duc-ho-tro-hoc-phi.txt")
    assert s.reference == "Tờ trình số 215/TTr-UBND"
    assert s.metadata.issued_on == date(2024, 11, 15)
    assert s.metadata.addressee == "Hội đồng nhân dân thành phố Đà Nẵng khóa X, kỳ họp thứ 21"
    assert s.metadata.signer == "Trần Chí Cường"
    assert s.paragraphs[0].text.startswith("Căn cứ Luật Tổ chức chính quyền địa phương")
    assert s.paragraphs[-1].text.endswith("xem xét, quyết định./.")


def test_a_pdf_s_wrapped_lines_and_page_number_are_undone(hdnd_dir):
    s = read_submission(hdnd_dir / "dat-dai-thu-hoi-dat.pdf")
    texts = [p.text for p in s.paragraphs]
    assert "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;" in texts
    assert any(t.startswith("1. Thông qua danh mục 148 công trình") and t.endswith("205,1 ha.") for t in texts)
    assert not any(t.isdigit() for t in texts)  # the page number of page 2
    assert s.metadata.issuer == "Ủy ban nhân dân tỉnh Bình Định"  # not the Quốc hiệu the PDF broke in two


def test_a_pdf_text_layer_written_line_by_line_is_read(hdnd_dir, tmp_path):
    text = (hdnd_dir / "lao-dong-ho-tro-viec-lam.txt").read_text(encoding="utf-8")
    pdf = tmp_path / "to-trinh.pdf"
    pdf.write_bytes(make_pdf(["\n".join(line.strip() for line in text.splitlines() if line.strip())]))
    s = read_submission(pdf)
    assert s.metadata.number == "88/TTr-UBND"
    assert any("36.480 triệu đồng" in p.text for p in s.paragraphs)


def test_join_wrapped_keeps_headings_list_items_and_sentences_apart():
    lines = text_lines(
        "I. KINH PHÍ\nTổng kinh phí dự kiến là\n96.480 triệu đồng, trong đó:\n- Năm 2024: 42.880 triệu đồng;\n"
        "- Năm 2025: 53.600 triệu đồng.\nNguồn kinh phí: ngân sách thành phố; bố trí\ntrong dự toán năm 2025."
    )
    assert [p.text for p in join_wrapped(lines)] == [
        "I. KINH PHÍ",
        "Tổng kinh phí dự kiến là 96.480 triệu đồng, trong đó:",
        "- Năm 2024: 42.880 triệu đồng;",
        "- Năm 2025: 53.600 triệu đồng.",
        "Nguồn kinh phí: ngân sách thành phố; bố trí trong dự toán năm 2025.",
    ]


def test_sentences_keep_numbers_abbreviations_and_list_numbers_whole():
    assert sentences("Tổng kinh phí là 1.250,5 triệu đồng. TP. Đà Nẵng hỗ trợ 50%. 1. Mục đích") == [
        "Tổng kinh phí là 1.250,5 triệu đồng.",
        "TP. Đà Nẵng hỗ trợ 50%.",
        "1. Mục đích",
    ]


def test_the_draft_resolution_keeps_its_can_cu(hdnd_dir):
    draft = read_draft(hdnd_dir / "y-te-thu-hut-bac-si.du-thao-nq.txt")
    assert draft.kind == "Nghị quyết" and draft.metadata.issuer == "Hội đồng nhân dân tỉnh Quảng Nam"
    assert draft.paragraphs[0].text.startswith("Căn cứ Luật Tổ chức chính quyền địa phương")
    assert any("200 triệu đồng/người" in p.text for p in draft.paragraphs)


def refused(path: Path, reader=read_submission) -> str:
    with pytest.raises(BadInput) as error:
        reader(path)
    return str(error.value)


def test_a_document_that_is_not_a_to_trinh(hdnd_dir, tmp_path):
    message = refused(hdnd_dir / "cong-van-khong-phai-to-trinh.txt")
    assert "không phải tờ trình" in message and "công văn" in message
    recipe = tmp_path / "mon-an.txt"
    recipe.write_text("Cách nấu phở bò: hầm xương trong 8 tiếng, thêm quế, hồi, thảo quả.", encoding="utf-8")
    assert "không nhận ra tên loại văn bản" in refused(recipe)
    assert "không phải nghị quyết" in refused(hdnd_dir / "giao-duc-ho-tro-hoc-phi.txt", read_draft)


def test_bad_files_are_refused_with_a_clear_message(tmp_path):
    empty = tmp_path / "rong.txt"
    empty.write_text("  \n", encoding="utf-8")
    assert "rỗng" in refused(empty)
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(make_pdf([""], image=True))
    assert "PDF không có lớp văn bản (bản scan) — chưa hỗ trợ OCR" in refused(scan)
    huge = tmp_path / "lon.txt"
    huge.write_text("TỜ TRÌNH\n" + "Căn cứ Luật Ngân sách nhà nước năm 2015.\n" * 9_000, encoding="utf-8")
    assert "quá dài cho một tờ trình" in refused(huge)
    header_only = tmp_path / "dau.txt"
    header_only.write_text("ỦY BAN NHÂN DÂN TỈNH AN GIANG\nSố: 5/TTr-UBND\nTỜ TRÌNH\nVề việc hỗ trợ\n", encoding="utf-8")
    assert "không có nội dung" in refused(header_only)
    assert "chưa được hỗ trợ" in refused(tmp_path / "to-trinh.xlsx")
