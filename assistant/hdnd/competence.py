"""Which provisions give the council competence over the matter of a tờ trình.

The council's level (tỉnh, thành phố trực thuộc trung ương, huyện, quận, thị xã,
xã, phường, thị trấn) is read from "Kính gửi: Hội đồng nhân dân …", else from the
cơ quan trình. Its general competence is the article "Nhiệm vụ, quyền hạn của Hội
đồng nhân dân <level>" of the Luật Tổ chức chính quyền địa phương, quoted at the
khoản closest to the matter. The matter's own competence provisions (a chủ trương
đầu tư, the budget, a nghị quyết quy phạm, land to be recovered…) are searched in
the whole legal corpus; a provision is kept only when the quoted khoản itself
gives the council of that level (or "các cấp", "cùng cấp") the power. What the
knowledge base does not hold is said, never supplied from memory.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.skills.quoting import best_quote
from assistant.skills.validity import validity_phrase
from assistant.hdnd.submission import Metadata
from knowledge.base import KnowledgeBase
from knowledge.index.base import SearchFilters
from knowledge.models import Evidence, citation_label
from knowledge.text import fold

LOCAL_GOVERNMENT_LAW = "Luật Tổ chức chính quyền địa phương"
CANDIDATES = 6
MAX_TOPICAL = 3
_CENTRAL_CITIES = ("ha noi", "ho chi minh", "hai phong", "da nang", "can tho", "hue")
_COUNCIL = re.compile(r"(?:hoi dong nhan dan|hdnd|uy ban nhan dan|ubnd)\s+(.*)")
# Level names as the Luật Tổ chức chính quyền địa phương heads its articles, and the tier they belong to.
_LEVELS = (
    ("thanh pho truc thuoc trung uong", "thành phố trực thuộc trung ương", "tinh"),
    ("tinh", "tỉnh", "tinh"),
    ("huyen", "huyện", "huyen"),
    ("quan", "quận", "huyen"),
    ("thi xa", "thị xã", "huyen"),
    ("thanh pho", "thị xã, thành phố thuộc tỉnh", "huyen"),
    ("xa", "xã", "xa"),
    ("phuong", "phường", "xa"),
    ("thi tran", "thị trấn", "xa"),
)
_TIER_WORDS = {
    "tinh": r"cap tinh|tinh|thanh pho truc thuoc trung uong",
    "huyen": r"cap huyen|huyen|quan|thi xa",
    "xa": r"cap xa|xa|phuong|thi tran",
}
# (what in the trích yếu or the kinh phí calls for it, the query that finds the provision)
_TOPICS = (
    (
        r"chu truong dau tu|dau tu cong|du an dau tu",
        "Hội đồng nhân dân quyết định chủ trương đầu tư chương trình, dự án nhóm B, nhóm C sử dụng vốn ngân sách địa phương",
    ),
    (r"thu hoi dat|chuyen muc dich su dung dat", "dự án do Hội đồng nhân dân cấp tỉnh chấp thuận mà phải thu hồi đất"),
    (
        r"ban hanh nghi quyet|nghi quyet quy dinh|quy dinh (?:muc|chinh sach|che do)",
        "Hội đồng nhân dân cấp tỉnh ban hành nghị quyết để quy định chính sách, biện pháp, chế độ chi",
    ),
    (
        r"kinh phi|ngan sach|du toan|ho tro|muc chi",
        "Nhiệm vụ, quyền hạn của Hội đồng nhân dân các cấp: quyết định dự toán, phân bổ ngân sách, chế độ, định mức chi"
        " ngân sách đối với nhiệm vụ chi đặc thù ở địa phương",
    ),
    (r"(?<!kinh )phi|le phi|gia dich vu", "Hội đồng nhân dân cấp tỉnh quyết định mức thu phí, lệ phí, giá dịch vụ"),
)
# The fields of the council's powers as the law groups them (khoản of "Nhiệm vụ, quyền hạn của Hội đồng
# nhân dân tỉnh"), and words of a trích yếu that fall in each.
_FIELDS = (
    ("giáo dục, đào tạo", r"hoc phi|hoc sinh|mam non|truong hoc|giao duc|dao tao|sinh vien|giao vien|hoc bong"),
    ("y tế, lao động và thực hiện chính sách xã hội",
     r"y te|bac si|benh vien|kham benh|suc khoe|lao dong|viec lam|an sinh|bao tro|nguoi co cong|ho ngheo"),
    ("văn hóa, thông tin, thể dục, thể thao", r"van hoa|le hoi|du lich|di tich|the thao|thu vien|bao tang"),
    ("kinh tế, tài nguyên, môi trường",
     r"moi truong|chat thai|rac|dat dai|thu hoi dat|tai nguyen|giao thong|duong|cau|xay dung|dau tu|ha tang|do thi|nong nghiep"),
    ("dân tộc, tôn giáo", r"dan toc|ton giao|khmer|dong bao"),
    ("quốc phòng, an ninh, trật tự, an toàn xã hội", r"quoc phong|an ninh|trat tu|phong chay|dan quan"),
)
_REFERS_TO = re.compile(r"quy định tại Điều (\d+[a-zđ]?) của Luật này")


@dataclass(frozen=True)
class Level:
    key: str  # folded, as in article headings: "tinh", "thanh pho truc thuoc trung uong"
    name: str  # "tỉnh"
    tier: str  # "tinh", "huyen" or "xa"


@dataclass(frozen=True)
class Provision:
    """A provision quoted at the khoản that matters, with its document's validity."""

    label: str  # "khoản 4 Điều 19 Luật Tổ chức chính quyền địa phương"
    doc_id: str
    title: str
    article: str | None
    clause: str | None
    point: str | None
    quote: str
    status: str
    validity: str  # "còn hiệu lực, đã được sửa đổi, bổ sung bởi …"
    url: str | None

    def to_dict(self) -> dict:
        return {
            "label": self.label,
            "id": self.doc_id,
            "title": self.title,
            "article": self.article,
            "clause": self.clause,
            "point": self.point,
            "text": self.quote,
            "status": self.status,
            "validity": self.validity,
        }


@dataclass(frozen=True)
class Competence:
    level: Level | None
    provisions: tuple[Provision, ...]
    notes: tuple[str, ...]  # what could not be found, said plainly

    @property
    def doc_ids(self) -> set[str]:
        return {p.doc_id for p in self.provisions}

    def to_dict(self) -> dict:
        return {
            "level": self.level.name if self.level else None,
            "provisions": [p.to_dict() for p in self.provisions],
            "notes": list(self.notes),
        }


def council_level(metadata: Metadata) -> Level | None:
    """The level of the council the tờ trình goes to (from "Kính gửi"), else of the body that sends it."""
    for text in (metadata.addressee, metadata.issuer):
        match = _COUNCIL.search(fold(text or ""))
        if not match:
            continue
        place = match.group(1)
        if place.startswith("thanh pho") and any(place[10:].startswith(city) for city in _CENTRAL_CITIES):
            return Level(*_LEVELS[0])
        for key, name, tier in _LEVELS[1:]:
            if re.match(rf"{key}\b", place):
                return Level(key, name, tier)
    return None


def matter_question(trich_yeu: str) -> str:
    """What chooses the khoản of the council's powers to quote: the fields the trích yếu falls in
    ("lĩnh vực giáo dục, đào tạo"), else the trích yếu itself."""
    folded = fold(trich_yeu)
    fields = [name for name, words in _FIELDS if re.search(rf"\b(?:{words})\b", folded)]
    return "lĩnh vực " + "; ".join(fields) if fields else trich_yeu


def _empowers(level: Level, text: str) -> bool:
    """Whether the text (an article's heading and quoted khoản) gives the council of ``level`` (or of every level) a power."""
    folded = fold(text)
    tier = _TIER_WORDS[level.tier]
    return bool(
        re.search(rf"hoi dong nhan dan (?:cac cap|{tier})\b", folded)
        or re.search(rf"(?:{tier})\b[^.;:]*hoi dong nhan dan cung cap", folded)
    )


class CompetenceFinder:
    """Finds the competence provisions in a knowledge base, for a reader of the given access levels."""

    def __init__(self, kb: KnowledgeBase, access: tuple[str, ...] = ("public", "internal")):
        self.kb = kb
        self.access = access

    def _search(self, query: str, doc_ids: tuple[str, ...] | None = None, k: int = CANDIDATES) -> list[Evidence]:
        return self.kb.search(query, k, SearchFilters(kinds=("law",), access=self.access, doc_ids=doc_ids))

    def _provision(self, evidence: Evidence, question: str) -> Provision:
        p = evidence.passage
        quote = best_quote(question, p)
        label = citation_label(p.doc_title, p.article, quote.clause, quote.point) if p.article else p.doc_title
        entry = self.kb.registry.get(p.doc_id)
        return Provision(
            label, p.doc_id, p.doc_title, p.article, quote.clause, quote.point, quote.text,
            entry.status if entry else p.status, validity_phrase(self.kb.registry, entry), p.url or None,
        )

    def _general(self, level: Level, matter: str) -> tuple[list[Provision], str | None]:
        """The article on the powers of the council of ``level``, and the article it refers to, if any
        (that of the thành phố trực thuộc trung ương refers to that of the tỉnh)."""
        law = self.kb.registry.lookup_title(LOCAL_GOVERNMENT_LAW)
        if law is None or not law.in_corpus:
            return [], (
                f"Cơ sở dữ liệu văn bản chưa có {LOCAL_GOVERNMENT_LAW}: chưa trích được quy định về nhiệm vụ, quyền hạn"
                f" của Hội đồng nhân dân {level.name}; đề nghị đối chiếu trực tiếp văn bản này."
            )
        articles = self._search(f"Nhiệm vụ, quyền hạn của Hội đồng nhân dân {level.name} {matter}", (law.doc_id,), k=30)
        heading = f"hoi dong nhan dan {level.key}"
        own = next((e for e in articles if heading in fold(e.passage.heading)), None)
        if own is None:
            return [], f"Không tìm thấy điều quy định nhiệm vụ, quyền hạn của Hội đồng nhân dân {level.name} trong {LOCAL_GOVERNMENT_LAW}."
        own_pieces = [e for e in articles if e.passage.article == own.passage.article]
        reference = next(filter(None, (_REFERS_TO.search(e.passage.text) for e in own_pieces)), None)
        referred = [e for e in articles if reference and e.passage.article == reference.group(1)]
        if referred:
            return [self._best(own_pieces, reference.group(0)), self._best(referred, matter)], None
        return [self._best(own_pieces, matter)], None

    def _best(self, pieces: list[Evidence], question: str) -> Provision:
        """The provision quoted from whichever piece of a long article answers ``question`` best."""
        return self._provision(max(pieces, key=lambda e: best_quote(question, e.passage).score), question)

    def _topical(self, level: Level, matter: str, has_funding: bool, exclude: set[tuple[str, str | None]]) -> list[Provision]:
        wanted = fold(matter) + (" kinh phi" if has_funding else "")
        found: list[Provision] = []
        for trigger, query in _TOPICS:
            if not re.search(rf"\b(?:{trigger})\b", wanted):
                continue
            for evidence in self._search(query):
                key = (evidence.passage.doc_id, evidence.passage.article)
                provision = self._provision(evidence, query)
                if key not in exclude and _empowers(level, f"{evidence.passage.heading}\n{provision.quote}"):
                    exclude.add(key)
                    found.append(provision)
                    break
            if len(found) == MAX_TOPICAL:
                break
        return found

    def find(self, metadata: Metadata, has_funding: bool) -> Competence:
        level = council_level(metadata)
        if level is None:
            return Competence(None, (), ("Không xác định được cấp của Hội đồng nhân dân nhận tờ trình (dòng “Kính gửi”).",))
        general, note = self._general(level, matter_question(metadata.trich_yeu))
        exclude = {(p.doc_id, p.article) for p in general}
        provisions = general + self._topical(level, metadata.trich_yeu, has_funding, exclude)
        return Competence(level, tuple(provisions), (note,) if note else ())
