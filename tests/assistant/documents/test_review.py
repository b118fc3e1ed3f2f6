"""Review of .txt and .docx drafts: one defect at a time on two clean fixture drafts."""

import io
import json

import docx
import pytest
from docx.shared import Mm, Pt

from assistant.documents.docx_writer import render_docx
from assistant.documents.draft_data import load_draft_data
from assistant.documents.findings import CODES
from assistant.documents.lines import text_lines
from assistant.documents.review import review_file, review_lines
from knowledge.errors import BadInput


@pytest.fixture(scope="module")
def drafts(fixtures_dir):
    folder = fixtures_dir / "documents" / "drafts"
    return {p.stem: p.read_text(encoding="utf-8") for p in folder.glob("*.txt")}


def codes(text, registry=None):
    return [f.code for f in review_lines(text_lines(text), None, registry).findings]


def test_clean_drafts_have_no_finding(drafts, registry):
    for name, text in drafts.items():
        assert codes(text, registry) == [], name


def test_without_a_registry_the_legal_bases_are_said_unchecked(drafts):
    result = review_lines(text_lines(drafts["quyet-dinh"]))
    assert [f.code for f in result.findings] == ["LEGAL_BASIS_UNCHECKED"]
    assert result.findings[0].severity == "info" and result.cited_documents == ()


@pytest.mark.parametrize(
    "draft, old, new, code",
    [
        ("quyet-dinh", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n", "", "ND30.QUOC_HIEU_MISSING"),
        (
            "quyet-dinh",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Cộng hòa xã hội chủ nghĩa Việt Nam",
            "ND30.QUOC_HIEU_FORMAT",
        ),
        ("cong-van-hai-cot", "Độc lập - Tự do - Hạnh phúc", "", "ND30.TIEU_NGU_MISSING"),
        ("cong-van-hai-cot", "Độc lập - Tự do - Hạnh phúc", "Độc Lập - Tự Do - Hạnh Phúc", "ND30.TIEU_NGU_FORMAT"),
        ("quyet-dinh", "ỦY BAN NHÂN DÂN\nQUẬN 10\n", "", "ND30.CO_QUAN_MISSING"),
        ("quyet-dinh", "Số: 08/QĐ-UBND\n", "", "ND30.SO_KY_HIEU_MISSING"),
        ("quyet-dinh", "Số: 08/QĐ-UBND", "Số: 8/QĐ-UBND", "ND30.SO_KY_HIEU_FORMAT"),
        ("cong-van-hai-cot", "Số: 31/NV-TCBC", "Số: 31/CV-NV", "ND30.SO_KY_HIEU_FORMAT"),
        ("quyet-dinh", "Quận 10, ngày 09 tháng 01 năm 2024\n", "", "ND30.DATE_MISSING"),
        ("quyet-dinh", "ngày 09 tháng 01 năm 2024", "ngày 9 tháng 1 năm 2024", "ND30.DATE_FORMAT"),
        ("cong-van-hai-cot", "Quận 10, ngày 15 tháng 3 năm 2024", "ngày 15 tháng 3 năm 2024", "ND30.DIA_DANH_MISSING"),
        ("quyet-dinh", "QUYẾT ĐỊNH\nVề", "Về", "ND30.TEN_LOAI_MISSING"),
        ("quyet-dinh", "QUYẾT ĐỊNH\nVề", "Quyết định\nVề", "ND30.TEN_LOAI_FORMAT"),
        ("quyet-dinh", "Về việc kiện toàn Ban Chỉ đạo cải cách hành chính quận\n", "", "ND30.TRICH_YEU_MISSING"),
        ("cong-van-hai-cot", "V/v đăng ký nhu cầu bồi dưỡng\ncông chức năm 2024\n", "", "ND30.TRICH_YEU_MISSING"),
        ("cong-van-hai-cot", "Kính gửi: Ủy ban nhân dân các phường.\n", "", "ND30.KINH_GUI_MISSING"),
        (
            "quyet-dinh",
            "ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;",
            "ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư.",
            "ND30.CAN_CU_FORMAT",
        ),
        (
            "quyet-dinh",
            "Nơi nhận:\n- Như Điều 3;\n- Ủy ban nhân dân Thành phố;\n- Lưu: VT, NV.\n",
            "",
            "ND30.NOI_NHAN_MISSING",
        ),
        ("cong-van-hai-cot", "- Lưu: VT, TCBC.", "- Phòng Tài chính.", "ND30.NOI_NHAN_FORMAT"),
        ("cong-van-hai-cot", "TRƯỞNG PHÒNG", "", "ND30.CHUC_VU_MISSING"),
        ("quyet-dinh", "Lương Văn Phát", "", "ND30.NGUOI_KY_MISSING"),
        ("quyet-dinh", "KT. CHỦ TỊCH", "KT CHỦ TỊCH", "ND30.QUYEN_HAN_FORMAT"),
        ("cong-van-hai-cot", "TRƯỞNG PHÒNG", "[cần bổ sung: chức vụ người ký]", "DRAFT_INCOMPLETE"),
    ],
)
def test_each_defect_gives_its_code(drafts, registry, draft, old, new, code):
    text = drafts[draft]
    assert old in text
    assert codes(text.replace(old, new), registry) == [code]


def test_a_quyet_dinh_without_can_cu(drafts, registry):
    text = "\n".join(
        line for line in drafts["quyet-dinh"].splitlines() if not line.startswith(("Căn cứ", "Theo đề nghị"))
    )
    assert codes(text, registry) == ["ND30.CAN_CU_MISSING"]


def test_findings_say_where_and_why(drafts, registry):
    result = review_lines(text_lines(drafts["quyet-dinh"].replace("Số: 08/QĐ-UBND", "Số: 08/QD-UBND")), None, registry)
    (found,) = result.findings
    assert found.location == "dòng 3" and found.severity == "error"
    assert "“QĐ”" in found.message and "Phụ lục I" in found.message


def test_every_code_is_catalogued():
    for severity, description in CODES.values():
        assert severity in ("error", "warning", "info") and description


def test_json_shape(drafts, registry):
    text = drafts["quyet-dinh"].replace("Theo đề nghị", "Căn cứ Luật Cư trú số 81/2006/QH11;\nTheo đề nghị")
    result = json.loads(json.dumps(review_lines(text_lines(text), None, registry).to_dict()))
    assert set(result) == {"findings", "cited_documents"}
    assert result["findings"] == [
        {
            "code": "LEGAL_BASIS_REPEALED",
            "severity": "error",
            "location": "dòng 16",
            "message": "Luật Cư trú số 81/2006/QH11 đã hết hiệu lực, được thay thế bởi Luật Cư trú số 68/2020/QH14",
        }
    ]
    assert {"number": "81/2006/QH11", "status": "repealed"} in result["cited_documents"]
    assert {"number": "30/2020/NĐ-CP", "status": "in_force"} in result["cited_documents"]


def _docx_path(tmp_path, data_dir, slug, change):
    document = docx.Document(io.BytesIO(render_docx(load_draft_data(slug, data_dir / f"{slug}.yaml"))))
    change(document)
    path = tmp_path / f"{slug}.docx"
    document.save(path)
    return path


def _runs(document, text):
    return [
        r
        for t in document.tables
        for row in t.rows
        for c in row.cells
        for p in c.paragraphs
        if text in p.text
        for r in p.runs
    ] + [r for p in document.paragraphs if text in p.text for r in p.runs]


@pytest.mark.parametrize(
    "change, code",
    [
        (lambda d: setattr(d.sections[0], "left_margin", Mm(25)), "ND30.MARGIN"),
        (lambda d: setattr(d.sections[0], "top_margin", Mm(30)), "ND30.MARGIN"),
        (lambda d: setattr(d.sections[0], "page_height", Mm(279.4)), "ND30.PAGE_SIZE"),
        (lambda d: [setattr(r.font, "name", "Arial") for r in _runs(d, "Thường trực Thành ủy")], "ND30.FONT"),
        (lambda d: [setattr(r.font, "size", Pt(12)) for r in _runs(d, "Điều 2.")], "ND30.FONT_SIZE"),
        (lambda d: [setattr(r.font, "size", Pt(14)) for r in _runs(d, "Số: 15/QĐ-UBND")], "ND30.FONT_SIZE"),
        (lambda d: [setattr(r.font, "bold", False) for r in _runs(d, "Độc lập - Tự do")], "ND30.FONT_STYLE"),
        (
            lambda d: [setattr(r.font, "italic", False) for r in _runs(d, "ngày 05 tháng 01 năm 2024")],
            "ND30.FONT_STYLE",
        ),
        (lambda d: [setattr(r.font, "italic", True) for r in _runs(d, "QUYẾT ĐỊNH")], "ND30.FONT_STYLE"),
    ],
)
def test_docx_typography(tmp_path, data_dir_documents, registry, change, code):
    path = _docx_path(tmp_path, data_dir_documents, "quyet-dinh", change)
    assert [f.code for f in review_file(path, registry).findings] == [code]


def test_a_blank_word_template_breaks_every_typography_rule(tmp_path, drafts, registry):
    document = docx.Document()
    for line in drafts["quyet-dinh"].splitlines():
        document.add_paragraph(line)
    path = tmp_path / "blank.docx"
    document.save(path)
    found = {f.code for f in review_file(path, registry).findings}
    assert found == {"ND30.PAGE_SIZE", "ND30.MARGIN", "ND30.FONT", "ND30.FONT_SIZE", "ND30.FONT_STYLE"}


def test_a_draft_with_no_text_is_bad_input(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_text("\n  \n\t\n", encoding="utf-8")
    with pytest.raises(BadInput, match="rỗng"):
        review_file(path)
    document = docx.Document()
    document.add_paragraph("")
    document.save(tmp_path / "blank.docx")
    with pytest.raises(BadInput, match="không có nội dung"):
        review_file(tmp_path / "blank.docx")


def test_a_hand_made_docx_with_tabbed_header_columns_is_clean(tmp_path, registry):
    """Not troly's layout: header columns separated by tabs, each run formatted by hand."""
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin, section.left_margin, section.right_margin = Mm(20), Mm(20), Mm(30), Mm(15)

    def paragraph(*runs):
        p = document.add_paragraph()
        for text, size, bold, italic in runs:
            run = p.add_run(text)
            run.font.name, run.font.size, run.bold, run.italic = "Times New Roman", Pt(size), bold, italic

    paragraph(("ỦY BAN NHÂN DÂN", 13, True, False), ("\t\t", 13, False, False),
              ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, True, False))
    paragraph(("QUẬN 1", 13, True, False), ("\t\t\t", 13, False, False), ("Độc lập - Tự do - Hạnh phúc", 13, True, False))
    paragraph(("Số: 05/TB-UBND", 13, False, False), ("\t\t", 13, False, False),
              ("Quận 1, ngày 02 tháng 01 năm 2024", 13, False, True))
    paragraph(("THÔNG BÁO", 14, True, False))
    paragraph(("Lịch làm việc của lãnh đạo Ủy ban nhân dân quận tuần 01 năm 2024", 14, True, False))
    paragraph(("Ủy ban nhân dân Quận 1 thông báo lịch làm việc của lãnh đạo quận trong tuần 01 năm 2024./.", 14, False, False))
    paragraph(("Nơi nhận:", 12, True, True), ("\t\t\t", 12, False, False), ("TL. CHỦ TỊCH", 14, True, False))
    paragraph(("- Các phòng, ban;", 11, False, False), ("\t\t\t", 11, False, False), ("CHÁNH VĂN PHÒNG", 14, True, False))
    paragraph(("- Lưu: VT.", 11, False, False))
    paragraph(("\t\t\t\t", 14, False, False), ("Phan Văn Tài", 14, True, False))
    path = tmp_path / "tay.docx"
    document.save(path)
    assert review_file(path, registry).findings == ()
