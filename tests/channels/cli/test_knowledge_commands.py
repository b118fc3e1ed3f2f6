import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]


def troly(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "channels.cli", *args],
        capture_output=True, text=True, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO), **(env or {})}, timeout=300,
    )


def test_eval_retrieval_prints_the_contract_json(fixtures_dir, data_dir):
    done = troly("eval", "retrieval", "--corpus", str(fixtures_dir / "alqac/law.json"),
                 "--questions", str(fixtures_dir / "alqac/questions.json"), "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert list(result) == ["n", "R@1", "R@5", "R@10", "MRR@10", "latency_ms_p50", "latency_ms_p95"]


def test_bad_input_exits_2_with_a_message_and_no_traceback(tmp_path, data_dir):
    done = troly("eval", "retrieval", "--corpus", str(tmp_path / "missing.json"), "--questions", str(tmp_path / "q.json"))
    assert done.returncode == 2 and "không tìm thấy" in done.stderr and "Traceback" not in done.stderr


def test_search_without_an_index_says_to_ingest(data_dir):
    done = troly("search", "đăng ký khai sinh")
    assert done.returncode == 2 and "troly ingest" in done.stderr
