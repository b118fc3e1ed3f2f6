"""``troly eval procedures`` and the procedure report, on the tiny index of the two fixture procedures
(9.900001 "Cấp giấy phép nuôi chim bồ câu đưa thư", 9.900002 "Thủ tục đăng ký tham gia hội thao bắn súng
truyền thống") built with the deterministic hash embedder."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from evals import procedure_report, procedures
from knowledge.base import KnowledgeBase
from knowledge.errors import BadInput
from knowledge.index.hybrid import FusionSettings
from knowledge.settings import Settings

REPO = Path(__file__).resolve().parents[2]
QUESTIONS = [
    {"question": "Xin giấy phép nuôi chim bồ câu đưa thư ở đâu?", "relevant_procedures": ["9.900001"], "style": "natural"},
    {"question": "dang ky tham gia hoi thao ban sung truyen thong", "relevant_procedures": ["9.900002"], "style": "no_diacritics"},
    # the gold is the other procedure: found second, so a hit at 3 but not at 1
    {"question": "nuôi chim bồ câu đưa thư", "relevant_procedures": ["9.900002"], "style": "natural"},
]


@pytest.fixture
def questions_file(tmp_path: Path) -> Path:
    path = tmp_path / "q.jsonl"
    path.write_text("\n".join(json.dumps(q, ensure_ascii=False) for q in QUESTIONS) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def tiny_kb(tiny_index_dir: Path, fixtures_dir: Path):
    kb = KnowledgeBase.open(Settings(knowledge_dir=fixtures_dir, data_dir=tiny_index_dir, embedder="hash"))
    yield kb
    kb.close()


def troly(*args: str, data_dir: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO), "TROLY_DATA_DIR": str(data_dir), "TROLY_EMBEDDER": "hash"}
    return subprocess.run([sys.executable, "-m", "channels.cli", *args], capture_output=True, text=True, cwd=REPO, env=env, timeout=300)


def test_questions_keep_their_style_and_the_style_is_optional(tmp_path: Path) -> None:
    path = tmp_path / "q.jsonl"
    path.write_text('{"question": "làm hộ chiếu", "relevant_procedures": ["1.001456"]}\n\n'
                    '{"question": "lam ho chieu", "relevant_procedures": ["1.001456"], "style": "no_diacritics"}\n', encoding="utf-8")
    assert [q.style for q in procedures.load_questions(path)] == ["", "no_diacritics"]


@pytest.mark.parametrize("line", ['{"question": "làm hộ chiếu"}', "not json", '["làm hộ chiếu"]'])
def test_a_bad_line_is_named_by_its_number(tmp_path: Path, line: str) -> None:
    path = tmp_path / "q.jsonl"
    path.write_text('{"question": "làm hộ chiếu", "relevant_procedures": ["1.001456"]}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(BadInput, match="dòng 2"):
        procedures.load_questions(path)


def test_metrics_count_the_first_relevant_procedure(tiny_kb: KnowledgeBase, questions_file: Path) -> None:
    result = procedures.evaluate(tiny_kb, procedures.load_questions(questions_file))
    assert result == {"n": 3, "hit@1": round(2 / 3, 4), "hit@3": 1.0, "MRR@10": round(2.5 / 3, 4)}


def test_the_command_prints_the_contract_json_for_the_fusion_asked(tiny_index_dir: Path, questions_file: Path) -> None:
    # keyword search alone never returns the bắn súng procedure for a question sharing no word with it
    for fusion, hit3 in (("score", 1.0), ("keyword", 0.6667)):
        done = troly("eval", "procedures", "--questions", str(questions_file), "--fusion", fusion, "--json", data_dir=tiny_index_dir)
        assert done.returncode == 0, done.stderr
        result = json.loads(done.stdout)
        assert list(result) == ["n", "hit@1", "hit@3", "MRR@10"] and result["n"] == 3 and result["hit@3"] == hit3


def test_the_command_refuses_a_missing_file_with_exit_2(tiny_index_dir: Path, tmp_path: Path) -> None:
    done = troly("eval", "procedures", "--questions", str(tmp_path / "missing.jsonl"), data_dir=tiny_index_dir)
    assert done.returncode == 2 and "không tìm thấy" in done.stderr and "Traceback" not in done.stderr


def test_folding_keeps_the_natural_questions_only_lower_case_without_diacritics(questions_file: Path) -> None:
    folded = procedure_report.folded(procedures.load_questions(questions_file))
    assert [q.question for q in folded] == ["xin giay phep nuoi chim bo cau dua thu o dau?", "nuoi chim bo cau dua thu"]
    assert {q.style for q in folded} == {"folded"}


def test_the_report_measures_each_fusion_and_style_per_set(tiny_kb: KnowledgeBase, questions_file: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(procedure_report, "SETS", {"fixture": questions_file})
    results = procedure_report.measure(tiny_kb)
    rows = results["fixture"]
    assert list(rows) == [*procedure_report.FUSIONS, "default, typed natural", "default, typed no_diacritics",
                          "default, the natural ones folded"]
    assert rows["default, typed no_diacritics"]["n"] == 1 and rows["default, the natural ones folded"]["n"] == 2
    assert tiny_kb.retriever.fusion == FusionSettings()  # left on the default
    report = procedure_report.markdown(results)
    assert "## fixture" in report and "| score fusion (default) | 3 | 0.667 | 1.000 | 0.833 |" in report
