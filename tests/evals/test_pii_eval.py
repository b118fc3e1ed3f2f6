from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.security import Redaction
from evals.pii_eval import DEFAULT_MESSAGES, Message, Outcome, load_messages, main
from knowledge.errors import BadInput


def test_the_seeded_set_has_enough_messages_of_both_sorts():
    messages = load_messages(DEFAULT_MESSAGES)
    assert sum(bool(m.values) for m in messages) >= 200
    assert sum(not m.values for m in messages) >= 50
    for line in DEFAULT_MESSAGES.read_text(encoding="utf-8").splitlines():
        assert set(json.loads(line)) == {"text", "values", "keep"}


def test_leaks_are_counted_fully_and_partly():
    message = Message("Tôi tên là Lê Văn Tám, gọi 0912 345 678", ("Lê Văn Tám", "0912 345 678"), ())
    partly = Outcome(message, Redaction("Tôi tên là [HỌ TÊN] Tám, gọi [SĐT] 678", ()))
    assert partly.leaked() == []
    assert partly.partly_leaked() == ["Lê Văn Tám", "0912 345 678"]
    clean = Outcome(message, Redaction("Tôi tên là [HỌ TÊN], gọi [SĐT]", ()))
    assert clean.leaked() == clean.partly_leaked() == []


def test_a_word_of_a_name_found_elsewhere_in_the_message_is_not_a_leak():
    message = Message("Anh Nam ở phường Nam Sơn", ("Nam",), ("phường Nam Sơn",))
    outcome = Outcome(message, Redaction("Anh [HỌ TÊN] ở phường Nam Sơn", ()))
    assert outcome.partly_leaked() == [] and outcome.lost() == []


@pytest.mark.parametrize(
    "line, reason",
    [
        ("not json", "JSON"),
        ('{"values": []}', "JSON"),
        ('{"text": "abc", "values": "abc"}', "lists of strings"),
        ('{"text": "abc", "values": ["xyz"]}', "not in the text"),
    ],
)
def test_malformed_lines_are_refused(tmp_path: Path, line: str, reason: str):
    path = tmp_path / "messages.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(BadInput, match=reason):
        load_messages(path)


def test_writes_the_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    path = tmp_path / "messages.jsonl"
    lines = [
        {"text": "sđt 0912345678", "values": ["0912345678"], "keep": []},
        {"text": "Lệ phí 8.000 đồng", "values": [], "keep": ["8.000 đồng"]},
    ]
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), encoding="utf-8")
    assert main(["--messages", str(path), "--reports", str(tmp_path)]) == 0
    report = (tmp_path / "pii.md").read_text(encoding="utf-8")
    assert "| values left as written (target 0) | 0 |" in report
    assert "2 messages: 0 personal values left, recall 1.000, 0 false redactions" in capsys.readouterr().out
