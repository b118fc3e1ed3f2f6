"""How much of a legal corpus the parser turns into citable units.

    /work/venv/bin/python -m evals.parse_coverage [FOLDER] [--out FILE.md] [--today YYYY-MM-DD]

FOLDER defaults to ``$TROLY_KNOWLEDGE/legal`` (../shared/knowledge/legal). For
every .txt/.md file it records the format, the documents and số hiệu found, the
articles (Điều) parsed against the article heading lines counted directly in the
text, gaps in article numbering, and the repeal/amend relations; it then builds
a throwaway registry and derives every document's status as of ``--today``.
The Markdown report (default evals/reports/parse_coverage.md) lists every file
whose counts differ and why.
"""
from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from knowledge.errors import BadInput
from knowledge.models import ParsedLegalDocument, Relation
from knowledge.parsing.legal import detect_format, legal_files, parse_legal_file
from knowledge.parsing.uploads import read_text
from knowledge.parsing.legal.structure import UPPER
from knowledge.registry import Registry
from knowledge.settings import Settings

REPORT = Path(__file__).resolve().parent / "reports" / "parse_coverage.md"

# Heading lines as printed: "Điều 16. Thời hạn", "Điều 2: PHẠM VI", "Điều 11", "### Điều 8. Thể thức".
_HEADING_LINE = re.compile(rf"^[#\s]*Điều\s*(\d+[a-zđ]?)(?:\s*[.:]|\s*$|\s+[{UPPER}“(])", re.MULTILINE)
_APPENDIX_LINE = re.compile(r"^(?:PHỤ LỤC|Phụ lục)(?:\s+(?:SỐ|số))?(?:\s+[IVXLC\d]+)?\s*$", re.MULTILINE)
_CODE = r"\d+\.\d+\.[A-ZĐ]+(?:\.\d+[a-zđ]?)+"
_CODED_HEADING = re.compile(rf"(?:^\s*|(?<=\S))Điều ({_CODE})\.(?=\s|$)", re.MULTILINE)
_TOC = "\n## Danh sách điều khoản"
# The 2023–2025 texts added to the corpus in December 2026 (issue 15), reported one by one.
NEW_FOLDERS = ("vbpl-2024", "gtdb-2024", "sapxep-2025")
# Changes the corpus is known to make (checked by hand against the texts).
KNOWN_REPEALS: tuple[tuple[str, str, str], ...] = (
    ("68/2020/QH14", "81/2006/QH11", "Luật Cư trú 2020 / 2006"),
    ("68/2020/QH14", "36/2013/QH13", "Luật Cư trú 2020 / Luật sửa đổi 2013"),
    ("59/2020/QH14", "68/2014/QH13", "Luật Doanh nghiệp 2020 / 2014"),
    ("05/2022/QH15", "62/2006/QH11", "Luật Điện ảnh 2022 / 2006"),
    ("06/2022/QH15", "15/2003/QH11", "Luật Thi đua, khen thưởng 2022 / 2003"),
    ("08/2022/QH15", "24/2000/QH10", "Luật Kinh doanh bảo hiểm 2022 / 2000"),
    ("45/2019/QH14", "10/2012/QH13", "Bộ luật Lao động 2019 / 2012"),
    ("30/2020/NĐ-CP", "110/2004/NĐ-CP", "Nghị định 30/2020 / Nghị định 110/2004 về công tác văn thư"),
)


@dataclass
class FileCoverage:
    """What the parser made of one file."""

    source: str
    kind: str
    documents: list[ParsedLegalDocument]
    headings: list[str] | None  # article numbers of the heading lines in the text; None for appendices
    toc_only: int = 0  # pháp điển: articles listed only in the table of contents
    missing: list[str] = field(default_factory=list)  # numbering gaps whose heading is absent from the text

    @property
    def articles(self) -> list[str]:
        return [a.number for d in self.documents for a in d.articles if a.appendix is None]

    @property
    def appendix_units(self) -> int:
        return sum(1 for d in self.documents for a in d.articles if a.appendix is not None)

    @property
    def differs(self) -> bool:
        return self.headings is not None and len(self.headings) != len(self.articles)


@dataclass
class Coverage:
    folder: Path
    files: list[FileCoverage]
    seconds: float
    statuses: dict[str, int]
    today: date

    def relations(self, kind: str | None = None) -> list[Relation]:
        return [r for f in self.files if kind in (None, f.kind) for d in f.documents for r in d.relations]

    def new_files(self) -> list[FileCoverage]:
        """The files of ``NEW_FOLDERS``."""
        return [f for f in self.files if Path(f.source).parent.name in NEW_FOLDERS]


def _plain_headings(text: str) -> list[str]:
    match = _APPENDIX_LINE.search(text)
    return _HEADING_LINE.findall(text[: match.start()] if match else text)


def _gaps(numbers: list[str], headings: list[str]) -> list[str]:
    """Article numbers skipped by the sequence, when no heading line in the text carries them."""
    present = set(headings)
    ints = sorted({int(re.match(r"\d+", n).group()) for n in numbers})
    return [str(n) for n in range(1, ints[-1] + 1) if n not in set(ints) and str(n) not in present] if ints else []


def measure(path: Path, root: Path) -> FileCoverage:
    text = read_text(path).text
    kind = detect_format(text, path.suffix.lower())
    documents = parse_legal_file(path, root)
    source = documents[0].document.source if documents else path.relative_to(root).as_posix()
    if kind == "phapdien":
        main, _, toc = text.partition(_TOC)
        main_codes = _CODED_HEADING.findall(main)
        toc_only = len(set(_CODED_HEADING.findall(toc)) - set(main_codes))
        return FileCoverage(source, kind, documents, main_codes, toc_only=toc_only)
    if kind == "appendix":
        return FileCoverage(source, kind, documents, None)
    headings = _plain_headings(text)
    numbers = [a.number for d in documents for a in d.articles if a.appendix is None]
    return FileCoverage(source, kind, documents, headings, missing=_gaps(numbers, headings))


def coverage(folder: Path, today: date) -> Coverage:
    start = time.perf_counter()
    files = [measure(path, folder) for path in legal_files(folder)]
    seconds = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as scratch, Registry(Path(scratch) / "registry.sqlite", lambda: today) as registry:
        for file in files:
            for parsed in file.documents:
                registry.add_document(parsed)
        statuses = registry.derive_statuses()
    return Coverage(folder, files, seconds, statuses, today)


def _table(header: list[str], rows: list[list[object]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell).replace("|", "\\|") for cell in row) + " |" for row in rows]
    return lines


def _found(cov: Coverage, subject: str, obj: str) -> str:
    verbs = {r.verb for r in cov.relations() if r.subject_id == subject and r.object_number == obj}
    return ", ".join(sorted(verbs)) or "not found"


def _new_texts(cov: Coverage) -> list[str]:
    """One row per document of the 2023–2025 folders: identity, Điều against heading lines, repeals."""
    files = cov.new_files()
    lines = ["", f"## The 2023–2025 texts ({', '.join(f'`{name}/`' for name in NEW_FOLDERS)})", ""]
    if not files:
        return lines + ["None in this folder."]
    rows = []
    for f in files:
        for parsed in f.documents:
            doc = parsed.document
            repealed = sorted({r.object_number for r in parsed.relations if r.verb == "repeals"})
            rows.append([f"`{Path(f.source).name}`", doc.number or "-", doc.doc_type, doc.title, doc.issuer or "-",
                         doc.issued_on or "-", doc.effective_on or "-", len(f.articles), len(f.headings or []),
                         ", ".join(repealed) or "-"])
    lines += _table(["file", "số hiệu", "type", "title", "issuer", "issued", "in force from", "Điều parsed",
                     "heading lines", "repeals"], rows)
    parsed, printed = sum(len(f.articles) for f in files), sum(len(f.headings or []) for f in files)
    documents = sum(1 for f in files if f.documents)
    share = f" ({parsed / printed:.0%})" if printed else ""
    return lines + ["", f"{documents} of {len(files)} files parsed into a document; Điều {parsed:,}/{printed:,}{share} of the heading lines."]


def render(cov: Coverage) -> str:
    lines = [
        "# Legal parser coverage",
        "",
        "Produced by `/work/venv/bin/python -m evals.parse_coverage` "
        f"over `{cov.folder}` ({len(cov.files)} files, parsed in {cov.seconds:.1f} s).",
        "",
        "*Điều parsed* counts article units (appendix sections apart); *heading lines* counts the lines of the "
        "text that look like an article heading (\"Điều 16. ...\", \"Điều 11\", \"### Điều 8. ...\"; for the pháp "
        "điển \"Điều 15.3.LQ.1. ...\" in the text part), counted directly in the file, not by the parser.",
        "",
        "## By format",
        "",
    ]
    rows = []
    for kind in sorted({f.kind for f in cov.files}):
        files = [f for f in cov.files if f.kind == kind]
        docs = [d.document for f in files for d in f.documents]
        relations = cov.relations(kind)
        rows.append([
            kind, len(files), sum(1 for f in files if f.documents), len(docs),
            sum(1 for d in docs if d.number), sum(1 for d in docs if d.effective_on),
            sum(len(f.articles) for f in files),
            "n/a" if kind == "appendix" else sum(len(f.headings or []) for f in files),
            sum(1 for f in files if f.differs), sum(f.appendix_units for f in files),
            *(sum(1 for r in relations if r.verb == verb) for verb in ("repeals", "amends", "expires_with")),
        ])
    lines += _table(
        ["format", "files", "files with a document", "documents", "with số hiệu", "with ngày hiệu lực",
         "Điều parsed", "heading lines", "files differing", "appendix units", "repeals", "amends", "earlier amending acts"],
        rows,
    )
    lines += ["", "Files without any document: " + (", ".join(f"`{f.source}`" for f in cov.files if not f.documents) or "none") + "."]
    lines += _new_texts(cov)
    differing = [f for f in cov.files if f.differs]
    lines += ["", "## Files whose Điều count differs from the heading lines", ""]
    if differing:
        rows = []
        for f in differing:
            parsed, printed = Counter(f.articles), Counter(f.headings or [])
            rows.append([f"`{f.source}`", len(f.articles), len(f.headings or []),
                         ", ".join(sorted((printed - parsed).elements())) or "-", ", ".join(sorted((parsed - printed).elements())) or "-"])
        lines += _table(["file", "Điều parsed", "heading lines", "heading lines not parsed", "parsed without a heading line"], rows)
    else:
        lines.append("None.")
    gaps = [f for f in cov.files if f.missing]
    lines += ["", "## Gaps in article numbering whose heading is absent from the text", "",
              "These articles are missing from the source text itself: their text, if any, runs on in the previous "
              "article (before the first article it is not kept).", ""]
    lines += _table(["file", "numbers absent"], [[f"`{f.source}`", ", ".join(f.missing)] for f in gaps]) if gaps else ["None."]
    toc = [f for f in cov.files if f.toc_only]
    lines += ["", "## Pháp điển articles present only in the table of contents", "",
              "The closing \"Danh sách điều khoản\" lists headings with at most a truncated first line; "
              "articles that appear only there have no text to cite and are not parsed.", ""]
    lines += _table(["topic", "articles only in the table of contents"], [[f"`{f.source}`", f.toc_only] for f in toc]) if toc else ["None."]
    lines += ["", f"Total: {sum(f.toc_only for f in toc)}."]
    unnumbered = [(f.source, d.document.title) for f in cov.files for d in f.documents if not d.document.number]
    lines += ["", "## Documents without a số hiệu", ""]
    lines += [f"- `{source}`: {title}" for source, title in unnumbered] or ["None."]
    undated = [(f.source, d.document.title) for f in cov.files if f.kind != "appendix" for d in f.documents if not d.document.effective_on]
    lines += ["", "## Documents without a ngày hiệu lực", "",
              "Appendix files are left out (their document's date comes from its main file).", ""]
    lines += [f"- `{source}`: {title}" for source, title in undated] or ["None."]
    lines += ["", "## Relations", "", "Known changes of the corpus:", ""]
    lines += _table(["repealing", "repealed", "case", "found"],
                    [[s, o, case, _found(cov, s, o)] for s, o, case in KNOWN_REPEALS])
    lines += ["", f"Registry statuses as of {cov.today.isoformat()} (documents of the corpus and documents only cited): "
              + ", ".join(f"{status} {count}" for status, count in sorted(cov.statuses.items())) + ".", ""]
    lines += ["### Every repeal read from vlc-2022 and Markdown văn bản", ""]
    repeals = [r for kind in ("vlc", "markdown") for r in cov.relations(kind) if r.verb == "repeals"]
    lines += _table(["repealing", "repealed", "evidence"], [[r.subject_id, r.object_number, r.evidence[:220]] for r in repeals])
    lines += ["", "### Earlier amending acts of a repealed law (repealed when the registry's title says it is an amending act, else amended)", ""]
    expiring = [r for kind in ("vlc", "markdown") for r in cov.relations(kind) if r.verb == "expires_with"]
    lines += _table(["repealing", "amending act", "evidence"], [[r.subject_id, r.object_number, r.evidence[:220]] for r in expiring])
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.parse_coverage", description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=Settings.from_env().knowledge_dir / "legal")
    parser.add_argument("--out", type=Path, default=REPORT)
    parser.add_argument("--today", type=date.fromisoformat, default=date.today())
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        print(f"không có thư mục {args.folder}", file=sys.stderr)
        return 2
    try:
        cov = coverage(args.folder, args.today)
    except BadInput as error:
        print(error, file=sys.stderr)
        return 2
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(render(cov), encoding="utf-8")
    docs = sum(len(f.documents) for f in cov.files)
    new = cov.new_files()
    print(f"{len(cov.files)} files, {docs} documents, {sum(len(f.articles) for f in cov.files)} Điều, "
          f"{sum(1 for f in cov.files if f.differs)} files differing; 2023–2025 texts: "
          f"{sum(len(f.documents) for f in new)} documents, Điều {sum(len(f.articles) for f in new)}"
          f"/{sum(len(f.headings or []) for f in new)}; parsed in {cov.seconds:.1f} s -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
