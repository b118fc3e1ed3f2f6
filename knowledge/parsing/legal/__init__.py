"""Legal texts in, citable units out.

``parse_legal_file`` reads one file of the legal corpus and returns the văn bản
it holds, split into Phần/Chương/Mục/Điều/Khoản/Điểm (see ``knowledge.models``),
with the documents it repeals or amends and the numbers it cites. Three formats
are recognised by their content:

- ``vlc`` — a plain-text law of the Vietnamese Legal Corpus (header, then articles);
- ``phapdien`` — a Markdown topic of the Bộ pháp điển, whose articles come from many
  source documents: one ``ParsedLegalDocument`` per source document;
- ``markdown`` — a Markdown văn bản ("### Điều 1. ...", as Nghị định 30/2020/NĐ-CP)
  or one of its appendices ("**Phụ lục I**"), which belong to the document they
  are attached to.
"""
from __future__ import annotations

import re
from pathlib import Path

from knowledge.errors import BadInput
from knowledge.models import ParsedLegalDocument
from knowledge.parsing.legal.common import source_name
from knowledge.parsing.legal.markdown import parse_appendix, parse_markdown
from knowledge.parsing.legal.phapdien import parse_phapdien
from knowledge.parsing.legal.plain import parse_plain
from knowledge.parsing.uploads import read_text

SUFFIXES = (".txt", ".md")
_PHAPDIEN = re.compile(r"^## VĂN BẢN$.*^Điều \d+\.\d+\.", re.MULTILINE | re.DOTALL)
_APPENDIX = re.compile(r"^\W*Phụ lục [IVXLC\d]+\W*$", re.IGNORECASE)
_MARKDOWN_ARTICLE = re.compile(r"^#{1,6} Điều \d+", re.MULTILINE)

__all__ = ["SUFFIXES", "detect_format", "legal_files", "parse_legal_file", "parse_legal_text"]


def detect_format(text: str, suffix: str) -> str:
    """"phapdien", "appendix", "markdown" or "vlc" (plain text), from the content."""
    if suffix == ".md":
        if _PHAPDIEN.search(text):
            return "phapdien"
        first = next((line for line in text.split("\n") if line.strip()), "")
        if _APPENDIX.match(first.strip()):
            return "appendix"
        if _MARKDOWN_ARTICLE.search(text):
            return "markdown"
    return "vlc"


def parse_legal_file(path: Path, root: Path | None = None) -> list[ParsedLegalDocument]:
    """The văn bản in one file, [] when it holds none (a README, a note).

    ``root`` is the knowledge folder: sources are recorded relative to it.
    Raises ``BadInput`` for a file that is missing, unreadable, not UTF-8 text or
    not .txt/.md.
    """
    path = Path(path)
    if path.suffix.lower() not in SUFFIXES:
        raise BadInput(f"{path}: chỉ đọc được văn bản pháp luật dạng .txt hoặc .md")
    return parse_legal_text(read_text(path).text, source_name(path, root), path.stem, path.suffix.lower())


def parse_legal_text(text: str, source: str, stem: str, suffix: str = ".txt") -> list[ParsedLegalDocument]:
    """The văn bản in already-read, normalised text (an uploaded .docx or .pdf, say)."""
    kind = detect_format(text, suffix)
    if kind == "phapdien":
        return parse_phapdien(text, source)
    if kind == "appendix":
        return parse_appendix(text, source)
    if kind == "markdown":
        return parse_markdown(text, source, stem)
    return parse_plain([line.strip() for line in text.split("\n") if line.strip()], source, stem)


def legal_files(folder: Path) -> list[Path]:
    """The .txt and .md files under ``folder``, sorted (other copies, e.g. .docx, are left out)."""
    return sorted(p for p in Path(folder).rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
