"""Legal-basis check: is every document a draft cites still in force?

Each citation ("Căn cứ Luật Cư trú số 81/2006/QH11 …", "Nghị định số
63/2010/NĐ-CP", a Luật cited by its name and date only) is looked up in the
registry of văn bản: by number, else by title. A repealed document gives
``LEGAL_BASIS_REPEALED`` with the date and what replaced it, followed down to the
documents in force today ("Luật Tổ chức chính quyền địa phương số 77/2015/QH13 đã hết
hiệu lực từ 01/3/2025, được thay thế bởi … số 65/2025/QH15 → … số 72/2025/QH15"), one
repealed in part ``LEGAL_BASIS_PARTIALLY_REPEALED``, an amended one
``LEGAL_BASIS_AMENDED`` unless the draft also cites the amending documents, one
the registry does not know (or knows without a status) ``LEGAL_BASIS_UNKNOWN``.

A name cited without a number is matched on the longest run of its words that
the registry knows as a title, so names with commas ("Luật Cán bộ, công chức")
and amending laws naming several laws ("Luật sửa đổi, bổ sung một số điều của
Luật Cán bộ, công chức và Luật Viên chức") resolve as one document. A law cited by
name with an older year than the registry's law of that name has been replaced by
it (a new Luật takes the name of the one it replaces: Luật Cư trú 2020 replaced
that of 2006); a newer year than any the registry knows is unknown.

Administrative documents numbered without a year ("Tờ trình số 5678/TTr-STP",
"Công văn số 120/UBND-VP") are not legal bases the registry tracks: when it does
not know them, or knows no status, they are listed as unknown without a finding.

The registry is anything with ``lookup`` and ``lookup_title`` (``RegistryLookup``);
``knowledge.registry.Registry`` is the real one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from assistant.documents.findings import CitedStatus, Finding, finding
from assistant.documents.lines import Line
from assistant.skills.validity import STATUS_WORDS, legal_date, names_of
from knowledge.models import SUPERSEDED, RegistryEntry
from knowledge.parsing.citations import (
    CitedDocument,
    find_cited_documents,
    find_numbers,
    number_key,
)
from knowledge.registry import replacement_chains
from knowledge.text.normalize import fold

_NAMED_TYPES = ("Bộ luật", "Luật", "Pháp lệnh")  # cited by name, without a number (Phụ lục I, Mục II, khoản 6)
# Where the words that may belong to a cited name stop.
_SPAN_END = re.compile(r"[;:.(\n“”\"]|\s(?:ngày|số|năm)\s+\d|\s(?:đã|được|có hiệu lực|quy định)\s")
_MAX_NAME_WORDS = 30
_NUMBER_OF_NAME = re.compile(r"\s*,?\s*số\s*")  # between a name and its number
_NORMATIVE = re.compile(r"/\d{4}/|QH\d|HĐNN|HDNN|-L")  # a year in the number, or a law of the legislature
_YEAR_AFTER = re.compile(
    r"^\s*,?\s*(?:số\s+\S+\s+)?(?:ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+(\d{4})|ngày\s+\d{1,2}/\d{1,2}/(\d{4})|năm\s+(\d{4}))",
    re.IGNORECASE,
)


class RegistryLookup(Protocol):
    def lookup(self, number: str) -> RegistryEntry | None:
        """The entry of the document with this số hiệu, if known."""

    def lookup_title(self, title: str, year: int | None = None) -> RegistryEntry | None:
        """The entry of the document with this title ("Luật Cư trú"), one issued in ``year`` first, if known."""


@dataclass(frozen=True)
class _Resolved:
    """A citation with what the registry knows of it."""

    label: str  # how the message names it
    key: str  # identity, to report each document once
    number: str  # for cited_documents: the số hiệu, or the name when none is known
    entry: RegistryEntry | None
    year: int | None  # the year written after a name cited without number
    end: int  # where the citation ends in the line
    line: Line
    by_name: bool = False  # cited by its name, without a number

    @property
    def year_gap(self) -> int:
        """Registry's year minus the cited year for a name cited with a year (0: same or not given)."""
        issued = self.entry.year if self.entry else None
        return issued - self.year if self.year and issued else 0

    @property
    def status(self) -> str:
        if self.entry is None or self.year_gap < 0:
            return "unknown"
        return "repealed" if self.year_gap > 0 else self.entry.status


def _entry_name(entry: RegistryEntry) -> str:
    return f"{entry.title} số {entry.number}" if entry.number else entry.title


def _by_title(registry: RegistryLookup, text: str, cited: CitedDocument) -> tuple[str, RegistryEntry | None, int]:
    """The longest run of words from the citation's start that the registry knows as a title."""
    stop = _SPAN_END.search(text, cited.start)
    span = re.compile(r"\S+")
    words = list(span.finditer(text, cited.start, stop.start() if stop else len(text)))[:_MAX_NAME_WORDS]
    shortest = len((cited.title or "").split())
    for size in range(len(words), max(shortest, 1) - 1, -1):
        title = text[cited.start : words[size - 1].end()].rstrip(",")
        entry = registry.lookup_title(title)
        if entry is not None:
            return title, entry, words[size - 1].end()
    return cited.title or "", None, cited.end


def _by_number(registry: RegistryLookup, line: Line, cited: CitedDocument, name: str | None = None) -> _Resolved:
    entry = registry.lookup(cited.number)
    label = f"{name or cited.title or cited.doc_type or 'Văn bản'} số {cited.number}"
    return _Resolved(label, number_key(cited.number), cited.number, entry, None, cited.end, line)


def _resolve(registry: RegistryLookup, line: Line, cited: CitedDocument, following: CitedDocument | None) -> _Resolved:
    """What the registry knows of a citation; a name followed by "số <number>" is the document of that number
    ("Luật Khám bệnh, chữa bệnh số 15/2023/QH15": the comma splits the citation, not the document)."""
    text = line.text
    if cited.number:
        return _by_number(registry, line, cited)
    title, entry, end = _by_title(registry, text, cited)
    if following is not None and following.number and _NUMBER_OF_NAME.fullmatch(text[end : following.start]):
        return _by_number(registry, line, following, title or None)
    year_match = _YEAR_AFTER.match(text[end:])
    year = int(next(g for g in year_match.groups() if g)) if year_match else None
    if entry is not None and year and entry.year != year:  # "Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015"
        entry = registry.lookup_title(title, year)
    key = number_key(entry.number) if entry and entry.number else fold(title)
    return _Resolved(title, key, entry.number if entry and entry.number else title, entry, year, end, line, True)


def _citations(lines: list[Line], registry: RegistryLookup, own_number: str | None) -> list[_Resolved]:
    """Distinct cited documents in reading order, the draft's own number left out."""
    own = number_key(own_number) if own_number else None
    seen: set[str] = set()
    found = []
    for line in lines:
        covered = 0  # a name resolved over later type words ("… của Luật A và Luật B") covers them
        cites = find_cited_documents(line.text)
        for index, cited in enumerate(cites):
            if cited.start < covered or (cited.number is None and cited.doc_type not in _NAMED_TYPES):
                continue  # inside a name already read, or "Hiến pháp" / an unnumbered decision
            resolved = _resolve(registry, line, cited, cites[index + 1] if index + 1 < len(cites) else None)
            covered = resolved.end
            if resolved.key in seen or resolved.key == own:
                continue
            seen.add(resolved.key)
            found.append(resolved)
    return found


def _replacements(registry: RegistryLookup, entry: RegistryEntry) -> str:
    """", được thay thế bởi A → B" down to the documents in force today, one chain per replacing document."""
    chains = replacement_chains(registry.lookup, entry)
    if not chains:
        return f", được thay thế bởi {names_of(registry, entry.replaced_by, _entry_name)}" if entry.replaced_by else ""
    return ", được thay thế bởi " + "; ".join(" → ".join(_entry_name(e) for e in chain) for chain in chains)


def _finding(registry: RegistryLookup, item: _Resolved, cited_keys: set[str]) -> Finding | None:
    entry, where = item.entry, item.line.location
    administrative = not (item.by_name or _NORMATIVE.search(item.number))
    if administrative and (entry is None or entry.status == "unknown"):
        return None  # a letter, report or individual decision the registry does not track
    if entry is None:
        return finding(
            "LEGAL_BASIS_UNKNOWN",
            f"không tìm thấy {item.label} trong cơ sở dữ liệu văn bản; kiểm tra lại số, ký hiệu và hiệu lực",
            where,
        )
    if item.year_gap > 0:
        return finding(
            "LEGAL_BASIS_REPEALED",
            f"{item.label} năm {item.year} đã được thay thế bởi {_entry_name(entry)} ban hành năm"
            f" {entry.year} ({STATUS_WORDS[entry.status]})",
            where,
        )
    if item.year_gap < 0:
        return finding(
            "LEGAL_BASIS_UNKNOWN",
            f"{item.label} năm {item.year} không có trong cơ sở dữ liệu văn bản; văn bản cùng tên mới nhất đã biết là"
            f" {_entry_name(entry)} ({entry.year}) — kiểm tra lại căn cứ",
            where,
        )
    if entry.status in SUPERSEDED:
        code, words = ("LEGAL_BASIS_REPEALED", "đã hết hiệu lực") if entry.status == "repealed" else (
            "LEGAL_BASIS_PARTIALLY_REPEALED", "đã hết hiệu lực một phần")
        since = f" từ {legal_date(entry.status_since)}" if entry.status_since else ""
        label = f"{item.label} năm {item.year}" if item.by_name and item.year else item.label
        return finding(code, f"{label} {words}{since}{_replacements(registry, entry)}", where)
    # An amended document cited together with its amending documents is cited correctly.
    if entry.status == "amended" and not all(number_key(n) in cited_keys for n in entry.amended_by):
        by = f" bởi {names_of(registry, entry.amended_by, _entry_name)}" if entry.amended_by else ""
        return finding(
            "LEGAL_BASIS_AMENDED",
            f"{item.label} đã được sửa đổi, bổ sung{by}; nên viện dẫn cả văn bản sửa đổi, bổ sung",
            where,
        )
    if entry.status == "unknown":
        return finding("LEGAL_BASIS_UNKNOWN", f"chưa xác định được hiệu lực của {item.label}", where)
    return None


@dataclass(frozen=True)
class CitationCheck:
    """One cited document: how the text names it, what the registry knows of it, the finding on it."""

    label: str  # as the text names it: "Luật Cư trú số 81/2006/QH11", "Bộ luật Lao động"
    number: str  # the số hiệu, or the name when none is known (as in ``CitedStatus``)
    status: str  # in_force | amended | partially_repealed | repealed | unknown
    entry: RegistryEntry | None
    line: Line  # where it is first cited
    by_name: bool  # cited by its name, without a number
    year: int | None  # the year written after a name cited without number
    finding: Finding | None  # None: cited correctly


def check_citations(lines: list[Line], registry: RegistryLookup, own_number: str | None = None) -> list[CitationCheck]:
    """Every distinct document the lines cite, in reading order, with its status and finding."""
    cited = _citations(lines, registry, own_number)
    cited_keys = {item.key for item in cited} | {number_key(n) for line in lines for n in find_numbers(line.text)}
    return [
        CitationCheck(
            item.label, item.number, item.status, item.entry, item.line, item.by_name, item.year,
            _finding(registry, item, cited_keys),
        )
        for item in cited
    ]


def check_legal_basis(
    lines: list[Line], registry: RegistryLookup, own_number: str | None = None
) -> tuple[list[Finding], list[CitedStatus]]:
    """Findings on the documents the lines cite, and the status of each."""
    checks = check_citations(lines, registry, own_number)
    return [c.finding for c in checks if c.finding is not None], [CitedStatus(c.number, c.status) for c in checks]
