"""``troly hdnd review`` and ``troly hdnd calendar``: outputs, report files and exit codes."""

import json
import zipfile
from pathlib import Path

from channels.cli import main

HDND = Path(__file__).resolve().parents[2] / "fixtures" / "hdnd"


def test_review_json_without_an_index(data_dir, capsys):
    to_trinh, draft = HDND / "y-te-thu-hut-bac-si.txt", HDND / "y-te-thu-hut-bac-si.du-thao-nq.txt"
    assert main(["hdnd", "review", str(to_trinh), "--draft", str(draft), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["metadata"]["number"] == "98/TTr-UBND" and data["registry_checked"] is False
    assert {"HDND.FUNDING_SOURCE_MISSING", "HDND.DRAFT_FIGURE_MISMATCH:200 triệu đồng", "LEGAL_BASIS_UNCHECKED"} <= {
        i["id"] for i in data["issues"]
    }


def test_review_writes_the_report(data_dir, tmp_path, capsys):
    out = tmp_path / "bao-cao.docx"
    assert main(["hdnd", "review", str(HDND / "van-hoa-le-hoi.txt"), "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip() == f"Đã ghi báo cáo thẩm tra Tờ trình số 312/TTr-UBND: {out} (5 vấn đề cần làm rõ)"
    with zipfile.ZipFile(out) as docx:
        assert "312/TTr-UBND" in docx.read("word/document.xml").decode()
    md = tmp_path / "bao-cao.md"
    assert main(["hdnd", "review", str(HDND / "van-hoa-le-hoi.txt"), "--out", str(md)]) == 0
    assert "312/TTr-UBND" in md.read_text(encoding="utf-8")


def test_bad_input_exits_2(data_dir, tmp_path, capsys):
    assert main(["hdnd", "review", str(HDND / "cong-van-khong-phai-to-trinh.txt")]) == 2
    assert "không phải tờ trình" in capsys.readouterr().err
    assert main(["hdnd", "review", str(HDND / "van-hoa-le-hoi.txt"), "--out", str(tmp_path / "r.pdf")]) == 2
    assert "phải là .docx hoặc .md" in capsys.readouterr().err
    assert not (tmp_path / "r.pdf").exists()


def test_calendar_puts_the_session_into_the_delegate_reminders(data_dir, capsys):
    assert main(["user", "add", "Nguyễn Thị Mai", "--unit", "Tổ đại biểu số 3", "--role", "delegate"]) == 0
    capsys.readouterr()
    assert main(["hdnd", "calendar", "--as", "Nguyễn Thị Mai", "--submission", str(HDND / "giao-duc-ho-tro-hoc-phi.txt"),
                 "kỳ họp thứ 21 lúc 8h ngày 10/12"]) == 0
    assert "215/TTr-UBND" in capsys.readouterr().out
    assert main(["remind", "list", "--user", "Nguyễn Thị Mai", "--json"]) == 0
    (task,) = json.loads(capsys.readouterr().out)
    assert task["source_doc"] == "215/TTr-UBND"
    assert main(["hdnd", "calendar", "--as", "Không Có Ai", "kỳ họp thứ 21 ngày 10/12"]) == 2
