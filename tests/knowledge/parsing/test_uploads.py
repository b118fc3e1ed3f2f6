import io
import struct
import unicodedata
import zipfile
from pathlib import Path

import docx
import pypdf
import pytest

from knowledge.errors import BadInput
from knowledge.parsing import uploads
from knowledge.parsing.uploads import ExtractedText, open_docx, read_text

DRAFT = "Điều 1. Phạm vi điều chỉnh\nQuyết định này quy định về hòa giải ở cơ sở."


# ---------------------------------------------------------------- files made by the tests

def make_pdf(pages: list[str], image: bool = False) -> bytes:
    """A minimal PDF showing ``pages`` (one string per page, lines split on newlines).

    Its font maps each character to a two-byte code and back through a ToUnicode CMap,
    which is what a text layer is. With ``image`` the first page also draws a 1x1 image.
    """
    chars = sorted({ch for page in pages for ch in page if ch != "\n"})
    code = {ch: index + 1 for index, ch in enumerate(chars)}
    mapping = "\n".join(f"<{code[ch]:04X}> <{ord(ch):04X}>" for ch in chars)
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /T def /CMapType 2 def\n"
        f"1 begincodespacerange <0000> <FFFF> endcodespacerange\n{len(chars)} beginbfchar\n{mapping}\nendbfchar\n"
        "endcmap CMapName currentdict /CMap defineresource pop end end"
    )
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "",  # the page tree, written once the pages are known
        "<< /Type /Font /Subtype /Type0 /BaseFont /T /Encoding /Identity-H /DescendantFonts [4 0 R] /ToUnicode 5 0 R >>",
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /T /DW 600 "
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>",
        f"<< /Length {len(cmap.encode())} >>\nstream\n{cmap}\nendstream",
        "<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 "
        "/Length 1 >>\nstream\n\x7f\nendstream",
    ]
    kids = []
    for number, text in enumerate(pages):
        drawn = image and number == 0
        ops = ["q 100 0 0 100 50 50 cm /Im1 Do Q"] if drawn else []
        if text:
            lines = ("<" + "".join(f"{code[ch]:04X}" for ch in line) + "> Tj T*" for line in text.split("\n"))
            ops += ["BT /F1 12 Tf 14 TL 50 780 Td", *lines, "ET"]
        stream = "\n".join(ops)
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
        objects.append(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            f"/Resources << /Font << /F1 3 0 R >> {'/XObject << /Im1 6 0 R >>' if drawn else ''} >> "
            f"/Contents {len(objects)} 0 R >>"
        )
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def encrypt_pdf(data: bytes, user_password: str) -> bytes:
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password, owner_password="chủ sở hữu", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def ole_file(stream_names: list[str]) -> bytes:
    """A minimal OLE compound file (version 3) whose directory lists empty streams with these names."""
    free, end_of_chain, fat_sector, no_stream = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIII", header, 0x2C, 1, 1, 0, 0x1000)  # FAT sectors, first directory sector, -, cutoff
    struct.pack_into("<IIII", header, 0x3C, end_of_chain, 0, end_of_chain, 0)  # no mini FAT, no DIFAT sectors
    struct.pack_into("<109I", header, 0x4C, 0, *[free] * 108)
    fat = struct.pack("<128I", fat_sector, end_of_chain, *[free] * 126)
    directory = bytearray()
    entries = [("Root Entry", 5)] + [(name, 2) for name in stream_names]
    for index, (name, kind) in enumerate(entries):
        entry = bytearray(128)
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        entry[: len(encoded)] = encoded
        right = index + 1 if 0 < index < len(entries) - 1 else no_stream
        child = 1 if index == 0 and len(entries) > 1 else no_stream
        struct.pack_into("<HBBIII", entry, 64, len(encoded), kind, 1, no_stream, right, child)
        struct.pack_into("<I", entry, 116, end_of_chain)
        directory += entry
    directory += bytes(512 - len(directory))
    return bytes(header) + fat + bytes(directory)


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def make_docx(path: Path) -> Path:
    document = docx.Document()
    header = document.add_table(rows=1, cols=2)
    header.cell(0, 0).text = "ỦY BAN NHÂN DÂN XÃ AN BÌNH"
    header.cell(0, 0).add_paragraph("Số: 12/QĐ-UBND")
    header.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    header.cell(0, 1).add_paragraph("Độc lập - Tự do - Hạnh phúc")
    title = document.add_paragraph()
    title.add_run("QUYẾT ĐỊNH").bold = True
    document.add_paragraph("Về việc thành lập Tổ hòa giải thôn Đông")
    table = document.add_table(rows=2, cols=3)
    merged = table.cell(0, 0).merge(table.cell(0, 2))
    merged.text = "Danh sách tổ viên"
    table.cell(1, 0).text = "1"
    table.cell(1, 1).text = "Nguyễn Văn An"
    table.cell(1, 2).text = "Tổ trưởng"
    document.add_paragraph("Điều 1. Thành lập Tổ hòa giải thôn Đông gồm 03 thành viên.")
    document.save(path)
    return path


def zipped(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as package:
        for name, data in members.items():
            package.writestr(name, data)
    return path


def refused(path: Path, **kwargs) -> str:
    with pytest.raises(BadInput) as caught:
        read_text(path, **kwargs)
    return str(caught.value)


# ---------------------------------------------------------------- good files

@pytest.mark.parametrize(
    "encoded",
    [
        DRAFT.encode("utf-8"),
        b"\xef\xbb\xbf" + DRAFT.encode("utf-8"),
        b"\xff\xfe" + DRAFT.encode("utf-16-le"),
        b"\xfe\xff" + DRAFT.encode("utf-16-be"),
        unicodedata.normalize("NFD", DRAFT.replace("hòa", "hoà")).encode("utf-8"),
    ],
    ids=["utf-8", "utf-8 with BOM", "utf-16-le with BOM", "utf-16-be with BOM", "decomposed, new-style tone"],
)
def test_plain_text_in_every_unicode_encoding(tmp_path: Path, encoded: bytes):
    result = read_text(write(tmp_path / "du-thao.txt", encoded))
    assert result == ExtractedText(DRAFT, "txt", tmp_path / "du-thao.txt")


def test_markdown_is_read_as_text(tmp_path: Path):
    result = read_text(write(tmp_path / "ghi-chu.md", "# Ghi chú\r\n\r\n- Họp HĐND ngày 5/7\r\n".encode()))
    assert (result.format, result.text) == ("md", "# Ghi chú\n\n- Họp HĐND ngày 5/7")


def test_docx_paragraphs_and_tables_in_document_order(tmp_path: Path):
    result = read_text(make_docx(tmp_path / "quyet-dinh.docx"))
    assert result.format == "docx"
    assert result.text.split("\n") == [
        "ỦY BAN NHÂN DÂN XÃ AN BÌNH",
        "Số: 12/QĐ-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "QUYẾT ĐỊNH",
        "Về việc thành lập Tổ hòa giải thôn Đông",
        "Danh sách tổ viên",
        "1",
        "Nguyễn Văn An",
        "Tổ trưởng",
        "Điều 1. Thành lập Tổ hòa giải thôn Đông gồm 03 thành viên.",
    ]


def test_open_docx_gives_the_formatting(tmp_path: Path):
    document = open_docx(make_docx(tmp_path / "quyet-dinh.docx"))
    title = next(p for p in document.paragraphs if p.text == "QUYẾT ĐỊNH")
    assert title.runs[0].bold is True


def test_pdf_text_layer_page_by_page(tmp_path: Path):
    path = write(tmp_path / "luat.pdf", make_pdf([DRAFT, "Điều 2. Đối tượng áp dụng"]))
    result = read_text(path)
    assert result.format == "pdf"
    assert result.text == DRAFT + "\n\nĐiều 2. Đối tượng áp dụng"


def test_pdf_with_only_an_owner_password_is_read(tmp_path: Path):
    path = write(tmp_path / "han-che-in.pdf", encrypt_pdf(make_pdf([DRAFT]), user_password=""))
    assert read_text(path).text == DRAFT


# ---------------------------------------------------------------- bad files

def test_missing_path_and_directory(tmp_path: Path):
    assert "Không tìm thấy tệp" in refused(tmp_path / "khong-co.docx")
    folder = tmp_path / "thu-muc.txt"
    folder.mkdir()
    assert "không phải là tệp" in refused(folder)


def test_empty_and_blank_files(tmp_path: Path):
    assert "rỗng" in refused(write(tmp_path / "rong.txt", b""))
    assert "rỗng" in refused(write(tmp_path / "trang.docx", b" \n\t "))


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path):
    message = refused(write(tmp_path / "lon.txt", "Điều 1. ".encode() * 40), max_bytes=100)
    assert "quá lớn" in message and "file too large" in message


def test_unsupported_format(tmp_path: Path):
    assert "chưa được hỗ trợ" in refused(write(tmp_path / "bang.xlsx", b"PK\x03\x04"))
    assert "không có đuôi tệp" in refused(write(tmp_path / "README", b"text"))


def test_text_in_a_legacy_vietnamese_encoding_asks_for_utf8(tmp_path: Path):
    # "Điều 1" in Windows-1258 and in TCVN3 (ABC): single bytes above 0x7F, not UTF-8.
    for name, data in (("cp1258.txt", "Đi\u00ea\u0300u 1".encode("cp1258")), ("tcvn3.txt", b"\xa7i\xd2u 1. Ph\xb9m vi")):
        message = refused(write(tmp_path / name, data))
        assert "không phải UTF-8" in message and "lưu lại với bảng mã UTF-8" in message


def test_binary_garbage_is_not_text(tmp_path: Path):
    garbage = bytes(range(256)) * 4
    assert "tệp nhị phân" in refused(write(tmp_path / "rac.txt", garbage))


def test_legacy_doc_asks_for_docx(tmp_path: Path):
    word_97 = ole_file(["WordDocument", "1Table", "\x05SummaryInformation"])
    for name in ("cong-van.doc", "cong-van.docx"):
        message = refused(write(tmp_path / name, word_97))
        assert "định dạng .doc cũ" in message and "lưu thành .docx" in message


def test_password_protected_office_file(tmp_path: Path):
    encrypted = ole_file(["EncryptionInfo", "EncryptedPackage", "\x06DataSpaces"])
    for name in ("to-trinh.docx", "to-trinh.doc"):
        assert "được bảo vệ bằng mật khẩu" in refused(write(tmp_path / name, encrypted))


def test_a_docx_that_is_not_a_zip(tmp_path: Path):
    assert "không phải gói ZIP" in refused(write(tmp_path / "gia.docx", DRAFT.encode()))


def test_a_zip_that_is_not_a_word_document(tmp_path: Path):
    path = zipped(tmp_path / "bang-tinh.docx", {"xl/workbook.xml": b"<workbook/>"})
    assert "thiếu word/document.xml" in refused(path)


def test_a_damaged_docx(tmp_path: Path):
    path = zipped(tmp_path / "hong.docx", {"word/document.xml": b"<w:document"})
    assert "tệp hỏng" in refused(path)


def test_zip_bomb_refused_from_its_declared_sizes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    ratio_bomb = zipped(tmp_path / "bom.docx", {"word/document.xml": b"0" * (3 * 1024 * 1024)})
    assert ratio_bomb.stat().st_size < 20_000
    assert "tỉ lệ" in refused(ratio_bomb)
    monkeypatch.setattr(uploads, "MAX_UNPACKED_BYTES", 1000)
    large = zipped(tmp_path / "lon.docx", {"word/document.xml": DRAFT.encode() * 20})
    assert "giải nén ra" in refused(large)


def test_encrypted_pdf(tmp_path: Path):
    path = write(tmp_path / "mat.pdf", encrypt_pdf(make_pdf([DRAFT]), user_password="bí mật"))
    assert "được bảo vệ bằng mật khẩu" in refused(path)


def test_malformed_pdf_and_pdf_in_name_only(tmp_path: Path):
    assert "tệp hỏng hoặc sai cấu trúc" in refused(write(tmp_path / "hong.pdf", b"%PDF-1.7\n1 0 obj\n<< /Type"))
    assert "không phải PDF" in refused(write(tmp_path / "gia.pdf", DRAFT.encode()))


def test_scanned_pdf_without_text_layer(tmp_path: Path):
    message = refused(write(tmp_path / "scan.pdf", make_pdf([""], image=True)))
    assert "PDF không có lớp văn bản (bản scan) — chưa hỗ trợ OCR" in message


def test_a_file_without_any_text(tmp_path: Path):
    assert "không có nội dung văn bản" in refused(write(tmp_path / "trong.pdf", make_pdf([""])))
    empty_docx = tmp_path / "trong.docx"
    docx.Document().save(empty_docx)
    assert "không có nội dung văn bản" in refused(empty_docx)
