"""Reading the khoản of a merger resolution into rows: which old units formed which new one.

Each khoản of Điều 1 of the Ủy ban Thường vụ Quốc hội's resolutions of 16/6/2025
(1654–1687/NQ-UBTVQH15) says it in one sentence:

    Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của phường Bến Nghé và một phần diện
    tích tự nhiên, quy mô dân số của phường Đa Kao, phường Nguyễn Thái Bình thành phường mới
    có tên gọi là phường Sài Gòn.

A share phrase ("toàn bộ …", "một phần …", "phần còn lại của … sau khi sắp xếp theo quy
định tại khoản N Điều này") applies to the units after it up to the next one; a kind word
("phường", "các xã") to the names after it up to the next one. Two other forms occur:
"Đổi tên xã Krông Na thành xã Buôn Đôn." and the closing khoản ("Sau khi sắp xếp, tỉnh …
có N đơn vị …; … và 06 xã không thực hiện sắp xếp là các xã …"), whose units stay as they are.

The text is read as published: words are often glued ("xãQuảng Lâm", "vàxã", "Yên
Thổthành", "(huyện Bảo Lạc)thành"), so ``unglue`` first puts spaces back where a
Vietnamese syllable cannot continue. An old district in parentheses names the unit
before it ("xã Vĩnh Quang (huyện Bảo Lâm) và xã Lý Bôn"), and the units listed with it:
the names after the same kind word ("các phường Phú Sơn, Lam Sơn, Ba Đình, Ngọc Trạo và
Đông Sơn (thành phố Thanh Hóa)"), a unit joined by "và" ("các xã Yên Phong và xã Yên Nhân
(huyện Yên Mô)") and a run of numbered wards ("Phường 9, Phường 11, Phường 12 và Phường
14 (Quận 3)"), which would otherwise be ambiguous in the city. It does not reach a unit
listed with its own kind word after a comma ("phường Hoàng Liệt, thị trấn Văn Điển, xã Tam
Hiệp (huyện Thanh Trì)": only Tam Hiệp is in Thanh Trì). A unit split between khoản is not always
qualified in each ("một phần … của xã Bình Thạnh" in khoản 20, "phần còn lại của xã Bình
Thạnh (huyện Thủ Thừa) sau khi sắp xếp theo quy định tại khoản 20" in khoản 84): the
"sau khi sắp xếp theo quy định tại khoản N" links the pieces, and a district printed on one
is given to the others. The words "phần còn lại" end with that clause: a unit after it
("… Điều này và xã Phong Quang") takes the khoản's opening share again.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from knowledge.dvhc.units import DISTRICT_KINDS, UNIT_KINDS, People, Place, Row, Share, Unit
from knowledge.models import ParsedLegalDocument
from knowledge.text import fold, normalize

Form = Literal["formation", "rename", "closing", "unread"]

_TITLE = "sap xep cac don vi hanh chinh cap xa"
_PROVINCE = re.compile(r"cấp xã của\s+(tỉnh|thành phố)\s+(.+?)\s*$", re.IGNORECASE)

# Words a syllable cannot continue into: a space goes before them when they are glued to a word.
# (Each begins with a consonant that only starts a syllable, or is a whole syllable: no word holds them inside.)
_GLUED_BEFORE = re.compile(
    r"(?<=[^\W_])(?=thành|và|xã|phường|thị trấn|đặc khu|của|các|là|khoản|sau khi|một phần|phần còn lại|toàn bộ)"
)
_PUNCTUATION = [(re.compile(r"(?<=\S)\("), " ("), (re.compile(r"\)(?=[^\s,.;)])"), ") "), (re.compile(r",(?=\S)"), ", ")]

_FORMATION = re.compile(
    r"^(?:Sắp xếp|Nhập)\s+(?P<sources>.+)\s+thành\s+(?P<kind>phường|xã|đặc khu)(?:(?:\s+mới)?\s+có tên gọi\s+là)?\s+"
    r"(?P<name>.+?)\s*\.?\s*$"
)
_RENAME = re.compile(r"^Đổi tên\s+(?P<old>.+?)\s+thành\s+(?P<new>.+?)\s*\.?\s*$", re.IGNORECASE)
_CLOSING = re.compile(r"^Sau khi sắp xếp\b", re.IGNORECASE)
_UNCHANGED = re.compile(r"không thực hiện sắp xếp\s+là\s+(?P<units>.+?)\s*\.?\s*$", re.IGNORECASE)
_FORMED = re.compile(r"(\d+)\s*(xã|phường|đặc khu)\b")

# Share phrases, most specific first: (pattern, share, where the residents went). Land and people are
# sometimes given apart ("toàn bộ diện tích tự nhiên của xã Kỳ Lợi", "một phần quy mô dân số của xã Kỳ Lợi"):
# the unit is then split, whatever the first word says.
_LAND = r"diện tích(?:\s+tự nhiên)?"
_PEOPLE = r"quy mô dân(?:\s+số)?"
_SHARES: tuple[tuple[str, Share, People], ...] = (
    (rf"một phần {_LAND},?\s+(?:và\s+)?toàn bộ {_PEOPLE}", "partial", "all"),
    (rf"một phần {_LAND},?\s+(?:và\s+)?{_PEOPLE}", "partial", "part"),
    (rf"một phần {_LAND}", "partial", "none"),
    (rf"một phần {_PEOPLE}", "partial", "part"),
    (rf"phần {_PEOPLE} còn lại", "remainder", "part"),
    (rf"(?:toàn\s+)?bộ {_LAND},?\s+(?:và\s+)?{_PEOPLE}", "full", "all"),
    (rf"toàn bộ {_LAND}", "partial", "none"),
    (r"toàn bộ", "full", "all"),
    (r"phần còn lại", "remainder", "part"),
)
_SHARE = re.compile(
    r"(?:^|,\s*|\s+và\s+|\s+)(?:" + "|".join(f"(?P<s{i}>{p})" for i, (p, _, _) in enumerate(_SHARES)) + r")(?:\s+của)*\s+"
)
_AFTER_EARLIER = re.compile(
    r"\s*sau khi (?:thực hiện\s+)?sắp xếp theo quy định\s+tại\s*(?P<refs>.*?)(?:\s*Điều này|$)", re.IGNORECASE
)
_REF = re.compile(r"\d+")
_SEPARATOR = re.compile(r"\s*,\s*|\s+và\s+")
_KIND = re.compile(r"^(?:các\s+)?(" + "|".join(UNIT_KINDS) + r")\s+(.+)$", re.IGNORECASE)
_DISTRICT = re.compile(r"^(?:thuộc\s+)?(" + "|".join(DISTRICT_KINDS) + r")\s+(.+)$", re.IGNORECASE)
_AREA = re.compile(r"^khu vực\b", re.IGNORECASE)  # "khu vực bãi bồi ven biển (do huyện Kim Sơn quản lý)": land, not a unit


@dataclass(frozen=True)
class KhoanReading:
    """What one khoản of Điều 1 gave: its form, its rows, and the words that named no unit."""

    khoan: str
    form: Form
    rows: tuple[Row, ...] = ()
    problem: str = ""
    formed: tuple[tuple[str, int], ...] = ()  # the closing khoản's count of new units by kind: (("xã", 79), …)


@dataclass(frozen=True)
class ResolutionReading:
    number: str
    title: str
    province: Place
    khoans: tuple[KhoanReading, ...]
    texts: dict[str, str]  # khoản number -> "7. Sắp xếp …", as the passage store holds it

    @property
    def rows(self) -> list[Row]:
        return [row for reading in self.khoans for row in reading.rows]


@dataclass
class _Old:
    """An old unit as one khoản names it, before it becomes a row."""

    unit: Unit
    district: Place | None
    share: Share
    people: People
    refs: tuple[str, ...] = ()  # the khoản its "sau khi sắp xếp theo quy định tại khoản …" names
    listed_with_previous: bool = False  # a bare name after a kind word, or joined to the unit before by "và"
    segment: int = 0  # which share phrase it follows


def unglue(text: str) -> str:
    """Spaces back where the published text glued words: "vàxã Quảng Lâm" -> "và xã Quảng Lâm"."""
    text = _GLUED_BEFORE.sub(" ", normalize(text))
    text = "".join(f" {c}" if c.isupper() and i and text[i - 1].islower() else c for i, c in enumerate(text))
    for pattern, spaced in _PUNCTUATION:
        text = pattern.sub(spaced, text)
    return re.sub(r"\s+", " ", text).strip()


def is_merger_resolution(parsed: ParsedLegalDocument) -> bool:
    """A resolution arranging the commune-level units of one province (by its title and Điều 1)."""
    doc = parsed.document
    return (
        doc.doc_type == "Nghị quyết"
        and _TITLE in fold(doc.title)
        and bool(parsed.articles)
        and parsed.articles[0].number == "1"
        and _PROVINCE.search(parsed.articles[0].heading) is not None
    )


def read_resolution(parsed: ParsedLegalDocument) -> ResolutionReading | None:
    """The rows of a merger resolution, khoản by khoản; None for any other document."""
    if not is_merger_resolution(parsed):
        return None
    article = parsed.articles[0]
    match = _PROVINCE.search(article.heading)
    assert match is not None
    province = Place(match.group(1), match.group(2))  # as printed: "tỉnh Cao Bằng", "Thành phố Hồ Chí Minh"
    number = parsed.document.number or parsed.document.doc_id
    named = {k.number: _read(k.text) for k in article.khoans}
    _link_pieces(named)
    readings = tuple(_reading(k.number, *named[k.number], province, number) for k in article.khoans)
    return ResolutionReading(number, parsed.document.title, province, readings, {k.number: k.full_text() for k in article.khoans})


def _read(text: str) -> tuple[Form, list[_Old], Unit | None, str, tuple[tuple[str, int], ...]]:
    """(form, old units, new unit, problem, closing counts) of one khoản."""
    plain = unglue(text)
    if _CLOSING.match(plain):
        formed = tuple((kind, int(count)) for count, kind in _FORMED.findall(_formed_part(plain)))
        listed = _UNCHANGED.search(plain)
        if listed is None:
            return "closing", [], None, "", formed
        units, problem = _units(listed.group("units"), "unchanged", "all")
        return "closing", units, None, problem, formed
    if renamed := _RENAME.match(plain):
        old, _ = _units(renamed.group("old"), "renamed", "all")
        new = _unit(renamed.group("new"), None)
        if len(old) != 1 or new is None:
            return "unread", [], None, f"tên đổi không đọc được: {plain}", ()
        return "rename", old, new, "", ()
    formation = _FORMATION.match(plain)
    if formation is None:
        return "unread", [], None, f"không nhận ra câu sắp xếp: {plain[:120]}", ()
    new = _unit(formation.group("name"), formation.group("kind"))
    if new is None:
        return "unread", [], None, f"không đọc được tên đơn vị mới: {formation.group('name')}", ()
    units, problem = _sources(formation.group("sources"))
    if not units:
        return "unread", [], None, problem or "không thấy đơn vị cũ nào", ()
    return "formation", units, new, problem, ()


def _reading(
    khoan: str, form: Form, units: list[_Old], new: Unit | None, problem: str, formed: tuple[tuple[str, int], ...],
    province: Place, resolution: str,
) -> KhoanReading:
    rows = tuple(
        Row(province, resolution, khoan, new or old.unit, old.unit, old.district, old.share, old.people) for old in units
    )
    return KhoanReading(khoan, form, rows, problem, formed)


def _formed_part(closing: str) -> str:
    """The part of the closing khoản that counts the units formed by this article."""
    head, _, tail = closing.partition("trong đó có")
    return tail.split("hình thành")[0] if tail else head.split("gồm", 1)[-1]


def _sources(text: str) -> tuple[list[_Old], str]:
    """The old units of a formation khoản with their shares; the problem when some words were not units."""
    found: list[_Old] = []
    problems: list[str] = []
    marks = list(_SHARE.finditer(text))
    if not marks or marks[0].start() != 0:
        return [], f"không thấy phần diện tích, dân số ở đầu: {text[:80]}"
    opening: tuple[Share, People] | None = None
    for segment_number, (mark, following) in enumerate(zip(marks, marks[1:] + [None])):
        index = next(i for i in range(len(_SHARES)) if mark.group(f"s{i}") is not None)
        _, share, people = _SHARES[index]
        opening = opening or (share, people)
        segment = text[mark.end() : following.start() if following else len(text)]
        for piece, refs in _pieces(segment):
            piece_share, piece_people = (share, people) if refs or share != "remainder" else opening
            units, problem = _units(piece, piece_share, piece_people, refs)
            for old in units:
                old.segment = segment_number
            found += units
            problems += [problem] if problem else []
    return _spread_districts(found), "; ".join(problems)


def _pieces(segment: str) -> list[tuple[str, tuple[str, ...]]]:
    """A segment cut after each "sau khi sắp xếp theo quy định tại khoản …" clause, with the khoản it names."""
    pieces: list[tuple[str, tuple[str, ...]]] = []
    start = 0
    for clause in _AFTER_EARLIER.finditer(segment):
        pieces.append((segment[start : clause.start()], tuple(_REF.findall(clause.group("refs")))))
        start = clause.end()
    rest = _SEPARATOR.sub("", segment[start:], count=1) if _SEPARATOR.match(segment, start) else segment[start:]
    if rest.strip(" .,;"):
        pieces.append((rest, ()))
    return pieces


def _units(text: str, share: Share, people: People, refs: tuple[str, ...] = ()) -> tuple[list[_Old], str]:
    """Units of a list ("các xã A, B và C (huyện X)"); each bare name takes the kind word before it."""
    units: list[_Old] = []
    skipped: list[str] = []
    kind: str | None = None
    for words, note, after_and in _items(text):
        if _AREA.match(words):
            continue
        unit = _unit(words, kind)
        if unit is None:
            skipped.append(words)
            continue
        bare = _KIND.match(words) is None
        kind = unit.kind
        units.append(_Old(unit, _district(note), share, people, refs, bool(units) and (bare or after_and)))
    return units, (f"không phải tên đơn vị: {', '.join(skipped)}" if skipped else "")


def _items(text: str) -> list[tuple[str, str, bool]]:
    """(words, parenthesised note, joined by "và") of each item of a list, split at commas and "và" outside parentheses."""
    pieces: list[tuple[str, bool]] = []
    depth, start, i, after_and = 0, 0, 0, False
    while i < len(text):
        depth += (text[i] == "(") - (text[i] == ")")
        separator = _SEPARATOR.match(text, i) if depth == 0 else None
        if separator and separator.end() > i:
            pieces.append((text[start:i], after_and))
            after_and = "và" in separator.group()
            start = i = separator.end()
            continue
        i += 1
    pieces.append((text[start:], after_and))
    items: list[tuple[str, str, bool]] = []
    for piece, joined in pieces:
        piece = piece.strip(" .;")
        if not piece:
            continue
        note = ""
        if (open_at := piece.find("(")) >= 0:
            close_at = piece.rfind(")")
            note = piece[open_at + 1 : close_at if close_at > open_at else len(piece)].strip()
            piece = piece[:open_at].strip()
        items.append((piece, note, joined))
    return items


def _unit(words: str, kind: str | None) -> Unit | None:
    """A unit from "phường Bến Nghé", "Phường 12", "phường Phường 4", or a bare "Rạch Ông" after a kind word."""
    words = words.strip(" .;")
    while (match := _KIND.match(words)) is not None:
        kind, words = match.group(1).lower(), match.group(2).strip()
    if kind is None or not words or not (words[:1].isupper() or words[:1].isdigit()):
        return None
    return Unit(kind, words)


def _district(note: str) -> Place | None:
    match = _DISTRICT.match(note)
    return Place(match.group(1).lower(), match.group(2).strip()) if match else None


def _spread_districts(units: list[_Old]) -> list[_Old]:
    """A printed district also names the units listed with it (see the module docstring)."""
    for i in range(len(units) - 1, -1, -1):
        if units[i].district is None:
            continue
        j = i - 1
        while j >= 0 and units[j].district is None:
            listed = units[j + 1].listed_with_previous and units[j].segment == units[j + 1].segment
            if not listed and not (units[j].unit.numbered and units[j + 1].unit.numbered):
                break
            units[j].district = units[i].district
            j -= 1
    return units


def _link_pieces(named: dict[str, tuple[Form, list[_Old], Unit | None, str, tuple[tuple[str, int], ...]]]) -> None:
    """Give the pieces of a split unit the district printed on one of them (see the module docstring)."""
    for khoan, (_, units, _, _, _) in named.items():
        for old in units:
            for ref in old.refs:
                if ref == khoan or ref not in named:
                    continue
                same = [o for o in named[ref][1] if o.unit.kind == old.unit.kind and o.unit.name.lower() == old.unit.name.lower()]
                if len(same) != 1:
                    continue
                if old.district is None:
                    old.district = same[0].district
                elif same[0].district is None:
                    same[0].district = old.district
