"""Legal-basis check: is every document a draft cites still in force?

Each citation ("Căn cứ Luật Cư trú số 81/2006/QH11 …", "Nghị định số
63/2010/NĐ-CP", a Luật cited by its name and date only) is looked up in the
registry of văn bản: by number, else by title. A repealed document gives
``LEGAL_BASIS_REPEALED`` naming what replaced it, an amended one
``LEGAL_BASIS_AMENDED`` unless the draft also cites the amending documents, one
the registry does not know (or knows without a status) ``LEGAL_BASIS_UNKNOWN``.
A Luật of the cited name but of another year than the one cited is reported
as unknown, with the registry's document of that name as a hint.

The registry is anything with ``lookup`` and ``lookup_title`` (``RegistryLookup``);
``knowledge.registry.Registry`` is the real one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from assistant.documents.findings import CitedStatus, Finding, finding
from assistant.documents.lines import Line
from knowledge.models import RegistryEntry
from knowledge.parsing.citations import CitedDocument, find_cited_documents, find_numbers, number_key
from knowledge.text.normalize import fold

_YEAR_AFTER = re.compile(
    r"^\s*,?\s*(?:số\s+\S+\s+)?(?:ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+(\d{4})|ngày\s+\d{1,2}/\d{1,2}/(\d{4})|năm\s+(\d{4}))",
    re.IGNORECASE,
)
_NAMED_TYPES = ("Bộ luật", "Luật", "Pháp lệnh")  # cited by name, without a number (Phụ lục I, Mục II, khoản 6)


class RegistryLookup(Protocol):
    def lookup(self, number: str) -> RegistryEntry | None:
        """The entry of the document with this số hiệu, if known."""

    def lookup_title(self, title: str) -> RegistryEntry | None:
        """The entry of the document with this title ("Luật Cư trú"), if known."""


@dataclass(frozen=True)
class _Citation:
    cited: CitedDocument
    year: int | None
    line: Line

    @property
    def label(self) -> str:
        if self.cited.number and self.cited.title:
            return f"{self.cited.title} số {self.cited.number}"
        if self.cited.number:
            return f"{self.cited.doc_type or 'Văn bản'} số {self.cited.number}"
        return self.cited.title or ""

    @property
    def key(self) -> str:
        return number_key(self.cited.number) if self.cited.number else fold(self.cited.title or "")


def _citations(lines: list[Line], own_number: str | None) -> list[_Citation]:
    """Distinct citations in reading order, the draft's own number left out."""
    own = number_key(own_number) if own_number else None
    seen: set[str] = set()
    found = []
    for line in lines:
        text = line.text
        for cited in find_cited_documents(text):
            if cited.number is None and cited.doc_type not in _NAMED_TYPES:
                continue  # "Hiến pháp", or a decision cited without its number: nothing to look up
            year_match = _YEAR_AFTER.match(text[cited.end :])
            year = int(next(g for g in year_match.groups() if g)) if year_match else None
            citation = _Citation(cited, year, line)
            if citation.key in seen or (own and citation.key == own):
                continue
            seen.add(citation.key)
            found.append(citation)
    return found


def _entry_name(entry: RegistryEntry) -> str:
    return f"{entry.title} số {entry.number}" if entry.number else entry.title


def _named(registry: RegistryLookup, numbers: tuple[str, ...]) -> str:
    names = []
    for number in numbers:
        entry = registry.lookup(number)
        names.append(_entry_name(entry) if entry else number)
    return ", ".join(names)


def _cites_all(text_numbers: set[str], folded_text: str, registry: RegistryLookup, numbers: tuple[str, ...]) -> bool:
    """Whether the draft itself cites every one of these documents (by number or title)."""
    for number in numbers:
        if number_key(number) in text_numbers:
            continue
        entry = registry.lookup(number)
        if not (entry and fold(entry.title) in folded_text):
            return False
    return True


def check_legal_basis(
    lines: list[Line], registry: RegistryLookup, own_number: str | None = None
) -> tuple[list[Finding], list[CitedStatus]]:
    """Findings on the documents the lines cite, and the status of each."""
    text = "\n".join(line.text for line in lines)
    text_numbers = {number_key(n) for n in find_numbers(text)}
    folded_text = fold(text)
    findings: list[Finding] = []
    statuses: list[CitedStatus] = []
    for citation in _citations(lines, own_number):
        cited = citation.cited
        entry = registry.lookup(cited.number) if cited.number else registry.lookup_title(cited.title or "")
        where = citation.line.location
        if entry is None:
            statuses.append(CitedStatus(cited.number or cited.title or "", "unknown"))
            findings.append(finding(
                "LEGAL_BASIS_UNKNOWN",
                f"không tìm thấy {citation.label} trong cơ sở dữ liệu văn bản; kiểm tra lại số, ký hiệu và hiệu lực",
                where,
            ))
            continue
        if cited.number is None and citation.year and entry.issued_on and entry.issued_on.year != citation.year:
            statuses.append(CitedStatus(cited.title or "", "unknown"))
            findings.append(finding(
                "LEGAL_BASIS_UNKNOWN",
                f"{citation.label} năm {citation.year} không có trong cơ sở dữ liệu văn bản; văn bản cùng tên hiện có"
                f" là {_entry_name(entry)} ({entry.issued_on.year}, {_STATUS_WORDS[entry.status]}) — kiểm tra lại căn cứ",
                where,
            ))
            continue
        statuses.append(CitedStatus(entry.number or cited.number or entry.title, entry.status))
        if entry.status == "repealed":
            replaced = f", được thay thế bởi {_named(registry, entry.replaced_by)}" if entry.replaced_by else ""
            findings.append(finding("LEGAL_BASIS_REPEALED", f"{citation.label} đã hết hiệu lực{replaced}", where))
        elif entry.status == "amended" and not _cites_all(text_numbers, folded_text, registry, entry.amended_by):
            by = f" bởi {_named(registry, entry.amended_by)}" if entry.amended_by else ""
            findings.append(finding(
                "LEGAL_BASIS_AMENDED",
                f"{citation.label} đã được sửa đổi, bổ sung{by}; nên viện dẫn cả văn bản sửa đổi, bổ sung",
                where,
            ))
        elif entry.status == "unknown":
            findings.append(finding(
                "LEGAL_BASIS_UNKNOWN", f"chưa xác định được hiệu lực của {citation.label}", where
            ))
    return findings, statuses


_STATUS_WORDS = {"in_force": "còn hiệu lực", "amended": "đã sửa đổi, bổ sung", "repealed": "hết hiệu lực", "unknown": "chưa rõ hiệu lực"}
