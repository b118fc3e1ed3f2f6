"""The parts of a tờ trình: which of the expected ones it has, and where.

A tờ trình trình HĐND is expected to say why the decision is needed (sự cần thiết),
on what legal basis (căn cứ pháp lý), to what end (mục tiêu), what it decides
(nội dung chính), at what cost and from which source (kinh phí và nguồn lực) and
how it will be carried out (tổ chức thực hiện). Tờ trình number their parts "I.",
"II." (sometimes "1.", "2.") with a title, or write the title in capitals; a part is
recognised by the words of its title, and a title may name two parts ("SỰ CẦN THIẾT
VÀ CƠ SỞ PHÁP LÝ"). A sub-heading ("3. Kinh phí thực hiện" under "III. NỘI DUNG")
whose words name another part opens that part. The "Căn cứ …" lines before the
first part are the căn cứ pháp lý. A part without a title of its own is still
found when its content is there: amounts of money for the kinh phí, "Giao Sở …
chủ trì" for the tổ chức thực hiện.

The impact of the decision (tác động) is recognised the same way, for the
checklist, though it is not one of the six expected parts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.documents.layout import is_upper
from assistant.documents.lines import Line
from assistant.hdnd.figures import amounts
from assistant.hdnd.submission import Submission, sentences
from knowledge.text import fold

CAN_THIET, CAN_CU, MUC_TIEU, NOI_DUNG, KINH_PHI, TO_CHUC, TAC_DONG = (
    "can_thiet", "can_cu", "muc_tieu", "noi_dung", "kinh_phi", "to_chuc", "tac_dong",
)
EXPECTED = (CAN_THIET, CAN_CU, MUC_TIEU, NOI_DUNG, KINH_PHI, TO_CHUC)
LABELS = {
    CAN_THIET: "Sự cần thiết",
    CAN_CU: "Căn cứ pháp lý",
    MUC_TIEU: "Mục tiêu",
    NOI_DUNG: "Nội dung chính",
    KINH_PHI: "Kinh phí và nguồn lực",
    TO_CHUC: "Tổ chức thực hiện",
    TAC_DONG: "Tác động",
}
# Words of a part's title, diacritics folded.
_TITLE_WORDS = {
    CAN_THIET: r"can thiet|co so thuc tien|thuc trang",
    CAN_CU: r"can cu|co so phap ly|co so chinh tri",
    MUC_TIEU: r"muc tieu|muc dich|quan diem",
    NOI_DUNG: r"noi dung|bo cuc|pham vi|doi tuong|quy mo|phuong an|de xuat",
    KINH_PHI: r"kinh phi|nguon luc|nguon von|von dau tu|muc dau tu|du toan|tai chinh|ngan sach",
    TO_CHUC: r"to chuc thuc hien|tien do|lo trinh|thoi gian thuc hien|trach nhiem thuc hien|phan cong|hieu luc thi hanh",
    TAC_DONG: r"tac dong|anh huong|hieu qua",
}
_TITLE_PATTERNS = {kind: re.compile(rf"\b(?:{words})\b") for kind, words in _TITLE_WORDS.items()}
_ROMAN = re.compile(r"^([IVXLC]+)\.\s+(.+)$")
_PART = re.compile(r"^(?:PHẦN|Phần)\s+([IVXLC]+|\d+|thứ \w+)\s*[.:]?\s+(.+)$")  # "PHẦN I. CƠ SỞ PHÁP LÝ"
_ARABIC = re.compile(r"^(\d+)\.\s+(.+)$")
_CAN_CU_LINE = re.compile(r"^Căn cứ\b")
# What a part says when it has no title of its own (sentences, diacritics kept).
_CONTENT = {
    CAN_THIET: re.compile(r"\bcần thiết\b|\bcấp thiết\b", re.IGNORECASE),
    MUC_TIEU: re.compile(r"\bmục tiêu\b|\bmục đích\b", re.IGNORECASE),
    TO_CHUC: re.compile(
        r"\b[Gg]iao (?:cho )?(?:Sở|Ủy ban|UBND|Phòng|Ban|Trung tâm|Công an|Văn phòng|Thanh tra)|\bchủ trì\b"
        r"|\btổ chức thực hiện\b|\bchịu trách nhiệm\b"
    ),
    TAC_DONG: re.compile(
        r"\btác động\b|\bảnh hưởng\b|\bthụ hưởng\b|\bhiệu quả (?:kinh tế|xã hội|đầu tư)|\blợi ích\b", re.IGNORECASE
    ),
}
_FUNDING_WORDS = re.compile(r"kinh phí|vốn|ngân sách|mức đầu tư|dự toán|chi phí", re.IGNORECASE)


@dataclass(frozen=True)
class Section:
    """A part of the body: its title line (None for the opening before the first title) and paragraphs."""

    kinds: frozenset[str]
    heading: Line | None
    paragraphs: tuple[Line, ...]

    @property
    def ref(self) -> str:
        """ "mục V", "mục 4", or "phần mở đầu"."""
        if self.heading is None:
            return "phần mở đầu"
        part = _PART.match(self.heading.text)
        if part:
            return f"phần {part.group(1)}"
        match = _ROMAN.match(self.heading.text) or _ARABIC.match(self.heading.text)
        return f"mục {match.group(1)}" if match else f"mục “{self.heading.text}”"

    @property
    def title(self) -> str:
        if self.heading is None:
            return "Phần mở đầu"
        match = _PART.match(self.heading.text) or _ROMAN.match(self.heading.text) or _ARABIC.match(self.heading.text)
        return (match.group(2) if match else self.heading.text).split(":")[0].strip()

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)

    def sentences(self) -> list[tuple[str, Line]]:
        return [(s, p) for p in self.paragraphs for s in sentences(p.text)]


@dataclass(frozen=True)
class PartStatus:
    """Whether the tờ trình has an expected part, and where."""

    kind: str
    found: bool
    where: str | None  # "mục V. KINH PHÍ THỰC HIỆN (dòng 44)", "nêu trong mục III (không có mục riêng)"
    sections: tuple[Section, ...] = ()

    @property
    def label(self) -> str:
        return LABELS[self.kind]

    def to_dict(self) -> dict:
        return {"part": self.kind, "label": self.label, "found": self.found, "where": self.where}


def _title_kinds(title: str) -> frozenset[str]:
    folded = fold(title)
    return frozenset(kind for kind, pattern in _TITLE_PATTERNS.items() if pattern.search(folded))


def _heading(line: Line) -> tuple[int, str] | None:
    """(level, title) of a heading line: 1 for "I. …" or capitals, 2 for "1. Title" (short, or "1. Title: text")."""
    text = line.text
    roman = _PART.match(text) or _ROMAN.match(text)
    if roman:
        return 1, roman.group(2)
    if is_upper(text) and len(text.split()) >= 2:
        return 1, text
    arabic = _ARABIC.match(text)
    if arabic:
        title = arabic.group(2)
        head = title.split(":")[0]
        if ":" in title and len(head.split()) <= 8:
            return 2, head
        if len(title.split()) <= 12 and not title.rstrip().endswith((".", ";")):
            return 2, title
    return None


def is_title_line(line: Line) -> bool:
    """A heading that is only a title ("2. Quan điểm"), not a title with its text ("2. Mức hỗ trợ: 50%")."""
    return _heading(line) is not None and ":" not in line.text.rstrip(":")


def find_sections(submission: Submission) -> list[Section]:
    """The body cut at its headings, each part with the kinds its title names."""
    sections: list[Section] = []
    kinds: frozenset[str] = frozenset()
    heading: Line | None = None
    paragraphs: list[Line] = []
    top_kinds: frozenset[str] = frozenset()  # the kinds of the current level-1 part

    def close() -> None:
        if heading is not None or paragraphs:
            sections.append(Section(kinds, heading, tuple(paragraphs)))

    for line in submission.paragraphs:
        found = _heading(line)
        if found is None:
            paragraphs.append(line)
            continue
        level, title = found
        title_kinds = _title_kinds(title)
        inline = [line] if level == 2 and ":" in line.text else []  # "2. Mức hỗ trợ: 50% học phí"
        if level == 1:
            close()
            kinds, heading, paragraphs, top_kinds = title_kinds, line, [], title_kinds
        elif title_kinds - top_kinds:  # a sub-heading that opens another part
            close()
            kinds, heading, paragraphs = title_kinds, line, inline
        elif title_kinds and kinds != top_kinds:  # back to the part of the level-1 title
            close()
            kinds, heading, paragraphs = top_kinds, line, inline
        else:
            paragraphs.append(line)
    close()
    return [_with_can_cu(s) for s in sections]


def _with_can_cu(section: Section) -> Section:
    """The opening part holds the căn cứ when it has "Căn cứ …" lines."""
    if section.heading is None and any(_CAN_CU_LINE.match(p.text) for p in section.paragraphs):
        return Section(section.kinds | {CAN_CU}, None, section.paragraphs)
    return section


def mentions(kind: str, sentence: str) -> bool:
    """Whether a sentence speaks of a part (sự cần thiết, mục tiêu, tổ chức thực hiện, tác động) by its words."""
    return bool(_CONTENT[kind].search(sentence))


def _content_found(kind: str, sections: list[Section]) -> Section | None:
    """The first part that deals with ``kind`` in its text though its title does not say so."""
    for section in sections:
        for sentence, _ in section.sentences():
            if kind == KINH_PHI:
                if any(not a.rate for a in amounts(sentence)) and _FUNDING_WORDS.search(sentence):
                    return section
            elif kind == NOI_DUNG:
                continue
            elif kind in _CONTENT and _CONTENT[kind].search(sentence):
                return section
    if kind == NOI_DUNG:
        return next((s for s in sections if s.heading is not None and len(s.paragraphs) >= 2), None)
    return None


def _where(section: Section) -> str:
    if section.heading is None:
        return f"phần mở đầu ({section.paragraphs[0].location})" if section.paragraphs else "phần mở đầu"
    return f"{section.heading.text} ({section.heading.location})"


def parts(sections: list[Section], kinds: tuple[str, ...] = (*EXPECTED, TAC_DONG)) -> dict[str, PartStatus]:
    """For each kind of part: found under a title of its own, found in another part's text, or missing."""
    statuses = {}
    for kind in kinds:
        own = tuple(s for s in sections if kind in s.kinds)
        if own:
            statuses[kind] = PartStatus(kind, True, "; ".join(_where(s) for s in own), own)
            continue
        elsewhere = _content_found(kind, sections)
        if elsewhere is not None:
            statuses[kind] = PartStatus(
                kind, True, f"nêu trong {elsewhere.ref} (không có mục riêng)", (elsewhere,)
            )
        else:
            statuses[kind] = PartStatus(kind, False, None)
    return statuses
