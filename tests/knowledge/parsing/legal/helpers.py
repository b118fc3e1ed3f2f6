"""Picking documents and units out of parser results."""
from __future__ import annotations

from knowledge.models import Dieu, ParsedLegalDocument


def only(parsed: list[ParsedLegalDocument]) -> ParsedLegalDocument:
    assert len(parsed) == 1, [p.document.doc_id for p in parsed]
    return parsed[0]


def article(parsed: ParsedLegalDocument, label: str) -> Dieu:
    """The unit whose citation label is ``label`` ("Điều 16", "Mục I Phần I Phụ lục I")."""
    found = [a for a in parsed.articles if a.unit_label() == label]
    assert len(found) == 1, [a.unit_label() for a in parsed.articles]
    return found[0]
