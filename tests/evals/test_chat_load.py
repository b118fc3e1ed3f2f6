"""The chat load test against a real ``troly serve`` over the tiny index, kept small."""
import re

import pytest

from evals import chat_load
from knowledge.errors import BadInput


@pytest.mark.slow
def test_concurrent_citizens_are_all_answered_and_the_report_gives_percentiles(tiny_index_dir, fixtures_dir, tmp_path,
                                                                              monkeypatch):
    monkeypatch.setenv("TROLY_EMBEDDER", "hash")
    monkeypatch.setenv("TROLY_KNOWLEDGE", str(fixtures_dir))
    report = tmp_path / "reports" / "load.md"
    argv = ["--data", str(tiny_index_dir), "--clients", "4", "--turns", "3", "--pace", "0.5", "--report", str(report)]
    assert chat_load.main(argv) == 0
    text = report.read_text(encoding="utf-8")
    assert "| requests answered (200) | 12 |" in text and "| failures | 0 |" in text
    assert "p95 latency" in text and "p99 latency" in text and "4 concurrent citizens, 3 turns each" in text
    assert "one message every 0.5 s at most per citizen (offered: 8 messages/s)" in text
    assert float(re.search(r"wall time \| ([\d.]+) s", text).group(1)) >= 1.0  # three messages, two paces apart
    assert re.search(r"server peak RSS \| \d+ MB", text)


def test_bad_arguments_are_refused(tmp_path):
    with pytest.raises(BadInput, match="positive"):
        chat_load.main(["--data", str(tmp_path), "--clients", "0"])
    with pytest.raises(BadInput, match="pace"):
        chat_load.main(["--data", str(tmp_path), "--pace", "-1"])
    with pytest.raises(BadInput, match="not a folder"):
        chat_load.main(["--data", str(tmp_path / "khong-co"), "--report", str(tmp_path / "r.md")])
