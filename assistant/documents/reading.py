"""Opening a draft safely: the one place where uploaded bytes become a .txt text or a .docx tree.

Every unusable file is refused with ``BadInput`` and a message for the officer:
empty files, Word 97-2003 ``.doc`` files, password-protected ``.docx`` (an
encrypted OOXML package is an OLE container, not a zip), files that are not zips,
zip bombs (too many members, too large when inflated, or inflating too steeply)
and broken packages. The shared ``knowledge/parsing/uploads.py`` is meant to
replace this function's checks once it exists.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from lxml.etree import XMLSyntaxError

from knowledge.errors import BadInput

MAX_FILE_BYTES = 20_000_000
MAX_INFLATED_BYTES = 100_000_000
MAX_MEMBERS = 2_000
MAX_RATIO = 200  # inflated / compressed size of one large member
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")
SUPPORTED = (".docx", ".txt")


@dataclass(frozen=True)
class Upload:
    name: str
    text: str | None = None  # a .txt file's content
    document: DocxDocument | None = None  # a .docx file's tree


def _check_zip(data: bytes, name: str) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise BadInput(f"{name}: không phải tệp .docx hợp lệ (không đọc được như một gói zip)") from None
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise BadInput(f"{name}: gói .docx có quá nhiều thành phần ({len(members)}), có thể là zip bomb")
    inflated = sum(m.file_size for m in members)
    steep = any(m.file_size > 1_000_000 and m.file_size > MAX_RATIO * max(m.compress_size, 1) for m in members)
    if inflated > MAX_INFLATED_BYTES or steep:
        raise BadInput(f"{name}: gói .docx giải nén ra quá lớn ({inflated:,} byte), có thể là zip bomb")
    if "word/document.xml" not in archive.namelist():
        raise BadInput(f"{name}: gói zip không phải văn bản Word (thiếu word/document.xml)")


def open_draft(path: Path) -> Upload:
    """Read a .docx or .txt draft, refusing anything unusable with a clear message."""
    name = path.name
    suffix = path.suffix.lower()
    if not path.is_file():
        raise BadInput(f"không tìm thấy tệp: {path}")
    if suffix == ".doc":
        raise BadInput(f"{name}: định dạng .doc (Word 97-2003) không được hỗ trợ; hãy lưu lại thành .docx")
    if suffix not in SUPPORTED:
        raise BadInput(f"{name}: chỉ rà soát được tệp {' và '.join(SUPPORTED)}")
    size = path.stat().st_size
    if size == 0:
        raise BadInput(f"{name}: tệp rỗng")
    if size > MAX_FILE_BYTES:
        raise BadInput(f"{name}: tệp quá lớn ({size:,} byte, tối đa {MAX_FILE_BYTES:,})")
    data = path.read_bytes()
    if suffix == ".txt":
        if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise BadInput(f"{name}: không phải tệp văn bản thuần (.txt)")
        encoding = "utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8-sig"
        try:
            return Upload(name, text=data.decode(encoding))
        except UnicodeDecodeError:
            raise BadInput(f"{name}: tệp .txt phải mã hóa UTF-8") from None
    if data.startswith(_OLE_MAGIC):
        if _ENCRYPTED_MARK in data:
            raise BadInput(f"{name}: tệp .docx được bảo vệ bằng mật khẩu; hãy gỡ mật khẩu rồi gửi lại")
        raise BadInput(f"{name}: đây là tệp Word 97-2003 (.doc) đổi đuôi; hãy lưu lại thành .docx")
    _check_zip(data, name)
    try:
        return Upload(name, document=docx.Document(io.BytesIO(data)))
    except (KeyError, ValueError, XMLSyntaxError, zipfile.BadZipFile) as exc:
        raise BadInput(f"{name}: tệp .docx bị hỏng, không đọc được ({type(exc).__name__})") from None
