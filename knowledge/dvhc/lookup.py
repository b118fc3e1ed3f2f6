"""The old-unit lookup: "phường Bến Nghé, Quận 1" → phường Sài Gòn, khoản 1 Điều 1 Nghị quyết 1685/NQ-UBTVQH15.

Built at ingest from the merger resolutions of the knowledge base (``UnitLookup.build``)
and kept with the index generation as ``dvhc.json``; nothing comes from an outside list.

An *old unit* is what a resident knew: one ``Unit`` of one province with the rows that
say where it went. A split unit ("một phần … phần còn lại …") has several rows; two units
the text names alike without a district (two "xã Long Bình" of Cần Thơ, which merged three
provinces) each went whole into one new unit, so every row that takes a whole unit is a
unit of its own and the pieces of a split one form one.

``find`` reads what a person typed (``knowledge.dvhc.query``): the unit's name, found as
the longest run of words that names an old unit (after a kind word in chat; anywhere for
the command), and the district or province typed around it. The name is compared folded;
when it was typed with diacritics and some unit is written exactly so, only those count
("Phú Thành" is not "Phú Thạnh"). A district or province then narrows the candidates: a
unit printed with that district, else a unit printed without any in the district's
province (the resolutions print a district only to tell equal names apart: "Phường 26"
after "(quận Bình Thạnh)," is the only one of the city). A district the texts never print
("quận Đống Đa", or Củ Chi for Tân Thạnh Đông) cannot narrow: a name that is unique is
then still found. A place typed alone that is both a province and its city ("Cao Bằng")
is read as the province, which takes in both; its kind word decides otherwise ("tp Cao
Bằng"). Several candidates left: ``ambiguous``, to ask for the old district.
"""
from __future__ import annotations

import bisect
import difflib
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Literal

from knowledge.dvhc.query import Word, council_words, kind_at, kind_before, name_key, words
from knowledge.dvhc.units import DISTRICT_KINDS, Place, Row, Unit, is_numbered
from knowledge.dvhc.wording import read_resolution
from knowledge.index.generations import IndexDirectory
from knowledge.models import ParsedLegalDocument
from knowledge.settings import Settings

FILE = "dvhc.json"
MAX_NAME_WORDS = 7
SUGGESTIONS = 5
_SIMILAR = 0.75  # difflib ratio a suggested name must reach

Status = Literal["found", "ambiguous", "not_found", "new_unit", "district_only", "empty"]


@dataclass(frozen=True)
class Resolution:
    """What the lookup keeps of one merger resolution: its identity and the text of each khoản of Điều 1."""

    number: str
    title: str
    province: Place
    texts: dict[str, str]
    issued_on: date | None = None


@dataclass(frozen=True)
class OldUnit:
    province: Place
    unit: Unit
    district: Place | None
    rows: tuple[Row, ...]

    @property
    def label(self) -> str:
        """"Phường 12 (Quận 3, Thành phố Hồ Chí Minh)"."""
        where = ", ".join(p.label for p in (self.district, self.province) if p is not None)
        return f"{self.unit.label} ({where})"

    @property
    def is_split(self) -> bool:
        return len(self.rows) > 1 or any(r.is_partial for r in self.rows)


@dataclass(frozen=True)
class Match:
    """What ``find`` made of a query.

    ``units``: the old unit (found), the candidates (ambiguous) or the old units printed
    with the district typed alone (district_only); ``formed``: the rows that formed the
    new unit typed (new_unit); ``suggestions``: close names (not_found); ``note``: a
    district or province typed that the text contradicts or does not know.
    """

    status: Status
    asked: str = ""  # the unit (or district) the query named, as typed
    units: tuple[OldUnit, ...] = ()
    formed: tuple[Row, ...] = ()
    suggestions: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class _Hint:
    """A district or province typed around the unit's name, at words ``start:end`` (its kind word included)."""

    key: str  # folded name: "3", "binh thanh", "ho chi minh"
    roles: frozenset[str]  # what the texts know it as: "district", "province"; empty when they never print it
    typed: str
    start: int
    end: int


class UnitLookup:
    def __init__(self, resolutions: Iterable[Resolution], rows: Iterable[Row]):
        self.resolutions = {r.number: r for r in resolutions}
        self.rows = tuple(rows)
        self.units = _group(self.rows)
        self._old: dict[str, list[OldUnit]] = defaultdict(list)
        for unit in self.units:
            self._old[name_key(unit.unit.name)].append(unit)
        self._new: dict[str, dict[tuple[str, Unit], list[Row]]] = defaultdict(lambda: defaultdict(list))
        for row in self.rows:
            if row.share != "unchanged":
                self._new[name_key(row.new_unit.name)][(row.resolution, row.new_unit)].append(row)
        self._keys = sorted(self._old)
        self._districts: dict[str, set[str]] = defaultdict(set)  # district key -> provinces printing it
        for unit in self.units:
            if unit.district is not None:
                self._districts[name_key(unit.district.name)].add(unit.province.name)
        self._provinces = {name_key(r.province.name): r.province for r in self.resolutions.values()}
        self._written_places: dict[str, set[str]] = defaultdict(set)  # folded key -> names as written, lower case
        for place in [u.district for u in self.units if u.district] + [r.province for r in self.resolutions.values()]:
            self._written_places[name_key(place.name)].add(_written(place.name))

    # -- building and storing ------------------------------------------------------------
    @classmethod
    def build(cls, documents: Iterable[ParsedLegalDocument]) -> "UnitLookup":
        """The lookup of the merger resolutions among ``documents`` (none: an empty lookup)."""
        resolutions, rows = [], []
        for parsed in documents:
            reading = read_resolution(parsed)
            if reading is None:
                continue
            resolutions.append(
                Resolution(reading.number, reading.title, reading.province, reading.texts, parsed.document.issued_on)
            )
            rows += reading.rows
        return cls(resolutions, rows)

    def save(self, generation: Path) -> None:
        """``dvhc.json`` beside the generation's index: the resolutions, then one short list per row."""
        numbers = {number: i for i, number in enumerate(self.resolutions)}
        data = {
            "resolutions": [
                {
                    "number": r.number, "title": r.title, "province": [r.province.kind, r.province.name], "texts": r.texts,
                    "issued_on": r.issued_on.isoformat() if r.issued_on else None,
                }
                for r in self.resolutions.values()
            ],
            "rows": [
                [
                    numbers[row.resolution], row.khoan, row.new_unit.kind, row.new_unit.name, row.old_unit.kind,
                    row.old_unit.name, *((row.old_district.kind, row.old_district.name) if row.old_district else (None, None)),
                    row.share, row.people,
                ]
                for row in self.rows
            ],
        }
        (generation / FILE).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, generation: Path) -> "UnitLookup":
        """The lookup kept with ``generation``; empty for a generation built before it existed."""
        path = generation / FILE
        if not path.exists():
            return cls((), ())
        data = json.loads(path.read_text(encoding="utf-8"))
        resolutions = [
            Resolution(
                r["number"], r["title"], Place(*r["province"]), r["texts"],
                date.fromisoformat(r["issued_on"]) if r["issued_on"] else None,
            )
            for r in data["resolutions"]
        ]
        unit, place = lru_cache(maxsize=None)(Unit), lru_cache(maxsize=None)(Place)
        rows = [
            Row(
                resolutions[index].province, resolutions[index].number, khoan, unit(new_kind, new_name),
                unit(old_kind, old_name), place(district_kind, district_name) if district_kind else None, share, people,
            )
            for index, khoan, new_kind, new_name, old_kind, old_name, district_kind, district_name, share, people in data["rows"]
        ]
        return cls(resolutions, rows)

    @classmethod
    def current(cls, settings: Settings) -> "UnitLookup | None":
        """The lookup of the current index generation, without opening the index; None before the first ingest."""
        generation = IndexDirectory(settings.data_dir / "index").current()
        return cls.load(generation) if generation is not None else None

    def __bool__(self) -> bool:
        return bool(self.rows)

    def text(self, row: Row) -> str:
        """The khoản a row comes from, as the passage store holds it ("7. Sắp xếp toàn bộ …")."""
        return self.resolutions[row.resolution].texts[row.khoan]

    def resolution(self, row: Row) -> Resolution:
        return self.resolutions[row.resolution]

    def is_current_name(self, kind: str, name: str) -> bool:
        """Whether a unit of this kind and name exists since the merger (formed, renamed or kept), anywhere."""
        key = name_key(name)
        formed = any(unit.kind == kind and unit.name.lower() == name.lower() for _, unit in self._new.get(key, {}))
        kept = any(
            u.unit.kind == kind and u.unit.name.lower() == name.lower() and u.rows[0].share == "unchanged"
            for u in self._old.get(key, ())
        )
        return formed or kept

    def is_province(self, name: str) -> bool:
        """Whether ``name`` is a province's since the merger ("Hồ Chí Minh", "Huế"), as the resolutions name them."""
        return name_key(name) in self._provinces

    def units_named(self, kind: str, name: str) -> list[OldUnit]:
        """The old units of this kind written exactly so (any province)."""
        return [u for u in self._old.get(name_key(name), ()) if u.unit.kind == kind and u.unit.name.lower() == name.lower()]

    # -- finding -------------------------------------------------------------------------
    def find(self, query: str, bare: bool = True) -> Match:
        """Where the old unit ``query`` names went. ``bare``: a name without a kind word counts
        ("Bến Nghé, Quận 1"); in chat (``bare=False``) only a name after a kind word does."""
        typed = words(query)
        if not typed:
            return Match("empty")
        folded = [w.folded for w in typed]
        span = self._unit_span(folded, bare)
        if span is None:
            return self._without_unit(typed, folded) if bare else self._new_unit_named(typed, folded)
        start, end, kind, kind_size = span
        asked = " ".join(w.text for w in typed[start - kind_size : end])
        if longer := self._misspelt_longer(folded, start, end, kind):
            return Match("not_found", f"{asked} {typed[end].text}", suggestions=longer)
        hints = self._hints(typed, folded, taken=set(range(start - kind_size, end)))
        narrowed, note = self._narrow(self._candidates(typed[start:end], kind), hints)
        if len(narrowed) == 1:
            return Match("found", asked, tuple(narrowed), note=note)
        return Match("ambiguous", asked, tuple(_ordered(narrowed)), note=note)

    def narrow(self, query: str, answer: str) -> Match:
        """``find`` of an ambiguous query with the user's answer ("quận 3", "ở Bình Thạnh") added."""
        return self.find(f"{query}, {answer}")

    def _unit_span(self, folded: list[str], bare: bool) -> tuple[int, int, str | None, int] | None:
        """(start, end, kind, size of the kind word) of the words naming an old unit.

        A name after a unit's kind word wins, then the longer, then the earlier. After a
        district's kind word a name is a district ("quận Bình Thạnh"), except "huyện Bạch Long
        Vĩ", the one huyện that was itself arranged."""
        best: tuple[tuple[bool, int, int], tuple[int, int, str | None, int]] | None = None
        for start in range(len(folded)):
            end = next(
                (e for e in range(min(len(folded), start + MAX_NAME_WORDS), start, -1) if " ".join(folded[start:e]) in self._old),
                None,
            )
            if end is None:
                continue
            key = " ".join(folded[start:end])
            before = kind_before(folded, start)
            unit_kind = next((k for k in before if k.role == "unit"), None)
            if unit_kind is None and any(k.kind == "huyện" for k in before):
                unit_kind = next((k for k in before if k.kind == "huyện"), None) if any(
                    u.unit.kind == "huyện" for u in self._old[key]
                ) else None
                if unit_kind is None:
                    continue
            elif unit_kind is None and (before or not bare or is_numbered(key) or kind_at(folded, start)):
                continue  # a bare name: not after a district's word, nor a number, nor a kind word ("phường Sài …")
            rank = (unit_kind is not None, end - start, -start)
            if best is None or rank > best[0]:
                best = (rank, (start, end, unit_kind.kind if unit_kind else None, unit_kind.size if unit_kind else 0))
        return best[1] if best else None

    def _misspelt_longer(self, folded: list[str], start: int, end: int, kind: str | None) -> tuple[str, ...]:
        """Units whose longer name the words at ``start:end`` and the next one look like a misspelling of
        ("xa Tan Thanh Dongg" is not xã Tân Thành followed by a word, but xã Tân Thạnh Đông mistyped)."""
        if end >= len(folded) or kind_at(folded, end) or len(folded[end]) < 2:
            return ()
        prefix = " ".join(folded[start:end]) + " "
        first = bisect.bisect_left(self._keys, prefix)
        close = []
        for key in self._keys[first:]:
            if not key.startswith(prefix):
                break
            following = key[len(prefix):].split()[0]
            if difflib.SequenceMatcher(None, folded[end], following).ratio() >= _SIMILAR:
                close += [u.label for u in self._old[key] if kind is None or u.unit.kind == kind]
        return tuple(dict.fromkeys(close))[:SUGGESTIONS]

    def _hints(self, typed: list[Word], folded: list[str], taken: set[int]) -> list[_Hint]:
        """The districts and provinces typed outside the words ``taken``, each the longest name known.

        Without a kind word before it, a name typed with diacritics must be written so: "nhân dân phường"
        is not huyện Đan Phượng. The words of "ủy ban nhân dân" are never a place."""
        taken = taken | council_words(folded)
        hints: list[_Hint] = []
        i = 0
        while i < len(folded):
            kinds = kind_at(folded, i)
            if i in taken or kinds and all(k.role == "unit" for k in kinds):
                i += kinds[0].size if kinds and i not in taken else 1
                continue
            roles = frozenset(k.role for k in kinds)
            start = i + (kinds[0].size if kinds else 0)
            hint = None
            for end in range(min(len(folded), start + MAX_NAME_WORDS), start, -1):
                key = " ".join(folded[start:end])
                if any(j in taken for j in range(start, end)) or is_numbered(key) and "district" not in roles:
                    continue
                known = self._roles(key, kinds[0].kind if kinds else None)
                written = _typed(typed, start, end)
                if not roles and written != key and written not in self._written_places.get(key, ()):
                    continue
                if known and (not roles or known & roles):
                    hint = _Hint(key, known & roles if roles else known, _typed(typed, i, end), i, end)
                    break
            if hint is None and roles:  # a district or province the texts never print ("quận Đống Đa")
                end = start
                while end < len(folded) and end not in taken and not kind_at(folded, end):
                    end += 1
                if end > start:
                    hint = _Hint(" ".join(folded[start:end]), frozenset(), _typed(typed, i, end), i, end)
            if hint is None:
                i += 1
                continue
            hints.append(hint)
            i = hint.end
        return hints

    def _roles(self, key: str, kind: str | None) -> frozenset[str]:
        """What a place typed (after the kind word ``kind``, if any) can be: "thành phố Cao Bằng" is the district
        (the province is a tỉnh), "Cao Bằng" alone either, "thành phố Hồ Chí Minh" the province. People mix the
        district kinds ("quận Thủ Đức" for the thành phố), so any of them names a district."""
        roles = set()
        if key in self._districts and (kind is None or kind in DISTRICT_KINDS):
            roles.add("district")
        if key in self._provinces and (kind is None or kind == self._provinces[key].kind.lower()):
            roles.add("province")
        return frozenset(roles)

    def _candidates(self, name: list[Word], kind: str | None) -> list[OldUnit]:
        """The old units so named (only those written exactly so when the name was typed with diacritics
        and some is); of the kind typed when there are such."""
        units = self._old.get(" ".join(w.folded for w in name), [])
        if any(w.text != w.folded for w in name):
            written = " ".join(w.text for w in name)
            units = [u for u in units if _written(u.unit.name) == written] or units
        if kind is not None:
            units = [u for u in units if u.unit.kind == kind] or units
        return units

    def _narrow(self, candidates: list[OldUnit], hints: list[_Hint]) -> tuple[list[OldUnit], str]:
        """The candidates the districts and provinces typed agree with (see the module docstring)."""
        notes = []
        for hint in hints:
            if not hint.roles:
                notes.append(f"các nghị quyết sắp xếp không ghi “{hint.typed}”")
                continue
            in_district = [
                u for u in candidates
                if "district" in hint.roles and u.district is not None and name_key(u.district.name) == hint.key
            ]
            provinces = self._districts.get(hint.key, set()) if "district" in hint.roles else set()
            unprinted = [u for u in candidates if u.district is None and u.province.name in provinces]
            in_province = [u for u in candidates if "province" in hint.roles and name_key(u.province.name) == hint.key]
            # "Cao Bằng" alone may be the province or its city: the province, which takes in both, unless it has none
            narrowed = in_province or in_district or unprinted if "province" in hint.roles else in_district or unprinted
            if narrowed:
                candidates = narrowed
                continue
            notes.append(f"các nghị quyết sắp xếp không ghi đơn vị này thuộc “{hint.typed}”")
            candidates = [u for u in candidates if u.province.name in provinces] or candidates
        return candidates, "; ".join(notes)

    def _without_unit(self, typed: list[Word], folded: list[str]) -> Match:
        """No old unit named: a new unit's name, a district alone, or an unknown name (with close ones)."""
        hints = self._hints(typed, folded, taken=set())
        covered = {i for h in hints for i in range(h.start, h.end)}
        kind = next((k for k in kind_at(folded, 0) if k.role == "unit"), None)
        name = [i for i in range(kind.size if kind else 0, len(folded)) if i not in covered]
        key = " ".join(folded[i] for i in name)
        asked = " ".join(w.text for w in typed[: max(name) + 1]) if name else ""
        if not name:
            if not hints:
                return Match("empty")
            place = hints[0]
            named = place.roles or {k.role for k in kind_at(folded, place.start)}  # unknown: what its kind word says
            if "district" not in named:
                return Match("not_found", place.typed)  # a province alone ("tỉnh Bình Dương", "Hồ Chí Minh")
            printed = [u for u in self.units if u.district is not None and name_key(u.district.name) == place.key]
            return Match("district_only", place.typed, tuple(_ordered(printed)))
        formed = [
            row for (_, unit), rows in self._new.get(key, {}).items() if kind is None or unit.kind == kind.kind for row in rows
        ]
        if formed:
            return Match("new_unit", asked, formed=tuple(formed))
        return Match("not_found", asked, suggestions=self._suggestions(key, kind.kind if kind else None))

    def _new_unit_named(self, typed: list[Word], folded: list[str]) -> Match:
        """In chat: a new unit named after its kind word ("phường Sài Gòn gồm những phường nào"), else nothing."""
        for start in range(1, len(folded)):
            kind = next((k for k in kind_before(folded, start) if k.role == "unit"), None)
            if kind is None:
                continue
            for end in range(min(len(folded), start + MAX_NAME_WORDS), start, -1):
                formed = self._new.get(" ".join(folded[start:end]), {})
                rows = [row for (_, unit), rows in formed.items() if unit.kind == kind.kind for row in rows]
                if rows:
                    return Match("new_unit", _typed(typed, start - kind.size, end), formed=tuple(rows))
        return Match("not_found")

    def _suggestions(self, key: str, kind: str | None) -> tuple[str, ...]:
        close = difflib.get_close_matches(key, list(self._old), n=SUGGESTIONS * 2, cutoff=_SIMILAR)
        labels: list[str] = []
        for found in close:
            for unit in self._old[found]:
                if (kind is None or unit.unit.kind == kind) and unit.label not in labels:
                    labels.append(unit.label)
        return tuple(labels[:SUGGESTIONS])


def _typed(typed: list[Word], start: int, end: int) -> str:
    return " ".join(w.text for w in typed[start:end])


def _written(name: str) -> str:
    """A name's words as ``query.words`` gives them: lower case, with diacritics."""
    return " ".join(w.text for w in words(name))


def _group(rows: Iterable[Row]) -> tuple[OldUnit, ...]:
    """Old units from rows: the pieces of a split unit together, every unit taken whole on its own."""
    pieces: dict[tuple, list[Row]] = defaultdict(list)
    units: list[OldUnit] = []
    for row in rows:
        if row.is_partial:
            key = (row.resolution, row.old_unit.kind, row.old_unit.name.lower(), row.old_district)
            pieces[key].append(row)
        else:
            units.append(OldUnit(row.province, row.old_unit, row.old_district, (row,)))
    units += [OldUnit(r[0].province, r[0].old_unit, r[0].old_district, tuple(r)) for r in pieces.values()]
    return tuple(units)


def _ordered(units: Iterable[OldUnit]) -> list[OldUnit]:
    """By province, district and name, numbers in numeric order (Quận 3 before Quận 10)."""
    def natural(text: str) -> tuple:
        return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name_key(text)))

    return sorted(units, key=lambda u: (natural(u.province.name), natural(u.district.name if u.district else ""), natural(u.unit.name)))


__all__ = ["FILE", "Match", "OldUnit", "Resolution", "UnitLookup"]
