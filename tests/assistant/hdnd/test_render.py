"""The report as Markdown and as a .docx; the .docx as LibreOffice renders it (A4, text order, PNG artifacts).

The rendering tests need Debian ``libreoffice-writer``, ``fonts-liberation`` and ``poppler-utils``:
    apt-get install -y --no-install-recommends libreoffice-writer fonts-liberation poppler-utils
The first page of the report on a tờ trình of each input format is kept as test-artifacts/hdnd/<file>.png.
"""

import io
import re
import shutil
import subprocess

import docx
import pytest

from assistant.hdnd import render_docx, render_markdown, review_submission
from assistant.hdnd.render import SECTIONS, TITLE
from tests.assistant.hdnd.conftest import cases

TOOLS = ("libreoffice", "pdfinfo", "pdftotext", "pdftoppm")
INSTALL = "apt-get install -y --no-install-recommends libreoffice-writer fonts-liberation poppler-utils"
RENDERED = ("giao-duc-ho-tro-hoc-phi.txt", "giao-thong-chu-truong-dau-tu.docx", "dat-dai-thu-hoi-dat.pdf", "y-te-thu-hut-bac-si.txt")
needs_libreoffice = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in TOOLS), reason=f"needs {', '.join(TOOLS)} ({INSTALL})"
)


def report(hdnd_dir, registry, file):
    case = next(c for c in cases() if c["file"] == file)
    draft = hdnd_dir / case["draft"] if case.get("draft") else None
    return review_submission(hdnd_dir / file, draft, registry)


def test_markdown_has_the_seven_parts_in_order(hdnd_dir, true_registry):
    text = render_markdown(report(hdnd_dir, true_registry, "y-te-thu-hut-bac-si.txt"))
    positions = [text.find(f"## {heading}") for heading in SECTIONS]
    assert -1 not in positions and positions == sorted(positions)
    assert "| Bộ luật Lao động số 10/2012/QH13 | hết hiệu lực |" in text
    assert "- Tổng kinh phí thực hiện chính sách giai đoạn 2024 - 2030 dự kiến khoảng 86.400 triệu đồng" in text
    assert re.search(r"^1\. Bộ luật Lao động số 10/2012/QH13 đã hết hiệu lực", text, re.MULTILINE)


def test_the_docx_is_a4_times_new_roman_with_its_tables(hdnd_dir, true_registry):
    document = docx.Document(io.BytesIO(render_docx(report(hdnd_dir, true_registry, "y-te-thu-hut-bac-si.txt"))))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert document.paragraphs[0].text == TITLE
    assert len(document.tables) == 4  # thông tin, bố cục, căn cứ, thẩm tra
    checklist = document.tables[-1]
    assert [cell.text for cell in checklist.rows[0].cells] == ["Tiêu chí", "Đánh giá", "Căn cứ trong hồ sơ", "Vấn đề cần làm rõ"]
    assert checklist.rows[5].cells[0].text == "Nguồn lực" and checklist.rows[5].cells[1].text == "Cần làm rõ"


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory, hdnd_dir, true_registry):
    folder = tmp_path_factory.mktemp("hdnd-rendering")
    for file in RENDERED:
        (folder / f"{file}.docx").write_bytes(render_docx(report(hdnd_dir, true_registry, file)))
    subprocess.run(
        ["libreoffice", f"-env:UserInstallation=file://{folder / 'lo-profile'}", "--headless", "--convert-to", "pdf",
         "--outdir", str(folder), *(str(folder / f"{file}.docx") for file in RENDERED)],
        check=True, capture_output=True, timeout=180,
    )
    return {file: folder / f"{file}.pdf" for file in RENDERED}


def _run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True, timeout=60).stdout


@needs_libreoffice
@pytest.mark.slow
@pytest.mark.parametrize("file", RENDERED)
def test_libreoffice_renders_a4_pages_in_the_report_s_order(pdfs, file):
    info = _run("pdfinfo", "-f", "1", "-l", "99", str(pdfs[file]))
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert sizes and all(abs(float(w) - 595.3) < 1 and abs(float(h) - 841.9) < 1 for w, h in sizes)
    text = " ".join(_run("pdftotext", str(pdfs[file]), "-").split())
    positions = [text.find(part) for part in (TITLE, *SECTIONS)]
    assert -1 not in positions, (positions, text[:300])
    assert positions == sorted(positions)


@needs_libreoffice
@pytest.mark.slow
@pytest.mark.parametrize("file", RENDERED)
def test_first_page_as_png_artifact(pdfs, artifacts_dir, file):
    target = artifacts_dir / "hdnd"
    target.mkdir(exist_ok=True)
    stem = file.replace(".", "-")
    _run("pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "1", "-singlefile", str(pdfs[file]), str(target / stem))
    png = target / f"{stem}.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
