"""From the lines of a văn bản to its units: Phần/Chương/Mục/Điều/Khoản/Điểm.

Every format is reduced to a sequence of normalised lines (Markdown marks
removed) and fed to an ``ArticleBuilder``. A line is a heading only when it looks
like one on its own: "Điều 16. Thời hạn đăng ký khai sinh", "Chương II" then its
title, "1. ..." for a khoản, "a) ..." (or "đ) ...") for a điểm. Anything else
continues the unit being read.

Amending texts quote the new wording of other documents ("Sửa đổi, bổ sung Điều
8 như sau: “Điều 8. ..."); inside “quotation marks” numbering restarts, so quoted
lines never open a unit: they belong to the khoản that quotes them.

Sections of a *Phụ lục* (appendix) are read by ``AppendixBuilder``: a roman
numeral opens a section ("II. CÁC THÀNH PHẦN THỂ THỨC CHÍNH"), numbered items are
its khoản, lettered items its điểm.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from knowledge.models import Diem, Dieu, Khoan

UPPER = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
LOWER = "a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
# Điểm letters follow the Vietnamese alphabet: a, b, c, d, đ, e, g, h, i, k, ...
POINT_LETTERS = "abcdđeghiklmnopqrstuvxy"

PHAN = re.compile(rf"^(?:Phần|PHẦN)\s+(?P<num>(?:thứ|THỨ)\s+\S+|[IVXLC]+|\d+)\s*[.:]?\s*(?P<title>[{UPPER}][^{LOWER}]*)?$")
CHUONG = re.compile(rf"^(?:Chương|CHƯƠNG)\s+(?P<num>[IVXLC]+|\d+)\s*[.:-]?\s*(?P<title>[{UPPER}].*)?$")
MUC = re.compile(rf"^(?:Mục|MỤC)\s+(?P<num>\d+|[IVXLC]+)\s*[.:]?\s*(?P<title>[{UPPER}][^{LOWER}]*)?$")
DIEU = re.compile(rf"^Điều\s*(?P<num>\d+[a-zđ]?)(?:\s*[.:]\s*(?P<h1>.*)|\s+(?P<h2>[{UPPER}“(].*)|\s*)$")
KHOAN = re.compile(r"^(?P<num>\d{1,3}[a-zđ]?)\.(?!\d)\s*(?P<text>.*)$")
DIEM = re.compile(rf"^(?P<letter>[{POINT_LETTERS}]\d?)\)\s*(?P<text>.*)$")
ROMAN_SECTION = re.compile(rf"^(?P<num>[IVXLC]+)\.\s+(?P<title>[{UPPER}][^{LOWER}]*?)(?::\s*(?P<rest>.*))?$")


def is_upper_title(line: str) -> bool:
    """A line of capitals such as "NHỮNG QUY ĐỊNH CHUNG" (digits and punctuation allowed)."""
    return bool(re.search(rf"[{UPPER}]", line)) and not re.search(rf"[{LOWER}]", line)


def join_lines(lines: list[str]) -> str:
    """Join a unit's lines; a line that starts in lower case (not "b) ...") continues the previous one."""
    text = ""
    for line in lines:
        if not text:
            text = line
        elif re.match(rf"[{LOWER}]", line) and not DIEM.match(line):
            text += " " + line
        else:
            text += "\n" + line
    return text


_QUOTE_MARKS = re.compile('[“”"]')


class QuoteTracker:
    """Whether a line is quoted text: “...” may span many lines.

    Some texts close a “ with a straight quote ("ghi “Để thi hành""), so a straight
    quote closes too; an unmatched one does nothing.
    """

    def __init__(self) -> None:
        self._depth = 0

    def quoted(self, line: str) -> bool:
        """True when ``line`` lies inside or opens a quotation; call once per line, in order."""
        inside = self._depth > 0 or line.startswith("“")
        for char in _QUOTE_MARKS.findall(line):
            if char == "“":
                self._depth += 1
            elif self._depth:
                self._depth -= 1
        return inside


@dataclass
class _KhoanDraft:
    number: str
    lines: list[str]
    diems: list[tuple[str, list[str]]] = field(default_factory=list)

    def freeze(self) -> Khoan:
        return Khoan(self.number, join_lines(self.lines), tuple(Diem(letter, join_lines(lines)) for letter, lines in self.diems))


@dataclass
class _UnitDraft:
    number: str
    heading: str
    phan: str | None
    chuong: str | None
    muc: str | None
    appendix: str | None = None
    intro: list[str] = field(default_factory=list)
    khoans: list[_KhoanDraft] = field(default_factory=list)

    def add_text(self, line: str) -> None:
        if not self.khoans:
            self.intro.append(line)
        elif self.khoans[-1].diems:
            self.khoans[-1].diems[-1][1].append(line)
        else:
            self.khoans[-1].lines.append(line)

    def add_khoan(self, number: str, text: str) -> None:
        self.khoans.append(_KhoanDraft(number, [text] if text else []))

    def add_diem(self, letter: str, text: str) -> bool:
        """Add a điểm to the last khoản; False when there is no khoản to hold it."""
        if not self.khoans:
            return False
        self.khoans[-1].diems.append((letter, [text] if text else []))
        return True

    def freeze(self, doc_id: str, source: str, note: str = "") -> Dieu:
        return Dieu(
            doc_id=doc_id,
            number=self.number,
            heading=self.heading,
            intro=join_lines(self.intro),
            khoans=tuple(k.freeze() for k in self.khoans),
            phan=self.phan,
            chuong=self.chuong,
            muc=self.muc,
            source=source,
            note=note,
            appendix=self.appendix,
        )


def _label(kind: str, number: str, title: str) -> str:
    return f"{kind} {number}. {title}".strip(" .") if title else f"{kind} {number}"


class ArticleBuilder:
    """Collects the articles of one document from its body lines, in order."""

    def __init__(self, doc_id: str, source: str) -> None:
        self.doc_id = doc_id
        self.source = source
        self._phan: str | None = None
        self._chuong: str | None = None
        self._muc: str | None = None
        self._title_of: tuple[str, str, str] | None = None  # container awaiting its title: kind, number, title
        self._current: _UnitDraft | None = None
        self._done: list[tuple[_UnitDraft, str]] = []
        self._note = ""
        self._quotes = QuoteTracker()

    @property
    def started(self) -> bool:
        """Whether a Phần, Chương, Mục or Điều has been read."""
        return self._current is not None or self._title_of is not None or any((self._phan, self._chuong, self._muc))

    def feed(self, line: str) -> None:
        """Read one non-empty, stripped, normalised line."""
        if self._quotes.quoted(line):
            self._text(line)
            return
        if self._title_of is not None and self._take_title(line):
            return
        for pattern, kind in ((PHAN, "Phần"), (CHUONG, "Chương"), (MUC, "Mục")):
            match = pattern.match(line)
            if match:
                self._open_container(kind, match.group("num"), (match.group("title") or "").strip())
                return
        match = DIEU.match(line)
        if match:
            self._open_article(match.group("num"), (match.group("h1") or match.group("h2") or "").strip())
            return
        self._structured_text(line)

    def article(self, number: str, heading: str, note: str = "") -> None:
        """Open an article whose heading was recognised by the caller (e.g. a pháp điển code)."""
        self._open_article(number, heading, note)

    def body(self, line: str) -> None:
        """Add a line of the open article's body: a khoản, a điểm or text, never a heading."""
        if self._quotes.quoted(line):
            self._text(line)
        else:
            self._structured_text(line)

    def articles(self) -> list[Dieu]:
        self._close()
        return [draft.freeze(self.doc_id, self.source, note) for draft, note in self._done]

    def _take_title(self, line: str) -> bool:
        """Lines that name the container just opened; True when ``line`` was one."""
        kind, number, title = self._title_of
        if any(p.match(line) for p in (PHAN, CHUONG, MUC, DIEU)) or (title and not is_upper_title(line)):
            self._title_of = None
            return False
        self._title_of = (kind, number, f"{title} {line}".strip())
        self._set_container(kind, _label(kind, number, self._title_of[2]))
        return True

    def _open_container(self, kind: str, number: str, title: str) -> None:
        self._close()
        self._set_container(kind, _label(kind, number, title))
        if kind == "Phần":
            self._chuong = self._muc = None
        elif kind == "Chương":
            self._muc = None
        self._title_of = (kind, number, title)

    def _set_container(self, kind: str, label: str) -> None:
        if kind == "Phần":
            self._phan = label
        elif kind == "Chương":
            self._chuong = label
        else:
            self._muc = label

    def _open_article(self, number: str, heading: str, note: str = "") -> None:
        self._close()
        self._title_of = None
        self._current = _UnitDraft(number, heading, self._phan, self._chuong, self._muc)
        self._note = note

    def _close(self) -> None:
        if self._current is not None:
            self._done.append((self._current, self._note))
            self._current = None

    def _structured_text(self, line: str) -> None:
        self._title_of = None
        if self._current is None:
            return
        khoan = KHOAN.match(line)
        if khoan:
            self._current.add_khoan(khoan.group("num"), khoan.group("text"))
            return
        diem = DIEM.match(line)
        if diem and self._current.add_diem(diem.group("letter"), diem.group("text")):
            return
        self._current.add_text(line)

    def _text(self, line: str) -> None:
        self._title_of = None
        if self._current is not None:
            self._current.add_text(line)


class AppendixBuilder:
    """Sections of one appendix ("Phụ lục I"): roman-numbered sections with numbered items.

    With ``flat=True`` the whole appendix is one unit of text (appendices printed as
    tables, one cell per line, where numbers are table cells, not items).
    """

    def __init__(self, doc_id: str, source: str, appendix: str, title: str = "", flat: bool = False) -> None:
        self.doc_id = doc_id
        self.source = source
        self.appendix = appendix
        self.flat = flat
        self._phan: str | None = None
        self._phan_pending = False
        self._whole = _UnitDraft("", title, None, None, None, appendix)
        self._sections: list[_UnitDraft] = []

    def phan(self, number: str, title: str = "") -> None:
        """Open a part ("Phần II"); its title may come with the next ``feed``."""
        self._phan = _label("Phần", number, title)
        self._phan_pending = not title

    def feed(self, line: str) -> None:
        if self._phan_pending:
            self._phan_pending = False
            if is_upper_title(line):
                self._phan = f"{self._phan}. {line}"
                return
        if self.flat:
            self._whole.add_text(line)
            return
        section = ROMAN_SECTION.match(line)
        if section:
            unit = _UnitDraft(section.group("num"), section.group("title").strip(), self._phan, None, None, self.appendix)
            if section.group("rest"):
                unit.add_text(section.group("rest"))
            self._sections.append(unit)
            return
        unit = self._sections[-1] if self._sections else self._whole
        khoan = KHOAN.match(line)
        if khoan:
            unit.add_khoan(khoan.group("num"), khoan.group("text"))
            return
        diem = DIEM.match(line)
        if diem and unit.add_diem(diem.group("letter"), diem.group("text")):
            return
        unit.add_text(line)

    def units(self) -> list[Dieu]:
        drafts = self._sections
        if not drafts or self._whole.intro or self._whole.khoans:
            drafts = [self._whole, *drafts]
        return [draft.freeze(self.doc_id, self.source) for draft in drafts]
