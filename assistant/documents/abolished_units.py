"""Units that no longer exist, addressed or given work by a document dated after the 2025 merger.

Since 01/7/2025 local government has two levels, tỉnh and xã (Luật Tổ chức chính quyền địa
phương số 72/2025/QH15): no quận, huyện, thị xã or thành phố thuộc tỉnh has a council or a
people's committee any more, and the communes were rearranged by the 34 resolutions of
16/6/2025 (``knowledge.dvhc``). A draft or tờ trình dated on or after that day that sends
itself to such a body or gives it work gets a finding naming what exists now:

- ``DVHC.CAP_HUYEN_ABOLISHED``: "Ủy ban nhân dân cấp huyện", "UBND các quận, huyện", "UBND
  huyện Củ Chi", "Chủ tịch UBND thị xã …" → cấp xã (or the province's body);
- ``DVHC.UNIT_MERGED``: a phường, xã or thị trấn by a name no unit bears since the merger
  ("UBND Phường 12, Quận 3") → the unit(s) it became, from the lookup ("Ủy ban nhân dân
  phường Nhiêu Lộc").

Both are errors: a body that does not exist cannot receive the document or carry out the work.
Only mentions that address or assign count: the Kính gửi and Nơi nhận lines, and sentences
that give work (giao, đề nghị, chủ trì, phối hợp, tổ chức thực hiện, …). A history is not
flagged: the căn cứ, a document cited with the body that issued it ("Quyết định số 12/QĐ-UBND
ngày 5/3/2020 của UBND huyện …"), a unit called "cũ" or "trước đây". Nor is any document dated
before 01/7/2025, or undated.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from assistant.documents.findings import Finding, finding
from assistant.documents.lines import Line
from knowledge.dvhc import UnitLookup
from knowledge.parsing.legal.structure import UPPER

MERGER_DAY = date(2025, 7, 1)
CAP_HUYEN = "DVHC.CAP_HUYEN_ABOLISHED"
UNIT_MERGED = "DVHC.UNIT_MERGED"
TWO_LEVELS = (
    "từ ngày 01/7/2025 chính quyền địa phương tổ chức ở cấp tỉnh và cấp xã, không còn cấp huyện "
    "(Luật Tổ chức chính quyền địa phương số 72/2025/QH15)"
)

_BODY = r"(?:Chủ tịch\s+)?(?:Ủy ban nhân dân|UBND|Hội đồng nhân dân|HĐND)"
_NAME = rf"(?:[{UPPER}\d][^\s,.;:()]*)(?:\s+[{UPPER}\d][^\s,.;:()]*)*"
_DISTRICT = r"(?i:quận|huyện|thị xã|thành phố)"  # "Quận 3" as often as "quận Bình Thạnh"
_MENTIONS = re.compile(
    rf"(?P<body>{_BODY})\s+(?:"
    rf"(?P<level>(?:các\s+)?cấp\s+huyện)"
    rf"|(?P<districts>các\s+{_DISTRICT}(?:\s*(?:,|/|và)\s*{_DISTRICT}(?:\s+thuộc\s+tỉnh)?)*)"
    rf"|(?P<dkind>{_DISTRICT})\s+(?P<dname>{_NAME})"
    rf"|(?P<kind>(?i:phường|xã|thị trấn))\s+(?P<name>{_NAME})(?:\s*,\s*(?P<qkind>{_DISTRICT})\s+(?P<qname>{_NAME}))?"
    r")"
)
_GIVES_WORK = re.compile(
    r"\b(?:giao|đề nghị|yêu cầu|chủ trì|phối hợp|chịu trách nhiệm|có trách nhiệm|tổ chức thực hiện|triển khai|"
    r"thực hiện|chỉ đạo|hướng dẫn|báo cáo|tham mưu|kiểm tra|theo dõi|gửi|trình)\b",
    re.IGNORECASE,
)
# A document cited with its issuer ("Quyết định số 12/QĐ-UBND ngày 5/3/2020 của"), just before the mention.
_CITED_ISSUER = re.compile(r"(?:\bsố\s*\d[^\s,;]*|\bngày\s+\d{1,2}(?:[/.-]\d{1,2}[/.-]\d{4}|\s+tháng\s+\d{1,2}\s+năm\s+\d{4}))[^.;]*\bcủa\s*$", re.IGNORECASE)
_HISTORY = re.compile(r"^\s*(?:\(?\s*cũ\b|trước đây|trước (?:khi )?sắp xếp)", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.;!?](?:\s|$)")
_YEAR = re.compile(r"\bnăm\s+(\d{4})\b")


@dataclass(frozen=True)
class Mention:
    code: str
    written: str  # "UBND huyện Củ Chi", as in the text
    now: str  # what exists now: "cấp xã", "Ủy ban nhân dân phường Nhiêu Lộc"
    line: Line


def issued_after_merger(issued_on: date | None, date_line: str = "") -> bool:
    """Whether a document is dated on or after 01/7/2025; an undated one counts from the year of its
    date line ("ngày … tháng … năm 2026")."""
    if issued_on is not None:
        return issued_on >= MERGER_DAY
    year = _YEAR.search(date_line)
    return year is not None and int(year.group(1)) > MERGER_DAY.year


def check_units(addressed: list[Line], body: list[Line], units: UnitLookup | None) -> list[Finding]:
    """Findings for the bodies that no longer exist: every mention in ``addressed`` (Kính gửi, Nơi nhận),
    and those of ``body`` in a sentence that gives work. The caller checks the date (``issued_after_merger``)."""
    return [found for _, found in findings_by_mention(addressed, body, units)]


def findings_by_mention(addressed: list[Line], body: list[Line], units: UnitLookup | None) -> list[tuple[str, Finding]]:
    """``check_units``' findings, each with the mention it is about as written ("UBND huyện Củ Chi"):
    one finding per mention, at its first place, counting the others."""
    mentions = [m for line in addressed for m in _mentions(line, units, addressing=True)]
    mentions += [m for line in body for m in _mentions(line, units, addressing=False)]
    grouped: dict[tuple[str, str], list[Mention]] = {}
    for mention in mentions:
        grouped.setdefault((mention.code, " ".join(mention.written.split())), []).append(mention)
    found = []
    for (code, written), same in sorted(grouped.items(), key=lambda item: item[1][0].line.number):
        where = f" ({len(same)} chỗ)" if len(same) > 1 else ""
        if code == CAP_HUYEN:
            message = f"“{written}”{where}: {TWO_LEVELS}; giao việc, gửi văn bản cho {same[0].now}"
        else:
            message = f"“{written}”{where}: đơn vị này không còn từ ngày 01/7/2025; nay là {same[0].now}"
        found.append((written, finding(code, message, same[0].line.location)))
    return found


def _mentions(line: Line, units: UnitLookup | None, addressing: bool) -> list[Mention]:
    text = line.text
    found = []
    for match in _MENTIONS.finditer(text):
        sentence_start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, match.start())), default=0)
        sentence_end = next((m.start() for m in _SENTENCE_END.finditer(text, match.end())), len(text))
        if not addressing and not _GIVES_WORK.search(text[sentence_start:sentence_end]):
            continue
        if _CITED_ISSUER.search(text[sentence_start : match.start()]) or _HISTORY.match(text[match.end() :]):
            continue
        now = _now(match, units)
        if now is not None:
            found.append(Mention(now[0], match.group(0), now[1], line))
    return found


def _now(match: re.Match[str], units: UnitLookup | None) -> tuple[str, str] | None:
    """(code, what exists now) for a mention of a body that no longer exists; None for one that does."""
    body = "Chủ tịch Ủy ban nhân dân" if match.group("body").startswith("Chủ tịch") else (
        "Hội đồng nhân dân" if match.group("body") in ("Hội đồng nhân dân", "HĐND") else "Ủy ban nhân dân"
    )
    if match.group("level") or match.group("districts"):
        return CAP_HUYEN, f"{body} cấp xã (hoặc cơ quan cấp tỉnh có thẩm quyền)"
    if match.group("dkind"):
        name = match.group("dname")
        if match.group("dkind").lower() == "thành phố" and (units is None or units.is_province(name)):
            return None  # "Ủy ban nhân dân thành phố Hà Nội" is a province's; without the lookup it cannot be told apart
        where = f"{match.group('dkind')} {name}"
        return CAP_HUYEN, f"{body} các xã, phường trên địa bàn {where} cũ (cấp xã), hoặc cơ quan cấp tỉnh có thẩm quyền"
    kind, name = match.group("kind").lower(), match.group("name")
    if units is None or not units:
        return (UNIT_MERGED, f"{body} xã hoặc phường đã hình thành từ thị trấn {name}") if kind == "thị trấn" else None
    if kind != "thị trấn" and (units.is_current_name(kind, name) or not units.units_named(kind, name)):
        return None
    query = f"{kind} {name}" + (f", {match.group('qkind')} {match.group('qname')}" if match.group("qkind") else "")
    found = units.find(query)
    if found.status == "found":
        new = list(dict.fromkeys(r.new_unit.label for r in found.units[0].rows))
        where = found.units[0].province.label
        now = f"{body} {new[0]} ({where})" if len(new) == 1 else (
            f"{body} {' hoặc '.join(new)} ({where}; {found.units[0].unit.label} được chia, tùy địa bàn)"
        )
        return UNIT_MERGED, now
    candidates = "; ".join(
        f"{u.label} → {', '.join(dict.fromkeys(r.new_unit.label for r in u.rows))}" for u in found.units[:3]
    )
    return UNIT_MERGED, f"đơn vị mới tương ứng (có {len(found.units)} đơn vị cũ cùng tên: {candidates})"
