"""``troly status show|import`` as a user runs them (DESIGN.md section 3)."""
import json
import shutil

import pytest

from knowledge.ingest import Ingestor
from knowledge.settings import Settings
from tests.channels.cli.test_knowledge_commands import troly

HEADER = "number\ttitle\tstatus\tsince\treplaced_by\tbasis\n"
# Dated in the past of any day the suite runs on: the command judges by the real today.
ROW = "20/2010/QH12\tLuật Vườn hoa\trepealed\t2025-09-01\t12/2030/QH16\tThông báo của cơ quan ban hành\n"


@pytest.fixture
def env(tmp_path, fixtures_dir):
    knowledge = tmp_path / "knowledge"
    shutil.copytree(fixtures_dir / "legal", knowledge / "legal")
    settings = Settings(knowledge_dir=knowledge, data_dir=tmp_path / "data", embedder="hash")
    assert Ingestor(settings).ingest().errors == []
    return {"TROLY_DATA_DIR": str(settings.data_dir), "TROLY_KNOWLEDGE": str(knowledge), "TROLY_EMBEDDER": "hash"}


def show(env, number):
    done = troly("status", "show", number, "--json", env=env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_import_then_show(env, tmp_path):
    before = show(env, "20/2010/QH12")
    assert (before["status"], before["source"], before["in_corpus"]) == ("unknown", "unknown", False)
    assert before["upcoming"]["since"] == "2031-01-01" and before["upcoming"]["source"] == "corpus"
    feed = tmp_path / "hieu-luc-2026.tsv"
    feed.write_text(HEADER + ROW, encoding="utf-8")
    done = troly("status", "import", str(feed), env=env)
    assert done.returncode == 0 and "Đã áp dụng 1 dòng" in done.stdout, done.stderr
    after = show(env, "20/2010/qh12")  # typed in lower case
    assert {key: after[key] for key in ("number", "title", "status", "since", "replaced_by", "basis", "source")} == {
        "number": "20/2010/QH12", "title": "Luật Vườn hoa", "status": "repealed", "since": "2025-09-01",
        "replaced_by": ["12/2030/QH16"], "basis": "Thông báo của cơ quan ban hành", "source": "feed"}
    text = troly("status", "show", "20/2010/QH12", env=env).stdout
    assert text.startswith("Luật Vườn hoa 20/2010/QH12: đã hết hiệu lực từ 01/9/2025, được thay thế bởi Luật Vườn hoa công cộng 12/2030/QH16.")
    assert "Căn cứ: Thông báo của cơ quan ban hành" in text


def test_an_unknown_number_says_so(env):
    done = troly("status", "show", "999/2099/QH99", env=env)
    assert done.returncode == 2 and "không có văn bản số 999/2099/QH99" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize(
    "content, message",
    [
        (HEADER + ROW.replace("repealed", "bai_bo"), ":2: tình trạng 'bai_bo' không hợp lệ"),
        (HEADER + ROW.replace("2025-09-01", "2025-13-01"), ":2: ngày '2025-13-01' không có thật"),
        ("number\ttitle\tstatus\n" + ROW, ":1: dòng tiêu đề thiếu cột since, replaced_by, basis"),
    ],
)
def test_a_bad_feed_exits_2_with_file_and_line_and_changes_nothing(env, tmp_path, content, message):
    before = show(env, "20/2010/QH12")
    feed = tmp_path / "sai.tsv"
    feed.write_text(content, encoding="utf-8")
    done = troly("status", "import", str(feed), env=env)
    assert done.returncode == 2 and f"{feed}{message}" in done.stderr and "Traceback" not in done.stderr
    assert show(env, "20/2010/QH12") == before


def test_not_utf8_exits_2(env, tmp_path):
    feed = tmp_path / "cp1258.tsv"
    feed.write_bytes(HEADER.encode() + "20/2010/QH12\tLuật Vườn hoa".encode("cp1258", errors="replace") + b"\xfe\n")
    done = troly("status", "import", str(feed), env=env)
    assert done.returncode == 2 and f"{feed}:2: tệp không phải văn bản UTF-8" in done.stderr
