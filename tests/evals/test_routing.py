"""The routing eval: outside questions through ``Assistant.ask``, side effects counted in the stores."""
from __future__ import annotations

from pathlib import Path

import pytest

from evals import routing
from knowledge.errors import BadInput


def test_a_data_dir_of_fresh_stores_reads_the_index_and_holds_nothing_else(tiny_index_dir, tmp_path):
    fresh = routing.fresh_data_dir(tiny_index_dir, tmp_path)
    assert (fresh / "index").is_symlink() and (fresh / "index").resolve() == (tiny_index_dir / "index").resolve()
    assert not (fresh / "tickets.sqlite3").exists() and not (fresh / "conversations.sqlite3").exists()
    with pytest.raises(BadInput, match="no index"):
        routing.fresh_data_dir(tmp_path / "empty", tmp_path / "other")


def test_each_set_is_counted_and_side_effects_are_read_from_the_stores(tiny_index_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("TROLY_DATA_DIR", str(routing.fresh_data_dir(tiny_index_dir, tmp_path)))
    monkeypatch.setenv("TROLY_EMBEDDER", "hash")
    from assistant.core import Assistant
    from knowledge.settings import Settings

    assistant = Assistant(Settings.from_env())
    officer = assistant.users.add_user("Cán bộ đánh giá", "officer", "Văn phòng UBND")
    questions = [
        routing.Question("Luật Vườn hoa công cộng quy định phạm vi điều chỉnh thế nào?", "officer", "legal",
                         frozenset({("luat vuon hoa cong cong", "1")})),
        routing.Question("Tôi muốn phản ánh: đèn đường hỏng", "officer", "legal", frozenset()),
        routing.Question("nhắc tôi nộp báo cáo lúc 9h sáng thứ Hai tuần sau", "officer", "legal", frozenset()),
    ]
    result = routing.run_set(assistant, "outside (officer)", questions, officer)
    assert (result.n, result.answered, result.right) == (3, 1, 1)
    assert result.side_effects == {"reminder": 1}  # the phản ánh waits for its confirmation; the reminder was asked for
    assert result.routes["legal_qa: law_evidence"] == 1 and result.routes["feedback: explicit_request"] == 1
    assert len(result.latencies_ms) == 3 and "outside (officer)" in routing.markdown([result], None)
    assistant.kb.close()


def test_the_question_sets_are_read_with_their_gold(shared_dir: Path):
    alqac = routing.alqac_questions()
    assert len(alqac) == len({q.text for q in alqac}) == 691 and all(q.kind == "legal" and q.gold for q in alqac)
    assert len(routing.citizen_legal_questions()) == 156
    assert {q.role for q in routing.procedure_questions("citizen")} == {"citizen"}


def test_bad_arguments_are_refused(tmp_path):
    with pytest.raises(BadInput, match="positive"):
        routing.main(["--data", str(tmp_path), "--limit", "0"])
