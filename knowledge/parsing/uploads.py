"""Text out of a file someone gave us: .txt/.md, .docx or .pdf, with every bad input refused.

Used by ingest, the review of drafts, the HĐND secretary and the upload API. Files come
from people, so nothing is trusted: the size is checked before reading, a .docx's
declared (uncompressed) sizes and compression ratios before anything is decompressed,
an Office file encrypted with a password (an OLE compound file holding an
``EncryptedPackage`` stream) or an old binary .doc is recognised from its first bytes.
Every refusal is a ``BadInput`` whose message says, in Vietnamese (English in
parentheses), what is wrong and what to do.
"""
from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import docx
import pypdf
from docx.document import Document
from docx.table import Table, _Cell

from knowledge.errors import BadInput
from knowledge.text.normalize import normalize

Format = Literal["txt", "md", "docx", "pdf"]

MAX_BYTES = 20 * 1024 * 1024
# A .docx unpacks to a few MB; these bounds leave room for large documents with images.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_MEMBERS = 5_000
MAX_RATIO = 100  # uncompressed / compressed, for members above RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_WORD_97_STREAM = "WordDocument".encode("utf-16-le")
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_SUFFIXES: dict[str, Format] = {".txt": "txt", ".md": "md", ".docx": "docx", ".pdf": "pdf"}


@dataclass(frozen=True)
class ExtractedText:
    """A file's text, normalised (``knowledge.text.normalize``), and the format it was read as."""

    text: str
    format: Format
    path: Path


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, after checking it exists, is a file, is not empty and not too large."""
    if not path.exists():
        raise BadInput(f"Không tìm thấy tệp {path} (file not found)")
    if not path.is_file():
        raise BadInput(f"{path} không phải là tệp (not a regular file)")
    size = path.stat().st_size
    if size > max_bytes:
        raise BadInput(
            f"Tệp {path.name} quá lớn: {size / 1048576:.1f} MB, tối đa {max_bytes / 1048576:.0f} MB (file too large)"
        )
    try:
        data = path.read_bytes()
    except OSError as error:
        raise BadInput(f"Không đọc được tệp {path.name}: {error.strerror} (cannot read file)") from error
    if not data.strip():
        raise BadInput(f"Tệp {path.name} rỗng (empty file)")
    return data


def _refuse_ole(name: str, data: bytes) -> None:
    """An OLE compound file is either an encrypted Office document or an old binary one."""
    if not data.startswith(_OLE_MAGIC):
        return
    if _ENCRYPTED_PACKAGE in data:
        raise BadInput(
            f"Tệp {name} được bảo vệ bằng mật khẩu (đã mã hóa): hãy gỡ mật khẩu rồi gửi lại "
            "(password-protected Office file)"
        )
    if _WORD_97_STREAM in data or name.lower().endswith(".doc"):
        raise BadInput(
            f"Tệp {name} là định dạng .doc cũ (Word 97-2003), chưa được hỗ trợ: hãy mở bằng Word hoặc "
            "LibreOffice và lưu thành .docx (legacy .doc is not supported, save it as .docx)"
        )
    raise BadInput(f"Tệp {name} là tệp Office cũ (OLE), không phải .docx (not a .docx file)")


def _check_zip(name: str, data: bytes) -> None:
    """Refuse what is not a Word package, or would unpack to far more than it weighs."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise BadInput(f"Tệp {name} không phải .docx hợp lệ: không phải gói ZIP (not a valid .docx: not a zip)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            members = package.infolist()
    except (zipfile.BadZipFile, ValueError) as error:
        raise BadInput(f"Tệp {name} không phải .docx hợp lệ: {error} (corrupt zip)") from error
    if len(members) > MAX_MEMBERS:
        raise BadInput(f"Tệp {name} bị từ chối: {len(members)} thành phần nén, quá nhiều (too many zip members)")
    unpacked = sum(member.file_size for member in members)
    if unpacked > MAX_UNPACKED_BYTES:
        raise BadInput(
            f"Tệp {name} bị từ chối: giải nén ra {unpacked / 1048576:.0f} MB, vượt mức "
            f"{MAX_UNPACKED_BYTES / 1048576:.0f} MB (zip bomb?)"
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
            raise BadInput(
                f"Tệp {name} bị từ chối: {member.filename} nén với tỉ lệ {ratio:.0f}:1, bất thường "
                "(suspicious compression ratio, zip bomb?)"
            )
    if "word/document.xml" not in {member.filename for member in members}:
        raise BadInput(f"Tệp {name} không phải tài liệu Word: thiếu word/document.xml (not a Word document)")


def _open_docx(name: str, data: bytes) -> Document:
    _refuse_ole(name, data)
    _check_zip(name, data)
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises what its zip and XML layers raise on a damaged package
        raise BadInput(f"Không đọc được tệp .docx {name}: tệp hỏng ({error}) (corrupt .docx)") from error


def open_docx(path: Path, max_bytes: int = MAX_BYTES) -> Document:
    """The python-docx Document of a .docx, for callers that need its formatting.

    The same checks as ``read_text``: size, encryption, legacy format, zip bombs.
    """
    return _open_docx(path.name, _read_bytes(path, max_bytes))


def _lines(container: Document | _Cell) -> Iterator[str]:
    """Paragraphs in document order; a table gives its cells' paragraphs row by row.

    A cell spanning several grid columns or rows is returned by python-docx at each of
    them: it is read once.
    """
    for block in container.iter_inner_content():
        if isinstance(block, Table):
            seen: set[int] = set()
            for row in block.rows:
                for cell in row.cells:
                    if id(cell._tc) not in seen:  # the cell's XML element identifies it
                        seen.add(id(cell._tc))
                        yield from _lines(cell)
        else:
            yield block.text


def _plain_text(name: str, data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as error:
                raise BadInput(f"Tệp {name} hỏng: không giải mã được theo {encoding} (cannot decode)") from error
    if b"\x00" in data or data.startswith(_OLE_MAGIC):
        raise BadInput(f"Tệp {name} là tệp nhị phân, không phải văn bản thuần (binary file)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BadInput(
            f"Tệp {name} không phải UTF-8 (có thể là TCVN3, VNI hoặc Windows-1258): hãy mở tệp và lưu lại "
            "với bảng mã UTF-8 (the text is not UTF-8; save it as UTF-8)"
        ) from error


def _malformed_pdf(name: str, error: Exception) -> BadInput:
    return BadInput(f"Không đọc được tệp PDF {name}: tệp hỏng hoặc sai cấu trúc (malformed PDF: {error})")


def _pdf_reader(name: str, data: bytes) -> pypdf.PdfReader:
    """An opened PDF; one encrypted with an empty user password (print/copy restrictions) is read."""
    if data.lstrip()[:5] != b"%PDF-":
        raise BadInput(f"Tệp {name} không phải PDF hợp lệ (not a PDF file)")
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        readable = not reader.is_encrypted or bool(reader.decrypt(""))
    except pypdf.errors.DependencyError:  # AES without a crypto library: cannot be opened here
        readable = False
    except Exception as error:  # pypdf raises many kinds of errors on a damaged file
        raise _malformed_pdf(name, error) from error
    if not readable:
        raise BadInput(f"Tệp PDF {name} được bảo vệ bằng mật khẩu (encrypted PDF): hãy gửi bản không đặt mật khẩu")
    return reader


def _pdf_text(name: str, data: bytes) -> str:
    reader = _pdf_reader(name, data)
    try:
        text = "\n\n".join((page.extract_text() or "").strip() for page in reader.pages)
        scanned = not text.strip() and any(len(page.images) for page in reader.pages)
    except Exception as error:  # as above: a damaged page tree, stream or font
        raise _malformed_pdf(name, error) from error
    if scanned:
        raise BadInput(f"Tệp {name}: PDF không có lớp văn bản (bản scan) — chưa hỗ trợ OCR (scanned PDF, no OCR)")
    return text


def read_text(path: Path, max_bytes: int = MAX_BYTES, keep_spacing: bool = False) -> ExtractedText:
    """The normalised text of a .txt, .md, .docx or .pdf file; ``BadInput`` for anything else.

    ``keep_spacing`` keeps tabs and runs of spaces (a draft's layout) instead of collapsing them.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".doc":
        _refuse_ole(path.name, _read_bytes(path, max_bytes))
        raise BadInput(f"Tệp {path.name} không phải .doc hợp lệ; hãy lưu thành .docx (save it as .docx)")
    file_format = _SUFFIXES.get(suffix)
    if file_format is None:
        raise BadInput(
            f"Định dạng {suffix or '(không có đuôi tệp)'} chưa được hỗ trợ: hãy gửi .docx, .pdf, .txt hoặc .md "
            "(unsupported format)"
        )
    data = _read_bytes(path, max_bytes)
    if file_format == "docx":
        raw = "\n".join(_lines(_open_docx(path.name, data)))
    elif file_format == "pdf":
        raw = _pdf_text(path.name, data)
    else:
        raw = _plain_text(path.name, data)
    text = normalize(raw, keep_spacing)
    text = text.strip("\n") if keep_spacing else text.strip()
    if not text.strip():
        raise BadInput(f"Tệp {path.name} không có nội dung văn bản (no text)")
    return ExtractedText(text=text, format=file_format, path=path)
