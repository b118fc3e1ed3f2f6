"""What a lookup of an old unit says, in Vietnamese, for the chat and for ``troly dvhc``.

``message(match, lookup)`` is the text: the new unit(s) with their share and the khoản
as citation, the question to ask when a name is shared, the close names when a unit is
not found. ``quotes(match, lookup)`` are the khoản cited, verbatim. ``to_json`` is the
``troly dvhc --json`` object:

    {"query", "status", "message", "asked", "note", "suggestions",
     "units": [{"old_unit": {"kind", "name", "label"}, "district", "province", "split",
                "new_units": [{"kind", "name", "label", "share", "share_text", "people",
                               "resolution", "article", "clause", "citation", "text"}]}],
     "formed": [the same new-unit objects, each with "old_unit": the unit that went into it]}
"""
from __future__ import annotations

from knowledge.dvhc import SHARE_WORDS, Match, OldUnit, Row, UnitLookup

MAX_LISTED = 12
MAX_CHOICES = 10  # more candidates than this: the provinces they are in, and a question, instead of a list
KEPT = "không thực hiện sắp xếp"
# A part given with where its residents went ("một phần diện tích tự nhiên, toàn bộ quy mô dân số").
_PART_PEOPLE = {"all": "một phần diện tích, toàn bộ dân cư", "none": "một phần diện tích, không có dân cư"}
ASK_UNIT = "Hãy cho biết tên phường, xã, thị trấn cũ, ví dụ “phường Bến Nghé, Quận 1” hoặc “Phường 12, Quận 3”."
ASK_OWN_UNIT = (
    "Từ ngày 01/7/2025 các phường, xã đã được sắp xếp lại: việc của cấp xã nay làm tại phường, xã mới. "
    "Để biết xã, phường của bạn nay là đơn vị nào, hãy cho biết tên phường, xã, thị trấn cũ và quận, huyện, "
    "ví dụ “xã Tân Thạnh Đông, Củ Chi” hoặc “Phường 12, Quận 3”."
)
NO_DATA = (
    "Chưa có các nghị quyết sắp xếp đơn vị hành chính cấp xã năm 2025 trong cơ sở dữ liệu: hãy chạy “troly ingest” "
    "(no merger resolutions indexed)."
)


def rows_cited(match: Match) -> list[Row]:
    """The rows whose khoản the answer cites, each khoản once, in order."""
    rows = [r for u in match.units for r in u.rows] if match.status == "found" else list(match.formed)
    first: dict[tuple[str, str], Row] = {}
    for row in rows:
        first.setdefault((row.resolution, row.khoan), row)
    return list(first.values())


def citation_line(rows: list[Row], lookup: UnitLookup) -> str:
    """"khoản 7 Điều 1 Nghị quyết 1685/NQ-UBTVQH15 ngày 16/6/2025 của Ủy ban Thường vụ Quốc hội" (the khoản of one
    resolution together: "các khoản 19, 20, 23, 48 Điều 1 …")."""
    by_resolution: dict[str, list[str]] = {}
    for row in rows:
        by_resolution.setdefault(row.resolution, []).append(row.khoan)
    parts = []
    for number, khoans in by_resolution.items():
        issued = lookup.resolutions[number].issued_on
        which = f"khoản {khoans[0]}" if len(khoans) == 1 else f"các khoản {', '.join(khoans)}"
        date = f" ngày {issued.day}/{issued.month}/{issued.year}" if issued else ""
        parts.append(f"{which} Điều 1 Nghị quyết {number}{date} của Ủy ban Thường vụ Quốc hội")
    return "; ".join(parts)


def message(match: Match, lookup: UnitLookup, chat: bool = True) -> str:
    """The answer's text, quotes excluded; ``chat``: a question asked back is answered by the next message,
    else (``troly dvhc``) by a query naming the district."""
    if not lookup:
        return NO_DATA
    note = f"\n(Lưu ý: {match.note}.)" if match.note else ""
    if match.status == "found":
        text = _found(match.units[0], lookup) + note
        return text[:1].upper() + text[1:]
    if match.status == "ambiguous":
        return _question(match, chat)
    if match.status == "new_unit":
        text = _formed(match, lookup)
        return text[:1].upper() + text[1:]
    if match.status == "district_only":
        listed = ", ".join(u.unit.label for u in match.units[:MAX_LISTED]) + (" …" if len(match.units) > MAX_LISTED else "")
        lines = [f"“{match.asked}” là đơn vị hành chính cấp huyện, không phải phường, xã (a district, not a commune). {ASK_UNIT}"]
        if listed:
            lines.append(f"Các đơn vị các nghị quyết ghi thuộc {match.asked}: {listed}.")
        return "\n".join(lines)
    if match.status == "not_found":
        text = (
            f"Không tìm thấy “{match.asked}” trong {len(lookup.resolutions)} nghị quyết sắp xếp đơn vị hành chính cấp xã "
            "năm 2025 (not found)."
        )
        if match.suggestions:
            return f"{text} Có phải bạn muốn hỏi: {'; '.join(match.suggestions)}?"
        return f"{text} {ASK_UNIT}"
    return f"{ASK_UNIT} (empty query)"


def _question(match: Match, chat: bool) -> str:
    """Which of the units sharing a name: numbered when they are few, by province when many."""
    name = match.units[0].unit.label
    lines = [f"Có {len(match.units)} đơn vị tên “{name}” trong các nghị quyết sắp xếp đơn vị hành chính cấp xã năm 2025."]
    if match.note:
        lines.append(f"Lưu ý: {match.note}.")
    if len(match.units) > MAX_CHOICES:
        provinces: dict[str, int] = {}
        for unit in match.units:
            provinces[unit.province.label] = provinces.get(unit.province.label, 0) + 1
        lines.append("Ở " + ", ".join(f"{province} ({count})" for province, count in provinces.items()) + ".")
        lines.append(f"Trước đây {name} của bạn thuộc quận, huyện, thị xã nào (ví dụ “{name}, Quận 3”)?")
        return "\n".join(lines)
    lines.append(
        "Trước đây bạn ở quận, huyện, thị xã (hoặc tỉnh) nào? Trả lời bằng tên hoặc số:" if chat
        else f"Hãy ghi thêm quận, huyện, thị xã (hoặc tỉnh) cũ, ví dụ “{name}, Quận 3”:"
    )
    lines += [f"{i}. {choice_label(unit)}" for i, unit in enumerate(match.units, start=1)]
    return "\n".join(lines)


def choices_of(match: Match) -> list[tuple[int, str, str]]:
    """(number, label, value) of the units offered to choose from; none when they are too many to list."""
    if match.status != "ambiguous" or len(match.units) > MAX_CHOICES:
        return []
    return [(i, choice_label(unit), unit.label) for i, unit in enumerate(match.units, start=1)]


def choice_label(unit: OldUnit) -> str:
    """"Phường 12 (Quận 3, Thành phố Hồ Chí Minh) → phường Nhiêu Lộc"."""
    return f"{unit.label} → {', '.join(dict.fromkeys(r.new_unit.label for r in unit.rows))}"


def quotes(match: Match, lookup: UnitLookup) -> list[tuple[str, str]]:
    """(citation, khoản text) of every khoản the answer rests on."""
    return [(citation_line([row], lookup), lookup.text(row)) for row in rows_cited(match)]


def _found(unit: OldUnit, lookup: UnitLookup) -> str:
    rows = list(unit.rows)
    where = rows[0].province.label
    if len(rows) == 1 and not rows[0].is_partial:
        row = rows[0]
        if row.share == "unchanged":
            text = f"{unit.label} {KEPT}: vẫn là {row.new_unit.label}, {where}."
        elif row.share == "renamed":
            text = f"{unit.label} được đổi tên thành {row.new_unit.label}, {where}."
        else:
            text = f"{unit.label} đã được sắp xếp (toàn bộ diện tích, dân số) vào {row.new_unit.label}, {where}."
        return f"{text}\nCăn cứ: {citation_line(rows, lookup)}."
    lines = [f"{unit.label} được chia cho {len({r.new_unit for r in rows})} đơn vị mới của {where}:"]
    lines += [f"- {_share(r)}: {r.new_unit.label} (khoản {r.khoan})" for r in rows]
    lines.append(
        "Nghị quyết không nêu từng khu phố, thôn, ấp thuộc đơn vị nào; nếu chưa rõ nơi ở của bạn thuộc đơn vị nào, hãy "
        "hỏi Ủy ban nhân dân một trong các đơn vị trên."
    )
    lines.append(f"Căn cứ: {citation_line(rows, lookup)}.")
    return "\n".join(lines)


def _share(row: Row) -> str:
    return _PART_PEOPLE.get(row.people, SHARE_WORDS[row.share]) if row.share == "partial" else SHARE_WORDS[row.share]


def _formed(match: Match, lookup: UnitLookup) -> str:
    first = match.formed[0]
    lines = [f"{first.new_unit.label} ({first.province.label}) là đơn vị hành chính cấp xã hình thành sau sắp xếp, từ:"]
    lines += [f"- {_share(r)} {r.old_unit.label}" for r in match.formed]
    lines.append(f"Căn cứ: {citation_line(rows_cited(match), lookup)}.")
    return "\n".join(lines)


def _new_unit_json(row: Row, lookup: UnitLookup) -> dict:
    return {
        "kind": row.new_unit.kind, "name": row.new_unit.name, "label": row.new_unit.label, "share": row.share,
        "share_text": SHARE_WORDS[row.share], "people": row.people, "resolution": row.resolution, "article": "1",
        "clause": row.khoan, "citation": row.citation, "text": lookup.text(row),
    }


def _unit_json(unit: OldUnit, lookup: UnitLookup) -> dict:
    return {
        "old_unit": {"kind": unit.unit.kind, "name": unit.unit.name, "label": unit.unit.label},
        "district": unit.district.label if unit.district else None,
        "province": unit.province.label,
        "split": unit.is_split,
        "new_units": [_new_unit_json(r, lookup) for r in unit.rows],
    }


def to_json(query: str, match: Match, lookup: UnitLookup, chat: bool = True) -> dict:
    return {
        "query": query,
        "status": match.status,
        "message": message(match, lookup, chat),
        "asked": match.asked,
        "note": match.note or None,
        "suggestions": list(match.suggestions),
        "units": [_unit_json(u, lookup) for u in match.units],
        "formed": [{**_new_unit_json(r, lookup), "old_unit": r.old_unit.label} for r in match.formed],
    }
