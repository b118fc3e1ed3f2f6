"""Topics (đề mục) of the Bộ pháp điển, the official code of legal provisions.

A topic gathers articles of many source documents under pháp điển codes:

    Điều 15.3.LQ.1. Phạm vi điều chỉnh
    (Điều 1 Luật số 60/2014/QH13 Hộ tịch ngày 20/11/2014 của Quốc hội, có hiệu lực thi hành kể từ ngày 01/01/2016 )
    1. Luật này quy định về hộ tịch; ...

The parenthesis after the heading is the article's provenance: the source
article and document, sometimes followed by the acts that changed it ("..., có
nội dung được sửa đổi, bổ sung bởi Điều 2 Nghị định số 07/2025/NĐ-CP có hiệu lực
thi hành kể từ ngày 09/01/2025"). Articles keep their source document: the topic
yields one ``ParsedLegalDocument`` per source số hiệu, with the source article
number and the pháp điển code and provenance in ``Dieu.note``; each amending act
becomes an ``amends`` relation.

"(Điều này có nội dung liên quan đến ...)" lines are the compilers' cross
references, not article text, and are dropped, as are the topic's own
Chương/Mục headings. The closing "## Danh sách điều khoản" is a table of contents
(headings with at most a truncated first line) and is not read.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from knowledge.models import LegalDocument, ParsedLegalDocument, Relation
from knowledge.parsing.citations import DOC_TYPES, DOCUMENT_NUMBER, find_cited_documents, number_key
from knowledge.parsing.legal.common import cited_numbers, document_title, fallback_title, markdown_line, parse_date
from knowledge.parsing.legal.relations import article_texts, relations_in
from knowledge.parsing.legal.structure import CHUONG, MUC, PHAN, ArticleBuilder, is_upper_title
from knowledge.text import fold

_TOPIC = re.compile(r"^title:\s*(?P<title>.+)$", re.MULTILINE)
_MAIN_START = "\n## VĂN BẢN"
_MAIN_END = "\n## Danh sách điều khoản"
_CODED_ARTICLE = re.compile(r"^Điều (?P<code>\d+\.\d+\.[A-ZĐ]+(?:\.\d+[a-zđ]?)+)\.\s*(?P<heading>.*)$")
_TYPES = "|".join(re.escape(t) for t in DOC_TYPES)
_PROVENANCE = re.compile(rf"^\(Điều (?P<article>\d+[a-zđ]?) (?P<type>{_TYPES}) số (?P<number>{DOCUMENT_NUMBER.pattern})")
_CROSS_REFERENCE = re.compile(r"^\((?:Điều|Khoản|Mục|Tiểu mục|Chương|Phần) này có nội dung liên quan\b")
_EFFECTIVE_FROM = ", có hiệu lực thi hành kể từ ngày "
# "<name> ngày 20/11/2014 của <issuer>": the last date, as a name may quote other acts with theirs.
_ISSUED = re.compile(r"^(?P<name>.*)\s+ngày (?P<date>\d{1,2}/\d{1,2}/\d{4})(?: của (?P<issuer>.+?))?\s*,?\s*$")
# Some provenances put the name after the issuer: "... của Bộ Thông tin và Truyền thông Quy định về ...".
_NAME_START = re.compile(r"\s(?=(?:Quy định|Hướng dẫn|Về|Ban hành|Sửa đổi|Bãi bỏ|Thực hiện)\b)")
_LEADING_DATE = re.compile(r"\s*(\d{1,2}/\d{1,2}/\d{4})")
_TOPIC_HEADING = re.compile(r"^(?:Tiểu mục|TIỂU MỤC)\s+\d+")
# Some topics glue a heading to the end of the previous article ("... tập trung.Điều 3.3.LQ.7. Trách nhiệm ...").
_GLUED_HEADING = re.compile(r"(?<=\S)(?=Điều \d+\.\d+\.[A-ZĐ]+(?:\.\d+[a-zđ]?)+\.(?:\s|$))")


@dataclass(frozen=True)
class _Provenance:
    article: str
    doc_type: str
    number: str
    name: str
    issuer: str | None
    issued_on: date | None
    effective_on: date | None
    changes: str  # the part naming the acts that changed the article
    text: str


@dataclass
class _Article:
    code: str
    heading: str
    provenance_lines: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    provenance: _Provenance | None = None

    def provenance_open(self) -> bool:
        text = " ".join(self.provenance_lines)
        return text.count("(") > text.count(")")


def _parse_provenance(text: str) -> _Provenance | None:
    match = _PROVENANCE.match(text)
    if not match:
        return None
    rest = text[match.end() : text.rindex(")")]
    described, _, effective = rest.partition(_EFFECTIVE_FROM)
    issued = _ISSUED.match(described)
    name, issuer = (issued.group("name"), issued.group("issuer") or "") if issued else (described, "")
    issuer, *name_after = _NAME_START.split(issuer.strip(), maxsplit=1)
    name = name.strip(" ,") or "".join(name_after)
    effective_match = _LEADING_DATE.match(effective)
    return _Provenance(
        article=match.group("article"),
        doc_type=match.group("type"),
        number=match.group("number").replace(" ", ""),
        name=name.strip(" ,"),
        issuer=issuer.strip() or None,
        issued_on=parse_date(issued.group("date")) if issued else None,
        effective_on=parse_date(effective_match.group(1)) if effective_match else None,
        changes=effective[effective_match.end() :] if effective_match else effective,
        text=text,
    )


def _split_provenance(line: str) -> tuple[str, str]:
    """The provenance part of a line (up to its closing parenthesis) and any text after it."""
    depth = 0
    for index, char in enumerate(line):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0 and char == ")":
            return line[: index + 1], line[index + 1 :].strip()
    return line, ""


def _read_articles(main: str) -> list[_Article]:
    articles: list[_Article] = []
    skip_title = False
    for raw in (part for line in main.split("\n") for part in _GLUED_HEADING.split(line)):
        line = markdown_line(raw)
        if not line or line.startswith("# "):
            continue
        coded = _CODED_ARTICLE.match(line)
        current = articles[-1] if articles else None
        if coded:
            articles.append(_Article(coded.group("code"), coded.group("heading").strip()))
        elif current and not current.body and (current.provenance_open() or (not current.provenance_lines and line.startswith("(Điều"))):
            provenance, after = _split_provenance(" ".join([*current.provenance_lines, line]) if current.provenance_lines else line)
            current.provenance_lines = [provenance]
            if after:
                current.body.append(after)
        elif _CROSS_REFERENCE.match(line):
            continue
        elif any(p.match(line) for p in (PHAN, CHUONG, MUC, _TOPIC_HEADING)):
            skip_title = True
            continue
        elif skip_title and is_upper_title(line):
            continue
        elif current:
            current.body.append(line)
        skip_title = False
    for article in articles:
        article.provenance = _parse_provenance(" ".join(article.provenance_lines)) if article.provenance_lines else None
    return articles


def _attribute(articles: list[_Article]) -> list[tuple[_Article, str, str, bool]]:
    """(article, source number, source article number, inferred?) for every article that has a source.

    An article printed without provenance is given the source most articles of
    its code family ("15.4.TT.1") come from, and the last part of its code as its
    number, as the codes are built.
    """
    families: dict[str, Counter[str]] = {}
    for article in articles:
        if article.provenance and article.code.rsplit(".", 1)[1] == article.provenance.article:
            families.setdefault(article.code.rsplit(".", 1)[0], Counter())[article.provenance.number] += 1
    attributed = []
    for article in articles:
        if article.provenance:
            attributed.append((article, article.provenance.number, article.provenance.article, False))
            continue
        family, last = article.code.rsplit(".", 1)
        if family in families:
            attributed.append((article, families[family].most_common(1)[0][0], last, True))
    return attributed


def _amendments(source_number: str, provenance: _Provenance) -> list[Relation]:
    """One ``amends`` relation per act named in the provenance's changes."""
    changes = provenance.changes
    cited = [c for c in find_cited_documents(changes) if c.number]
    relations = []
    for index, citation in enumerate(cited):
        end = cited[index + 1].start if index + 1 < len(cited) else len(changes)
        relations.append(
            Relation(
                subject_id=citation.number,
                verb="amends",
                object_number=source_number,
                evidence=provenance.text,
                object_title="",
                effective_on=parse_date(changes[citation.end : end]),
            )
        )
    return relations


def parse_phapdien(text: str, source: str) -> list[ParsedLegalDocument]:
    """One document per source số hiệu of the topic's articles, in order of appearance."""
    topic_match = _TOPIC.search(text)
    topic = topic_match.group("title").strip() if topic_match else ""
    start = text.find(_MAIN_START)
    main = text[start + len(_MAIN_START) :] if start >= 0 else text
    main = main.split(_MAIN_END, 1)[0]
    builders: dict[str, ArticleBuilder] = {}
    provenances: dict[str, list[_Provenance]] = {}
    amendments: dict[str, dict[tuple[str, str], Relation]] = {}
    for article, number, article_number, inferred in _attribute(_read_articles(main)):
        builder = builders.setdefault(number, ArticleBuilder(number, source))
        origin = "nguồn suy ra từ mã pháp điển" if inferred else article.provenance.text
        builder.article(article_number, article.heading, f"Điều {article.code} Bộ pháp điển, đề mục {topic}. {origin}")
        for line in article.body:
            builder.body(line)
        if article.provenance:
            provenances.setdefault(number, []).append(article.provenance)
            for relation in _amendments(number, article.provenance):
                amendments.setdefault(number, {}).setdefault((number_key(relation.subject_id), relation.verb), relation)
    return [_document(number, builder, provenances.get(number, []), amendments.get(number, {}), source) for number, builder in builders.items()]


def _title(doc_type: str, name: str, number: str) -> str:
    """The source's title; an amending act's name already begins with its type ("Luật sửa đổi, ...")."""
    if not name:
        return fallback_title(doc_type, number)
    if fold(name).startswith(fold(doc_type) + " "):
        return name[:1].upper() + name[1:]
    return document_title(doc_type, name)


def _document(
    number: str, builder: ArticleBuilder, provenances: list[_Provenance], amendments: dict, source: str
) -> ParsedLegalDocument:
    articles = builder.articles()
    first = provenances[0] if provenances else None
    doc_type = first.doc_type if first else "Văn bản"
    name = next((p.name for p in provenances if p.name), "")
    effective_on = next((p.effective_on for p in provenances if p.effective_on), None)
    document = LegalDocument(
        doc_id=number,
        number=number,
        doc_type=doc_type,
        title=_title(doc_type, name, number),
        issuer=next((p.issuer for p in provenances if p.issuer), None),
        issued_on=next((p.issued_on for p in provenances if p.issued_on), None),
        effective_on=effective_on,
        source=source,
    )
    texts = article_texts(articles)
    return ParsedLegalDocument(
        document=document,
        articles=tuple(articles),
        relations=tuple(relations_in(number, number, texts, effective_on)) + tuple(amendments.values()),
        cited_numbers=cited_numbers(texts, number),
    )
