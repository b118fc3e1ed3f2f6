"""The National Public Service Portal's run-together tables, re-parsed into structure.

The portal (dichvucong.gov.vn) shows a thủ tục hành chính as labelled sections, some of
them tables. The crawled text keeps every cell but no separator between cells, e.g. the
submission methods (cách thức thực hiện)::

    Hình thức nộpThời gianPhí, lệ phíMô tảTrực tuyến5 Ngày làm việcMiễn phíDịch vụ bưu chính...

the dossier (thành phần hồ sơ, "giấy tờ phải nộp" / "phải xuất trình")::

    * Giấy tờ phải nộp:Tên giấy tờMẫu đơn, tờ khaiSố lượngTờ khai ...Mau01.docx1 bản chính...

the legal bases (căn cứ pháp lý)::

    Tên văn bản pháp lýMã văn bảnLuật Hộ tịch60/2014/QH13Nghị định ...123/2015/NĐ-CP

and the results (kết quả xử lý)::

    Giấy khai sinhMã: KQ.G15.000031Từ khóaKhông có thông tin...

Each parser here finds the cells again from what every cell must look like: a row of
methods starts at a channel name followed by a time or a fee, a document row ends with
its quantity ("1 bản chính,1 bản sao"), a legal basis row ends with a số hiệu glued to
the next row. "Không có thông tin" (no information) is read as empty.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.models import Channel, LegalBasis, RequiredDocument, SubmissionMethod
from knowledge.parsing.citations import (
    DOC_TYPES,
    DOCUMENT_NUMBER,
    clean_number,
    doc_type_from_number,
    find_numbers,
    number_key,
)
from knowledge.text.normalize import fold, normalize

NO_INFORMATION = "Không có thông tin"
_RUNS_OF_SPACES = re.compile(r"[ \t]+")


def cell_text(text: str) -> str:
    """A cell of normalised text with its spaces tidied; "Không có thông tin" becomes empty."""
    text = _RUNS_OF_SPACES.sub(" ", text).strip()
    return "" if text == NO_INFORMATION else text


# ---------------------------------------------------------------- sections of raw_text

@dataclass(frozen=True)
class PortalSections:
    """The long sections of one portal page, as run-together text."""

    steps: str = ""  # trình tự thực hiện
    methods: str = ""  # cách thức thực hiện
    documents: str = ""  # thành phần hồ sơ
    legal_bases: str = ""  # căn cứ pháp lý
    agency: str = ""  # cơ quan thực hiện
    requirements: str = ""  # yêu cầu, điều kiện thực hiện
    results: str = ""  # kết quả xử lý


# Each label with what must follow it, searched in page order after the previous one:
# a label alone also occurs inside the texts ("theo mục 5.3 (Thành phần hồ sơ)"). The
# dossier label is followed by a table, possibly after a table heading on the same line;
# a dossier written as prose is the text after the last label before the legal bases.
_SECTION_ANCHORS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.DOTALL))
    for name, pattern in (
        ("steps", r"Trình Tự Thực Hiện"),
        ("methods", r"Cách Thức Thực Hiện(?=Hình thức nộp)"),
        (
            "documents",
            r"Thành phần hồ sơ(?=--|\s*\*|[^\n]{0,300}?Tên giấy tờMẫu đơn"
            r"|(?:(?!Cách Thức Thực Hiện|Thành phần hồ sơ).)*?Căn cứ pháp lý(?:Tên văn bản|Không có thông tin))",
        ),
        ("legal_bases", r"Căn cứ pháp lý(?=Tên văn bản pháp lý|Không có thông tin)"),
        ("agency", r"Cơ quan thực hiện"),
        ("requirements", r"Yêu cầu, điều kiện thực hiện"),
        ("results", r"Kết quả xử lý"),
    )
)
_PAGE_END = re.compile(r"Chọn cơ quan thực hiện|Nộp hồ sơ$")


def split_portal_sections(raw_text: str) -> PortalSections:
    """Cut a crawled page (``raw_text``) into its sections, each without its label.

    A section that cannot be found is empty; the next one is searched from where the
    last one found began.
    """
    starts: list[tuple[str, int, int]] = []  # (name, label start, content start)
    position = 0
    for name, anchor in _SECTION_ANCHORS:
        match = anchor.search(raw_text, position)
        if match:
            starts.append((name, match.start(), match.end()))
            position = match.end()
    end_match = _PAGE_END.search(raw_text, position)
    page_end = end_match.start() if end_match else len(raw_text)
    values: dict[str, str] = {}
    for index, (name, _, content_start) in enumerate(starts):
        content_end = starts[index + 1][1] if index + 1 < len(starts) else page_end
        values[name] = raw_text[content_start:content_end]
    return PortalSections(**values)


# ---------------------------------------------------------------- submission methods

CHANNELS: dict[str, Channel] = {
    "Trực tiếp": "truc_tiep",
    "Trực tuyến": "truc_tuyen",
    "Dịch vụ bưu chính": "buu_chinh",
}
_CHANNEL = "|".join(CHANNELS)
_CURRENCY = r"(?:Việt Nam Đồng|VNĐ|VND|USD|Đồng|đồng)"
_AMOUNT = rf"\d[\d.,]*\s?{_CURRENCY}"
_FEE = rf"(?:Miễn phí|{NO_INFORMATION}|{_AMOUNT})"
_TIME_UNIT = r"(?:Ngày làm việc|Ngày|Giờ|Tháng)"
_METHODS_HEADER = "Hình thức nộpThời gianPhí, lệ phíMô tả"
# A row starts at a channel name glued to its time or fee cell; "Trực tiếp tại ..." or
# "Trực tuyến: nộp ..." in a description starts none. The first row starts the table
# whatever follows its channel.
_METHOD_ROW = re.compile(rf"(?P<channel>{_CHANNEL})(?=\d|Không|Miễn phí)|^(?P<first>{_CHANNEL})")
# The time cell: a number with its unit, a bare number (the portal lost the unit), or a
# short text ("Không quy định"). A bare number glued to an amount ("1100 VNĐ": time 1,
# fee 100 VNĐ) cannot be split exactly; in the portal data such times are one digit.
_TIME_AND_FEE = re.compile(
    rf"(?P<time>\d+(?:[.,]\d+)?\s?{_TIME_UNIT}|\d(?={_AMOUNT})|\d+(?=Miễn phí|{NO_INFORMATION})"
    rf"|{NO_INFORMATION}(?={_FEE})|.{{0,80}}?)"
    rf"(?P<fee>{_FEE})",
    re.DOTALL,
)


_CASE_LABEL = re.compile(r"\(\s*(?:\d{1,2}|[IVX]{1,4}|[a-zđ])\s*\)")


def _balanced_parenthesis(text: str, start: int) -> int:
    """The offset just after the parenthesis opened at ``start`` closes (or -1)."""
    depth = 0
    for index in range(start, len(text)):
        if text[index] == "(":
            depth += 1
        elif text[index] == ")":
            depth -= 1
            if depth == 0:
                return index + 1
    return -1


def _method(channel: str, row: str) -> SubmissionMethod:
    match = _TIME_AND_FEE.match(row)
    if not match:
        return SubmissionMethod(CHANNELS[channel], description=cell_text(row))
    fee, rest = match.group("fee"), row[match.end():]
    # The fee's own explanation, "Miễn phí(Mức lệ phí ... quyết định)", is kept with it; a
    # case label "(1)" opens the description.
    close = _balanced_parenthesis(rest, 0) if rest.startswith("(") and fee != NO_INFORMATION else -1
    if close > 0 and not _CASE_LABEL.fullmatch(rest[:close]):
        fee, rest = f"{fee} {rest[:close]}", rest[close:]
    return SubmissionMethod(
        channel=CHANNELS[channel],
        processing_time=cell_text(match.group("time")),
        fee=cell_text(fee),
        description=cell_text(rest),
    )


def parse_methods(cell: str) -> tuple[SubmissionMethod, ...]:
    """The rows of the cách thức thực hiện table (channel, time, fee, description)."""
    text = normalize(cell).replace(_METHODS_HEADER, "", 1).strip()
    rows = list(_METHOD_ROW.finditer(text))
    methods = []
    for index, match in enumerate(rows):
        end = rows[index + 1].start() if index + 1 < len(rows) else len(text)
        methods.append(_method(match.group("channel") or match.group("first"), text[match.end():end]))
    return tuple(methods)


# ---------------------------------------------------------------- dossier documents

_DOCUMENT_HEADER = "Tên giấy tờMẫu đơn, tờ khaiSố lượng"
# The quantity cell closes a row: "1 bản chính" or "0 bản chính,1 bản sao". Its digit is
# glued to the row's text, so a longer run of digits keeps all but its last digit in the
# text ("Mẫu số 18" + "1 bản chính"). A run "01"/"02" is a quantity written inside the
# text ("Tờ khai hải quan: 02 bản chính;"), never a cell: cells have no leading zero.
_QUANTITY = re.compile(r"(?<!\d)(?P<run>\d+) bản chính(?:,(?P<copies>\d+) bản sao)?")
_FORM_FILE = re.compile(r"\.(?:docx|doc|pdf|xlsx|xls|rar|zip|odt)", re.IGNORECASE)
_MAX_FORM_NAME = 140
# Where a form's file name glued to the document's name may begin. Sure signs: after a
# glued ";", ":" or ")" ("...NĐ-CP;Mau01.docx"), or "Mẫu"/"Mau"/"Mus"/"Phụ lục" glued to
# what precedes ("...NĐ-CPMẫu số 14.docx", "...hết hạnmau so 20.doc"). Weaker signs, which
# also occur inside file names ("Mẫu số 05.QLT", "Phụ lụcXI"): a glued "." or "," (not
# between digits), a capital glued to a lower-case letter.
_FORM_START_SURE = re.compile(
    r"(?<=[;:)\]])(?=[^\s.,;:)\]])"
    r"|(?<=[^\W_])(?=(?:[Mm](?:ẫu|au|us)|Ph[ụu] l[ụu]c|PL)(?![^\W\d_]))"
)
_FORM_START_WEAK = re.compile(r"(?<=\S[.,])(?!(?<=\d[.,])\d)(?=[^\W_])|(?<=[^\W\d_])(?=[A-ZĐ])")


def _form_start(row: str, start: int, end: int) -> int | None:
    """The leftmost sure (else weak) place in ``row[start:end]`` where a file name may begin."""
    sure = _FORM_START_SURE.search(row, start, end)
    if sure:
        return sure.start()
    weak = (m.start() for m in _FORM_START_WEAK.finditer(row, start, end) if not row[m.start() - 1].isupper())
    return next(weak, None)


_BULLET = re.compile(r"^[\s\-+•*–]+")


def _tidy_name(text: str) -> str:
    return _BULLET.sub("", cell_text(text)).rstrip(" ;,:.").strip()


def _split_form(row: str) -> tuple[str, str]:
    """(document name, form file names) of a row whose text may end with file names."""
    row = row.strip()
    files = list(_FORM_FILE.finditer(row))
    if not files or files[-1].end() != len(row):
        return row, ""
    first = files[-1]
    for previous in reversed(files[:-1]):  # "Mẫu 01.docxMẫu 02.docx": a chain of files
        if first.start() - previous.end() > _MAX_FORM_NAME:
            break
        first = previous
    window_start = max(0, first.start() - _MAX_FORM_NAME)
    start = _form_start(row, window_start, first.start())
    if start is None:
        if window_start > 0:
            return row, ""  # the file name cannot be told apart from the text
        start = 0
    forms = [row[start:first.end()]] + [row[a.end():b.end()] for a, b in zip(files, files[1:]) if a.start() >= first.start()]
    name = row[:start] or _FORM_FILE.sub("", forms[0])
    return name, "; ".join(f.strip() for f in forms)


def _quantity(originals: int, copies: int) -> str:
    parts = [f"{originals} bản chính"] if originals else []
    parts += [f"{copies} bản sao"] if copies else []
    return ", ".join(parts)


def _group_title(text: str) -> str:
    return cell_text(text).strip(" *-:–").strip()


def parse_documents(cell: str) -> tuple[tuple[RequiredDocument, ...], tuple[str, ...]]:
    """The rows of the thành phần hồ sơ tables, and the rows of its "Lưu ý" (notes) tables.

    A table's heading ("Giấy tờ phải nộp", "Giấy tờ phải xuất trình", "Trường hợp ủy
    quyền thực hiện thủ tục") becomes each row's ``group``; rows under a "phải xuất
    trình" heading are ``must_present``.
    """
    parts = normalize(cell).split(_DOCUMENT_HEADER)
    documents: list[RequiredDocument] = []
    notes: list[str] = []
    title = _group_title(parts[0])
    for index, part in enumerate(parts[1:], start=1):
        is_last = index == len(parts) - 1
        row_start = 0
        rows: list[tuple[str, str]] = []
        for match in _QUANTITY.finditer(part):
            run = match.group("run")
            if len(run) == 2 and run.startswith("0"):
                continue
            rows.append((part[row_start:match.start()] + run[:-1], _quantity(int(run[-1]), int(match.group("copies") or 0))))
            row_start = match.end()
        tail = part[row_start:]
        if is_last and cell_text(tail).strip("-"):
            rows.append((tail, ""))
        folded = fold(title)
        for text, quantity in rows:
            name, form = _split_form(cell_text(text))
            name = _tidy_name(name)
            if not name:
                continue
            if folded.startswith("luu y"):
                notes.append(name)
            else:
                documents.append(RequiredDocument(name, form, quantity, "xuat trinh" in folded, title))
        if not is_last:
            title = _group_title(tail)
    return tuple(documents), tuple(notes)


# ---------------------------------------------------------------- legal bases

_LEGAL_HEADER = "Tên văn bản pháp lýMã văn bản"
_TYPE_WORDS = "|".join(re.escape(t) for t in DOC_TYPES)
# The number cell is sometimes written "Thông tư số 03/2023/TT-BTP": its type word is
# glued to the end of the title before it.
_GLUED_TYPE = re.compile(rf"(?<=\S)(?:{_TYPE_WORDS})(?:\s*số)?\s*$", re.IGNORECASE)
_TYPE_ONLY = re.compile(rf"(?:{_TYPE_WORDS})(?:\s*số)?", re.IGNORECASE)


def _is_row_end(text: str, match: re.Match[str], following: re.Match[str] | None) -> bool:
    """A number closes a row when the next row's title (or nothing) follows it."""
    end = match.end()
    if end == len(text):
        return True
    if following is not None and following.start() == end:
        # "Luật 60/2014/QH1360/2014/QH13": the title's number, then the cell; a different
        # glued number begins the next row ("...04/2012/UBTVQH1326/2005/PL-UBTVQH11 - ...").
        return number_key(following.group(0)) != number_key(match.group(0))
    after = text[end]
    if after.isspace():
        rest = text[end:].lstrip()
        return not rest or rest[0].isupper() or rest[0].isdigit()
    return after not in ",;.:)"


def _basis(title: str, number: str | None) -> LegalBasis:
    title = cell_text(title)
    stripped = _GLUED_TYPE.sub("", title).strip()
    title = stripped or title
    if number and (not title or _TYPE_ONLY.fullmatch(title)):
        doc_type = _TYPE_ONLY.fullmatch(title) and title.split(" số")[0] or doc_type_from_number(number)
        title = f"{doc_type} {number}" if doc_type else number
    return LegalBasis(title=title, number=number)


def parse_legal_bases(cell: str) -> tuple[LegalBasis, ...]:
    """The rows (title, số hiệu) of the căn cứ pháp lý table, without repeats."""
    text = cell_text(normalize(cell).replace(_LEGAL_HEADER, "", 1))
    if not text:
        return ()
    matches = list(DOCUMENT_NUMBER.finditer(text))
    bases: list[LegalBasis] = []
    row_start = 0
    for index, match in enumerate(matches):
        following = matches[index + 1] if index + 1 < len(matches) else None
        if match.start() < row_start or not _is_row_end(text, match, following):
            continue
        bases.append(_basis(text[row_start:match.start()], clean_number(match.group(0))))
        row_start = match.end()
    rest = text[row_start:]
    if cell_text(rest):  # a last row whose number cell is missing: the first number of its title
        numbers = find_numbers(rest)
        bases.append(_basis(rest, numbers[0] if numbers else None))
    unique: dict[str, LegalBasis] = {}
    for basis in bases:
        unique.setdefault(number_key(basis.number) if basis.number else fold(basis.title), basis)
    return tuple(unique.values())


# ---------------------------------------------------------------- results

_RESULT_CODE = re.compile(r"Mã: [A-Z0-9]+(?:[.\-][A-Z]{0,2}\d+)*")


_REFUSAL = re.compile(r"\btừ chối\b", re.IGNORECASE)


def parse_results(cell: str) -> tuple[str, ...]:
    """The names of the papers a procedure ends with (kết quả xử lý), without their codes; the refusal
    slips the portal lists among them, in any order ("Phiếu từ chối tiếp nhận, giải quyết hồ sơ"), last."""
    text = normalize(cell).split("Từ khóa")[0]
    names = [name for name in (cell_text(part) for part in _RESULT_CODE.split(text)) if name]
    return tuple(sorted(names, key=lambda name: bool(_REFUSAL.search(name))))
