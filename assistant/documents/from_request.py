"""Drafting from a chat request: "soạn giấy mời họp giao ban 9h thứ Hai tại phòng họp số 2".

``draft_from_request`` finds the document type, fills what the request says
(subject, place after "tại", time, addressee after "gửi", guests after "mời") and
marks every other required field "[cần bổ sung: …]" for the officer to complete;
the result carries the .docx. Requests typed without diacritics work too.

Times are read by the task room's Vietnamese time parser (``assistant.tasks.timeparse``)
and written out as Nghị định 30 writes dates ("09 giờ 00, thứ Hai, ngày 08 tháng 01
năm 2024"); what it cannot settle is left for the officer to complete.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from assistant.documents.dates import format_long_date
from assistant.documents.doc_types import DOC_TYPES
from assistant.documents.docx_writer import render_docx
from assistant.documents.draft_data import DraftData, Signer
from assistant.tasks.dates import TZ
from assistant.tasks.timeparse import Clarification, extract_when
from knowledge.errors import BadInput
from knowledge.text.normalize import fold, normalize

PLACEHOLDER = "[cần bổ sung: {}]"
_TYPE_WORDS = {
    "giay moi": "giay-moi",
    "moi hop": "giay-moi",
    "cong van": "cong-van",
    "quyet dinh": "quyet-dinh",
    "to trinh": "to-trinh",
    "bao cao": "bao-cao",
    "ke hoach": "ke-hoach",
    "thong bao": "thong-bao",
    "bien ban": "bien-ban",
}
_MEETING_TYPES = ("giay-moi", "bien-ban")
_WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")
_PLACE = re.compile(r"\btai\s+(.+?)(?=\s+(?:luc|vao|ngay|thu|chu nhat|de|ve|gui|moi)\b|[,.;]|$)")
_TO = re.compile(r"\bgui\s+(.+?)(?=\s+(?:ve|de|tai|luc|vao)\b|[,.;]|$)")
_GUESTS = re.compile(r"\bmoi\s+(?!hop\b)(.+?)(?=\s+(?:du|tham du|hop|toi|den|tai|luc|vao)\b|[,.;]|$)")
_LEAD = re.compile(r"^(?:\s*(?:ve viec|ve|v/v|cho|voi noi dung|noi dung|tham du|toi du|du)\s+)+")


@dataclass(frozen=True)
class DraftResult:
    doc_type: str  # slug: "giay-moi"
    data: DraftData
    filled: dict[str, str]  # what the request gave, by field
    missing: tuple[str, ...]  # what is left "[cần bổ sung: …]"
    docx: bytes

    @property
    def message(self) -> str:
        kind = DOC_TYPES[self.doc_type].name.lower()
        given = "; ".join(f"{k}: {v}" for k, v in self.filled.items())
        text = f"Đã soạn dự thảo {kind}" + (f" ({given})" if given else "") + "."
        if self.missing:
            text += " Cần bổ sung: " + ", ".join(self.missing) + "."
        return text


def _folded(text: str) -> str:
    """Diacritics removed character by character, so positions match ``text``."""
    return "".join((fold(ch) or ch)[:1] for ch in text)


def _detect_type(folded: str) -> tuple[str, int, int]:
    found = [(folded.find(word), slug, len(word)) for word, slug in _TYPE_WORDS.items() if word in folded]
    if not found:
        raise BadInput(
            "chưa rõ loại văn bản cần soạn; hãy nói rõ một trong: "
            + ", ".join(t.name.lower() for t in DOC_TYPES.values())
        )
    start, slug, size = min(found)
    return slug, start, start + size


def _meeting_time(text: str, now: datetime) -> tuple[str | None, list[tuple[int, int]]]:
    """The time the request names, written out as Nghị định 30 writes it, and the spans it
    was read from (``assistant.tasks.timeparse`` reads it). A time it cannot settle, or
    a day without an hour, leaves "[cần bổ sung: …]" rather than a guess."""
    extraction = extract_when(text, now if now.tzinfo else now.replace(tzinfo=TZ))
    if extraction.result is None:
        return None, []
    spans = list(extraction.spans)
    if isinstance(extraction.result, Clarification):
        return PLACEHOLDER.format("thời gian họp"), spans
    due = extraction.result.due
    guessed_hour = any(a.startswith("không nêu giờ") for a in extraction.result.assumptions)
    hour = PLACEHOLDER.format("giờ họp") if guessed_hour else f"{due:%H} giờ {due:%M}"
    return f"{hour}, {_WEEKDAYS[due.weekday()]}, {format_long_date(due.date())}", spans


class _Fields:
    """Collects the fields of the draft and the placeholders left in it."""

    def __init__(self) -> None:
        self.missing: list[str] = []

    def need(self, label: str) -> str:
        self.missing.append(label)
        return PLACEHOLDER.format(label)

    def given(self, value: str | None, label: str) -> str:
        return value if value else self.need(label)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _subject(text: str, folded: str, start: int, cut: list[tuple[int, int]]) -> str:
    """What the request says the document is about: after the type word, minus place, time, addressee."""
    keep = [ch if not any(a <= i < b for a, b in cut) else " " for i, ch in enumerate(text)]
    rest, rest_folded = "".join(keep)[start:], _folded("".join(keep))[start:]
    lead = _LEAD.match(rest_folded)
    if lead:
        rest = rest[lead.end() :]
    return " ".join(rest.split()).strip(" ,.;:-")


def draft_from_request(text: str, now: datetime) -> DraftResult:
    """Draft the document a chat request asks for, with "[cần bổ sung: …]" where it says nothing."""
    text = normalize(text).strip()
    if not text:
        raise BadInput("yêu cầu soạn thảo trống")
    folded = _folded(text)
    slug, type_start, after = _detect_type(folded)
    kind = DOC_TYPES[slug]
    fields = _Fields()
    filled: dict[str, str] = {}
    cut: list[tuple[int, int]] = []

    def capture(pattern: re.Pattern[str], name: str, start: int = after) -> str | None:
        match = pattern.search(folded, start)
        if not match:
            return None
        cut.append((match.start(), match.end()))
        value = text[match.start(1) : match.end(1)].strip()
        filled[name] = value
        return value

    place = capture(_PLACE, "địa điểm")
    to = capture(_TO, "kính gửi") if kind.kinh_gui else None
    # "giấy mời các trưởng phòng dự họp …": the "mời" of "giấy mời" may introduce the guests
    guests = capture(_GUESTS, "thành phần mời", type_start) if slug == "giay-moi" else None
    # Only meetings have a time of their own; elsewhere "tháng 02 năm 2024" belongs to the subject.
    when, time_spans = _meeting_time(text, now) if slug in _MEETING_TYPES else (None, [])
    cut += time_spans
    if when:
        filled["thời gian"] = when
    subject = _subject(text, folded, after, cut)
    if subject:
        filled["nội dung"] = subject

    values: dict = {
        "co_quan": fields.need("tên cơ quan ban hành"),
        "ky_hieu_co_quan": fields.need("chữ viết tắt tên cơ quan"),
        "trich_yeu": _capitalised(subject) if subject else fields.need("trích yếu nội dung"),
        "ngay": now.date(),
        "noi_nhan": (fields.need("nơi nhận"),),
    }
    if kind.dated:
        values["dia_danh"] = fields.need("địa danh")
    if slug != "bien-ban":
        values["nguoi_ky"] = Signer(fields.need("chức vụ người ký"), fields.need("họ tên người ký"))
    if slug == "giay-moi":
        values.update(
            kinh_moi=fields.given(guests, "thành phần được mời"),
            cuoc_hop=f"cuộc {subject}" if _folded(subject).startswith("hop ") else subject,
            thoi_gian=fields.given(when, "thời gian"),
            dia_diem=_capitalised(place) if place else fields.need("địa điểm"),
        )
    elif slug == "bien-ban":
        values.update(
            thoi_gian_bat_dau=fields.given(when, "thời gian bắt đầu"),
            dia_diem=_capitalised(place) if place else fields.need("địa điểm"),
            thanh_phan=(fields.need("thành phần tham dự"),),
            chu_toa=fields.need("chủ tọa"),
            thu_ky=fields.need("thư ký"),
            noi_dung=(fields.need("diễn biến cuộc họp"),),
            thoi_gian_ket_thuc=fields.need("thời gian kết thúc"),
        )
    elif slug == "quyet-dinh":
        values.update(
            tham_quyen=fields.need("thẩm quyền ban hành"),
            can_cu=(fields.need("căn cứ ban hành"),),
            noi_dung=(
                f"Điều 1. {fields.need('nội dung quyết định')}",
                "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
                f"Điều 3. {fields.need('cơ quan, cá nhân thi hành')} chịu trách nhiệm thi hành Quyết định này.",
            ),
        )
    else:
        values["noi_dung"] = (fields.need(f"nội dung {kind.name.lower()}"),)
    if slug == "cong-van":
        values["don_vi_soan_thao"] = fields.need("chữ viết tắt đơn vị soạn thảo")
        values["kinh_gui"] = (to if to else fields.need("cơ quan nhận (Kính gửi)"),)
    elif to:
        values["kinh_gui"] = (to,)
    data = DraftData(doc_type=kind, **values)
    return DraftResult(slug, data, filled, tuple(fields.missing), render_docx(data))
