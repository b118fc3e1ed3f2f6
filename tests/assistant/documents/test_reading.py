"""Drafts are opened through the shared safe reader: a .docx as a tree, other formats as text."""

import io

import pytest

from assistant.documents.reading import open_draft
from knowledge.errors import BadInput


@pytest.fixture
def docx_bytes(data_dir_documents):
    from assistant.documents.docx_writer import render_docx
    from assistant.documents.draft_data import load_draft_data

    return render_docx(load_draft_data("thong-bao", data_dir_documents / "thong-bao.yaml"))


def test_good_files(tmp_path, docx_bytes):
    (tmp_path / "a.docx").write_bytes(docx_bytes)
    assert open_draft(tmp_path / "a.docx").document is not None
    (tmp_path / "a.txt").write_text("QUYẾT ĐỊNH", encoding="utf-16")
    assert open_draft(tmp_path / "a.txt").text == "QUYẾT ĐỊNH"


def test_a_really_password_protected_docx_is_refused(tmp_path, docx_bytes):
    from msoffcrypto.format.ooxml import OOXMLFile

    encrypted = io.BytesIO()
    OOXMLFile(io.BytesIO(docx_bytes)).encrypt("matkhau", encrypted)
    path = tmp_path / "mat-khau.docx"
    path.write_bytes(encrypted.getvalue())
    with pytest.raises(BadInput, match="mật khẩu"):
        open_draft(path)


@pytest.mark.parametrize(
    "name, content, message",
    [("trong.docx", b"", "rỗng"), ("cu.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, ".docx")],
)
def test_unusable_files_reach_the_officer_with_the_reader_message(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(BadInput, match=message):
        open_draft(path)
