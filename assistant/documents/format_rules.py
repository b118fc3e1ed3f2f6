"""The format rules of Nghị định 30/2020/NĐ-CP as data, each with where the decree says it.

Phụ lục I ("Thể thức, kỹ thuật trình bày văn bản hành chính") fixes the paper,
margins, font and, for every element of the thể thức (the prescribed parts of a
document: Quốc hiệu, Tiêu ngữ, cơ quan ban hành, số và ký hiệu, địa danh và thời
gian, tên loại và trích yếu, nội dung, chức vụ và họ tên người ký, nơi nhận), its
size range and style. Phụ lục III lists the abbreviation of every type of
administrative document (``QĐ`` for Quyết định, ``TTr`` for Tờ trình, ...).

The drafter writes with these rules and the reviewer checks against the same
objects, so the two cannot drift apart. ``size`` is the size the drafter uses:
the one of the decree's own example column (Phụ lục I, Mục V), except the Quốc
hiệu and cơ quan lines, which take the largest size that fits their column.
"""

from __future__ import annotations

from dataclasses import dataclass

from knowledge.text.normalize import fold

DECREE = "Nghị định 30/2020/NĐ-CP"
_P1 = "Phụ lục I, Phần I"


@dataclass(frozen=True)
class Span:
    """An inclusive range of a measure (millimetres or points)."""

    low: float
    high: float

    def __contains__(self, value: float) -> bool:
        return self.low - 0.05 <= value <= self.high + 0.05

    def __str__(self) -> str:
        return f"{self.low:g}" if self.low == self.high else f"{self.low:g}–{self.high:g}"


@dataclass(frozen=True)
class PageRule:
    width_mm: float
    height_mm: float
    margins_mm: dict[str, Span]  # top, bottom, left, right
    margins_used_mm: dict[str, float]  # what the drafter sets
    font: str
    size_ref: str
    margin_ref: str
    font_ref: str


PAGE = PageRule(
    width_mm=210,
    height_mm=297,
    margins_mm={"top": Span(20, 25), "bottom": Span(20, 25), "left": Span(30, 35), "right": Span(15, 20)},
    margins_used_mm={"top": 20, "bottom": 20, "left": 30, "right": 15},
    font="Times New Roman",
    size_ref=f"{_P1}, Mục I, khoản 1 (khổ A4: 210 mm x 297 mm)",
    margin_ref=f"{_P1}, Mục I, khoản 3 (trên, dưới 20–25 mm; trái 30–35 mm; phải 15–20 mm)",
    font_ref=f"{_P1}, Mục I, khoản 4 (phông chữ Times New Roman, Unicode TCVN 6909:2001)",
)

MARGIN_LABELS = {"top": "lề trên", "bottom": "lề dưới", "left": "lề trái", "right": "lề phải"}


@dataclass(frozen=True)
class ElementRule:
    """Size and style of one element of the thể thức.

    ``bold``/``italic``: True required, False forbidden ("kiểu chữ đứng" forbids
    italics), None not prescribed. ``caps``: True "chữ in hoa", False "chữ in thường".
    """

    key: str
    label: str
    sizes: Span
    size: float
    bold: bool | None
    italic: bool | None
    caps: bool | None
    ref: str


def _rule(key, label, low, high, size, bold, italic, caps, where) -> ElementRule:
    """``where``: the place in Phụ lục I, Phần I, Mục II ("khoản 1 điểm a")."""
    return ElementRule(key, label, Span(low, high), size, bold, italic, caps, f"{_P1}, Mục II, {where}")


# fmt: off
ELEMENTS: dict[str, ElementRule] = {
    r.key: r
    for r in (
        _rule("quoc_hieu", "Quốc hiệu", 12, 13, 12, True, False, True, "khoản 1 điểm a"),
        _rule("tieu_ngu", "Tiêu ngữ", 13, 14, 13, True, False, False, "khoản 1 điểm b"),
        _rule("co_quan_chu_quan", "Tên cơ quan chủ quản", 12, 13, 13, None, False, True, "khoản 2 điểm b"),
        _rule("co_quan", "Tên cơ quan ban hành", 12, 13, 13, True, False, True, "khoản 2 điểm b"),
        _rule("so_ky_hieu", "Số, ký hiệu", 13, 13, 13, None, False, None, "khoản 3 điểm c"),
        _rule("dia_danh_ngay", "Địa danh và thời gian", 13, 14, 13, None, True, None, "khoản 4 điểm c"),
        _rule("ten_loai", "Tên loại văn bản", 13, 14, 14, True, False, True, "khoản 5 điểm b"),
        _rule("trich_yeu", "Trích yếu", 13, 14, 14, True, False, None, "khoản 5 điểm b"),
        _rule("trich_yeu_cong_van", "Trích yếu công văn (V/v)", 12, 13, 12, None, False, None, "khoản 5 điểm b"),
        _rule("can_cu", "Căn cứ ban hành", 13, 14, 14, None, True, None, "khoản 6 điểm a"),
        _rule("noi_dung", "Nội dung", 13, 14, 14, None, None, None, "khoản 6 điểm e"),
        _rule("kinh_gui", "Kính gửi", 13, 14, 14, None, False, None, "khoản 9 điểm d"),
        _rule("noi_nhan_label", "Từ “Nơi nhận”", 12, 12, 12, True, True, None, "khoản 9 điểm d"),
        _rule("noi_nhan_items", "Danh sách nơi nhận", 11, 11, 11, None, False, None, "khoản 9 điểm d"),
        _rule("chuc_vu", "Quyền hạn, chức vụ người ký", 13, 14, 14, True, False, True, "khoản 7 điểm đ"),
        _rule("ho_ten", "Họ tên người ký", 13, 14, 14, True, False, None, "khoản 7 điểm đ"),
    )
}
# Page numbers: Mục I, khoản 7 (centred in the top margin, none on the first page).
PAGE_NUMBER = ElementRule("so_trang", "Số trang", Span(13, 14), 14, None, False, None, f"{_P1}, Mục I, khoản 7")
# fmt: on

# Body text: justified, first line indented 1 cm or 1.27 cm, at least 6 pt between
# paragraphs (Mục II, khoản 6 điểm e).
BODY_FIRST_LINE_INDENT_CM = 1.27
BODY_SPACE_AFTER_PT = 6

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"

# Phụ lục III, Mục I: abbreviations of the administrative document types.
TYPE_ABBREVIATIONS: dict[str, str] = {
    "Nghị quyết": "NQ",
    "Quyết định": "QĐ",
    "Chỉ thị": "CT",
    "Quy chế": "QC",
    "Quy định": "QyĐ",
    "Thông cáo": "TC",
    "Thông báo": "TB",
    "Hướng dẫn": "HD",
    "Chương trình": "CTr",
    "Kế hoạch": "KH",
    "Phương án": "PA",
    "Đề án": "ĐA",
    "Dự án": "DA",
    "Báo cáo": "BC",
    "Biên bản": "BB",
    "Tờ trình": "TTr",
    "Hợp đồng": "HĐ",
    "Công điện": "CĐ",
    "Bản ghi nhớ": "BGN",
    "Bản thỏa thuận": "BTT",
    "Giấy ủy quyền": "GUQ",
    "Giấy mời": "GM",
    "Giấy giới thiệu": "GGT",
    "Giấy nghỉ phép": "GNP",
    "Phiếu gửi": "PG",
    "Phiếu chuyển": "PC",
    "Phiếu báo": "PB",
}
ABBREVIATION_REF = "Phụ lục III, Mục I (bảng chữ viết tắt tên loại văn bản hành chính)"
SO_KY_HIEU_REF = f"{_P1}, Mục II, khoản 3"
DATE_REF = f"{_P1}, Mục II, khoản 4 điểm b, c"
NOI_NHAN_REF = f"{_P1}, Mục II, khoản 9"
QUYEN_HAN_REF = f"{_P1}, Mục II, khoản 7 điểm b"
CAN_CU_REF = f"{_P1}, Mục II, khoản 6 điểm a"

# The signing authority marks of Mục II, khoản 7 điểm b: thay mặt, quyền, ký thay,
# thừa lệnh, thừa ủy quyền.
QUYEN_HAN_MARKS = ("TM.", "Q.", "KT.", "TL.", "TUQ.")


def type_by_name(name: str) -> str | None:
    """The Phụ lục III type name ("Quyết định") for a written one ("QUYẾT ĐỊNH"), or None."""
    key = fold(name).strip()
    return next((t for t in TYPE_ABBREVIATIONS if fold(t) == key), None)


def type_by_abbreviation(code: str) -> str | None:
    """The type whose Phụ lục III abbreviation is exactly ``code`` (case matters: "QyĐ")."""
    return next((t for t, a in TYPE_ABBREVIATIONS.items() if a == code), None)


# Average advance widths of Times New Roman glyphs in em, measured on Liberation
# Serif (metric-compatible): upper-case letters, lower-case letters, others.
_EM_WIDTHS = {False: (0.682, 0.465), True: (0.713, 0.498)}
_OTHER_WIDTHS = {" ": 0.25, "-": 0.333, ",": 0.25, ".": 0.25}


def text_width_mm(text: str, size_pt: float, bold: bool) -> float:
    """The printed width of a line, estimated to a few per cent (for the rules drawn under it)."""
    upper, lower = _EM_WIDTHS[bold]
    em = 0.0
    for ch in text:
        if ch in _OTHER_WIDTHS:
            em += _OTHER_WIDTHS[ch]
        elif ch.isdigit():
            em += 0.5
        else:
            em += upper if ch.isupper() else lower
    return em * size_pt * 25.4 / 72
