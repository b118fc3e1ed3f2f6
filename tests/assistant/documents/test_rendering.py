"""Seeing the drafts: every type converted to PDF by LibreOffice, checked, and rendered to PNG.

Needs Debian ``libreoffice-writer``, ``fonts-liberation`` and ``poppler-utils``:
    apt-get install -y --no-install-recommends libreoffice-writer fonts-liberation poppler-utils
The first page of each type is kept as test-artifacts/documents/<type>.png.
"""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from assistant.documents.doc_types import DOC_TYPES
from assistant.documents.docx_writer import render_docx
from assistant.documents.draft_data import load_draft_data

TOOLS = ("libreoffice", "pdfinfo", "pdftotext", "pdftoppm")
INSTALL = "apt-get install -y --no-install-recommends libreoffice-writer fonts-liberation poppler-utils"
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not all(shutil.which(tool) for tool in TOOLS),
        reason=f"needs {', '.join(TOOLS)} ({INSTALL})",
    ),
]


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory, data_dir_documents) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("rendering")
    for slug in DOC_TYPES:
        (folder / f"{slug}.docx").write_bytes(render_docx(load_draft_data(slug, data_dir_documents / f"{slug}.yaml")))
    profile = folder / "lo-profile"  # a profile of our own: parallel LibreOffice runs do not share a lock
    subprocess.run(
        [
            "libreoffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *(str(folder / f"{slug}.docx") for slug in DOC_TYPES),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return {slug: folder / f"{slug}.pdf" for slug in DOC_TYPES}


def _run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True, timeout=60).stdout


@pytest.mark.parametrize("slug", list(DOC_TYPES))
def test_every_page_is_a4(pdfs, slug):
    info = _run("pdfinfo", "-f", "1", "-l", "99", str(pdfs[slug]))
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert sizes and all(abs(float(w) - 595.3) < 1 and abs(float(h) - 841.9) < 1 for w, h in sizes)


@pytest.mark.parametrize("slug", list(DOC_TYPES))
def test_text_order_quoc_hieu_trich_yeu_noi_nhan(pdfs, data_dir_documents, slug):
    text = " ".join(_run("pdftotext", str(pdfs[slug]), "-").split())
    trich_yeu = load_draft_data(slug, data_dir_documents / f"{slug}.yaml").trich_yeu
    positions = [text.find(part) for part in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", trich_yeu, "Nơi nhận:")]
    assert -1 not in positions, (positions, text[:300])
    assert positions == sorted(positions)


@pytest.mark.parametrize("slug", list(DOC_TYPES))
def test_first_page_as_png_artifact(pdfs, artifacts_dir, slug):
    target = artifacts_dir / "documents"
    target.mkdir(exist_ok=True)
    _run("pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "1", "-singlefile", str(pdfs[slug]), str(target / slug))
    png = target / f"{slug}.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
