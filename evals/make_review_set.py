"""Build the drafts of the review evaluation from ``evals/data/review/cases.yaml``.

Clean originals are committed as text (``base/*.txt``) and draft data
(``specs/*.yaml``); every case applies its edits to one of them, so each defect is
stated in the case file rather than hidden in a binary. Run
``python -m evals.make_review_set OUT_DIR`` to look at the drafts; the
evaluation builds them in a temporary folder itself.
"""

from __future__ import annotations

import argparse
import io
from dataclasses import dataclass
from pathlib import Path

import docx
import yaml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph

from assistant.documents.docx_writer import render_docx
from assistant.documents.draft_data import parse_draft_data

DATA = Path(__file__).resolve().parent / "data" / "review"


@dataclass(frozen=True)
class Expected:
    code: str
    ref: str | None = None  # a number or name the finding's message must mention


@dataclass(frozen=True)
class Case:
    case_id: str
    path: Path
    expected: tuple[Expected, ...]
    kind: str  # "txt" or "docx"


def _once(count: int, what: str, case_id: str) -> None:
    if count != 1:
        raise ValueError(f"{case_id}: {what} matches {count} times, not once")


def _edit_text(text: str, edits: list[dict], case_id: str) -> str:
    for edit in edits:
        if "replace" in edit:
            old, new = edit["replace"]
            _once(text.count(old), f"replace {old!r}", case_id)
            text = text.replace(old, new)
        elif "delete_line" in edit:
            lines = text.split("\n")
            hits = [i for i, line in enumerate(lines) if line.strip() == edit["delete_line"]]
            _once(len(hits), f"delete_line {edit['delete_line']!r}", case_id)
            del lines[hits[0]]
            text = "\n".join(lines)
        else:
            raise ValueError(f"{case_id}: unknown text edit {edit}")
    return text


def _paragraphs(document, where: str | None) -> list[Paragraph]:
    found = [Paragraph(p, document) for p in document.element.body.iter(qn("w:p"))]
    return [p for p in found if where is None or where in p.text]


def _set_font(run, name: str) -> None:
    run.font.name = name
    fonts = run._r.get_or_add_rPr().get_or_add_rFonts()
    for key in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(key), name)


def _edit_docx(document, edit: dict, case_id: str) -> None:
    section = document.sections[0]
    if "margins_mm" in edit:
        for side, value in edit["margins_mm"].items():
            setattr(section, f"{side}_margin", Mm(value))
        return
    if "page_mm" in edit:
        section.page_width, section.page_height = Mm(edit["page_mm"]["width"]), Mm(edit["page_mm"]["height"])
        return
    if "replace" in edit:
        old, new = edit["replace"]
        runs = [r for p in _paragraphs(document, None) for r in p.runs if old in r.text]
        _once(len(runs), f"replace {old!r}", case_id)
        runs[0].text = runs[0].text.replace(old, new)
        return
    if "delete_line" in edit:
        paragraphs = _paragraphs(document, edit["delete_line"])
        _once(len(paragraphs), f"delete_line {edit['delete_line']!r}", case_id)
        paragraphs[0]._p.getparent().remove(paragraphs[0]._p)
        return
    paragraphs = _paragraphs(document, edit.get("where"))
    if edit.get("where"):
        _once(len(paragraphs), f"where {edit['where']!r}", case_id)
    for run in (r for p in paragraphs for r in p.runs):
        if "font" in edit:
            _set_font(run, edit["font"])
        elif "size_pt" in edit:
            run.font.size = Pt(edit["size_pt"])
        elif "bold" in edit:
            run.font.bold = edit["bold"]
        elif "italic" in edit:
            run.font.italic = edit["italic"]
        else:
            raise ValueError(f"{case_id}: unknown .docx edit {edit}")


def _docx_case(case: dict) -> bytes:
    spec = DATA / "specs" / case["docx"]
    raw = yaml.safe_load(spec.read_text(encoding="utf-8"))
    edits = case.get("edits", [])
    for edit in edits:
        raw.update(edit.get("data", {}))
    document = docx.Document(io.BytesIO(render_docx(parse_draft_data(spec.stem, raw))))
    for edit in edits:
        if "data" not in edit:
            _edit_docx(document, edit, case["id"])
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _plain_docx(case: dict) -> bytes:
    """A base text typed paragraph by paragraph into python-docx's blank template."""
    document = docx.Document()
    text = _edit_text(
        (DATA / "base" / case["plain_docx"]).read_text(encoding="utf-8"), case.get("edits", []), case["id"]
    )
    for line in text.split("\n"):
        if line.strip():
            document.add_paragraph(line.strip())
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def load_cases() -> list[dict]:
    return yaml.safe_load((DATA / "cases.yaml").read_text(encoding="utf-8"))["cases"]


def build(out_dir: Path) -> list[Case]:
    """Write every case's draft into ``out_dir``; the cases with their expected findings."""
    out_dir.mkdir(parents=True, exist_ok=True)
    cases = []
    for case in load_cases():
        if "text" in case:
            text = _edit_text(
                (DATA / "base" / case["text"]).read_text(encoding="utf-8"), case.get("edits", []), case["id"]
            )
            path, kind = out_dir / f"{case['id']}.txt", "txt"
            path.write_text(text, encoding="utf-8")
        else:
            path, kind = out_dir / f"{case['id']}.docx", "docx"
            path.write_bytes(_docx_case(case) if "docx" in case else _plain_docx(case))
        expected = tuple(
            Expected(item) if isinstance(item, str) else Expected(item["code"], item.get("ref"))
            for item in case.get("expect", [])
        )
        cases.append(Case(case["id"], path, expected, kind))
    return cases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path, help="folder to write the drafts into")
    args = parser.parse_args()
    cases = build(args.out_dir)
    print(f"{len(cases)} drafts written to {args.out_dir}")


if __name__ == "__main__":
    main()
