"""Opening a draft: a .docx tree (formatting is reviewed too) or the text of a .txt/.md/.pdf.

All safety checks (size, empty, legacy .doc, password protection, zip bombs,
broken packages, encodings) are those of the shared reader,
``knowledge.parsing.uploads``; its ``BadInput`` messages reach the officer as they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from docx.document import Document as DocxDocument

from knowledge.parsing.uploads import open_docx, read_text


@dataclass(frozen=True)
class Upload:
    name: str
    text: str | None = None  # the text of a .txt, .md or .pdf file
    document: DocxDocument | None = None  # a .docx file's tree


def open_draft(path: Path) -> Upload:
    """Read a draft, refusing anything unusable with a clear message (``BadInput``)."""
    path = Path(path)
    if path.suffix.lower() == ".docx":
        return Upload(path.name, document=open_docx(path))
    return Upload(path.name, text=read_text(path, keep_spacing=True).text)
