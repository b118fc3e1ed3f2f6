"""Markdown văn bản (as Nghị định 30/2020/NĐ-CP, "## Chương I", "### Điều 1. ...")
and their appendices.

A Markdown văn bản is read as plain text once its marks are removed. Converted
from Word, it prints its header (issuer, số hiệu, place and date) as a table at
the end, each cell's lines separated by rules ("CHÍNH PHỦ _______ Số: 30/2020/NĐ-CP");
that table is put back in front, and the "Nơi nhận" table is dropped.

An appendix file ("**Phụ lục I**", its title, "(Kèm theo Nghị định số
30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ)", then "Phần I", "I. QUY
ĐỊNH CHUNG", "1. Khổ giấy: ...") belongs to the document it is attached to: its
sections become units of that document ("khoản 3 Mục I Phần I Phụ lục I").
"""
from __future__ import annotations

import re

from knowledge.models import LegalDocument, ParsedLegalDocument
from knowledge.parsing.citations import find_cited_documents
from knowledge.parsing.legal.common import cited_numbers, fallback_title, markdown_line, parse_date, slug_id
from knowledge.parsing.legal.plain import parse_plain
from knowledge.parsing.legal.relations import article_texts
from knowledge.parsing.legal.structure import AppendixBuilder, is_upper_title

_RULE = re.compile(r"\s*_{3,}\s*")
_HEADER_TABLE = re.compile(r"Số\s*:\s*\d")
_RECIPIENTS = "Nơi nhận"
_APPENDIX_LABEL = re.compile(r"^Phụ lục (?P<num>[IVXLC]+|\d+)$", re.IGNORECASE)
_ATTACHED_TO = re.compile(r"^\((?:Ban hành )?[Kk]èm theo\b")
_PART = re.compile(r"^Phần (?P<num>[IVXLC]+|\d+)$")
_NO_TEXT = re.compile(r"^[_\W]*$")


def _plain_lines(text: str) -> list[str]:
    """Lines without Markdown, header table first, recipients table left out."""
    header: list[str] = []
    body: list[str] = []
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped.startswith("|") and _RECIPIENTS in stripped:
            continue
        if stripped.startswith("|") and _HEADER_TABLE.search(stripped):
            header += [part.strip() for cell in stripped.strip("|").split("|") for part in _RULE.split(cell) if part.strip()]
            continue
        line = markdown_line(raw)
        if line and not _NO_TEXT.match(line):
            body.append(line)
    return header + body


def parse_markdown(text: str, source: str, stem: str) -> list[ParsedLegalDocument]:
    """A Markdown văn bản with articles."""
    return parse_plain(_plain_lines(text), source, stem)


def _title_and_note(lines: list[str]) -> tuple[str, str, int]:
    """The appendix's title (capitals after its label), its "(Kèm theo ...)" note and where its body starts."""
    index = 1
    title: list[str] = []
    while index < len(lines) and is_upper_title(lines[index]) and not _PART.match(lines[index]):
        title.append(lines[index])
        index += 1
    note: list[str] = []
    if index < len(lines) and _ATTACHED_TO.match(lines[index]):
        while index < len(lines):
            note.append(lines[index])
            index += 1
            if note[-1].endswith(")"):
                break
    return " ".join(title), " ".join(note), index


def parse_appendix(text: str, source: str) -> list[ParsedLegalDocument]:
    """An appendix file, as units of the document it is attached to."""
    lines = [line for line in (markdown_line(raw) for raw in text.split("\n")) if line and not _NO_TEXT.match(line)]
    label = f"Phụ lục {_APPENDIX_LABEL.match(lines[0]).group('num')}"
    title, note, body_start = _title_and_note(lines)
    parent = next((c for c in find_cited_documents(note) if c.number), None)
    number = parent.number if parent else None
    doc_type = (parent.doc_type if parent else None) or "Văn bản"
    doc_id = number or slug_id(source)
    issuer = note.rstrip(")").rsplit(" của ", 1)[1].strip() if " của " in note else None
    builder = AppendixBuilder(doc_id, source, label, title)
    for line in lines[body_start:]:
        part = _PART.match(line)
        if part:
            builder.phan(part.group("num"))
        else:
            builder.feed(line)
    units = builder.units()
    document = LegalDocument(
        doc_id=doc_id,
        number=number,
        doc_type=doc_type,
        title=fallback_title(doc_type, number) if number else f"{label}. {title}".strip(". "),
        issuer=issuer,
        issued_on=parse_date(note),
        effective_on=None,
        source=source,
    )
    return [ParsedLegalDocument(document=document, articles=tuple(units), cited_numbers=cited_numbers(article_texts(units), number))]
