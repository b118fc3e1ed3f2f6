"""Saying whether a văn bản is still in force, from the registry as of the day it is read.

- ``validity_phrase``: what follows a citation, "còn hiệu lực", "đã hết hiệu lực từ
  01/8/2024, được thay thế bởi Luật Đất đai 31/2024/QH15", "còn hiệu lực, sẽ hết hiệu
  lực từ 01/01/2027"; "còn hiệu lực theo dữ liệu hiện có" when only the texts held say so;
- ``notice``: the sentence a quote from a document no longer (wholly) in force opens
  with — "Luật Đất đai 45/2013/QH13 đã hết hiệu lực từ 01/8/2024, được thay thế bởi
  Luật Đất đai 31/2024/QH15." — saying plainly when the replacing document is not in
  the knowledge base, so the old text is never read as current.

Dates are written as in Vietnamese legal texts: day in two digits, months from March on
in one (01/8/2024, 01/01/2025).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Protocol

from knowledge.models import SUPERSEDED, RegistryEntry, StatusChange
from knowledge.parsing.citations import number_key
from knowledge.registry import current_documents

# In force as far as the texts held say, no validity feed naming the document: a text crawled years ago may have been
# replaced since by one the knowledge base does not hold (Luật Phòng, chống bạo lực gia đình 2007, replaced in 2023).
IN_FORCE_AS_READ = "còn hiệu lực theo dữ liệu hiện có"
NOT_IN_KNOWLEDGE_BASE = "văn bản thay thế chưa có trong cơ sở dữ liệu; nội dung dưới đây là của văn bản cũ"
# How a status reads in a table or a badge (review, rà soát, HĐND report, web chat).
STATUS_WORDS = {
    "in_force": "còn hiệu lực",
    "amended": "còn hiệu lực, đã được sửa đổi, bổ sung",
    "partially_repealed": "hết hiệu lực một phần",
    "repealed": "hết hiệu lực",
    "unknown": "chưa xác định được hiệu lực",
}


class Registry(Protocol):
    def lookup(self, number: str) -> RegistryEntry | None:
        """The entry of a số hiệu, if known."""

    def lookup_title(self, title: str, year: int | None = None) -> RegistryEntry | None:
        """The document a title (and year) most likely means, if known."""


def legal_date(day: date) -> str:
    """"01/8/2024", "01/01/2025": the day in two digits, January and February too."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}" if day.month <= 2 else f"{day.day:02d}/{day.month}/{day.year}"


def document_name(entry: RegistryEntry) -> str:
    """"Luật Đất đai 45/2013/QH13"; the title alone when it holds the number ("Nghị định số 30/2020/NĐ-CP")."""
    if not entry.number or entry.number in entry.title:
        return entry.title
    return f"{entry.title} {entry.number}"


def names_of(registry: Registry, numbers: tuple[str, ...], name: Callable[[RegistryEntry], str] = document_name) -> str:
    """The documents' names, comma-separated; a number the registry does not know stays as written."""
    return ", ".join(name(entry) if (entry := registry.lookup(number)) else number for number in numbers)


def _since(day: date | None) -> str:
    return f" từ {legal_date(day)}" if day else ""


def _replacements(registry: Registry, entry: RegistryEntry, partly: bool) -> str:
    """", được thay thế bởi Luật Đất đai 31/2024/QH15", with the documents in force now when replaced again since."""
    if not entry.replaced_by:
        return ""
    words = "được thay thế một phần bởi" if partly else "được thay thế bởi"
    text = f", {words} {names_of(registry, entry.replaced_by)}"
    named = {number_key(n) for n in entry.replaced_by}
    current = [e for e in current_documents(registry.lookup, entry) if number_key(e.number or e.doc_id) not in named]
    if current:
        text += f" (nay là {', '.join(document_name(e) for e in current)})"
    return text


def _upcoming(registry: Registry, change: StatusChange | None) -> str:
    """", sẽ hết hiệu lực từ 01/01/2027 (thay thế bởi ...)": a change already known that has not begun."""
    if change is None or change.since is None:
        return ""
    replacing = f" (thay thế bởi {names_of(registry, change.replaced_by)})" if change.replaced_by else ""
    if change.status == "repealed":
        return f", sẽ hết hiệu lực từ {legal_date(change.since)}{replacing}"
    if change.status == "partially_repealed":
        return f", sẽ hết hiệu lực một phần từ {legal_date(change.since)}{replacing}"
    if change.status == "amended":
        return f", sẽ được sửa đổi, bổ sung từ {legal_date(change.since)}"
    return ""


def validity_phrase(registry: Registry, entry: RegistryEntry | None) -> str:
    """"còn hiệu lực", "đã hết hiệu lực từ 01/8/2024, được thay thế bởi Luật Đất đai 31/2024/QH15", ..."""
    if entry is None:
        return "chưa xác định được tình trạng hiệu lực"
    if entry.status == "unknown":
        if entry.upcoming is not None and entry.upcoming.status == "in_force" and entry.upcoming.since:
            return f"chưa có hiệu lực, có hiệu lực từ {legal_date(entry.upcoming.since)}"
        return "chưa xác định được tình trạng hiệu lực"
    if entry.status == "repealed":
        return "đã hết hiệu lực" + _since(entry.status_since) + _replacements(registry, entry, False)
    if entry.status == "partially_repealed":
        basis = f" ({entry.basis})" if entry.basis else ""
        return "đã hết hiệu lực một phần" + _since(entry.status_since) + _replacements(registry, entry, True) + basis
    in_force = IN_FORCE_AS_READ if entry.status_source == "corpus" else "còn hiệu lực"
    if entry.status == "amended":
        amended = names_of(registry, entry.amended_by)
        return f"{in_force}, đã được sửa đổi, bổ sung" + (f" bởi {amended}" if amended else "") + _upcoming(registry, entry.upcoming)
    return in_force + _upcoming(registry, entry.upcoming)


def notice(registry: Registry, entry: RegistryEntry | None) -> str:
    """The warning a quote from a repealed or partially repealed document opens with; "" otherwise."""
    if entry is None or entry.status not in SUPERSEDED:
        return ""
    sentence = f"{document_name(entry)} {validity_phrase(registry, entry)}"
    if entry.replaced_by and not any(e.in_corpus for e in current_documents(registry.lookup, entry)):
        sentence += f"; {NOT_IN_KNOWLEDGE_BASE}"
    return sentence + "."


def known_beyond_the_corpus(registry: Registry, name: str) -> str:
    """What the validity data says of a law the corpus does not hold, named with its year ("Luật Căn cước 2023"):
    "Theo dữ liệu hiệu lực, Luật Căn cước 26/2023/QH15 có hiệu lực từ 01/7/2024, còn hiệu lực." ("" when it
    knows nothing of it)."""
    named = re.match(r"^(.*?)\s*(?:năm\s+)?((?:19|20)\d{2})?$", name.strip())
    title, year = named.group(1), int(named.group(2)) if named.group(2) else None
    entry = registry.lookup_title(title, year)
    if entry is None or entry.in_corpus or entry.status == "unknown" or (year is not None and entry.year != year):
        return ""
    began = f" có hiệu lực từ {legal_date(entry.status_since)}," if entry.status == "in_force" and entry.status_since else ""
    return f"Theo dữ liệu hiệu lực, {document_name(entry)}{began} {validity_phrase(registry, entry)}."


def took_effect_notice(entry: RegistryEntry) -> str:
    """"Luật Nhà ở 27/2023/QH15 có hiệu lực từ 01/8/2024, không phải ngày 01/01/2025 ghi trong văn bản (theo dữ
    liệu hiệu lực)": said under a quote of a document's own article on when it takes effect, when the validity
    feed has it in force from another day (Luật số 43/2024/QH15 brought Luật Nhà ở and Luật Đất đai forward);
    "" otherwise."""
    began, written = entry.status_since, entry.effective_on
    if entry.status != "in_force" or not began or not written or began == written:
        return ""
    return (f"{document_name(entry)} có hiệu lực từ {legal_date(began)}, không phải ngày {legal_date(written)} ghi "
            f"trong văn bản (theo dữ liệu hiệu lực)")
