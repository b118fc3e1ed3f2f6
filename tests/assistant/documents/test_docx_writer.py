"""The drafted .docx checked with python-docx: page, margins, fonts, sizes and styles of each element."""

import io

import docx
import pytest
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from assistant.documents.doc_types import DOC_TYPES
from assistant.documents.docx_writer import render_docx, sentence_name
from assistant.documents.draft_data import load_draft_data
from assistant.documents.review import review_file


def _draft(data_dir, slug):
    return docx.Document(io.BytesIO(render_docx(load_draft_data(slug, data_dir / f"{slug}.yaml"))))


def _paragraphs(document):
    return [Paragraph(p, document) for p in document.element.body.iter(qn("w:p"))]


def _styles(document, text):
    """(size, bold, italic, font) of every run of the paragraph whose text is ``text``."""
    paragraph = next(p for p in _paragraphs(document) if p.text == text)
    return {(r.font.size.pt, r.font.bold, r.font.italic, r.font.name) for r in paragraph.runs if r.text.strip()}


@pytest.mark.parametrize("slug", list(DOC_TYPES))
def test_page_margins_and_font_of_every_type(data_dir_documents, slug):
    document = _draft(data_dir_documents, slug)
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert round(section.top_margin.mm) == 20 and round(section.bottom_margin.mm) == 20
    assert round(section.left_margin.mm) == 30 and round(section.right_margin.mm) == 15
    runs = [r for p in _paragraphs(document) for r in p.runs if r.text.strip()]
    assert runs and all(r.font.name == "Times New Roman" for r in runs)
    assert _styles(document, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") == {(12, True, False, "Times New Roman")}
    assert _styles(document, "Độc lập - Tự do - Hạnh phúc") == {(13, True, False, "Times New Roman")}
    assert _styles(document, "Nơi nhận:") == {(12, True, True, "Times New Roman")}


def test_quyet_dinh_elements(data_dir_documents):
    document = _draft(data_dir_documents, "quyet-dinh")
    texts = [p.text for p in _paragraphs(document)]
    assert "Số: 15/QĐ-UBND" in texts
    assert "TP. Hồ Chí Minh, ngày 05 tháng 01 năm 2024" in texts
    assert _styles(document, "TP. Hồ Chí Minh, ngày 05 tháng 01 năm 2024") == {(13, False, True, "Times New Roman")}
    assert _styles(document, "Số: 15/QĐ-UBND") == {(13, False, False, "Times New Roman")}
    assert _styles(document, "QUYẾT ĐỊNH") == {(14, True, False, "Times New Roman")}
    trich_yeu = "Về việc thành lập Tổ công tác rà soát thủ tục hành chính năm 2024"
    assert _styles(document, trich_yeu) == {(14, True, False, "Times New Roman")}
    can_cu = [t for t in texts if t.startswith("Căn cứ")]
    assert all(t.endswith(";") for t in can_cu)
    assert texts[texts.index(can_cu[-1]) + 1] == "Theo đề nghị của Chánh Văn phòng Ủy ban nhân dân Thành phố."
    assert all(style[2] for t in can_cu for style in _styles(document, t))  # căn cứ in italics
    article = next(p for p in _paragraphs(document) if p.text.startswith("Điều 1."))
    assert article.runs[0].text == "Điều 1." and article.runs[0].font.bold and not article.runs[1].font.bold
    assert next(t for t in texts if t.startswith("Điều 3.")).endswith("./.")
    assert ["- Như Điều 3;", "- Thường trực Thành ủy;", "- Thường trực HĐND Thành phố;", "- Lưu: VT, KSTT."] == [
        t for t in texts if t.startswith("- ")
    ]
    assert _styles(document, "- Như Điều 3;") == {(11, False, False, "Times New Roman")}
    assert _styles(document, "KT. CHỦ TỊCH") == {(14, True, False, "Times New Roman")}
    assert _styles(document, "Nguyễn Văn An") == {(14, True, False, "Times New Roman")}


def test_cong_van_has_its_own_ky_hieu_v_v_and_kinh_gui(data_dir_documents):
    document = _draft(data_dir_documents, "cong-van")
    texts = [p.text for p in _paragraphs(document)]
    assert "Số: 120/STP-VP" in texts
    vv = "V/v báo cáo kết quả công tác kiểm soát thủ tục hành chính năm 2023"
    assert _styles(document, vv) == {(12, False, False, "Times New Roman")}
    assert "CÔNG VĂN" not in texts
    start = texts.index("Kính gửi:")
    assert texts[start + 1 : start + 3] == [
        "- Ủy ban nhân dân các quận, huyện;",
        "- Ủy ban nhân dân thành phố Thủ Đức.",
    ]
    assert texts[texts.index("Nơi nhận:") + 1] == "- Như trên;"


def test_header_is_a_borderless_two_column_table(data_dir_documents):
    document = _draft(data_dir_documents, "bao-cao")
    header = document.tables[0]
    left, right = (cell.text for cell in header.rows[0].cells)
    assert "ỦY BAN NHÂN DÂN PHƯỜNG BẾN NGHÉ" in left and "Số: 25/BC-UBND" in left
    assert right.startswith("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") and "Quận 1, ngày 28 tháng 6 năm 2024" in right
    assert header._tbl.tblPr.find(qn("w:tblBorders")) is None


def test_pages_are_numbered_from_the_second(data_dir_documents):
    section = _draft(data_dir_documents, "ke-hoach").sections[0]
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml


def test_bien_ban_is_signed_by_thu_ky_and_chu_toa(data_dir_documents):
    document = _draft(data_dir_documents, "bien-ban")
    texts = [p.text for p in _paragraphs(document)]
    right = document.tables[0].rows[0].cells[1]
    assert [p.text for p in right.paragraphs if p.text] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    assert texts.index("THƯ KÝ") < texts.index("CHỦ TỌA") < texts.index("Nơi nhận:")
    assert "Cuộc họp kết thúc vào 16 giờ 00 cùng ngày./." in texts


def test_giay_moi_sentence(data_dir_documents):
    texts = [p.text for p in _paragraphs(_draft(data_dir_documents, "giay-moi"))]
    assert texts[texts.index("GIẤY MỜI") + 1] == "Họp giao ban công tác tháng 01 năm 2024"
    assert any(t.startswith("Văn phòng Ủy ban nhân dân Quận 5 trân trọng kính mời: Trưởng các phòng") for t in texts)
    assert "Thời gian: 09 giờ 00, thứ Hai, ngày 08 tháng 01 năm 2024." in texts


@pytest.mark.parametrize("slug", list(DOC_TYPES))
def test_every_drafted_type_passes_its_own_review(tmp_path, data_dir_documents, registry, slug):
    path = tmp_path / f"{slug}.docx"
    path.write_bytes(render_docx(load_draft_data(slug, data_dir_documents / f"{slug}.yaml")))
    result = review_file(path, registry)
    assert result.errors == ()
    assert [f.code for f in result.findings if not f.code.startswith("LEGAL_BASIS")] == []


@pytest.mark.parametrize(
    "name, expected",
    [
        ("SỞ TƯ PHÁP", "Sở Tư pháp"),
        ("ỦY BAN NHÂN DÂN QUẬN 1", "Ủy ban nhân dân Quận 1"),
        ("ỦY BAN NHÂN DÂN PHƯỜNG BẾN NGHÉ", "Ủy ban nhân dân phường Bến Nghé"),
        ("VĂN PHÒNG ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH", "Văn phòng Ủy ban nhân dân Thành phố Hồ Chí Minh"),
    ],
)
def test_issuer_names_inside_a_sentence(name, expected):
    assert sentence_name(name) == expected
