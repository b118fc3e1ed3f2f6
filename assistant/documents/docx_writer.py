"""DraftData -> .docx laid out as the Phụ lục III templates, to the sizes of Phụ lục I.

The page is A4 with margins 20/20/30/15 mm, all text Times New Roman. The header
is a borderless two-column table (cơ quan and số on the left; Quốc hiệu, Tiêu ngữ
and date on the right), the signature block another one (nơi nhận on the left,
chức vụ and họ tên on the right), as in the decree's own templates. The horizontal
rules under the cơ quan, the Tiêu ngữ and the trích yếu are bottom borders of
empty paragraphs, sized as Phụ lục I asks (the Tiêu ngữ's as long as the line,
the others 1/3 to 1/2 of theirs).
"""

from __future__ import annotations

import io
import re

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from assistant.documents.dates import format_place_date
from assistant.documents.draft_data import DraftData
from assistant.documents.format_rules import (
    BODY_FIRST_LINE_INDENT_CM,
    BODY_SPACE_AFTER_PT,
    ELEMENTS,
    PAGE,
    PAGE_NUMBER,
    QUOC_HIEU,
    TIEU_NGU,
    ElementRule,
    text_width_mm,
)
from assistant.documents.numbering import format_so_ky_hieu

TEXT_WIDTH_MM = PAGE.width_mm - PAGE.margins_used_mm["left"] - PAGE.margins_used_mm["right"]
LEFT_COLUMN_MM = 65.0
RIGHT_COLUMN_MM = TEXT_WIDTH_MM - LEFT_COLUMN_MM
CELL_PADDING_MM = 1.9  # Word's default left and right cell margin (108 twips)
RULE_SHARE = 0.4  # the "1/3 to 1/2 of the line" rules
SIGNATURE_SPACE_LINES = 4
_ARTICLE = re.compile(r"^(Điều\s+\d+[a-zđ]?\.)(\s.*)?$", re.DOTALL)
_ROMAN_HEADING = re.compile(r"^[IVXLC]+\.\s")
_UNIT_WORDS = ("thành phố", "thị xã", "thị trấn", "tỉnh", "quận", "huyện", "phường", "xã")
_ORG_WORDS = (
    "ủy ban nhân dân",
    "hội đồng nhân dân",
    "văn phòng",
    "chi cục",
    "tổng cục",
    "trung tâm",
    "ủy ban",
    "hội đồng",
    "sở",
    "bộ",
    "phòng",
    "ban",
    "cục",
)
_FIXED_ORGS = ("ủy ban nhân dân", "hội đồng nhân dân")
Segment = tuple[str, bool]  # text and whether it is bold


def _starts_with(words: list[str], options: tuple[str, ...]) -> str | None:
    return next((o for o in options if words[: len(o.split())] == o.split()), None)


def sentence_name(name: str) -> str:
    """An issuer's name as written inside a sentence (Phụ lục II, Mục IV): "SỞ TƯ PHÁP" -> "Sở Tư pháp".

    The organisation word and the first word of its field are capitalised, and the
    proper name after an administrative unit ("phường Bến Nghé", "Quận 1",
    "Thành phố Hồ Chí Minh"). Names this rule does not fit are given as ``ten_co_quan``.
    """
    words = name.lower().split()
    out: list[str] = []
    proper = False  # inside the proper name that follows an administrative unit
    i = 0
    while i < len(words):
        unit = _starts_with(words[i:], _UNIT_WORDS)
        if unit:
            size = len(unit.split())
            numbered = i + size < len(words) and words[i + size][0].isdigit()
            head = " ".join(words[i : i + size])
            out.append(head.capitalize() if unit == "thành phố" or numbered or not out else head)
            i, proper = i + size, True
            continue
        org = None if proper else _starts_with(words[i:], _ORG_WORDS)
        if org:
            size = len(org.split())
            out.append(" ".join(words[i : i + size]).capitalize())
            i += size
            rest = words[i:]
            if rest and org not in _FIXED_ORGS and not _starts_with(rest, _ORG_WORDS + _UNIT_WORDS):
                out.append(rest[0].capitalize())
                i += 1
            continue
        out.append(words[i].capitalize() if proper or not out else words[i])
        i += 1
    return " ".join(out)


class _Writer:
    def __init__(self) -> None:
        self.doc = Document()
        self._defaults()
        self._page()

    # --- document-wide settings -------------------------------------------------
    def _defaults(self) -> None:
        styles = self.doc.styles.element
        defaults = styles.find(qn("w:docDefaults"))
        rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        for child in list(rpr):
            rpr.remove(child)
        _set_fonts(rpr)
        for tag, value in (("w:sz", "28"), ("w:szCs", "28")):
            el = OxmlElement(tag)
            el.set(qn("w:val"), value)
            rpr.append(el)
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), "vi-VN")
        rpr.append(lang)
        spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
        spacing.set(qn("w:after"), "0")
        spacing.set(qn("w:line"), "240")
        normal = self.doc.styles["Normal"]
        normal.font.name = PAGE.font
        normal.font.size = Pt(ELEMENTS["noi_dung"].size)
        _set_fonts(normal.element.get_or_add_rPr())

    def _page(self) -> None:
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(PAGE.width_mm), Mm(PAGE.height_mm)
        margins = PAGE.margins_used_mm
        section.top_margin, section.bottom_margin = Mm(margins["top"]), Mm(margins["bottom"])
        section.left_margin, section.right_margin = Mm(margins["left"]), Mm(margins["right"])
        section.header_distance = Mm(10)
        section.footer_distance = Mm(10)
        # Page numbers centred in the top margin, not shown on the first page (Mục I, khoản 7).
        section.different_first_page_header_footer = True
        number = section.header.paragraphs[0]
        number.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = number.add_run()
        _format_run(run, PAGE_NUMBER.size, False, False)
        for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
            if kind:
                field = OxmlElement("w:fldChar")
                field.set(qn("w:fldCharType"), kind)
            else:
                field = OxmlElement("w:instrText")
                field.set(qn("xml:space"), "preserve")
                field.text = text
            run._r.append(field)

    # --- building blocks --------------------------------------------------------
    def paragraph(
        self,
        container,
        segments: list[Segment] | str,
        rule: ElementRule,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        *,
        bold: bool | None = None,
        space_before: float = 0,
        space_after: float = 0,
        first_indent_cm: float | None = None,
        left_indent_mm: float | None = None,
    ):
        p = container.add_paragraph()
        p.alignment = align
        fmt = p.paragraph_format
        fmt.space_before, fmt.space_after = Pt(space_before), Pt(space_after)
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
        if first_indent_cm is not None:
            fmt.first_line_indent = Cm(first_indent_cm)
        if left_indent_mm is not None:
            fmt.left_indent = Mm(left_indent_mm)
        if isinstance(segments, str):
            segments = [(segments, bool(rule.bold) if bold is None else bold)]
        for text, seg_bold in segments:
            _format_run(p.add_run(text), rule.size, seg_bold, bool(rule.italic))
        return p

    def rule_line(self, container, width_mm: float, column_mm: float, space_after: float = 0) -> None:
        """An empty paragraph whose bottom border is a centred rule ``width_mm`` long."""
        p = container.add_paragraph()
        inset = max((column_mm - width_mm) / 2, 0)
        fmt = p.paragraph_format
        fmt.left_indent = fmt.right_indent = Mm(inset)
        fmt.space_before, fmt.space_after = Pt(0), Pt(space_after)
        fmt.line_spacing = Pt(3)
        _format_run(p.add_run(), 2, False, False)
        borders = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
            bottom.set(qn(key), value)
        borders.append(bottom)
        p._p.get_or_add_pPr().append(borders)

    def table(self, widths_mm: tuple[float, ...]):
        table = self.doc.add_table(rows=1, cols=len(widths_mm))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        layout = OxmlElement("w:tblLayout")
        layout.set(qn("w:type"), "fixed")
        table._tbl.tblPr.append(layout)
        for column, cell, width in zip(table.columns, table.rows[0].cells, widths_mm):
            column.width = Mm(width)
            cell.width = Mm(width)
            cell._tc.remove(cell.paragraphs[0]._p)  # start empty: every paragraph is added
        return table

    def body(self, text: str, *, last: bool = False, rule: ElementRule = ELEMENTS["noi_dung"]) -> None:
        if last:
            text = text.rstrip(" .;,") + "./."
        article = _ARTICLE.match(text)
        if article:
            segments = [(article.group(1), True), (article.group(2) or "", False)]
        else:
            segments = [(text, bool(_ROMAN_HEADING.match(text)))]
        self.paragraph(
            self.doc,
            segments,
            rule,
            WD_ALIGN_PARAGRAPH.JUSTIFY,
            space_after=BODY_SPACE_AFTER_PT,
            first_indent_cm=BODY_FIRST_LINE_INDENT_CM,
        )

    def save(self) -> bytes:
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()


def _set_fonts(rpr) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for key in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(key), PAGE.font)


def _format_run(run, size: float, bold: bool, italic: bool) -> None:
    run.font.name = PAGE.font
    _set_fonts(run._r.get_or_add_rPr())
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic


_PLACEHOLDER = re.compile(r"(\[cần bổ sung:[^\]]*\])")


def _upper(text: str) -> str:
    """Capitals, except inside "[cần bổ sung: …]" marks left for the officer."""
    return "".join(part if _PLACEHOLDER.fullmatch(part) else part.upper() for part in _PLACEHOLDER.split(text))


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def _ended(items: list[str], last: str) -> list[str]:
    """List items punctuated as Phụ lục I asks: ";" after each, ``last`` after the final one."""
    cleaned = [item.strip().rstrip(";.,") for item in items]
    return [item + (last if i == len(cleaned) - 1 else ";") for i, item in enumerate(cleaned)]


def _header(w: _Writer, data: DraftData) -> None:
    table = w.table((LEFT_COLUMN_MM, RIGHT_COLUMN_MM))
    left, right = table.rows[0].cells
    left_width = LEFT_COLUMN_MM - 2 * CELL_PADDING_MM
    right_width = RIGHT_COLUMN_MM - 2 * CELL_PADDING_MM
    for line in _lines(_upper(data.co_quan_chu_quan)):
        w.paragraph(left, line, ELEMENTS["co_quan_chu_quan"], bold=False)
    issuer_lines = _lines(_upper(data.co_quan))
    for line in issuer_lines:
        w.paragraph(left, line, ELEMENTS["co_quan"])
    longest = max(text_width_mm(line, ELEMENTS["co_quan"].size, True) for line in issuer_lines)
    w.rule_line(left, min(longest, left_width) * RULE_SHARE, left_width)
    w.paragraph(left, format_so_ky_hieu(data.so, data.ky_hieu), ELEMENTS["so_ky_hieu"], space_before=6)
    if not data.doc_type.has_title:
        w.paragraph(left, f"V/v {data.trich_yeu}", ELEMENTS["trich_yeu_cong_van"], space_before=6)

    w.paragraph(right, QUOC_HIEU, ELEMENTS["quoc_hieu"])
    w.paragraph(right, TIEU_NGU, ELEMENTS["tieu_ngu"])
    w.rule_line(right, text_width_mm(TIEU_NGU, ELEMENTS["tieu_ngu"].size, True), right_width)
    if data.doc_type.dated:
        w.paragraph(right, format_place_date(data.dia_danh, data.ngay), ELEMENTS["dia_danh_ngay"], space_before=6)


def _title(w: _Writer, data: DraftData) -> None:
    w.paragraph(w.doc, data.doc_type.title, ELEMENTS["ten_loai"], space_before=18)
    lines = _lines(data.trich_yeu)
    for line in lines:
        w.paragraph(w.doc, line, ELEMENTS["trich_yeu"])
    widest = max(text_width_mm(line, ELEMENTS["trich_yeu"].size, True) for line in lines)
    w.rule_line(w.doc, min(widest, TEXT_WIDTH_MM) * RULE_SHARE, TEXT_WIDTH_MM, space_after=12)


def _kinh_gui(w: _Writer, recipients: tuple[str, ...]) -> None:
    rule = ELEMENTS["kinh_gui"]
    indent = 30.0
    if len(recipients) == 1:
        text = f"Kính gửi: {recipients[0].rstrip(' .;')}."
        w.paragraph(w.doc, text, rule, WD_ALIGN_PARAGRAPH.LEFT, left_indent_mm=indent, space_before=12, space_after=12)
        return
    label = "Kính gửi:"
    w.paragraph(w.doc, label, rule, WD_ALIGN_PARAGRAPH.LEFT, left_indent_mm=indent, space_before=12)
    # The dashes stand under the colon (Mục II, khoản 9 điểm d).
    dash_at = indent + text_width_mm(label, rule.size, False) - text_width_mm(":", rule.size, False)
    items = _ended(list(recipients), ".")
    for i, item in enumerate(items):
        w.paragraph(
            w.doc,
            f"- {item}",
            rule,
            WD_ALIGN_PARAGRAPH.LEFT,
            left_indent_mm=dash_at,
            space_after=12 if i == len(items) - 1 else 0,
        )


def _can_cu(w: _Writer, data: DraftData) -> None:
    lines = list(data.can_cu)
    if data.theo_de_nghi:
        proposal = data.theo_de_nghi
        lines.append(proposal if proposal.lower().startswith("theo đề nghị") else f"Theo đề nghị của {proposal}")
    for line in _ended(lines, "."):
        w.paragraph(
            w.doc,
            line,
            ELEMENTS["can_cu"],
            WD_ALIGN_PARAGRAPH.JUSTIFY,
            space_after=BODY_SPACE_AFTER_PT,
            first_indent_cm=BODY_FIRST_LINE_INDENT_CM,
        )


def _sentence(text: str) -> str:
    return text.rstrip(" .;,") + "."


def issuer_in_sentence(data: DraftData) -> str:
    """The issuer's name inside a sentence: ``ten_co_quan`` when given, else derived."""
    name = " ".join(_lines(data.co_quan))
    return data.ten_co_quan or (name if _PLACEHOLDER.search(name) else sentence_name(name))


def _body_lines(data: DraftData) -> list[str]:
    """The content paragraphs in the order of the type's template (Mẫu 1.7, 1.9 or the given body)."""
    kind = data.doc_type.slug
    if kind == "giay-moi":
        meeting = data.cuoc_hop or data.trich_yeu[:1].lower() + data.trich_yeu[1:]
        lines = [f"{issuer_in_sentence(data)} trân trọng kính mời: {data.kinh_moi}", f"Tới dự {meeting}"]
        if data.chu_tri:
            lines.append(f"Chủ trì: {data.chu_tri}")
        lines += [f"Thời gian: {data.thoi_gian}", f"Địa điểm: {data.dia_diem}"]
        return [_sentence(line) for line in lines] + list(data.noi_dung)
    if kind == "bien-ban":
        lines = [_sentence(f"Thời gian bắt đầu: {data.thoi_gian_bat_dau}"), _sentence(f"Địa điểm: {data.dia_diem}")]
        lines += ["Thành phần tham dự:", *(f"- {item}" for item in _ended(list(data.thanh_phan), "."))]
        lines += [
            _sentence(f"Chủ trì (chủ tọa): {data.chu_toa}"),
            _sentence(f"Thư ký (người ghi biên bản): {data.thu_ky}"),
        ]
        lines += ["Nội dung (theo diễn biến cuộc họp):", *data.noi_dung]
        return lines + [f"Cuộc họp kết thúc vào {data.thoi_gian_ket_thuc}"]
    return list(data.noi_dung)


def _signature(w: _Writer, data: DraftData) -> None:
    table = w.table((LEFT_COLUMN_MM, RIGHT_COLUMN_MM))
    left, right = table.rows[0].cells
    _noi_nhan(w, left, data)
    signer = data.nguoi_ky
    for line in (signer.quyen_han, signer.chuc_vu):
        for part in _lines(_upper(line)):
            w.paragraph(right, part, ELEMENTS["chuc_vu"])
    for _ in range(SIGNATURE_SPACE_LINES):
        w.paragraph(right, "", ELEMENTS["ho_ten"])
    w.paragraph(right, signer.ho_ten, ELEMENTS["ho_ten"])


def _noi_nhan(w: _Writer, cell, data: DraftData) -> None:
    w.paragraph(cell, "Nơi nhận:", ELEMENTS["noi_nhan_label"], WD_ALIGN_PARAGRAPH.LEFT)
    items = list(data.noi_nhan)
    if data.kinh_gui and not (items and items[0].lower().startswith("như trên")):
        items.insert(0, "Như trên")  # the addressees of "Kính gửi" come first (Mục II, khoản 9 điểm b)
    for item in _ended(items, ";") + [data.luu_line]:
        w.paragraph(cell, f"- {item}", ELEMENTS["noi_nhan_items"], WD_ALIGN_PARAGRAPH.LEFT)


def _bien_ban_signature(w: _Writer, data: DraftData) -> None:
    table = w.table((LEFT_COLUMN_MM, RIGHT_COLUMN_MM))
    for cell, title, name in zip(table.rows[0].cells, ("THƯ KÝ", "CHỦ TỌA"), (data.thu_ky, data.chu_toa)):
        w.paragraph(cell, title, ELEMENTS["chuc_vu"])
        for _ in range(SIGNATURE_SPACE_LINES):
            w.paragraph(cell, "", ELEMENTS["ho_ten"])
        w.paragraph(cell, name, ELEMENTS["ho_ten"])
    notes = w.table((LEFT_COLUMN_MM, RIGHT_COLUMN_MM))
    _noi_nhan(w, notes.rows[0].cells[0], data)
    w.paragraph(notes.rows[0].cells[1], "", ELEMENTS["noi_nhan_items"])


def blank_document() -> DocxDocument:
    """An empty A4 document with Phụ lục I's margins, font and page numbers."""
    return _Writer().doc


def render_docx(data: DraftData) -> bytes:
    """The .docx bytes of a draft."""
    w = _Writer()
    _header(w, data)
    if data.doc_type.has_title:
        _title(w, data)
    if data.kinh_gui:
        _kinh_gui(w, data.kinh_gui)
    if data.tham_quyen:
        w.paragraph(w.doc, _upper(data.tham_quyen), ELEMENTS["ten_loai"], space_after=12)
    if data.can_cu or data.theo_de_nghi:
        _can_cu(w, data)
    if data.doc_type.slug == "quyet-dinh":
        w.paragraph(w.doc, "QUYẾT ĐỊNH:", ELEMENTS["ten_loai"], space_before=6, space_after=12)
    lines = _body_lines(data)
    for i, line in enumerate(lines):
        w.body(line, last=i == len(lines) - 1)
    w.paragraph(w.doc, "", ELEMENTS["noi_dung"])
    if data.doc_type.slug == "bien-ban":
        _bien_ban_signature(w, data)
    else:
        _signature(w, data)
    w.doc.core_properties.title = data.trich_yeu
    w.doc.core_properties.author = " ".join(_lines(data.co_quan))
    return w.save()
