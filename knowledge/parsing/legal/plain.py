"""Plain-text văn bản: the laws of the Vietnamese Legal Corpus (vlc-2022), and
Markdown văn bản once their marks are removed (see ``markdown``).

A file holds one document, e.g. a law: a header (issuer "QUỐC HỘI", "Luật số: 60/2014/QH13",
"Hà Nội, ngày 20 tháng 11 năm 2014", the type "LUẬT" or "BỘ LUẬT" and the name in
capitals, the căn cứ and the enactment line "Quốc hội ban hành Luật hộ tịch."),
then Phần/Chương/Mục/Điều, the closing line ("Luật này đã được Quốc hội ...
thông qua ngày ..."), the signature and sometimes appendices (PHỤ LỤC), printed
as tables with one cell per line.

Old laws are irregular: no header at all, the number split ("73/2006/QH 11") or
only in the file name, the title only in the text. Every identity field comes
from the header when it is there, then from other honest clues (the closing
line, the file name matched against the text), and stays empty otherwise.
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from knowledge.models import Dieu, LegalDocument, ParsedLegalDocument
from knowledge.parsing.citations import DOC_TYPES, doc_type_from_number
from knowledge.parsing.legal.common import (
    cited_numbers,
    doc_type_named,
    document_title,
    effective_date,
    fallback_title,
    name_case,
    parse_date,
    Spellings,
    slug_id,
)
from knowledge.parsing.legal.relations import article_texts, relations_in, unquoted
from knowledge.parsing.legal.structure import AppendixBuilder, ArticleBuilder, is_upper_title
from knowledge.text import fold

_NUMBER_LINE = re.compile(r"(?:^|\n)(?:(?:Bộ luật|BỘ LUẬT|Luật|LUẬT)\s+)?(?:số|Số|SỐ)\s*:?\s*(?P<number>\d\S*(?:[ \t]+\d{1,2}\b)?)")
_PLACE_DATE = re.compile(r"^[^,()]{2,40},\s*ngày\s*\d{1,2}\s*tháng", re.IGNORECASE)
_PASSED_ON = re.compile(r"thông qua ngày\s*\d")
_ENACTMENT = re.compile(r"ban hành (?P<type>" + "|".join(re.escape(t) for t in DOC_TYPES) + r") (?P<name>.+?)[.,;:]?$")
_CLOSING = re.compile(r"^(?:Bộ luật|Luật|Pháp lệnh)(?: này)? (?:đã )?được Quốc hội\b.*thông qua")
_APPENDIX = re.compile(r"^(?:PHỤ LỤC|Phụ lục)(?:\s+(?P<so>SỐ|số))?(?:\s+(?P<num>[IVXLC]+|\d+))?$")
_ATTACHED = re.compile(r"^\((?:Ban hành )?kèm theo\b", re.IGNORECASE)
_SIGNED = "(đã ký)"
# What old headers print around the name: "SỐ 23-L/CTN NGÀY 10/07/1993 CỦA QUỐC HỘI".
_NAME_NOISE = re.compile(r"(?:^|\s+)(?:SỐ\s+\d\S*|NGÀY\s+\d\S*(?:\s+THÁNG\s+\d+\s+NĂM\s+\d+)?|CỦA QUỐC HỘI$)")
_ABOUT = re.compile(r"^.*?\bCỦA QUỐC HỘI\b.*?\bVỀ\s+")
_FILE_NUMBER = (
    (re.compile(r"-(\d{1,3})-(\d{4})-QH(\d{1,2})(?:-|$)"), "{0}/{1}/QH{2}"),
    (re.compile(r"-(\d{1,3})-L-CTN(?:-|$)"), "{0}-L/CTN"),
)
_FILE_NOISE = re.compile(r"-(?:so|nam)(?=-)|-\d+(?:-[A-Z]+\d*)*|-QH\d+|-L-CTN", re.IGNORECASE)
_PUNCTUATION = " ,.;:()“”\"'"


def _issuer(header: list[str], spellings: Spellings) -> str | None:
    """The issuing body printed first ("QUỐC HỘI --------" -> "Quốc hội", "BỘ XÂY DỰNG" -> "Bộ Xây dựng")."""
    if not header:
        return None
    first = header[0].rstrip("-*_ ").strip()
    if not is_upper_title(first) or doc_type_named(first.split(" ")[0]) or fold(first).startswith(("cong hoa", "sac lenh")):
        return None
    return name_case(first, spellings)


def _header_number(header: list[str]) -> str | None:
    match = _NUMBER_LINE.search("\n".join(header))
    if not match:
        return None
    number = re.sub(r"\s+", "", match.group("number")).rstrip(".,;")
    return number if "/" in number else None


def _type_and_name(header: list[str]) -> tuple[str | None, str]:
    """("Luật", "CƯ TRÚ") from the type line and the line that follows it."""
    for index, line in enumerate(header):
        words = line.split(" ")
        for size in (2, 1):
            doc_type = doc_type_named(" ".join(words[:size]))
            if doc_type is None or not is_upper_title(line):
                continue
            rest = words[size:]
            if rest[:1] == ["MẪU"]:
                doc_type, rest = f"{doc_type} mẫu", rest[1:]
            name = " ".join(rest) or (header[index + 1] if index + 1 < len(header) else "")
            name = _NAME_NOISE.sub("", _ABOUT.sub("", name)).strip(_PUNCTUATION)
            return doc_type, (name if is_upper_title(name) else "")
    return None, ""


def _comparable(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", fold(text))


def _enacted_name(header: list[str], doc_type: str | None, name: str) -> tuple[str, str] | None:
    """The enactment line's type and name, kept when it agrees with the header's."""
    for line in header:
        match = _ENACTMENT.search(line)
        if match and (not name or _comparable(match.group("name")) == _comparable(name)):
            if doc_type is None or fold(doc_type).startswith(fold(match.group("type"))):
                return match.group("type"), match.group("name")
    return None


def _name_from_file(stem: str, text: str) -> tuple[str | None, str]:
    """The type and the name spelt by the file name, found again (with diacritics) in the text."""
    folded_types = sorted(((fold(t).replace(" ", "-"), t) for t in DOC_TYPES), key=lambda p: -len(p[0]))
    lowered = stem.lower()
    doc_type = next((t for code, t in folded_types if lowered.startswith(code + "-")), None)
    if doc_type is None:
        return None, ""
    words = _FILE_NOISE.sub("", stem[len(fold(doc_type)) + 1 :]).lower().split("-")
    words = [w for w in words if w]
    tokens = text.split()
    folded = [fold(token.strip(_PUNCTUATION)) for token in tokens]
    for start in range(len(tokens) - len(words) + 1):
        if folded[start : start + len(words)] == words:
            return doc_type, " ".join(tokens[start : start + len(words)]).strip(_PUNCTUATION)
    return doc_type, ""


def _number_from_file(stem: str) -> str | None:
    for pattern, template in _FILE_NUMBER:
        match = pattern.search(stem)
        if match:
            return template.format(*match.groups())
    return None


def _signature_lines(lines: list[str]) -> set[int]:
    """Indices of "Name / (Đã ký)" signature blocks."""
    skip: set[int] = set()
    for index, line in enumerate(lines):
        if index and line.lower() == _SIGNED:
            skip.update((index - 1, index))  # the signer's name
            if index >= 2 and is_upper_title(lines[index - 2]):
                skip.add(index - 2)  # and title ("CHỦ TỊCH QUỐC HỘI")
    return skip


class _Appendix:
    def __init__(self, label: str) -> None:
        self.label = label
        self.lines: list[str] = []

    def units(self, doc_id: str, source: str) -> list[Dieu]:
        lines = [line for line in self.lines if not _ATTACHED.match(line)]
        title = lines.pop(0) if lines and is_upper_title(lines[0]) else ""
        builder = AppendixBuilder(doc_id, source, self.label, title, flat=True)
        for line in lines:
            builder.feed(line)
        return [unit for unit in builder.units() if unit.body()]


def _appendix_label(match: re.Match[str]) -> str:
    number = match.group("num")
    if not number:
        return "Phụ lục"
    return f"Phụ lục số {number}" if match.group("so") else f"Phụ lục {number}"


def parse_plain(lines: list[str], source: str, stem: str) -> list[ParsedLegalDocument]:
    """The document in a file's non-empty stripped lines; [] when they hold no article (a README).

    ``stem`` is the file name without suffix, a clue when the header lacks the
    number or the title.
    """
    signature = _signature_lines(lines)
    header: list[str] = []
    builder = ArticleBuilder("", source)
    appendices: list[_Appendix] = []
    closing: str | None = None
    ended = False
    for index, line in enumerate(lines):
        appendix = _APPENDIX.match(line)
        if appendix and builder.started:
            appendices.append(_Appendix(_appendix_label(appendix)))
            ended = True
        elif appendices:
            appendices[-1].lines.append(line)
        elif index in signature:
            ended = ended or builder.started
        elif _CLOSING.match(line) and builder.started:
            closing, ended = line, True
        elif not ended:
            builder.feed(line)
            if not builder.started:
                header.append(line)
    articles = builder.articles()
    if not articles:
        return []
    spellings = Spellings("\n".join(lines))
    number = _header_number(header) or _number_from_file(stem)
    doc_type, name = _type_and_name(header)
    enacted = _enacted_name(header, doc_type, name)
    if enacted:
        doc_type, name = doc_type_named(enacted[0]), enacted[1]
    elif name:
        name = name_case(name, spellings)
    else:
        file_type, name = _name_from_file(stem, "\n".join(lines))
        doc_type = doc_type or file_type
    doc_type = doc_type or (doc_type_from_number(number) if number else None) or "Văn bản"
    doc_id = number or slug_id(source)
    title = document_title(doc_type, name) if name else fallback_title(doc_type, number or stem)
    issued_on = _issued_on(header, closing)
    bodies = [unquoted(t) for t in reversed(article_texts(articles))]
    document = LegalDocument(
        doc_id=doc_id,
        number=number,
        doc_type=doc_type,
        title=title,
        issuer=_issuer(header, spellings),
        issued_on=issued_on,
        effective_on=effective_date(bodies, issued_on),
        source=source,
    )
    units = [replace(a, doc_id=doc_id) for a in articles]
    units += [u for appendix in appendices for u in appendix.units(doc_id, source)]
    texts = ["\n".join(header), *article_texts(units)]
    return [
        ParsedLegalDocument(
            document=document,
            articles=tuple(units),
            relations=tuple(relations_in(doc_id, number, article_texts(articles), document.effective_on)),
            cited_numbers=cited_numbers(texts, number),
        )
    ]


def _issued_on(header: list[str], closing: str | None) -> date | None:
    """The date by the place ("Hà Nội, ngày ..."), else the day it was passed, else one in the title."""
    candidates = [line for line in header if _PLACE_DATE.match(line)]
    candidates += [closing] if closing else []
    candidates += [line for line in header if _PASSED_ON.search(line)]
    candidates += [line for line in header if is_upper_title(line)]
    return next((d for d in map(parse_date, candidates) if d), None)
