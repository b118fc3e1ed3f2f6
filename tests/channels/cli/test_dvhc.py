"""``troly dvhc``: the new unit with its khoản quoted, exit 0; ambiguous, unknown or empty: a message and exit 2."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from channels.cli import main
from knowledge.ingest import Ingestor
from knowledge.settings import Settings


@pytest.fixture(autouse=True)
def hash_embedder(monkeypatch):
    monkeypatch.setenv("TROLY_EMBEDDER", "hash")


@pytest.fixture
def indexed(data_dir: Path, fixtures_dir: Path) -> Path:
    settings = Settings(knowledge_dir=fixtures_dir, data_dir=data_dir, embedder="hash")
    assert Ingestor(settings).ingest([fixtures_dir / "dvhc"]).errors == []
    return data_dir


def test_a_unit_found_prints_the_new_unit_and_quotes_the_khoan(indexed, capsys):
    assert main(["dvhc", "phường Bến Nghé, Quận 1"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Phường Bến Nghé (Thành phố Hồ Chí Minh) đã được sắp xếp (toàn bộ diện tích, dân số) vào phường Sài Gòn")
    assert "Căn cứ: khoản 1 Điều 1 Nghị quyết 1685/NQ-UBTVQH15 ngày 16/6/2025" in out
    assert "«1. Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của phường Bến Nghé" in out


def test_json_names_the_new_units_share_and_citation(indexed, capsys):
    assert main(["dvhc", "phuong Da Kao", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["status"] == "found"
    [unit] = data["units"]
    assert unit["old_unit"]["label"] == "phường Đa Kao" and unit["province"] == "Thành phố Hồ Chí Minh" and unit["split"]
    assert [(n["label"], n["share"], n["clause"]) for n in unit["new_units"]] == [
        ("phường Sài Gòn", "partial", "1"), ("phường Tân Định", "remainder", "2"),
    ]
    assert unit["new_units"][1]["text"].startswith("2. Sắp xếp toàn bộ diện tích tự nhiên")
    assert unit["new_units"][1]["citation"] == "khoản 2 Điều 1 Nghị quyết 1685/NQ-UBTVQH15"


def test_an_ambiguous_name_lists_the_candidates_on_stderr_and_exits_2(indexed, capsys):
    assert main(["dvhc", "Phường 12"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "Có 3 đơn vị tên “Phường 12”" in captured.err
    assert "Phường 12 (Quận 5, Thành phố Hồ Chí Minh) → phường Chợ Lớn" in captured.err
    assert main(["dvhc", "Phường 12", "--json"]) == 2
    data = json.loads(capsys.readouterr().out)
    assert data["status"] == "ambiguous" and [u["district"] for u in data["units"]] == ["Quận 3", "Quận 5", "quận Bình Thạnh"]


def test_an_unknown_unit_suggests_close_names(indexed, capsys):
    assert main(["dvhc", "phường Bến Ngé"]) == 2
    assert "Có phải bạn muốn hỏi: phường Bến Nghé (Thành phố Hồ Chí Minh)?" in capsys.readouterr().err
    assert main(["dvhc", "xa Tan Thanh Dongg", "--json"]) == 2
    assert json.loads(capsys.readouterr().out)["suggestions"] == ["xã Tân Thạnh Đông (Thành phố Hồ Chí Minh)"]


@pytest.mark.parametrize(
    "query, status, said",
    [("", "empty", "Hãy cho biết tên phường, xã"), ("Quận 3", "district_only", "là đơn vị hành chính cấp huyện")],
)
def test_an_empty_query_or_a_district_alone_is_bad_input(indexed, capsys, query, status, said):
    assert main(["dvhc", query]) == 2
    assert said in capsys.readouterr().err
    assert main(["dvhc", query, "--json"]) == 2
    assert json.loads(capsys.readouterr().out)["status"] == status


def test_without_an_index_or_without_resolutions_it_says_what_to_do(data_dir, fixtures_dir, capsys):
    assert main(["dvhc", "phường Bến Nghé"]) == 2
    assert "troly ingest" in capsys.readouterr().err
    settings = Settings(knowledge_dir=fixtures_dir, data_dir=data_dir, embedder="hash")
    Ingestor(settings).ingest([fixtures_dir / "legal"])
    assert main(["dvhc", "phường Bến Nghé"]) == 2
    assert "Chưa có các nghị quyết sắp xếp" in capsys.readouterr().err


def test_troly_review_names_the_unit_a_merged_ward_became(indexed, fixtures_dir, capsys):
    draft = fixtures_dir / "documents" / "merger" / "cong-van-2026-don-vi-cu.txt"
    assert main(["review", str(draft), "--json"]) == 0
    findings = json.loads(capsys.readouterr().out)["findings"]
    merged = [f for f in findings if f["code"] == "DVHC.UNIT_MERGED"]
    assert [f["location"] for f in merged] == ["dòng 11", "dòng 13"] and all(f["severity"] == "error" for f in merged)
    assert "nay là Ủy ban nhân dân phường Nhiêu Lộc" in merged[0]["message"]
