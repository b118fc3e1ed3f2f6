"""Finding the elements of the thể thức in a draft's lines.

The header zone runs to the tên loại (or, in a công văn, to "Kính gửi" or the
first paragraph); in it stand the Quốc hiệu, Tiêu ngữ, the cơ quan lines (capitals),
the "Số: …/…" line, the date line and, in a công văn, the "V/v" trích yếu. After
the tên loại come the trích yếu, then (quyết định) the thẩm quyền and căn cứ lines
up to "QUYẾT ĐỊNH:". The body ends with the last paragraph of prose ("./." when
present); after it, the signature zone holds the chức vụ lines (capitals) and the
họ tên, and the "Nơi nhận:" list stands beside or below it. The order of the
columns does not matter: elements are recognised by their shape.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.documents.dates import looks_like_date_line
from assistant.documents.format_rules import type_by_name
from assistant.documents.lines import Line
from assistant.documents.numbering import SoKyHieu, looks_like_so_line, parse_so_ky_hieu
from knowledge.text.normalize import fold

_QUOC_HIEU = re.compile(r"cong\s*hoa\s+xa\s+hoi\s+chu\s+nghia\s+viet\s+nam")
_TIEU_NGU = re.compile(r"doc\s*lap\W+tu\s*do\W+hanh\s*phuc")
_STARTERS = re.compile(
    r"^(căn cứ|kính gửi|theo đề nghị|xét\b|thực hiện|thời gian|địa điểm|thành phần|hôm nay|vào hồi|"
    r"điều \d|nơi nhận|[IVX]+\.\s|\d+\.\s)",
    re.IGNORECASE,
)
_PREAMBLE = re.compile(r"^(căn cứ|xét\b|theo đề nghị|theo\b)", re.IGNORECASE)
_DECISION = re.compile(r"^(QUYẾT ĐỊNH|QUYẾT NGHỊ|CHỈ THỊ)\s*:?$")
_V_V = re.compile(r"^(V/v|V/V|v/v|Về việc)\b")
# A trích yếu copied in capitals ("VỀ VIỆC PHÊ DUYỆT …") starts like one.
_UPPER_SUMMARY = re.compile(r"^(VỀ VIỆC|V/V|VỀ|BAN HÀNH|PHÊ DUYỆT|QUY ĐỊNH|KẾT QUẢ|TỔ CHỨC|TRIỂN KHAI|THỰC HIỆN)\b")
_NAME_WORD = re.compile(r"^[A-ZĐÀ-Ỹ][a-zđà-ỹ]+$|^[A-ZĐ]$")


def is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _words(text: str) -> list[str]:
    return text.split()


def is_prose(text: str) -> bool:
    """A paragraph of running text rather than a heading, name or list item."""
    return (
        len(_words(text)) >= 6
        and not is_upper(text)
        and not text.startswith(("-", "+", "(", "•"))
        and not looks_like_date_line(text)
    )


def is_person_name(text: str) -> bool:
    """ "Nguyễn Văn An": two to six capitalised words."""
    words = _words(text)
    return 2 <= len(words) <= 6 and all(_NAME_WORD.match(w) for w in words)


@dataclass
class Layout:
    lines: list[Line]
    quoc_hieu: Line | None = None
    tieu_ngu: Line | None = None
    issuer: list[Line] = field(default_factory=list)
    so: Line | None = None
    so_ky_hieu: SoKyHieu | None = None
    date: Line | None = None
    ten_loai: Line | None = None
    type_name: str | None = None  # "Quyết định", "Công văn", …
    trich_yeu: list[Line] = field(default_factory=list)
    kinh_gui: Line | None = None
    preamble: list[Line] = field(default_factory=list)  # căn cứ, xét, theo đề nghị
    body: list[Line] = field(default_factory=list)
    noi_nhan: Line | None = None
    noi_nhan_items: list[Line] = field(default_factory=list)
    chuc_vu: list[Line] = field(default_factory=list)
    ho_ten: list[Line] = field(default_factory=list)
    header_end: int = 0  # index of the first line after the header zone


def _first(lines: list[Line], test, start: int = 0, end: int | None = None) -> int | None:
    stop = len(lines) if end is None else end
    return next((i for i in range(start, stop) if test(lines[i].text)), None)


def _title_index(lines: list[Line]) -> int | None:
    limit = _first(lines, lambda t: fold(t).startswith("noi nhan")) or len(lines)
    return _first(lines, lambda t: not t.endswith(":") and type_by_name(t) is not None, 0, limit)


def _is_header_mark(text: str) -> bool:
    folded = fold(text)
    return (
        bool(_QUOC_HIEU.search(folded) or _TIEU_NGU.search(folded))
        or looks_like_date_line(text)
        or looks_like_so_line(text)
    )


def _header_end(lines: list[Line], title: int | None) -> int:
    """Where the header zone ends: at the tên loại, else at "Kính gửi", a căn cứ or the first
    paragraph after the last header mark (the columns of a header may come one after the other)."""
    if title is not None:
        return title
    stop = _first(lines, lambda t: fold(t).startswith("kinh gui") or _PREAMBLE.match(t) is not None)
    marks = [i for i in range(min(len(lines), stop if stop is not None else 20)) if _is_header_mark(lines[i].text)]
    after = marks[-1] + 1 if marks else 0
    prose = _first(
        lines, lambda t: is_prose(t) and t[:1].isupper() and not _V_V.match(t) and not looks_like_so_line(t), after
    )
    summary = _first(lines, lambda t: _UPPER_SUMMARY.match(t) is not None, after)  # a title-less trích yếu in capitals
    candidates = [i for i in (stop, prose, summary) if i is not None]
    return min(candidates) if candidates else len(lines)


def _read_header(layout: Layout) -> None:
    lines = layout.lines
    header = range(layout.header_end)
    for i in header:
        text = lines[i].text
        folded = fold(text)
        mark = False  # one line may hold the Quốc hiệu and the Tiêu ngữ both
        if layout.quoc_hieu is None and _QUOC_HIEU.search(folded):
            layout.quoc_hieu, mark = lines[i], True
        if layout.tieu_ngu is None and _TIEU_NGU.search(folded):
            layout.tieu_ngu, mark = lines[i], True
        if mark:
            continue
        if layout.so is None and looks_like_so_line(text):
            layout.so = lines[i]
            layout.so_ky_hieu = parse_so_ky_hieu(text)
        elif layout.date is None and looks_like_date_line(text):
            layout.date = lines[i]
        elif _V_V.match(text) and not layout.trich_yeu:
            layout.trich_yeu.append(lines[i])
        elif layout.trich_yeu and text[:1].islower() and layout.trich_yeu[-1] is lines[i - 1]:
            layout.trich_yeu.append(lines[i])  # a wrapped "V/v …"
        elif is_upper(text) and not lines[i].is_rule:
            layout.issuer.append(lines[i])


def _read_title(layout: Layout, title: int) -> int:
    """Trích yếu lines after the tên loại; returns the index after them."""
    lines = layout.lines
    i = title + 1
    while i < len(lines) and lines[i].is_rule:
        i += 1
    while i < len(lines) and len(layout.trich_yeu) < 4:
        line = lines[i]
        text = line.text
        if line.is_rule:
            return i + 1
        first = not layout.trich_yeu
        wrapped = not first and text[:1].islower() and not layout.trich_yeu[-1].text.endswith((".", ";", ":"))
        capitals = is_upper(text) and not (first and _UPPER_SUMMARY.match(text))
        if not (first or wrapped) or _STARTERS.match(text) or capitals or "trân trọng" in text.lower():
            break
        if first and (text.endswith((";", ":")) or len(_words(text)) > 40):
            break
        layout.trich_yeu.append(line)
        i += 1
    return i


def _noi_nhan_items(after: list[Line]) -> list[Line]:
    """The recipients under "Nơi nhận:": dashed lines, or short lines ending in ";" or ".",
    passing over the signature column's lines interleaved with them."""
    items = []
    for line in after:
        text = line.text
        if text.startswith(("-", "+", "•")):
            items.append(line)
        elif is_upper(text) or is_person_name(text) or text.startswith(("(", "[")) or line.is_rule:
            continue
        elif text.endswith((";", ".")) and len(_words(text)) <= 15:
            items.append(line)
        else:
            break
    return items


def _read_tail(layout: Layout, start: int) -> None:
    """Body, nơi nhận and signature after the title block."""
    lines = layout.lines
    noi_nhan = _first(lines, lambda t: fold(t).startswith("noi nhan"), start)
    if noi_nhan is not None:
        layout.noi_nhan = lines[noi_nhan]
        layout.noi_nhan_items = _noi_nhan_items(lines[noi_nhan + 1 :])
    kinh_gui = _first(lines, lambda t: fold(t).startswith("kinh gui"), 0, noi_nhan)
    layout.kinh_gui = lines[kinh_gui] if kinh_gui is not None else None
    decision = _first(lines, lambda t: _DECISION.match(t) is not None, start, noi_nhan)
    preamble_end = decision if decision is not None else noi_nhan or len(lines)
    first_preamble = _first(lines, lambda t: _PREAMBLE.match(t) is not None, start, preamble_end)
    if layout.type_name in ("Quyết định", "Nghị quyết") and first_preamble is not None:
        layout.preamble = [line for line in lines[first_preamble:preamble_end] if not is_upper(line.text)]
    end_mark = max((i for i, line in enumerate(lines) if "./." in line.text), default=None)
    prose = [i for i in range(start, noi_nhan if noi_nhan is not None else len(lines)) if is_prose(lines[i].text)]
    body_end = end_mark if end_mark is not None else (prose[-1] if prose else start - 1)
    body_start = max(start, (kinh_gui + 1) if kinh_gui is not None else start)
    if layout.preamble:
        body_start = max(body_start, lines.index(layout.preamble[-1]) + 1)
    skip = {id(layout.noi_nhan), *map(id, layout.noi_nhan_items), id(layout.kinh_gui)}
    layout.body = [
        line for line in lines[body_start : body_end + 1] if id(line) not in skip and not _DECISION.match(line.text)
    ]
    for line in lines[body_end + 1 :]:
        if id(line) in skip or line.is_rule or line.text.startswith("("):
            continue
        if is_upper(line.text):
            layout.chuc_vu.append(line)
        elif is_person_name(line.text):
            layout.ho_ten.append(line)


def find_layout(lines: list[Line]) -> Layout:
    """Locate every element of the thể thức that the draft has."""
    title = _title_index(lines)
    layout = Layout(lines, header_end=_header_end(lines, title))
    _read_header(layout)
    after = layout.header_end
    if title is not None:
        layout.ten_loai = lines[title]
        layout.type_name = type_by_name(lines[title].text)
        after = _read_title(layout, title)
    elif layout.so_ky_hieu is not None and layout.so_ky_hieu.type_name:
        layout.type_name = layout.so_ky_hieu.type_name  # the ký hiệu names a type whose title is missing
        after = _read_title(layout, after - 1)
    else:
        layout.type_name = "Công văn"
    _read_tail(layout, after)
    return layout
