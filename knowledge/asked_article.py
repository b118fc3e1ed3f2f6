"""An article asked for by its number: "Điều 15 Luật Hộ tịch quy định gì", "khoản 2 Điều 7 Nghị định
168/2024/NĐ-CP nói gì"; or by what it says: "Luật An ninh mạng năm 2018 có hiệu lực từ ngày nào?" asks
its article on when it takes effect ("Điều 43. Hiệu lực thi hành").

Retrieval ranks passages by the words they share with the question, and "quy định gì" shares
none with the article meant; an officer naming the article wants that article first. The document
is the one cited after "Điều N": by its number, else by the longest run of its name's words that
the registry knows as a title among the texts the corpus holds (a year after the name picks that version:
"Luật Đất đai 2013"; without one, a law replaced by a text the corpus lacks is still read, and the answer
says it was replaced).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Protocol

from knowledge.models import RegistryEntry
from knowledge.parsing.citations import find_cited_documents
from knowledge.text import fold, normalize

_ARTICLE = re.compile(r"\b[Đđ]iều\s+(\d{1,3}[a-zđ]?)\b(?:\s+của)?\s+")
# Where the words that may belong to the document's name stop.
_NAME_SPAN_END = re.compile(r"[,;:.?!()\n]|\s(?:quy định|nói|có|là|thì|về|được|ghi|quy dinh|noi|co|la|thi|ve|duoc)\b")
_MAX_NAME_WORDS = 12
# Where a document's name may begin, for a question naming no article.
_DOCUMENT = re.compile(r"\b(?:Bộ luật|Luật|Bo luat|Luat)\b", re.IGNORECASE)
# When a document took effect, asked (read folded).
_WHEN_IN_FORCE = re.compile(
    r"\bhieu luc (?:thi hanh )?(?:tu |ke tu )?(?:ngay nao|khi nao|bao gio|luc nao|nam nao)\b"
    r"|\b(?:khi nao|bao gio|ngay nao|luc nao)\b(?:\s+[^\s]+){0,8}?\s+(?:co |bat dau co )?hieu luc\b"
)
_YEAR = re.compile(r"^\s*(?:năm\s+|nam\s+)?((?:19|20)\d\d)\b(?![/\d])")


class Registry(Protocol):
    def lookup(self, number: str) -> RegistryEntry | None: ...

    def lookup_title(self, title: str, year: int | None = None, in_corpus: bool = False) -> RegistryEntry | None: ...


def asked_article(
    question: str, registry: Registry, effect_article: Callable[[str], str | None] = lambda doc_id: None
) -> tuple[str, str] | None:
    """(doc_id, article) of the article the question names with its document, when the corpus holds it; for a
    question asking when a document took effect, the article ``effect_article`` finds in the one it names."""
    text = normalize(question)
    for match in _ARTICLE.finditer(text):
        entry = _cited_at(registry, text[match.end():])
        if entry is not None and entry.in_corpus:
            return entry.doc_id, match.group(1)
    if asks_when_in_force(text):
        for entry in _documents_named(registry, text):
            if entry.in_corpus and (article := effect_article(entry.doc_id)):
                return entry.doc_id, article
    return None


def asks_when_in_force(question: str) -> bool:
    """Whether the question asks when a document took or takes effect ("Luật Nhà ở 2023 có hiệu lực từ ngày
    nào?", "khi nao nghi dinh 168/2024 co hieu luc")."""
    return bool(_WHEN_IN_FORCE.search(fold(question)))


def _documents_named(registry: Registry, text: str) -> list[RegistryEntry]:
    """The documents the text names by number, then those it names by name, in order."""
    by_number = [registry.lookup(cited.number) for cited in find_cited_documents(text) if cited.number]
    by_name = [_by_title(registry, text[match.start():]) for match in _DOCUMENT.finditer(text)]
    return [entry for entry in by_number + by_name if entry is not None]


def _cited_at(registry: Registry, rest: str) -> RegistryEntry | None:
    """The document cited at the start of ``rest``: by its number, else by its name."""
    cited = next(iter(find_cited_documents(rest)), None)
    if cited is None or cited.start > 0:
        return None
    return registry.lookup(cited.number) if cited.number else _by_title(registry, rest)


def _by_title(registry: Registry, rest: str) -> RegistryEntry | None:
    """The longest run of the name's words the registry knows as a title ("Luật Hôn nhân và gia đình"), in
    the year written after it."""
    span = _NAME_SPAN_END.search(rest)
    words = rest[: span.start() if span else len(rest)].split()[:_MAX_NAME_WORDS]
    for size in range(len(words), 1, -1):
        title = " ".join(words[:size])
        year = _YEAR.match(" ".join(words[size:]))
        entry = registry.lookup_title(title, int(year.group(1)) if year else None, in_corpus=True)
        if entry is not None:
            return entry
    return None
