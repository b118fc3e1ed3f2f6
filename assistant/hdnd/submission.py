"""A tờ trình read for thẩm tra: its header and its body as whole paragraphs.

*Tờ trình* (submission) — the document a body, usually the Ủy ban nhân dân, sends
the Hội đồng nhân dân (HĐND, People's Council) asking it to decide something,
most often by adopting a *nghị quyết* (resolution) whose *dự thảo* (draft) comes
with it. *Thẩm tra* is the review the council's committees and delegates make of
it before the session.

The file is read by the documents room's reader (every bad input refused with a
clear message) and laid out by its ``find_layout``: số, ký hiệu, cơ quan, date,
tên loại, trích yếu, "Kính gửi", body, signature. Lines a PDF wrapped are joined
back into paragraphs, so a citation or an amount broken over two lines is whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from assistant.documents.dates import date_of_line
from assistant.documents.docx_writer import sentence_name
from assistant.documents.layout import Layout, find_layout, is_upper
from assistant.documents.lines import Line, Piece, upload_lines
from assistant.documents.reading import open_draft
from knowledge.errors import BadInput
from knowledge.parsing.citations import find_numbers
from knowledge.text import fold

TO_TRINH = "Tờ trình"
NGHI_QUYET = "Nghị quyết"
MAX_CHARS = 300_000  # a tờ trình runs to a few pages; a whole code or a book is something else
_ENDS_SENTENCE = re.compile(r"[.;:!?)”\"]$")
_LIST_ITEM = re.compile(r"^(?:[IVXLC]+\.|\d+(?:\.\d+)*\.|[a-zđ]\)|[-+•–])\s")
# Capital lines of a header that name no issuer: a Quốc hiệu a PDF broke in two, the "DỰ THẢO" mark.
_NOT_ISSUER = re.compile(r"cong hoa|chu nghia|viet nam|^nam$|du thao")
_ADDRESSEE = re.compile(r"^Kính gửi\s*:?\s*", re.IGNORECASE)
_QUYET_NGHI = re.compile(r"^QUYẾT NGHỊ\s*:?$")
# A sentence ends at ".", "!" or "?" before a capital, a digit or a list mark; not inside
# a number ("1.250") nor after the abbreviations of names and titles.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZĐÀ-Ỹ0-9\-–+•(“\"])")
_LIST_NUMBER_ONLY = re.compile(r"^\s*(?:[IVXLC]+|\d+(?:\.\d+)*)\.$")
_ABBREVIATION_END = re.compile(r"(?:\b(?:TP|Tp|TS|ThS|PGS|GS|BS|KS|CN|St|v\.v|Q|P|TT)\.|\.\.\.)$")


@dataclass(frozen=True)
class Metadata:
    number: str | None  # số, ký hiệu: "215/TTr-UBND"
    issuer: str | None  # cơ quan trình, as in a sentence: "Ủy ban nhân dân Thành phố Đà Nẵng"
    issued_on: date | None
    trich_yeu: str  # the summary line(s) under the tên loại
    addressee: str | None  # "Hội đồng nhân dân thành phố Đà Nẵng khóa X, kỳ họp thứ 21"
    signer: str | None

    def to_dict(self) -> dict:
        return {
            "number": self.number,
            "issuer": self.issuer,
            "date": self.issued_on.isoformat() if self.issued_on else None,
            "trich_yeu": self.trich_yeu,
            "addressee": self.addressee,
            "signer": self.signer,
        }


@dataclass(frozen=True)
class Submission:
    """A tờ trình (or its draft nghị quyết) as read: header, body paragraphs, every line of the file."""

    name: str  # the file's name
    kind: str  # TO_TRINH or NGHI_QUYET
    metadata: Metadata
    paragraphs: tuple[Line, ...]  # the body, wrapped lines joined
    lines: tuple[Line, ...]  # every line of the file, for what lies outside the body (attachments)

    @property
    def reference(self) -> str:
        """How the report and the answers name it: "Tờ trình số 215/TTr-UBND" or the file's name."""
        return f"{self.kind} số {self.metadata.number}" if self.metadata.number else f"{self.kind} {self.name}"

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


def sentences(text: str) -> list[str]:
    """The sentences of a paragraph, each a substring of it."""
    out: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        before = text[start : match.start()]
        if _ABBREVIATION_END.search(before) or _LIST_NUMBER_ONLY.match(before):
            continue
        out.append(text[start : match.start()].strip())
        start = match.end()
    out.append(text[start:].strip())
    return [s for s in out if s]


def _is_heading(text: str) -> bool:
    return is_upper(text) or (len(text.split()) <= 15 and bool(_LIST_ITEM.match(text)) and not _ENDS_SENTENCE.search(text))


def _continues(previous: str, text: str, full_width: int | None) -> bool:
    """Whether ``text`` is the rest of the paragraph ``previous`` was cut from."""
    if _LIST_ITEM.match(text) or is_upper(previous) or re.search(r"[.!?:]$", previous):
        return False
    if text[:1].islower():
        return True  # a sentence goes on in lower case, after a ";" too
    if previous.endswith(";"):
        return False
    if full_width is not None and len(previous) >= 0.8 * full_width:
        return True  # a line as long as the page is wide was wrapped, whatever the next one starts with
    return (text[:1].isdigit() or text[:1] in "(“") and not _is_heading(previous)


def join_wrapped(lines: list[Line], wrapped: bool = False) -> list[Line]:
    """Paragraphs from lines a PDF (or a hard-wrapped text) broke.

    A line that ends no sentence goes on in the next one when that one starts in lower
    case, or with a digit or a bracket after a line that is no heading; with ``wrapped``
    (a PDF's visual lines) also after a line nearly as long as the page is wide. Lines
    holding only a page number are left out.
    """
    lines = [line for line in lines if not (wrapped and line.text.isdigit())]
    widths = sorted(len(line.text) for line in lines)
    full_width = widths[int(len(widths) * 0.9)] if wrapped and widths else None
    paragraphs: list[Line] = []
    for line in lines:
        if paragraphs and _continues(paragraphs[-1].text, line.text, full_width):
            last = paragraphs[-1]
            paragraphs[-1] = Line(last.number, last.unit, (*last.pieces, Piece(" ", None), *line.pieces), last.cell)
        else:
            paragraphs.append(line)
    return paragraphs


def _kind(layout: Layout) -> str | None:
    if layout.type_name in (TO_TRINH, NGHI_QUYET) and (layout.ten_loai or layout.so_ky_hieu):
        return layout.type_name
    if any(_QUYET_NGHI.match(line.text) for line in layout.lines):
        return NGHI_QUYET
    return None


def _metadata(layout: Layout) -> Metadata:
    number = next(iter(find_numbers(layout.so.text)), None) if layout.so else None
    issuer = " ".join(line.text for line in layout.issuer if not _NOT_ISSUER.search(fold(line.text)))
    addressee = _ADDRESSEE.sub("", layout.kinh_gui.text).rstrip(" .") if layout.kinh_gui else None
    return Metadata(
        number=number,
        issuer=sentence_name(issuer) if issuer else None,
        issued_on=date_of_line(layout.date.text) if layout.date else None,
        trich_yeu=" ".join(line.text for line in layout.trich_yeu),
        addressee=addressee or None,
        signer=layout.ho_ten[-1].text if layout.ho_ten else None,
    )


def _body(layout: Layout, wrapped: bool) -> list[Line]:
    """The body's lines, a nghị quyết's căn cứ included, wrapped lines joined."""
    skip = {id(layout.kinh_gui)} | {id(line) for line in layout.trich_yeu}
    lines = [*layout.preamble, *layout.body]
    return join_wrapped([line for line in lines if id(line) not in skip and not line.is_rule], wrapped)


def _read(path: Path) -> tuple[Layout, str, bool]:
    """The layout of the file's lines, its name, and whether its lines are a PDF's visual lines."""
    lines, _ = upload_lines(open_draft(Path(path)))
    size = sum(len(line.text) for line in lines)
    if size > MAX_CHARS:
        raise BadInput(
            f"Tệp {Path(path).name} dài {size:,} ký tự, quá dài cho một tờ trình (tối đa {MAX_CHARS:,}): "
            "hãy gửi riêng tờ trình và dự thảo nghị quyết (too long for a submission)"
        )
    if not lines:
        raise BadInput(f"Tệp {Path(path).name} không có nội dung văn bản (no text)")
    return find_layout(lines), Path(path).name, Path(path).suffix.lower() == ".pdf"


def _not_a(name: str, wanted: str, layout: Layout) -> BadInput:
    found = layout.type_name if layout.ten_loai or layout.so_ky_hieu else None
    seen = f"đây là {found.lower()}" if found else "không nhận ra tên loại văn bản"
    mark = "“TỜ TRÌNH” hay ký hiệu “TTr”" if wanted == TO_TRINH else "“NGHỊ QUYẾT” hay “QUYẾT NGHỊ:”"
    return BadInput(f"Tệp {name} không phải {wanted.lower()} ({seen}; không thấy {mark}) (not a {wanted})")


def read_submission(path: Path) -> Submission:
    """A tờ trình from a .docx, .pdf (with a text layer) or .txt file; ``BadInput`` for anything else."""
    layout, name, wrapped = _read(path)
    if _kind(layout) != TO_TRINH:
        raise _not_a(name, TO_TRINH, layout)
    body = _body(layout, wrapped)
    if not any(len(p.text.split()) >= 8 for p in body):
        raise BadInput(f"Tệp {name}: tờ trình không có nội dung (chỉ thấy phần đầu và chữ ký) (empty submission)")
    return Submission(name, TO_TRINH, _metadata(layout), tuple(body), tuple(layout.lines))


def read_draft(path: Path) -> Submission:
    """The dự thảo nghị quyết sent with a tờ trình; ``BadInput`` when the file is not one."""
    layout, name, wrapped = _read(path)
    if _kind(layout) != NGHI_QUYET:
        raise _not_a(name, NGHI_QUYET, layout)
    return Submission(name, NGHI_QUYET, _metadata(layout), tuple(_body(layout, wrapped)), tuple(layout.lines))
