"""Review of a draft against Nghị định 30/2020/NĐ-CP, and of its legal bases.

``review_file(path, registry)`` reads a .txt or .docx draft and returns a
``ReviewResult`` (the JSON of ``troly review --json``). Structure checks run on
both formats; a .docx also has its paper, margins, fonts, sizes and styles
checked against Phụ lục I. Every message says what is wrong, what the decree
asks and where it says so.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from assistant.documents.abolished_units import check_units, issued_after_merger
from assistant.documents.dates import date_of_line, parse_date_line
from assistant.documents.findings import CitedStatus, Finding, ReviewResult, finding
from assistant.documents.format_rules import (
    CAN_CU_REF,
    DATE_REF,
    ELEMENTS,
    MARGIN_LABELS,
    NOI_NHAN_REF,
    PAGE,
    QUYEN_HAN_MARKS,
    QUYEN_HAN_REF,
    SO_KY_HIEU_REF,
    ElementRule,
)
from assistant.documents.layout import Layout, find_layout, is_upper
from assistant.documents.legal_basis import RegistryLookup, check_legal_basis
from assistant.documents.lines import Line, SectionPage, upload_lines
from assistant.documents.numbering import ky_hieu_problems
from assistant.documents.reading import open_draft
from knowledge.dvhc import UnitLookup
from knowledge.errors import BadInput
from knowledge.parsing.citations import find_numbers
from knowledge.text.normalize import fold

HEADER = "phần đầu văn bản"
TAIL = "cuối văn bản"
_TIEU_NGU_EXACT = re.compile(r"Độc lập\s+[-–]\s+Tự do\s+[-–]\s+Hạnh phúc")
_WITHOUT_TITLE = ("Giấy giới thiệu", "Giấy nghỉ phép")  # Mẫu 1.8 and 1.10 carry no trích yếu
_PLACEHOLDER = re.compile(r"\[cần bổ sung:\s*([^\]]*)\]", re.IGNORECASE)
# An element left as "[cần bổ sung: …]" (troly's chat drafts) is reported once, as
# DRAFT_INCOMPLETE, rather than as missing: the words of its label say which element it is.
_PLACEHOLDER_ELEMENTS = {
    "ND30.CO_QUAN_MISSING": ("cơ quan ban hành",),
    "ND30.SO_KY_HIEU_FORMAT": ("chữ viết tắt",),
    "ND30.DATE_MISSING": ("địa danh",),
    "ND30.DIA_DANH_MISSING": ("địa danh",),
    "ND30.TRICH_YEU_MISSING": ("trích yếu",),
    "ND30.KINH_GUI_MISSING": ("kính gửi",),
    "ND30.CAN_CU_MISSING": ("căn cứ",),
    "ND30.NOI_NHAN_MISSING": ("nơi nhận",),
    "ND30.CHUC_VU_MISSING": ("chức vụ",),
    "ND30.NGUOI_KY_MISSING": ("họ tên", "chủ tọa", "thư ký"),
}


def _segment(text: str, first_word: str, length: int) -> str:
    """The ``length`` words of ``text`` starting at the word that folds to ``first_word``."""
    words = text.split()
    start = next((i for i, w in enumerate(words) if fold(w).strip('“"') == first_word), 0)
    return " ".join(words[start : start + length])


def _shows_upper(line: Line, text: str) -> bool:
    styled = line.styled()
    return is_upper(text) or bool(styled) and all(p.style.caps for p in styled)


def _check_national_header(layout: Layout) -> list[Finding]:
    found = []
    if layout.quoc_hieu is None:
        found.append(
            finding(
                "ND30.QUOC_HIEU_MISSING",
                "thiếu Quốc hiệu “CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM” (Phụ lục I, Mục II, khoản 1)",
                HEADER,
            )
        )
    elif not _shows_upper(layout.quoc_hieu, _segment(layout.quoc_hieu.text, "cong", 8)):
        found.append(
            finding(
                "ND30.QUOC_HIEU_FORMAT",
                "Quốc hiệu phải trình bày bằng chữ in hoa: “CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM”",
                layout.quoc_hieu.location,
            )
        )
    if layout.tieu_ngu is None:
        found.append(
            finding("ND30.TIEU_NGU_MISSING", "thiếu Tiêu ngữ “Độc lập - Tự do - Hạnh phúc” dưới Quốc hiệu", HEADER)
        )
    elif not _TIEU_NGU_EXACT.search(_segment(layout.tieu_ngu.text, "doc", 8)):
        found.append(
            finding(
                "ND30.TIEU_NGU_FORMAT",
                f"Tiêu ngữ viết “Độc lập - Tự do - Hạnh phúc”: chữ in thường, viết hoa chữ cái đầu mỗi cụm từ, giữa các cụm"
                f" có gạch nối (-) và cách chữ; đang viết “{_segment(layout.tieu_ngu.text, 'doc', 8)}”",
                layout.tieu_ngu.location,
            )
        )
    return found


def _check_number_and_date(layout: Layout) -> list[Finding]:
    found = []
    if not layout.issuer:
        found.append(
            finding(
                "ND30.CO_QUAN_MISSING",
                "thiếu tên cơ quan, tổ chức ban hành văn bản (chữ in hoa, phía trên số, ký hiệu)",
                HEADER,
            )
        )
    if layout.so_ky_hieu is None:
        found.append(finding("ND30.SO_KY_HIEU_MISSING", "thiếu số, ký hiệu văn bản (“Số: …/…”)", HEADER))
    else:
        problems = [*layout.so_ky_hieu.problems, *ky_hieu_problems(layout.so_ky_hieu, layout.type_name)]
        if problems:
            found.append(
                finding(
                    "ND30.SO_KY_HIEU_FORMAT",
                    f"“{layout.so.text}”: {'; '.join(problems)} ({SO_KY_HIEU_REF})",
                    layout.so.location,
                )
            )
    dated = layout.type_name != "Biên bản"
    if layout.date is None:
        if dated:
            found.append(finding("ND30.DATE_MISSING", "thiếu địa danh và ngày, tháng, năm ban hành văn bản", HEADER))
        return found
    parsed = parse_date_line(layout.date.text)
    if parsed.place_missing:
        found.append(
            finding(
                "ND30.DIA_DANH_MISSING",
                f"“{layout.date.text}”: thiếu địa danh trước ngày tháng năm ({DATE_REF})",
                layout.date.location,
            )
        )
    if parsed.problems:
        found.append(
            finding(
                "ND30.DATE_FORMAT",
                f"“{layout.date.text}”: {'; '.join(parsed.problems)} ({DATE_REF})",
                layout.date.location,
            )
        )
    return found


def _check_title(layout: Layout) -> list[Finding]:
    found = []
    kind = layout.type_name
    if layout.ten_loai is None and kind != "Công văn":
        found.append(
            finding("ND30.TEN_LOAI_MISSING", f"thiếu tên loại văn bản (“{kind.upper()}”) dưới phần đầu văn bản", HEADER)
        )
    if layout.ten_loai is not None and not _shows_upper(layout.ten_loai, layout.ten_loai.text):
        found.append(
            finding(
                "ND30.TEN_LOAI_FORMAT",
                f"tên loại văn bản trình bày bằng chữ in hoa (“{layout.ten_loai.text.upper()}”)",
                layout.ten_loai.location,
            )
        )
    if not layout.trich_yeu and kind not in _WITHOUT_TITLE:
        where = layout.ten_loai.location if layout.ten_loai else HEADER
        expected = "sau chữ “V/v” dưới số, ký hiệu" if kind == "Công văn" else "ngay dưới tên loại văn bản"
        found.append(finding("ND30.TRICH_YEU_MISSING", f"thiếu trích yếu nội dung văn bản ({expected})", where))
    if kind == "Công văn" and layout.kinh_gui is None:
        found.append(
            finding("ND30.KINH_GUI_MISSING", "công văn thiếu phần “Kính gửi:” và tên cơ quan, cá nhân nhận", HEADER)
        )
    return found


def _check_can_cu(layout: Layout) -> list[Finding]:
    if layout.type_name != "Quyết định":
        return []
    if not any(fold(line.text).startswith("can cu") for line in layout.preamble):
        where = layout.trich_yeu[-1].location if layout.trich_yeu else HEADER
        return [finding("ND30.CAN_CU_MISSING", f"quyết định thiếu căn cứ ban hành (“Căn cứ …;”) ({CAN_CU_REF})", where)]
    items: list[list[Line]] = []
    for line in layout.preamble:
        if items and line.text[:1].islower():
            items[-1].append(line)  # a căn cứ wrapped over several lines
        else:
            items.append([line])
    wrong = []
    for i, item in enumerate(items):
        wanted = "." if i == len(items) - 1 else ";"
        if not item[-1].text.endswith(wanted):
            wrong.append(f"{item[-1].location} phải kết thúc bằng “{wanted}”")
    if not wrong:
        return []
    return [
        finding(
            "ND30.CAN_CU_FORMAT",
            f"sau mỗi căn cứ có dấu chấm phẩy (;), căn cứ cuối cùng kết thúc bằng dấu chấm (.): {'; '.join(wrong)}"
            f" ({CAN_CU_REF})",
            items[0][0].location,
        )
    ]


def _check_signature(layout: Layout) -> list[Finding]:
    found = []
    if layout.noi_nhan is None:
        found.append(finding("ND30.NOI_NHAN_MISSING", f"thiếu phần “Nơi nhận:” ({NOI_NHAN_REF})", TAIL))
    elif not any(fold(item.text.lstrip("-+• ")).startswith("luu") for item in layout.noi_nhan_items):
        found.append(
            finding(
                "ND30.NOI_NHAN_FORMAT",
                f"dòng cuối cùng của nơi nhận là “- Lưu: VT, <đơn vị soạn thảo>.” ({NOI_NHAN_REF})",
                layout.noi_nhan.location,
            )
        )
    if not layout.chuc_vu:
        found.append(
            finding("ND30.CHUC_VU_MISSING", "thiếu quyền hạn, chức vụ của người ký (chữ in hoa, trên chữ ký)", TAIL)
        )
    if not layout.ho_ten:
        found.append(finding("ND30.NGUOI_KY_MISSING", "thiếu họ và tên người ký văn bản", TAIL))
    for line in layout.chuc_vu:
        mark = line.text.split()[0]
        bare = re.sub(r"[./:]", "", mark).upper()
        if bare in {m.rstrip(".") for m in QUYEN_HAN_MARKS} and mark not in QUYEN_HAN_MARKS:
            found.append(
                finding(
                    "ND30.QUYEN_HAN_FORMAT",
                    f"“{line.text}”: viết tắt quyền hạn ký là “{bare}.” ({', '.join(QUYEN_HAN_MARKS)}; {QUYEN_HAN_REF})",
                    line.location,
                )
            )
    return found


def _placeholders(lines: list[Line]) -> list[tuple[Line, str]]:
    return [(line, m.group(1).strip()) for line in lines for m in _PLACEHOLDER.finditer(line.text)]


def _check_placeholders(lines: list[Line], findings: list[Finding]) -> list[Finding]:
    """DRAFT_INCOMPLETE for the "[cần bổ sung: …]" marks, in place of the findings on those elements."""
    marks = _placeholders(lines)
    if not marks:
        return findings
    labels = [label for _, label in marks]
    kept = [
        f
        for f in findings
        if not any(word in label for word in _PLACEHOLDER_ELEMENTS.get(f.code, ()) for label in labels)
    ]
    message = f"dự thảo còn {len(marks)} chỗ cần bổ sung: {', '.join(dict.fromkeys(labels))}"
    return kept + [finding("DRAFT_INCOMPLETE", message, marks[0][0].location)]


def _check_pages(pages: list[SectionPage]) -> list[Finding]:
    found = []
    for page in pages:
        where = f"trang (phần {page.number} của tài liệu)"
        size = sorted((page.width_mm, page.height_mm))
        if abs(size[0] - PAGE.width_mm) > 1 or abs(size[1] - PAGE.height_mm) > 1:
            found.append(
                finding(
                    "ND30.PAGE_SIZE",
                    f"khổ giấy {page.width_mm:.0f} x {page.height_mm:.0f} mm, phải là A4"
                    f" {PAGE.width_mm} x {PAGE.height_mm} mm ({PAGE.size_ref})",
                    where,
                )
            )
        wrong = [
            f"{MARGIN_LABELS[side]} {value:.1f} mm (quy định {PAGE.margins_mm[side]} mm)"
            for side, value in page.margins_mm.items()
            if value not in PAGE.margins_mm[side]
        ]
        if wrong:
            found.append(finding("ND30.MARGIN", f"{'; '.join(wrong)} ({PAGE.margin_ref})", where))
    return found


def _check_fonts(lines: list[Line]) -> list[Finding]:
    wrong: dict[str, list[Line]] = defaultdict(list)
    for line in lines:
        for piece in line.styled():
            if not any(c.isalpha() for c in piece.text):
                continue  # bullets and rules may use a symbol font
            font = piece.style.font
            if font and font.strip().lower() != PAGE.font.lower():
                if not wrong[font] or wrong[font][-1] is not line:
                    wrong[font].append(line)
    return [
        finding(
            "ND30.FONT",
            f"phông chữ “{font}” ở {len(where)} dòng/đoạn; văn bản dùng phông {PAGE.font} ({PAGE.font_ref})",
            where[0].location,
        )
        for font, where in wrong.items()
    ]


def _style_problems(lines: list[Line], rule: ElementRule) -> tuple[list[str], list[str]]:
    """(size problems, style problems) of an element's lines against its rule."""
    sizes, styles = [], []
    pieces = [p for line in lines for p in line.styled()]
    if not pieces:
        return sizes, styles
    wrong_sizes = sorted({p.style.size for p in pieces if p.style.size not in rule.sizes})
    if wrong_sizes:
        sizes.append(f"cỡ chữ {', '.join(f'{s:g}' for s in wrong_sizes)} (quy định {rule.sizes})")
    if rule.bold and not all(p.style.bold for p in pieces):
        styles.append("phải in đậm")
    if rule.italic and not all(p.style.italic for p in pieces):
        styles.append("phải in nghiêng")
    if rule.italic is False and all(p.style.italic for p in pieces):
        styles.append("kiểu chữ đứng, không in nghiêng")
    return sizes, styles


def _check_styles(layout: Layout) -> list[Finding]:
    trich_yeu_rule = ELEMENTS["trich_yeu_cong_van" if layout.type_name == "Công văn" else "trich_yeu"]
    body = [line for line in layout.body if not line.cell]
    elements: list[tuple[ElementRule, list[Line]]] = [
        (ELEMENTS["quoc_hieu"], [layout.quoc_hieu] if layout.quoc_hieu else []),
        (ELEMENTS["tieu_ngu"], [layout.tieu_ngu] if layout.tieu_ngu else []),
        (ELEMENTS["co_quan_chu_quan"], layout.issuer[:-1]),
        (ELEMENTS["co_quan"], layout.issuer[-1:]),
        (ELEMENTS["so_ky_hieu"], [layout.so] if layout.so else []),
        (ELEMENTS["dia_danh_ngay"], [layout.date] if layout.date else []),
        (ELEMENTS["ten_loai"], [layout.ten_loai] if layout.ten_loai else []),
        (trich_yeu_rule, layout.trich_yeu),
        (ELEMENTS["kinh_gui"], [layout.kinh_gui] if layout.kinh_gui else []),
        (ELEMENTS["can_cu"], layout.preamble),
        (ELEMENTS["noi_dung"], body),
        (ELEMENTS["noi_nhan_label"], [layout.noi_nhan] if layout.noi_nhan else []),
        (ELEMENTS["noi_nhan_items"], layout.noi_nhan_items),
        (ELEMENTS["chuc_vu"], layout.chuc_vu),
        (ELEMENTS["ho_ten"], layout.ho_ten),
    ]
    found = []
    for rule, lines in elements:
        sizes, styles = _style_problems(lines, rule)
        if sizes:
            found.append(finding("ND30.FONT_SIZE", f"{rule.label}: {'; '.join(sizes)} ({rule.ref})", lines[0].location))
        if styles:
            found.append(
                finding("ND30.FONT_STYLE", f"{rule.label}: {'; '.join(styles)} ({rule.ref})", lines[0].location)
            )
    return found


def review_lines(
    lines: list[Line],
    pages: list[SectionPage] | None = None,
    registry: RegistryLookup | None = None,
    units: UnitLookup | None = None,
) -> ReviewResult:
    """Review a draft already read into lines; ``pages`` for a .docx, ``registry`` for the legal bases,
    ``units`` for the communes a draft dated after the 2025 merger names (``abolished_units``)."""
    if not lines:
        raise BadInput("văn bản không có nội dung chữ để rà soát")
    layout = find_layout(lines)
    findings = [
        *_check_national_header(layout),
        *_check_number_and_date(layout),
        *_check_title(layout),
        *_check_can_cu(layout),
        *_check_signature(layout),
    ]
    findings = _check_placeholders(lines, findings)
    if pages is not None:
        findings += [*_check_pages(pages), *_check_fonts(lines), *_check_styles(layout)]
    date_line = layout.date.text if layout.date else ""
    if issued_after_merger(date_of_line(date_line), date_line):
        addressed = [line for line in [layout.kinh_gui, *layout.noi_nhan_items] if line is not None]
        findings += check_units(addressed, layout.body, units)
    cited: list[CitedStatus] = []
    checked_lines = [line for line in lines if line is not layout.so]
    if registry is None:
        findings.append(
            finding(
                "LEGAL_BASIS_UNCHECKED",
                "chưa kiểm tra hiệu lực các văn bản được viện dẫn: chưa có cơ sở dữ liệu văn bản (chạy “troly ingest”)",
                "toàn văn bản",
            )
        )
    else:
        own_number = next(iter(find_numbers(layout.so.text)), None) if layout.so else None
        legal, cited = check_legal_basis(checked_lines, registry, own_number)
        findings += legal
    return ReviewResult(tuple(findings), tuple(cited))


def review_file(path: Path, registry: RegistryLookup | None = None, units: UnitLookup | None = None) -> ReviewResult:
    """Review a .docx or .txt draft; BadInput when the file cannot be used."""
    lines, pages = upload_lines(open_draft(path))
    return review_lines(lines, pages, registry, units)
