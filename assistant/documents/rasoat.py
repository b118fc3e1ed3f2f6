"""Rà soát văn bản quy phạm pháp luật: a legal document's bases and its overlaps.

*Rà soát* is the review a legal officer makes of a normative document: are the
documents it is based on (its căn cứ) still in force, and which provisions
elsewhere in the law say the same or the contrary? ``rasoat_text`` lists the
căn cứ with their status (through the registry) and, for each Điều, the most
similar provisions of other documents (through the retriever): candidates for
overlap (chồng chéo) or conflict (mâu thuẫn) that the officer then reads. The
report renders as Markdown or .docx.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from assistant.documents.docx_writer import blank_document
from assistant.documents.findings import CitedStatus, Finding
from assistant.documents.legal_basis import RegistryLookup, check_legal_basis
from assistant.documents.lines import Line, Piece, upload_lines
from assistant.documents.reading import open_draft
from assistant.skills.validity import STATUS_WORDS
from knowledge.errors import BadInput
from knowledge.index.base import Retriever, SearchFilters
from knowledge.models import Evidence
from knowledge.parsing.citations import find_numbers, number_key
from knowledge.text import shorten

_ARTICLE = re.compile(r"^#*\s*Điều\s+(\d+[a-zđ]?)\s*[.:]?\s*(.*)$")
_DIVISION = re.compile(r"^#*\s*(Chương|Mục|Phần|Tiểu mục)\s+[IVXLC\d]+", re.IGNORECASE)
_CAN_CU = re.compile(r"^#*\s*Căn cứ\b")
QUERY_CHARS = 600  # of an article's text, enough for its subject without drowning it
EXCERPT_CHARS = 300


@dataclass(frozen=True)
class Source:
    text: str
    number: str | None  # số hiệu when known
    name: str  # file name or title, for the report's heading


@dataclass(frozen=True)
class Article:
    number: str
    heading: str
    text: str


@dataclass(frozen=True)
class ArticleReview:
    article: Article
    similar: tuple[Evidence, ...]


@dataclass(frozen=True)
class RasoatReport:
    name: str
    number: str | None
    bases: tuple[str, ...]  # the căn cứ lines as written
    cited: tuple[CitedStatus, ...]
    findings: tuple[Finding, ...]  # on the căn cứ: repealed, amended, unknown
    registry_checked: bool
    articles: tuple[ArticleReview, ...]


def read_source(source: str, registry: RegistryLookup | None, knowledge_dir: Path) -> Source:
    """An uploaded .docx/.txt, or a document of the knowledge base named by its số hiệu."""
    path = Path(source)
    if path.is_file():
        lines, _ = upload_lines(open_draft(path))
        return Source("\n".join(line.text for line in lines), None, path.name)
    if find_numbers(source) != [source.strip()]:
        raise BadInput(f"không tìm thấy tệp, cũng không phải số hiệu văn bản: {source}")
    if registry is None:
        raise BadInput("chưa có cơ sở dữ liệu văn bản: hãy chạy “troly ingest” trước")
    entry = registry.lookup(source.strip())
    if entry is None or not entry.source:
        raise BadInput(f"không có văn bản số {source} trong cơ sở dữ liệu")
    file = knowledge_dir / entry.source
    if not file.is_file():
        raise BadInput(f"không đọc được tệp của văn bản số {source}: {file}")
    return Source(file.read_text(encoding="utf-8"), entry.number, entry.title)


def split_articles(text: str) -> list[Article]:
    """The Điều of a legal text, each with its heading and text up to the next Điều or division."""
    articles: list[Article] = []
    current: list[str] | None = None
    number = heading = ""
    for raw in text.splitlines():
        line = raw.strip()
        match = _ARTICLE.match(line)
        if match or _DIVISION.match(line):
            if current is not None:
                articles.append(Article(number, heading, "\n".join(current).strip()))
                current = None
        if match:
            number, heading, current = match.group(1), match.group(2).strip(), []
        elif current is not None and line:
            current.append(line)
    if current is not None:
        articles.append(Article(number, heading, "\n".join(current).strip()))
    return articles


def _bases(text: str) -> list[str]:
    """The căn cứ lines before the first article."""
    bases = []
    for raw in text.splitlines():
        line = raw.strip()
        if _ARTICLE.match(line):
            break
        if _CAN_CU.match(line):
            bases.append(line.lstrip("# "))
    return bases


def _own_number(text: str) -> str | None:
    head = "\n".join(text.splitlines()[:10])
    numbers = find_numbers(head)
    return numbers[0] if numbers else None


def _similar(retriever: Retriever, article: Article, own: str | None, k: int) -> tuple[Evidence, ...]:
    query = f"{article.heading}\n{article.text}"[:QUERY_CHARS]
    found = retriever.retrieve(query, k=k + 5, filters=SearchFilters(kinds=("law",)))
    own_key = number_key(own) if own else None
    others = [e for e in found if not own_key or number_key(e.passage.doc_id) != own_key]
    return tuple(others[:k])


def rasoat_text(
    text: str,
    registry: RegistryLookup | None,
    retriever: Retriever,
    *,
    k: int = 3,
    doc_id: str | None = None,
    name: str = "",
) -> RasoatReport:
    """The rà soát of a legal text: its căn cứ with status, and for each Điều the k most similar provisions."""
    articles = split_articles(text)
    if not articles:
        raise BadInput("văn bản không có điều khoản (“Điều 1. …”) để rà soát")
    own = doc_id or _own_number(text)
    bases = _bases(text)
    findings, cited = [], []
    if registry is not None:
        base_lines = [Line(i, "căn cứ", (Piece(b, None),)) for i, b in enumerate(bases, start=1)]
        findings, cited = check_legal_basis(base_lines, registry, own)
    reviews = tuple(ArticleReview(a, _similar(retriever, a, own, k)) for a in articles)
    return RasoatReport(
        name or (own or "văn bản"), own, tuple(bases), tuple(cited), tuple(findings), registry is not None, reviews
    )


def _excerpt(text: str) -> str:
    return shorten(" ".join(text.split()), EXCERPT_CHARS, " …")


def _evidence_line(e: Evidence) -> str:
    p = e.passage
    doc = f"{p.doc_title} ({p.doc_id})" if p.doc_title else p.doc_id
    return f"{doc} — {p.heading} [{STATUS_WORDS.get(p.status, p.status)}; điểm {e.score:.3f}]"


def render_markdown(report: RasoatReport) -> str:
    title = f"{report.name} ({report.number})" if report.number and report.number not in report.name else report.name
    out = [f"# Rà soát văn bản: {title}", "", "## 1. Căn cứ pháp lý", ""]
    if not report.bases:
        out.append("Văn bản không ghi căn cứ ban hành.")
    out += [f"- {b}" for b in report.bases]
    if not report.registry_checked:
        out += ["", "_Chưa kiểm tra hiệu lực: chưa có cơ sở dữ liệu văn bản._"]
    elif report.cited:
        out += ["", "| Văn bản | Hiệu lực |", "|---|---|"]
        out += [f"| {c.number} | {STATUS_WORDS[c.status]} |" for c in report.cited]
    if report.findings:
        out += [""] + [f"- **{f.code}**: {f.message}" for f in report.findings]
    out += ["", "## 2. Quy định tương tự ở văn bản khác (cần xem xét chồng chéo, mâu thuẫn)", ""]
    for review in report.articles:
        article = review.article
        out += [f"### Điều {article.number}. {article.heading}".rstrip(". "), ""]
        if not review.similar:
            out += ["Không tìm thấy quy định tương tự.", ""]
        for i, e in enumerate(review.similar, start=1):
            out += [f"{i}. {_evidence_line(e)}", f"   > {_excerpt(e.passage.text)}"]
        out.append("")
    return "\n".join(out)


def render_docx_report(report: RasoatReport) -> bytes:
    """The same report as a .docx: headings bold, quotations italic."""
    doc = blank_document()
    for line in render_markdown(report).splitlines():
        if not line.strip() or line.startswith("|---"):
            continue
        heading = line.startswith("#")
        text = line.lstrip("#> ").replace("**", "").replace("_", "")
        p = doc.add_paragraph()
        p.paragraph_format.space_after = Pt(6)
        if line.startswith("# "):
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(text.strip("| ").replace(" | ", " — ") if line.startswith("|") else text)
        run.bold = heading
        run.italic = line.lstrip().startswith(">")
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
