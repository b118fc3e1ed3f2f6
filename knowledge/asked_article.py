"""An article asked for by its number: "Điều 15 Luật Hộ tịch quy định gì", "khoản 2 Điều 7 Nghị định
168/2024/NĐ-CP nói gì".

Retrieval ranks passages by the words they share with the question, and "quy định gì" shares
none with the article meant; an officer naming the article wants that article first. The document
is the one cited after "Điều N": by its number, else by the longest run of its name's words that
the registry knows as a title (a year after the name picks that version: "Luật Đất đai 2013").
"""
from __future__ import annotations

import re
from typing import Protocol

from knowledge.models import RegistryEntry
from knowledge.parsing.citations import find_cited_documents
from knowledge.text import normalize

_ARTICLE = re.compile(r"\b[Đđ]iều\s+(\d{1,3}[a-zđ]?)\b(?:\s+của)?\s+")
# Where the words that may belong to the document's name stop.
_NAME_SPAN_END = re.compile(r"[,;:.?!()\n]|\s(?:quy định|nói|có|là|thì|về|được|ghi)\b")
_MAX_NAME_WORDS = 12
_YEAR = re.compile(r"^\s*(?:năm\s+)?((?:19|20)\d\d)\b(?![/\d])")


class Registry(Protocol):
    def lookup(self, number: str) -> RegistryEntry | None: ...

    def lookup_title(self, title: str, year: int | None = None) -> RegistryEntry | None: ...


def asked_article(question: str, registry: Registry) -> tuple[str, str] | None:
    """(doc_id, article) of the article the question names with its document, when the corpus holds it."""
    text = normalize(question)
    for match in _ARTICLE.finditer(text):
        rest = text[match.end():]
        cited = next(iter(find_cited_documents(rest)), None)
        if cited is None or cited.start > 0:
            continue
        entry = registry.lookup(cited.number) if cited.number else _by_title(registry, rest)
        if entry is not None and entry.in_corpus:
            return entry.doc_id, match.group(1)
    return None


def _by_title(registry: Registry, rest: str) -> RegistryEntry | None:
    """The longest run of the name's words the registry knows as a title ("Luật Hôn nhân và gia đình"), in
    the year written after it."""
    span = _NAME_SPAN_END.search(rest)
    words = rest[: span.start() if span else len(rest)].split()[:_MAX_NAME_WORDS]
    for size in range(len(words), 1, -1):
        title = " ".join(words[:size])
        year = _YEAR.match(" ".join(words[size:]))
        entry = registry.lookup_title(title, int(year.group(1)) if year else None)
        if entry is not None:
            return entry
    return None
