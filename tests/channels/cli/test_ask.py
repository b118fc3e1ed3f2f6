"""``troly ask``: one turn on an index of the fixture corpus, through the real command."""
import json

import pytest

from tests.channels.cli.test_knowledge_commands import troly

HASH = {"TROLY_EMBEDDER": "hash"}


@pytest.fixture
def indexed(fixtures_dir, data_dir):
    done = troly("ingest", str(fixtures_dir / "legal"), str(fixtures_dir / "procedures" / "sample.jsonl"), "--no-enrich", env=HASH)
    assert done.returncode == 0, done.stderr
    return data_dir


def test_a_question_is_answered_with_its_citations(indexed):
    done = troly("ask", "--json", "cần giấy tờ gì để xin giấy phép nuôi chim bồ câu đưa thư", env=HASH)
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert {"answer", "grounded", "intent", "refusal_reason", "citations"} <= set(answer)
    assert answer["grounded"] and answer["citations"][0]["id"] == "9.900001"


@pytest.mark.parametrize("question", ["", "   ", "x" * 20_000])
def test_a_question_that_cannot_be_asked_exits_2_saying_why(indexed, question):
    done = troly("ask", question, env=HASH)
    assert done.returncode == 2 and "không trả lời: " in done.stdout and "Traceback" not in done.stderr


def test_an_unknown_user_or_a_missing_file_exits_2_with_the_reason(indexed, tmp_path):
    unknown = troly("ask", "--user", "Không Ai Cả", "nhắc tôi họp lúc 9h", env=HASH)
    assert unknown.returncode == 2 and "không có người dùng" in unknown.stderr
    missing = troly("ask", "--role", "officer", "--file", str(tmp_path / "none.docx"), "rà soát giúp", env=HASH)
    assert missing.returncode == 2 and "Không tìm thấy tệp" in missing.stderr
