"""The thẩm tra report as Markdown (terminal, chat) and as a .docx (Times New Roman, A4, Nghị định 30 margins).

Both show the same seven parts in the same order: thông tin tờ trình, bố cục,
tóm tắt, căn cứ pháp lý, thẩm quyền, nội dung thẩm tra, câu hỏi đề nghị làm rõ.
"""

from __future__ import annotations

import io

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from assistant.documents.docx_writer import TEXT_WIDTH_MM, blank_document
from assistant.hdnd.report import HdndReport

TITLE = "BÁO CÁO THẨM TRA SƠ BỘ TỜ TRÌNH"
DISCLAIMER = (
    "Báo cáo do trợ lý ảo lập tự động từ nội dung tờ trình và cơ sở dữ liệu văn bản; đại biểu đối chiếu văn bản gốc"
    " trước khi sử dụng."
)
BODY_PT = 13
TABLE_PT = 11
SECTIONS = (
    "1. Thông tin tờ trình",
    "2. Bố cục tờ trình",
    "3. Tóm tắt nội dung (trích nguyên văn, giữ mọi số liệu)",
    "4. Căn cứ pháp lý được viện dẫn",
    "5. Thẩm quyền của Hội đồng nhân dân",
    "6. Nội dung thẩm tra",
    "7. Đề nghị cơ quan trình làm rõ",
)


def _subtitle(report: HdndReport) -> str:
    m = report.metadata
    parts = [report.reference]
    if m.issued_on:
        parts.append(f"ngày {m.issued_on:%d/%m/%Y}")
    if m.issuer:
        parts.append(f"của {m.issuer}")
    return " ".join(parts)


def metadata_rows(report: HdndReport) -> list[tuple[str, str]]:
    m = report.metadata
    return [
        ("Số, ký hiệu", m.number or "không ghi"),
        ("Cơ quan trình", m.issuer or "không ghi"),
        ("Ngày", m.issued_on.strftime("%d/%m/%Y") if m.issued_on else "không ghi"),
        ("Trích yếu", m.trich_yeu or "không ghi"),
        ("Kính gửi", m.addressee or "không ghi"),
        ("Người ký", m.signer or "không ghi"),
        ("Dự thảo nghị quyết", report.draft or "không gửi kèm"),
        ("Tệp", report.source),
    ]


def _summary_groups(report: HdndReport) -> list[tuple[str, list[str]]]:
    groups: list[tuple[str, list[str]]] = []
    for item in report.summary:
        heading = f"{item.ref[:1].upper()}{item.ref[1:]}. {item.part}" if item.ref != "phần mở đầu" else "Phần mở đầu"
        if not groups or groups[-1][0] != heading:
            groups.append((heading, []))
        groups[-1][1].append(f"{item.text} ({item.location})")
    return groups


def _competence_lines(report: HdndReport) -> list[tuple[str, str]]:
    """(heading, quote) of each provision."""
    competence = report.competence
    if competence is None:
        return []
    return [(f"{p.label} ({p.validity})", p.quote) for p in competence.provisions]


def _competence_notes(report: HdndReport) -> list[str]:
    if report.competence is None:
        return ["Chưa tra cứu quy định về thẩm quyền: chưa có cơ sở dữ liệu văn bản (chạy “troly ingest”)."]
    level = report.competence.level
    notes = list(report.competence.notes)
    if level:
        notes.insert(0, f"Tờ trình gửi Hội đồng nhân dân {level.name}.")
    return notes


def render_markdown(report: HdndReport) -> str:
    out = [f"# {TITLE}", "", f"**{_subtitle(report)}**", "", f"_{report.metadata.trich_yeu}_", ""]
    out += [f"## {SECTIONS[0]}", "", "| | |", "|---|---|"]
    out += [f"| {k} | {v} |" for k, v in metadata_rows(report)]
    out += ["", f"## {SECTIONS[1]}", "", "| Phần | Tình trạng | Vị trí |", "|---|---|---|"]
    out += [f"| {p.label} | {'có' if p.found else '**thiếu**'} | {p.where or '—'} |" for p in report.parts]
    out += ["", f"## {SECTIONS[2]}", ""]
    for heading, lines in _summary_groups(report):
        out += [f"**{heading}**", ""] + [f"- {line}" for line in lines] + [""]
    out += [f"## {SECTIONS[3]}", ""]
    if not report.registry_checked:
        out.append("_Chưa kiểm tra hiệu lực: chưa có cơ sở dữ liệu văn bản._")
    elif not report.legal_bases:
        out.append("Tờ trình không viện dẫn văn bản quy phạm pháp luật nào.")
    else:
        out += ["| Văn bản | Hiệu lực | Ghi chú | Vị trí |", "|---|---|---|---|"]
        out += [f"| {r.label} | {r.status_text} | {r.note or ''} | {r.location} |" for r in report.legal_bases]
    out += ["", f"## {SECTIONS[4]}", ""]
    out += [f"- {note}" for note in _competence_notes(report)]
    for heading, quote in _competence_lines(report):
        out += ["", f"**{heading}**", ""] + [f"> {line}" for line in quote.splitlines()]
    out += ["", f"## {SECTIONS[5]}", ""]
    for item in report.checklist:
        out += [f"### {item.title}: {item.verdict}", ""]
        out += [f"- Căn cứ: «{e.text}» ({e.location})" for e in item.excerpts]
        out += [f"- **Cần làm rõ:** {q}" for q in item.questions]
        out += [f"- Lưu ý: {n}" for n in item.notes]
        out.append("")
    out += [f"## {SECTIONS[6]}", ""]
    questions = report.questions
    out += [f"{i}. {q.message}" for i, q in enumerate(questions, 1)] or ["Không có vấn đề cần làm rõ thêm."]
    out += ["", f"_{DISCLAIMER}_", ""]
    return "\n".join(out)


class _Doc:
    """A report document: paragraphs and tables in the report's sizes."""

    def __init__(self) -> None:
        self.doc = blank_document()

    def paragraph(self, text: str = "", *, bold: bool = False, italic: bool = False, size: float = BODY_PT,
                  align=WD_ALIGN_PARAGRAPH.JUSTIFY, after: float = 4, indent_mm: float = 0, cell=None):
        container = cell if cell is not None else self.doc
        p = container.add_paragraph()
        p.alignment = align
        p.paragraph_format.space_after = Pt(after)
        p.paragraph_format.left_indent = Mm(indent_mm)
        run = p.add_run(text)
        run.bold, run.italic, run.font.size = bold, italic, Pt(size)
        return p

    def heading(self, text: str) -> None:
        self.paragraph(text, bold=True, align=WD_ALIGN_PARAGRAPH.LEFT, after=6).paragraph_format.space_before = Pt(8)

    def table(self, header: tuple[str, ...] | None, rows: list[tuple[str, ...]], widths_mm: tuple[float, ...]) -> None:
        table = self.doc.add_table(rows=0, cols=len(widths_mm))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        layout = OxmlElement("w:tblLayout")
        layout.set(qn("w:type"), "fixed")  # the column widths below, not the text's, decide
        table._tbl.tblPr.append(layout)
        for column, width in zip(table.columns, widths_mm):
            column.width = Mm(width)
        for number, row in enumerate(([header] if header else []) + rows):
            cells = table.add_row().cells
            for cell, width, text in zip(cells, widths_mm, row):
                cell.width = Mm(width)
                cell._tc.remove(cell.paragraphs[0]._p)
                for line in (text or "").split("\n"):
                    self.paragraph(line, bold=header is not None and number == 0, size=TABLE_PT,
                                   align=WD_ALIGN_PARAGRAPH.LEFT, after=2, cell=cell)
        self.paragraph(after=2)

    def bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()


def render_docx(report: HdndReport) -> bytes:
    """The report as a .docx."""
    d = _Doc()
    width = TEXT_WIDTH_MM
    d.paragraph(TITLE, bold=True, size=14, align=WD_ALIGN_PARAGRAPH.CENTER, after=2)
    d.paragraph(_subtitle(report), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=2)
    d.paragraph(report.metadata.trich_yeu, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=10)

    d.heading(SECTIONS[0])
    d.table(None, metadata_rows(report), (45, width - 45))

    d.heading(SECTIONS[1])
    d.table(("Phần", "Tình trạng", "Vị trí"),
            [(p.label, "có" if p.found else "THIẾU", p.where or "—") for p in report.parts], (45, 25, width - 70))

    d.heading(SECTIONS[2])
    for heading, lines in _summary_groups(report):
        d.paragraph(heading, bold=True, align=WD_ALIGN_PARAGRAPH.LEFT, after=2)
        for line in lines:
            d.paragraph(f"- {line}", indent_mm=5)

    d.heading(SECTIONS[3])
    if not report.registry_checked:
        d.paragraph("Chưa kiểm tra hiệu lực: chưa có cơ sở dữ liệu văn bản.", italic=True)
    elif not report.legal_bases:
        d.paragraph("Tờ trình không viện dẫn văn bản quy phạm pháp luật nào.")
    else:
        d.table(("Văn bản", "Hiệu lực", "Ghi chú", "Vị trí"),
                [(r.label, r.status_text, r.note or "", r.location) for r in report.legal_bases], (50, 28, width - 108, 30))

    d.heading(SECTIONS[4])
    for note in _competence_notes(report):
        d.paragraph(note)
    for heading, quote in _competence_lines(report):
        d.paragraph(heading, bold=True, align=WD_ALIGN_PARAGRAPH.LEFT, after=2)
        for line in quote.splitlines():
            d.paragraph(line, italic=True, indent_mm=8, after=2)

    d.heading(SECTIONS[5])
    rows = []
    for item in report.checklist:
        evidence = "\n".join(f"«{e.text}» ({e.location})" for e in item.excerpts) or "—"
        raise_ = "\n".join([*item.questions, *(f"Lưu ý: {n}" for n in item.notes)]) or "—"
        rows.append((item.title, item.verdict, evidence, raise_))
    d.table(("Tiêu chí", "Đánh giá", "Căn cứ trong hồ sơ", "Vấn đề cần làm rõ"), rows, (28, 20, (width - 48) / 2, (width - 48) / 2))

    d.heading(SECTIONS[6])
    questions = report.questions
    for i, q in enumerate(questions, 1):
        d.paragraph(f"{i}. {q.message}")
    if not questions:
        d.paragraph("Không có vấn đề cần làm rõ thêm.")
    d.paragraph(DISCLAIMER, italic=True, size=11, after=0).paragraph_format.space_before = Pt(10)
    d.doc.core_properties.title = f"{TITLE}: {report.reference}"
    return d.bytes()
