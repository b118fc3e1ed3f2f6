"""``troly ingest`` end to end on fixtures written for the tests: a fictional law,
a pháp điển topic, a decree with its appendix, two procedures and uploads."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import docx
import pytest

from knowledge.base import KnowledgeBase
from knowledge.errors import BadInput
from knowledge.index.base import SearchFilters
from knowledge.ingest import Ingestor
from knowledge.settings import Settings

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def corpus(tmp_path, fixtures_dir) -> Path:
    root = tmp_path / "knowledge"
    shutil.copytree(fixtures_dir / "legal", root / "legal")
    shutil.copytree(fixtures_dir / "procedures", root / "procedures")
    return root


@pytest.fixture
def settings(corpus, data_dir) -> Settings:
    return Settings(knowledge_dir=corpus, data_dir=data_dir, embedder="hash", today=lambda: date(2031, 1, 1))


def ingest(settings: Settings, *paths: Path, **options):
    return Ingestor(settings).ingest(list(paths) or None, **options)


def test_laws_and_procedures_are_indexed_with_citations_and_validity(settings):
    report = ingest(settings)
    assert report.errors == [] and report.procedures == 2 and report.articles > 10
    kb = KnowledgeBase.open(settings)
    law = kb.search("Luật Vườn hoa công cộng quy định về phạm vi điều chỉnh", 1)[0]
    assert (law.passage.doc_id, law.passage.heading) == ("12/2030/QH16", "Điều 1. Phạm vi điều chỉnh")
    assert kb.registry.lookup("20/2010/QH12").status == "repealed"
    assert kb.registry.lookup("20/2010/QH12").replaced_by == ("12/2030/QH16",)
    assert kb.replacement_held("20/2010/QH12")  # the law of 2030 that replaced it is indexed
    assert kb.replacement_held("12/2030/QH16")  # nothing replaces the law in force
    [procedure] = kb.search("giấy phép nuôi chim bồ câu", 1, SearchFilters(kinds=("procedure",)))
    assert procedure.passage.doc_id == "9.900001"
    assert kb.procedure("9.900001").title == "Cấp giấy phép nuôi chim bồ câu đưa thư"


def test_a_law_replaced_by_a_text_outside_the_corpus_is_known_to_have_no_replacement_held(settings, corpus):
    status = corpus / "status"
    status.mkdir(exist_ok=True)
    (status / "hieu-luc.tsv").write_text(
        "number\ttitle\tstatus\tsince\treplaced_by\tbasis\n"
        "12/2030/QH16\tLuật Vườn hoa công cộng\trepealed\t2030-12-01\t3/2031/QH16\tLuật Vườn hoa công cộng số 3/2031/QH16\n",
        encoding="utf-8")
    ingest(settings)
    kb = KnowledgeBase.open(settings)
    assert kb.registry.lookup("12/2030/QH16").status == "repealed"
    assert not kb.replacement_held("12/2030/QH16")  # its replacement of 2031 is not in the corpus


def test_unchanged_reingest_is_skipped_and_a_changed_file_is_picked_up(settings, corpus):
    first = ingest(settings)
    again = ingest(settings)
    assert first.changed and not again.changed and again.seconds < 5
    law = corpus / "legal" / "Luat-Vuon-hoa-cong-cong-2030.txt"
    law.write_text(law.read_text(encoding="utf-8").replace("vườn hoa công cộng.", "vườn hoa và thảm cỏ công cộng.", 1), encoding="utf-8")
    changed = ingest(settings)
    assert changed.changed and changed.parsed == 1
    assert KnowledgeBase.open(settings).search("thảm cỏ", 1)[0].passage.doc_id == "12/2030/QH16"


def test_bad_files_are_reported_one_by_one_and_the_rest_is_indexed(settings, corpus):
    bad = corpus / "uploads"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.pdf").write_bytes(os.urandom(4096))
    (bad / "latin.txt").write_bytes("Điều 1. Phạm vi".encode("cp1258", errors="replace") + b"\x80\x81")
    (bad / "huge.txt").write_bytes(b"a" * (21 * 1024 * 1024))
    (bad / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    (bad / "utf16.txt").write_bytes("Báo cáo tình hình vườn hoa quý III".encode("utf-16"))
    report = ingest(settings)
    failed = {label.split("/")[-1]: message for label, message in report.errors}
    assert set(failed) == {"empty.txt", "binary.pdf", "latin.txt", "huge.txt", "old.doc"}
    assert "UTF-8" in failed["latin.txt"] and ".docx" in failed["old.doc"]
    assert KnowledgeBase.open(settings).search("báo cáo vườn hoa quý III", 1)[0].passage.kind == "document"


def test_a_batch_where_nothing_can_be_read_leaves_the_index_as_it_was(settings, tmp_path):
    ingest(settings)
    before = KnowledgeBase.open(settings).generation
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "x.txt").write_bytes(b"")
    with pytest.raises(BadInput, match="chỉ mục cũ được giữ nguyên"):
        ingest(settings, broken, replace=True)
    assert KnowledgeBase.open(settings).generation == before


def test_an_internal_upload_is_hidden_from_citizens(settings, tmp_path):
    ingest(settings)
    upload = tmp_path / "bao-cao-noi-bo.docx"
    document = docx.Document()
    document.add_paragraph("Báo cáo nội bộ: kế hoạch cải tạo vườn hoa trung tâm với kinh phí 3 tỷ đồng.")
    document.save(upload)
    ingest(settings, upload, access="internal")
    kb = KnowledgeBase.open(settings)
    assert all(e.passage.access == "public" for e in kb.search("kinh phí cải tạo vườn hoa", 10))
    officer = kb.search("kinh phí cải tạo vườn hoa", 3, SearchFilters(access=("public", "internal")))
    assert officer[0].passage.access == "internal" and officer[0].passage.kind == "document"
    law = settings.knowledge_dir / "legal" / "Luat-Vuon-hoa-cong-cong-2030.txt"
    law.write_text(law.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert ingest(settings).changed  # a default re-ingest rescans the knowledge dir and keeps the upload
    assert KnowledgeBase.open(settings).search("kinh phí cải tạo", 1, SearchFilters(access=("internal",)))


def test_missing_paths_and_bad_access_levels_are_bad_input(settings, tmp_path):
    with pytest.raises(BadInput, match="không tìm thấy"):
        ingest(settings, tmp_path / "nowhere")
    with pytest.raises(BadInput, match="mức truy cập"):
        ingest(settings, access="secret")


def test_sigkill_during_ingest_leaves_the_previous_index_usable(settings, corpus):
    ingest(settings)
    before = KnowledgeBase.open(settings).generation
    for i in range(30):
        (corpus / "legal" / f"extra-{i}.txt").write_text(
            f"Báo cáo số {i} về vườn hoa.\n" + "Nội dung chi tiết về chăm sóc cây xanh.\n" * 2000, encoding="utf-8"
        )
    env = {**os.environ, "PYTHONPATH": str(REPO), "TROLY_DATA_DIR": str(settings.data_dir),
           "TROLY_KNOWLEDGE": str(corpus), "TROLY_EMBEDDER": "hash"}
    process = subprocess.Popen([sys.executable, "-m", "channels.cli", "ingest"], env=env, cwd=REPO,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    index = settings.data_dir / "index"
    while time.monotonic() < deadline and len(list(index.glob("gen-*"))) < 2:
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait()
    kb = KnowledgeBase.open(settings)
    assert kb.generation == before and kb.search("vườn hoa công cộng", 1)
    report = ingest(settings)
    assert report.changed and report.errors == []
    assert len(list(index.glob("gen-*"))) == 2  # the new one and the one it replaced; the abandoned one is gone


def test_the_same_files_ingested_from_another_folder_are_ingested_once(tmp_path, corpus, data_dir):
    first = Settings(knowledge_dir=corpus, data_dir=data_dir, embedder="hash", today=lambda: date(2031, 1, 1))
    assert Ingestor(first).ingest().errors == []
    copy = tmp_path / "copy"
    shutil.copytree(corpus, copy)
    second = Settings(knowledge_dir=copy, data_dir=data_dir, embedder="hash", today=lambda: date(2031, 1, 1))
    report = Ingestor(second).ingest()
    assert report.errors == [] and report.changed
    skipped = {label: message for label, message in report.warnings if "same content" in message}
    law = "legal/Luat-Vuon-hoa-cong-cong-2030.txt"
    assert skipped[str(corpus / law)].startswith(f"cùng nội dung với {law}")  # the copy under the folder ingested now is kept
    assert len(skipped) == 5 and report.procedures == 2
    kb = KnowledgeBase.open(second)
    assert [e.passage.source for e in kb.search("Luật Vườn hoa công cộng phạm vi điều chỉnh", 1)] == [law]
    assert kb.registry.lookup("12/2030/QH16").source == law
    assert not Ingestor(second).ingest().changed  # the copies are remembered, not a change each time
