import docx
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Pt

from assistant.documents.lines import docx_lines, text_lines


def texts(lines):
    return [line.text for line in lines]


def test_two_columns_of_a_text_header_become_two_lines():
    lines = text_lines(
        "ỦY BAN NHÂN DÂN          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số:      /QĐ-UBND\tTP. Hồ Chí Minh, ngày      tháng      năm 2024\n"
        "Nơi nhận:\tKT. CHỦ TỊCH\n"
    )
    assert texts(lines) == [
        "ỦY BAN NHÂN DÂN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Số: /QĐ-UBND",
        "TP. Hồ Chí Minh, ngày tháng năm 2024",
        "Nơi nhận:",
        "KT. CHỦ TỊCH",
    ]
    assert [line.number for line in lines] == [1, 1, 2, 2, 3, 3]
    assert lines[2].location == "dòng 2"


def test_rules_drawn_with_characters():
    lines = text_lines("SỞ TƯ PHÁP\n-------\n______________\nĐộc lập - Tự do - Hạnh phúc")
    assert [line.is_rule for line in lines] == [False, True, True, False]


def test_effective_formatting_through_styles_defaults_and_theme():
    document = docx.Document()  # python-docx template: theme fonts Cambria (body) and Calibri (headings), 11 pt
    plain = document.add_paragraph("Nội dung theo mẫu")
    styled = document.add_paragraph("Tiêu đề", style="Title")
    explicit = document.add_paragraph()
    run = explicit.add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    run.font.name, run.font.size, run.font.bold = "Times New Roman", Pt(13), True
    assert plain.text and styled.text
    lines = docx_lines(document)
    styles = [line.styled()[0].style for line in lines]
    assert (styles[0].font, styles[0].size, styles[0].bold) == ("Cambria", 11, False)
    assert (styles[1].font, styles[1].size) == ("Calibri", 26)  # the Title style: heading theme font
    assert (styles[2].font, styles[2].size, styles[2].bold, styles[2].italic) == ("Times New Roman", 13, True, False)


def test_vietnamese_letters_take_the_hansi_font_slot():
    document = docx.Document()
    paragraph = document.add_paragraph()
    ascii_only = paragraph.add_run("Ha Noi ")
    vietnamese = paragraph.add_run("Hà Nội")
    for run in (ascii_only, vietnamese):
        run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:ascii"), "Times New Roman")  # hAnsi left to the theme
    pieces = docx_lines(document)[0].styled()
    assert [p.style.font for p in pieces] == ["Times New Roman", "Cambria"]


def test_table_cells_soft_breaks_and_text_boxes_in_reading_order():
    document = docx.Document()
    cells = document.add_table(rows=1, cols=2).rows[0].cells
    cells[0].paragraphs[0].add_run("ỦY BAN NHÂN DÂN").add_break()
    cells[0].paragraphs[0].add_run("QUẬN 10")
    cells[1].paragraphs[0].add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    anchor = document.add_paragraph("Trước hộp chữ")
    box = (
        '<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
        ' xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        '<mc:Choice Requires="wps"><w:r><w:txbxContent><w:p><w:r><w:t>Trong hộp chữ</w:t></w:r></w:p>'
        "</w:txbxContent></w:r></mc:Choice>"
        "<mc:Fallback><w:r><w:txbxContent><w:p><w:r><w:t>Trong hộp chữ</w:t></w:r></w:p></w:txbxContent></w:r>"
        "</mc:Fallback></mc:AlternateContent>"
    )
    anchor._p.append(parse_xml(box))
    lines = docx_lines(document)
    assert texts(lines) == [
        "ỦY BAN NHÂN DÂN",
        "QUẬN 10",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Trước hộp chữ",
        "Trong hộp chữ",
    ]
    assert [line.cell for line in lines] == [True, True, True, False, False]
