"""A draft as a list of lines with, for .docx, the effective formatting of every piece of text.

The reviewer reads .txt and .docx alike as ``Line`` objects in reading order.
For a .docx, paragraphs are taken in document order, table cells row by row
(the header table gives the cơ quan column, then the Quốc hiệu column), text
boxes after the paragraph that anchors them; each run carries its *effective*
font, size, bold and italic, resolved through the run, its character style,
the paragraph style chain, the document defaults and the theme, as Word does.

Two-column text flattened into one line ("ỦY BAN NHÂN DÂN<tab>CỘNG HÒA XÃ HỘI …",
or columns separated by runs of spaces in a .txt) is split back into one line
per column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.shared import Length
from lxml import etree

from assistant.documents.reading import Upload
from knowledge.text.normalize import normalize

_RULE = re.compile(r"^[\s_\-–—=.*~]{3,}$")
_COLUMN_GAP = re.compile(r"\t+| {3,}")
DEFAULT_SIZE_PT = 10.0  # OOXML: text with no size anywhere in its style chain


@dataclass(frozen=True)
class RunStyle:
    font: str | None  # None: no font named anywhere (the application default)
    size: float
    bold: bool
    italic: bool
    caps: bool


@dataclass(frozen=True)
class Piece:
    text: str
    style: RunStyle | None  # None for plain text


@dataclass(frozen=True)
class Line:
    number: int  # line of a .txt, paragraph of a .docx (1-based)
    unit: str  # "dòng" or "đoạn"
    pieces: tuple[Piece, ...]
    cell: bool = False  # inside a table cell of a .docx

    @property
    def text(self) -> str:
        return normalize("".join(p.text for p in self.pieces)).strip()

    @property
    def location(self) -> str:
        return f"{self.unit} {self.number}"

    @property
    def is_rule(self) -> bool:
        """A line drawn with underscores or dashes under the Tiêu ngữ, cơ quan or trích yếu."""
        return bool(_RULE.match("".join(p.text for p in self.pieces)))

    def styled(self) -> list[Piece]:
        """The pieces that show text and carry formatting."""
        return [p for p in self.pieces if p.style is not None and p.text.strip()]


@dataclass(frozen=True)
class SectionPage:
    number: int
    width_mm: float
    height_mm: float
    margins_mm: dict[str, float]


def _slice(pieces: tuple[Piece, ...], start: int, end: int) -> tuple[Piece, ...]:
    out, offset = [], 0
    for piece in pieces:
        low, high = max(start, offset), min(end, offset + len(piece.text))
        if low < high:
            out.append(Piece(piece.text[low - offset : high - offset], piece.style))
        offset += len(piece.text)
    return tuple(out)


def _joins(previous: str, following: str) -> bool:
    """Whether a gap is inside one element: "Số:      /QĐ-UBND", "ngày      tháng      năm"."""
    return following[:1] == "/" or bool(re.search(r"(?i)(ngày|tháng|năm|số:?)$", previous))


def split_columns(line: Line) -> list[Line]:
    """One line per column of a line holding several (tabs or long runs of spaces between them)."""
    raw = "".join(p.text for p in line.pieces)
    spans, start = [], 0
    for gap in _COLUMN_GAP.finditer(raw):
        spans.append((start, gap.start()))
        start = gap.end()
    spans.append((start, len(raw)))
    spans = [(a, b) for a, b in spans if raw[a:b].strip()]
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and _joins(raw[merged[-1][0] : merged[-1][1]].strip(), raw[a:b].strip()):
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return [replace(line, pieces=_slice(line.pieces, a, b)) for a, b in merged]


def text_lines(text: str) -> list[Line]:
    """The lines of a plain-text draft, columns split."""
    lines = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if raw.strip():
            lines += split_columns(Line(number, "dòng", (Piece(raw, None),)))
    return lines


class _Styles:
    """Effective run properties of a .docx, resolved like Word does."""

    def __init__(self, document: DocxDocument) -> None:
        root = document.styles.element
        self.by_id = {s.get(qn("w:styleId")): s for s in root.findall(qn("w:style"))}
        defaults = root.find(qn("w:docDefaults"))
        self.default_rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}") if defaults is not None else None
        self.default_paragraph = next(
            (
                s.get(qn("w:styleId"))
                for s in root.findall(qn("w:style"))
                if s.get(qn("w:type")) == "paragraph" and s.get(qn("w:default")) in ("1", "true")
            ),
            None,
        )
        self.theme = _theme_fonts(document)

    def _chain(self, style_id: str | None) -> list:
        chain, seen = [], set()
        while style_id and style_id not in seen and style_id in self.by_id:
            seen.add(style_id)
            style = self.by_id[style_id]
            rpr = style.find(qn("w:rPr"))
            if rpr is not None:
                chain.append(rpr)
            based = style.find(qn("w:basedOn"))
            style_id = based.get(qn("w:val")) if based is not None else None
        return chain

    def resolve(self, run, paragraph, text: str) -> RunStyle:
        rprs = [run.find(qn("w:rPr"))]
        rstyle = run.find(f"{qn('w:rPr')}/{qn('w:rStyle')}")
        if rstyle is not None:
            rprs += self._chain(rstyle.get(qn("w:val")))
        pstyle = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        rprs += self._chain(pstyle.get(qn("w:val")) if pstyle is not None else self.default_paragraph)
        rprs.append(self.default_rpr)
        rprs = [r for r in rprs if r is not None]
        return RunStyle(
            font=self._font(rprs, text),
            size=_first(rprs, "w:sz", lambda el: int(el.get(qn("w:val"))) / 2, DEFAULT_SIZE_PT),
            bold=_first(rprs, "w:b", _toggle, False),
            italic=_first(rprs, "w:i", _toggle, False),
            caps=_first(rprs, "w:caps", _toggle, False),
        )

    def _font(self, rprs: list, text: str) -> str | None:
        """The font Word draws ``text`` in: the hAnsi slot for Vietnamese letters beyond ASCII,
        the ascii slot otherwise, each slot inherited on its own through the chain."""
        beyond_ascii = any(ord(c) > 127 for c in text if c.isalpha())
        slots = (("w:hAnsi", "w:hAnsiTheme"), ("w:ascii", "w:asciiTheme"))
        for attr, theme_attr in slots if beyond_ascii else slots[::-1]:
            for rpr in rprs:
                fonts = rpr.find(qn("w:rFonts"))
                if fonts is None:
                    continue
                theme = fonts.get(qn(theme_attr))
                if theme:
                    return self.theme.get("major" if theme.startswith("major") else "minor")
                if fonts.get(qn(attr)):
                    return fonts.get(qn(attr))
        return None


def _first(rprs: list, tag: str, read, default):
    for rpr in rprs:
        el = rpr.find(qn(tag))
        if el is not None:
            return read(el)
    return default


def _toggle(el) -> bool:
    return el.get(qn("w:val"), "true").lower() not in ("0", "false", "off")


def _theme_fonts(document: DocxDocument) -> dict[str, str]:
    """The theme's major (headings) and minor (body) Latin typefaces."""
    for rel in document.part.rels.values():
        if rel.reltype.endswith("/theme") and not rel.is_external:
            root = etree.fromstring(rel.target_part.blob)
            ns = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
            return {
                kind: (root.xpath(f"//a:{kind}Font/a:latin/@typeface", namespaces=ns) or [None])[0]
                for kind in ("major", "minor")
            }
    return {}


_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _own(paragraph, tag: str) -> list:
    """Descendants ``tag`` of a paragraph that belong to it, not to a text box inside it,
    skipping the VML copy a drawing keeps for old readers (mc:Fallback)."""
    found = []
    for el in paragraph.iter(qn(tag)):
        parent = el.getparent()
        while parent is not None and parent.tag not in (qn("w:p"), _FALLBACK):
            parent = parent.getparent()
        if parent is paragraph:
            found.append(el)
    return found


def _paragraph_pieces(paragraph, styles: _Styles) -> tuple[Piece, ...]:
    pieces = []
    for run in _own(paragraph, "w:r"):
        text = []
        for child in run:
            if child.tag == qn("w:t"):
                text.append(child.text or "")
            elif child.tag == qn("w:tab"):
                text.append("\t")
            elif child.tag in (qn("w:br"), qn("w:cr")):
                text.append("\n")
        if text:
            joined = "".join(text)
            pieces.append(Piece(joined, styles.resolve(run, paragraph, joined)))
    return tuple(pieces)


def _blocks(container, in_cell: bool = False):
    """(paragraph, inside a table cell) in reading order: body, table cells, content controls, text boxes."""
    for child in container:
        if child.tag == qn("w:p"):
            yield child, in_cell
            for box in _own(child, "w:txbxContent"):
                yield from _blocks(box, in_cell)
        elif child.tag == qn("w:tbl"):
            for row in child.findall(qn("w:tr")):
                for cell in row.findall(qn("w:tc")):
                    yield from _blocks(cell, True)
        elif child.tag in (qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")):
            yield from _blocks(child, in_cell)


def docx_lines(document: DocxDocument) -> list[Line]:
    """The non-empty lines of a .docx in reading order, columns and soft line breaks split."""
    styles = _Styles(document)
    lines: list[Line] = []
    for number, (paragraph, in_cell) in enumerate(_blocks(document.element.body), start=1):
        pieces = _paragraph_pieces(paragraph, styles)
        offset = 0
        for part in "".join(p.text for p in pieces).split("\n"):
            sub = _slice(pieces, offset, offset + len(part))
            offset += len(part) + 1
            if part.strip():
                lines += split_columns(Line(number, "đoạn", sub, in_cell))
    return lines


def docx_pages(document: DocxDocument) -> list[SectionPage]:
    def mm(value: Length | None) -> float:
        return value.mm if value is not None else 0.0

    return [
        SectionPage(
            i,
            mm(s.page_width),
            mm(s.page_height),
            {
                "top": mm(s.top_margin),
                "bottom": mm(s.bottom_margin),
                "left": mm(s.left_margin),
                "right": mm(s.right_margin),
            },
        )
        for i, s in enumerate(document.sections, start=1)
    ]


def upload_lines(upload: Upload) -> tuple[list[Line], list[SectionPage] | None]:
    """The lines of an opened draft, and its pages when it is a .docx."""
    if upload.document is not None:
        return docx_lines(upload.document), docx_pages(upload.document)
    return text_lines(upload.text or ""), None
