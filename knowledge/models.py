"""The knowledge base's data types.

Vietnamese terms of art are kept where they are the precise name:

- *văn bản* — a legal or administrative document, identified by its *số hiệu*
  (document number such as ``60/2014/QH13`` or ``30/2020/NĐ-CP``);
- *Phần / Chương / Mục* — part / chapter / section, containers of articles;
- *Điều* (``Dieu``) — an article, the unit we index and cite;
- *Khoản* (``Khoan``) — a numbered clause of an article (``1.``, ``2.``);
- *Điểm* (``Diem``) — a lettered point of a clause (``a)``, ``b)``, ``đ)``);
- *thủ tục hành chính* (``Procedure``) — an administrative procedure of the
  National Public Service Portal, identified by its code (``1.001193``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Callable, Literal

from knowledge.parsing.citations import number_year

Kind = Literal["law", "procedure", "document"]
Status = Literal["in_force", "amended", "partially_repealed", "repealed", "unknown"]
StatusSource = Literal["feed", "corpus", "unknown"]
Access = Literal["public", "internal", "confidential"]
Channel = Literal["truc_tiep", "truc_tuyen", "buu_chinh"]  # in person, online, by post

KINDS: tuple[str, ...] = ("law", "procedure", "document")
STATUSES: tuple[str, ...] = ("in_force", "amended", "partially_repealed", "repealed", "unknown")
# No longer (wholly) in force: its text is quoted only with a warning.
SUPERSEDED: tuple[str, ...] = ("partially_repealed", "repealed")
ACCESS_LEVELS: tuple[str, ...] = ("public", "internal", "confidential")


@dataclass(frozen=True)
class LegalDocument:
    """A văn bản: identity and dates as printed in its header."""

    doc_id: str  # the số hiệu when known, otherwise a stable slug of the source
    number: str | None  # số hiệu, e.g. "60/2014/QH13"
    doc_type: str  # loại văn bản: Luật, Bộ luật, Nghị định, Thông tư, ...
    title: str  # tiêu đề, e.g. "Luật Hộ tịch"
    issuer: str | None = None  # cơ quan ban hành, e.g. "Quốc hội"
    issued_on: date | None = None  # ngày ban hành
    effective_on: date | None = None  # ngày có hiệu lực
    source: str = ""  # path of the file it was read from, relative to the knowledge dir


@dataclass(frozen=True)
class Diem:
    """A lettered point (điểm a, b, c, d, đ, ...) of a khoản."""

    letter: str
    text: str


@dataclass(frozen=True)
class Khoan:
    """A numbered clause of an article; ``text`` is its lead sentence."""

    number: str
    text: str
    diems: tuple[Diem, ...] = ()

    def full_text(self) -> str:
        lines = [f"{self.number}. {self.text}".rstrip()]
        lines += [f"{d.letter}) {d.text}" for d in self.diems]
        return "\n".join(lines)


@dataclass(frozen=True)
class Dieu:
    """An article with its place in the document (Phần/Chương/Mục).

    A section of a *Phụ lục* (appendix) is a citable unit too: ``appendix`` then
    names the appendix ("Phụ lục I"), ``number`` is the section's numeral as
    printed ("II" for "II. CÁC THÀNH PHẦN THỂ THỨC CHÍNH", "" when the appendix is
    one unit), its numbered items are the ``khoans`` and ``phan`` is the appendix's
    part ("Phần I. THỂ THỨC ..."). Such units are cited "khoản 3 Mục I Phần I Phụ lục I".
    """

    doc_id: str
    number: str  # "16", "3a"; for an appendix section its numeral ("II") or ""
    heading: str  # "Thời hạn đăng ký khai sinh"
    intro: str = ""  # text before the first khoản (or the whole body when there is none)
    khoans: tuple[Khoan, ...] = ()
    phan: str | None = None  # "Phần thứ nhất. NHỮNG QUY ĐỊNH CHUNG"
    chuong: str | None = None  # "Chương II. ĐĂNG KÝ HỘ TỊCH ..."
    muc: str | None = None  # "Mục 1. ĐĂNG KÝ KHAI SINH"
    source: str = ""  # file it came from
    note: str = ""  # provenance note, e.g. the pháp điển's "(Điều 1 Luật số 60/2014/QH13 ...)"
    appendix: str | None = None  # "Phụ lục I" when the unit is (a section of) an appendix

    def unit_label(self) -> str:
        """The unit's name in a citation, unique within its document: "Điều 16", "Mục I Phần I Phụ lục I"."""
        if self.appendix is None:
            return f"Điều {self.number}"
        parts = [f"Mục {self.number}"] if self.number else []
        if self.phan:
            parts.append(self.phan.split(".")[0])
        parts.append(self.appendix)
        return " ".join(parts)

    def ref(self) -> str:
        """What a passage's ``article`` carries: the article number, or an appendix unit's label."""
        return self.number if self.appendix is None else self.unit_label()

    def citation(self, doc_title: str, clause: str | None = None, point: str | None = None) -> str:
        """"điểm a khoản 1 Điều 16 Luật Hộ tịch"."""
        return citation_label(doc_title, self.ref(), clause, point)

    def title_line(self) -> str:
        return f"{self.unit_label()}. {self.heading}".rstrip(". ")

    def body(self) -> str:
        parts = [self.intro] if self.intro else []
        parts += [k.full_text() for k in self.khoans]
        return "\n".join(parts)

    def full_text(self) -> str:
        return f"{self.title_line()}\n{self.body()}".rstrip()


_ARTICLE_NUMBER = re.compile(r"\d+[a-zđ]?")


def citation_label(doc_title: str, article: str, clause: str | None = None, point: str | None = None) -> str:
    """A unit's citation in Vietnamese, smallest unit first.

    ``article`` is an article number ("16", "3a") or the label of another unit
    ("Mục I Phần I Phụ lục I", see ``Dieu.ref``)::

        citation_label("Luật Hộ tịch", "16", "1", "a") == "điểm a khoản 1 Điều 16 Luật Hộ tịch"
    """
    parts = [f"điểm {point}"] if point else []
    if clause:
        parts.append(f"khoản {clause}")
    parts.append(f"Điều {article}" if _ARTICLE_NUMBER.fullmatch(article) else article)
    if doc_title:
        parts.append(doc_title)
    return " ".join(parts)


@dataclass(frozen=True)
class Relation:
    """``subject`` repeals or amends the document numbered ``object_number``.

    ``repeals`` ends the whole document (it *hết hiệu lực*, is *bãi bỏ* or *thay thế*);
    ``amends`` changes, adds or repeals part of it (*sửa đổi, bổ sung*, partial *bãi bỏ*).
    ``expires_with``: the object once amended a document the subject repeals ("Luật X số A
    đã được sửa đổi, bổ sung theo Luật số B ... hết hiệu lực"): its amending provisions
    expire with it. A whole amending act (its title says "sửa đổi, bổ sung") is thereby
    repealed; any other act (Luật Đầu tư công amending Luật Bảo vệ môi trường in passing)
    is only amended. The registry decides, knowing the object's title.
    """

    subject_id: str
    verb: Literal["repeals", "amends", "expires_with"]
    object_number: str
    evidence: str = ""  # the sentence that says so, for the record
    object_title: str = ""  # the object's name where the text gives it ("Luật Cư trú")
    effective_on: date | None = None  # when the change takes effect, where the text says so


@dataclass(frozen=True)
class ParsedLegalDocument:
    """What a legal parser returns for one văn bản."""

    document: LegalDocument
    articles: tuple[Dieu, ...]
    relations: tuple[Relation, ...] = ()
    cited_numbers: tuple[str, ...] = ()  # số hiệu of documents it cites (căn cứ, references)


@dataclass(frozen=True)
class SubmissionMethod:
    """One way to submit a procedure's dossier (cách thức thực hiện)."""

    channel: Channel
    processing_time: str = ""  # thời hạn giải quyết, as printed ("05 Ngày làm việc")
    fee: str = ""  # phí, lệ phí, as printed ("Miễn phí", "Lệ phí: 8.000 Đồng")
    description: str = ""


@dataclass(frozen=True)
class RequiredDocument:
    """One paper of the dossier (thành phần hồ sơ)."""

    name: str
    form: str = ""  # mẫu đơn, tờ khai
    quantity: str = ""  # "1 bản chính", "1 bản chính, 1 bản sao"; empty when not stated
    must_present: bool = False  # giấy tờ phải xuất trình (shown) rather than nộp (handed in)
    group: str = ""  # the heading it is listed under: "Giấy tờ phải nộp", "Trường hợp ủy quyền ..."


@dataclass(frozen=True)
class LegalBasis:
    """A căn cứ pháp lý listed for a procedure."""

    title: str
    number: str | None = None


@dataclass(frozen=True)
class Procedure:
    """A thủ tục hành chính of the National Public Service Portal."""

    code: str  # mã thủ tục, e.g. "1.001193"
    title: str
    field: str = ""  # lĩnh vực
    level: str = ""  # cấp thực hiện
    agency: str = ""  # cơ quan thực hiện / có thẩm quyền
    audience: str = ""  # đối tượng thực hiện
    steps: str = ""  # trình tự thực hiện
    methods: tuple[SubmissionMethod, ...] = ()
    documents: tuple[RequiredDocument, ...] = ()
    legal_bases: tuple[LegalBasis, ...] = ()
    result: str = ""  # kết quả: the papers it ends with, "; "-separated
    requirements: str = ""  # yêu cầu, điều kiện
    notes: tuple[str, ...] = ()  # the dossier's "Lưu ý" rows: remarks, not papers to bring
    url: str = ""
    source: str = ""


@dataclass(frozen=True)
class Passage:
    """The unit of retrieval: a quotable piece with everything needed to cite it."""

    passage_id: str
    kind: Kind
    doc_id: str  # số hiệu for law/document, mã thủ tục for procedure
    doc_title: str
    heading: str  # "Điều 16. Thời hạn đăng ký khai sinh" or the procedure's name
    text: str
    article: str | None = None
    clauses: tuple[str, ...] = ()  # khoản numbers contained in this piece
    access: Access = "public"
    status: Status = "unknown"
    url: str = ""
    source: str = ""


@dataclass(frozen=True)
class Evidence:
    """A retrieved passage with its fused score and the rank each retriever gave it."""

    passage: Passage
    score: float
    ranks: dict[str, int] = field(default_factory=dict)


def lowered(evidence: list[Evidence], share: Callable[[Evidence], float]) -> list[Evidence]:
    """``evidence`` best first, each score lowered by ``share(e)`` of the best absolute score of the list
    (a negative share raises it): how a ranking step demotes what the question does not ask for without
    hiding it (``knowledge.current_law``, ``knowledge.sanctions``, ``knowledge.procedure_family``)."""
    scale = max((abs(e.score) for e in evidence), default=0.0) or 1.0
    ranked = [replace(e, score=e.score - amount * scale) if (amount := share(e)) else e for e in evidence]
    return sorted(ranked, key=lambda e: -e.score)


@dataclass(frozen=True)
class StatusChange:
    """One step of a văn bản's validity: from ``since`` on (None: from the start) it has ``status``.

    ``source`` says who says so: ``feed`` (a validity feed, ``knowledge.parsing.status_feed``),
    ``corpus`` (the final provisions of the documents read) or ``unknown`` (nobody);
    ``basis`` is the feed's stated basis or the sentence of the corpus that makes the change.
    """

    status: Status
    since: date | None = None
    replaced_by: tuple[str, ...] = ()
    amended_by: tuple[str, ...] = ()
    source: StatusSource = "unknown"
    basis: str = ""


@dataclass(frozen=True)
class RegistryEntry:
    """What the registry knows of a văn bản: identity, validity as of the day it is read, who may read it.

    A document that another repeals is ``repealed`` (``replaced_by`` names the replacing
    ones), one replaced in part ``partially_repealed``, one changed in part ``amended``
    (``amended_by``), one only cited and never read ``unknown``. ``status_since`` is the
    day the status took effect, ``status_source`` and ``basis`` who says so and why,
    ``upcoming`` the next change already known ("sẽ hết hiệu lực từ ...").
    """

    doc_id: str
    number: str | None
    doc_type: str
    title: str
    status: Status
    issuer: str | None = None
    issued_on: date | None = None
    effective_on: date | None = None
    replaced_by: tuple[str, ...] = ()
    amended_by: tuple[str, ...] = ()
    access: Access = "public"
    in_corpus: bool = False
    source: str = ""
    status_since: date | None = None
    status_source: StatusSource = "unknown"
    basis: str = ""
    upcoming: StatusChange | None = None

    @property
    def year(self) -> int | None:
        """The year of issue: from its date, else from its number (a document known only from a feed)."""
        return self.issued_on.year if self.issued_on else number_year(self.number or "")
