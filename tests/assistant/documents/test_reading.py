"""Bad uploads are refused with a clear message (BadInput, exit code 2 at the CLI)."""

import io
import zipfile

import pytest

from assistant.documents.reading import open_draft
from knowledge.errors import BadInput


@pytest.fixture
def docx_bytes(data_dir_documents):
    from assistant.documents.docx_writer import render_docx
    from assistant.documents.draft_data import load_draft_data

    return render_docx(load_draft_data("thong-bao", data_dir_documents / "thong-bao.yaml"))


def zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * 5_000_000)  # 5 MB of zeros in a few kB
    return buffer.getvalue()


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("trong.docx", b"", "tệp rỗng"),
        ("trong.txt", b"", "tệp rỗng"),
        ("cu.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "Word 97-2003"),
        ("doi-duoi.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "Word 97-2003"),
        ("gia.docx", b"day khong phai zip", "không phải tệp .docx hợp lệ"),
        ("bom.docx", None, "zip bomb"),
        ("khong-word.docx", None, "không phải văn bản Word"),
        ("anh.pdf", b"%PDF-1.4", "chỉ rà soát được tệp .docx và .txt"),
        ("nhi-phan.txt", b"\x00\x01\x02binary", "không phải tệp văn bản thuần"),
        ("latin1.txt", "Quyết định".encode("latin-1", "replace") + b"\xff\xfe\xfa", "UTF-8"),
    ],
)
def test_unusable_files(tmp_path, name, content, message):
    if name == "bom.docx":
        content = zip_bomb()
    elif name == "khong-word.docx":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("hello.txt", "xin chào")
        content = buffer.getvalue()
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(BadInput, match=message):
        open_draft(path)


def test_password_protected_docx(tmp_path, docx_bytes):
    from msoffcrypto.format.ooxml import OOXMLFile

    encrypted = io.BytesIO()
    OOXMLFile(io.BytesIO(docx_bytes)).encrypt("matkhau", encrypted)
    path = tmp_path / "mat-khau.docx"
    path.write_bytes(encrypted.getvalue())
    with pytest.raises(BadInput, match="bảo vệ bằng mật khẩu"):
        open_draft(path)


def test_a_broken_package(tmp_path, docx_bytes):
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, b"<w:document><w:body>" if item.filename == "word/document.xml" else data)
    path = tmp_path / "hong.docx"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(BadInput, match="bị hỏng"):
        open_draft(path)


def test_good_files(tmp_path, docx_bytes):
    (tmp_path / "a.docx").write_bytes(docx_bytes)
    assert open_draft(tmp_path / "a.docx").document is not None
    (tmp_path / "a.txt").write_text("QUYẾT ĐỊNH", encoding="utf-16")
    assert open_draft(tmp_path / "a.txt").text == "QUYẾT ĐỊNH"


def test_missing_file(tmp_path):
    with pytest.raises(BadInput, match="không tìm thấy"):
        open_draft(tmp_path / "none.docx")
