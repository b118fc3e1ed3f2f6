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


def test_ingest_enriches_after_publishing_unless_told_not_to_and_status_reports_the_coverage(fixtures_dir, data_dir):
    hash_embedder = {"TROLY_EMBEDDER": "hash", "TROLY_EMBED_BUDGET": "0"}  # heading-only first vectors
    sources = [str(fixtures_dir / "legal"), str(fixtures_dir / "procedures" / "sample.jsonl")]
    first = troly("ingest", *sources, "--no-enrich", "--json", env=hash_embedder)
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout)["enrichment"] is None
    status = json.loads(troly("status", "index", "--json", env=hash_embedder).stdout)
    assert status["generation"].startswith("gen-") and status["coverage"]["share"] < 1

    enriched = troly("enrich", env=hash_embedder)
    assert enriched.returncode == 0, enriched.stderr
    assert "Vector nội dung: 22/22 đoạn (100.0%)" in enriched.stdout
    shown = troly("status", "index", env=hash_embedder)
    assert shown.returncode == 0 and "22/22 đoạn (100.0%)" in shown.stdout and status["generation"] not in shown.stdout

    (data_dir / "extra").mkdir()
    (data_dir / "extra" / "thong-bao.txt").write_text("Thông báo lịch tiếp công dân của Ủy ban nhân dân phường.\n", encoding="utf-8")
    again = troly("ingest", str(data_dir / "extra"), "--json", env=hash_embedder)
    assert again.returncode == 0, again.stderr
    report = json.loads(again.stdout)
    assert report["changed"] and report["enrichment"]["share"] == 1.0 and report["enrichment"]["passages"] == 23


def test_enrich_without_an_index_or_beside_another_enricher_exits_2(data_dir, fixtures_dir):
    hash_embedder = {"TROLY_EMBEDDER": "hash"}
    done = troly("enrich", env=hash_embedder)
    assert done.returncode == 2 and "troly ingest" in done.stderr
    assert troly("ingest", str(fixtures_dir / "legal"), "--no-enrich", env=hash_embedder).returncode == 0
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import time; from knowledge.index.enrich import Enricher; from knowledge.settings import Settings\n"
         "with Enricher(Settings.from_env())._exclusive():\n print('held', flush=True); time.sleep(30)"],
        stdout=subprocess.PIPE, text=True, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO), **hash_embedder},
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        refused = troly("enrich", env=hash_embedder)
        assert refused.returncode == 2 and "another enrichment is running" in refused.stderr
        (data_dir / "extra").mkdir()
        (data_dir / "extra" / "thong-bao.txt").write_text("Thông báo lịch tiếp công dân.\n", encoding="utf-8")
        ingested = troly("ingest", str(data_dir / "extra"), env=hash_embedder)  # published; the other enriches it
        assert ingested.returncode == 0 and "another enrichment is running" in ingested.stderr
    finally:
        holder.kill()
        holder.wait()
