"""``troly draft``, ``troly review`` and ``troly rasoat``: outputs, JSON contract and exit codes."""

import io
import json
import zipfile
from pathlib import Path

import pytest

from channels.cli import documents as commands
from channels.cli import main
from tests.assistant.documents.doubles import FakeRetriever, sample_registry

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "documents"


@pytest.fixture
def with_registry(monkeypatch):
    monkeypatch.setattr(commands, "open_registry", lambda settings: sample_registry())


def test_draft_then_review(tmp_path, capsys, with_registry):
    out = tmp_path / "qd.docx"
    assert main(["draft", "quyet-dinh", "--data", str(FIXTURES / "data" / "quyet-dinh.yaml"), "--out", str(out)]) == 0
    assert out.is_file() and "Đã soạn quyết định" in capsys.readouterr().out
    assert main(["review", str(out), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["findings"] == []
    assert {"number": "77/2015/QH13", "status": "amended"} in result["cited_documents"]


def test_review_json_contract(tmp_path, capsys, with_registry):
    draft = tmp_path / "qd.txt"
    text = (FIXTURES / "drafts" / "quyet-dinh.txt").read_text(encoding="utf-8")
    draft.write_text(text.replace("Số: 08/QĐ-UBND", "Số: 8/QĐ-UBND"), encoding="utf-8")
    assert main(["review", str(draft), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert list(result) == ["findings", "cited_documents"]
    (finding,) = result["findings"]
    assert list(finding) == ["code", "severity", "message", "location"]
    assert finding["code"] == "ND30.SO_KY_HIEU_FORMAT" and finding["severity"] == "error"
    assert all(set(c) == {"number", "status"} for c in result["cited_documents"])


def test_review_as_text(capsys, with_registry):
    assert main(["review", str(FIXTURES / "drafts" / "cong-van-hai-cot.txt")]) == 0
    assert "Không phát hiện lỗi" in capsys.readouterr().out


def _bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * 5_000_000)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("bom.docx", _bomb(), "zip bomb"),
        ("gia.docx", b"PK not really a zip", "không phải .docx hợp lệ"),
        ("rong.docx", b"", "rỗng"),
        ("cu.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, ".doc"),
        ("khong-chu.txt", b"\n \n", "rỗng"),
    ],
)
def test_review_bad_input_exits_2_and_writes_nothing(tmp_path, capsys, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    before = sorted(tmp_path.iterdir())
    assert main(["review", str(path), "--json"]) == 2
    captured = capsys.readouterr()
    assert message in captured.err and captured.out == ""
    assert sorted(tmp_path.iterdir()) == before


def test_review_of_a_password_protected_docx(tmp_path, capsys):
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = tmp_path / "a.docx"
    assert main(["draft", "thong-bao", "--data", str(FIXTURES / "data" / "thong-bao.yaml"), "--out", str(plain)]) == 0
    locked = tmp_path / "locked.docx"
    with plain.open("rb") as source, locked.open("wb") as target:
        OOXMLFile(source).encrypt("matkhau", target)
    assert main(["review", str(locked)]) == 2
    assert "mật khẩu" in capsys.readouterr().err


@pytest.mark.parametrize(
    "data, out, message",
    [
        ("cong-van-thieu.yaml", "cv.docx", "thiếu trường bắt buộc “kinh_gui”"),
        ("quyet-dinh.yaml", "qd.pdf", "đuôi .docx"),
        ("khong-co.yaml", "qd.docx", "không tìm thấy tệp dữ liệu"),
    ],
)
def test_draft_bad_input_exits_2_and_writes_nothing(tmp_path, capsys, data, out, message):
    source = FIXTURES / "data" / data
    if data == "cong-van-thieu.yaml":
        source = tmp_path / data
        source.write_text("co_quan: SỞ TƯ PHÁP\nky_hieu_co_quan: STP\n", encoding="utf-8")
    assert (
        main(
            [
                "draft",
                "quyet-dinh" if "quyet" in data else "cong-van",
                "--data",
                str(source),
                "--out",
                str(tmp_path / out),
            ]
        )
        == 2
    )
    assert message in capsys.readouterr().err
    assert not (tmp_path / out).exists() and not list(tmp_path.glob(".*.tmp"))


def test_draft_rejects_an_unknown_type(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["draft", "cong-dien", "--data", "x.yaml", "--out", "x.docx"])
    assert exit_.value.code == 2


def test_rasoat_writes_a_report(tmp_path, capsys, monkeypatch, with_registry):
    monkeypatch.setattr(commands, "open_retriever", lambda settings: FakeRetriever())
    source = FIXTURES / "legal" / "quy-dinh-tiep-cong-dan.txt"
    report = tmp_path / "bao-cao.md"
    assert main(["rasoat", str(source), "--out", str(report), "-k", "2"]) == 0
    text = report.read_text(encoding="utf-8")
    assert "# Rà soát văn bản" in text and "81/2006/QH11 | hết hiệu lực" in text
    assert main(["rasoat", str(source), "--out", str(tmp_path / "bao-cao.docx")]) == 0
    assert (tmp_path / "bao-cao.docx").stat().st_size > 0
    assert main(["rasoat", str(source), "--out", str(tmp_path / "bao-cao.pdf")]) == 2
