from __future__ import annotations

from collections import Counter
from pathlib import Path

from assistant.nlu import load_training_data
from evals.nlu_eval import DEFAULT_HELDOUT, main
from knowledge.text import fold, has_diacritics


def test_heldout_set_covers_every_intent_a_third_without_diacritics():
    training = load_training_data()
    heldout = load_training_data(DEFAULT_HELDOUT, known_synonyms=training.synonyms).examples
    counts = Counter(e.intent for e in heldout)
    assert set(counts) == set(training.intents)
    assert min(counts.values()) >= 10
    assert sum(not has_diacritics(e.text) for e in heldout) >= len(heldout) / 3
    trained = {fold(e.text) for e in training.examples}
    assert not [e.text for e in heldout if fold(e.text) in trained]


def test_writes_the_report_and_the_confusion_matrix(fixtures_dir: Path, tmp_path: Path, capsys):
    small = fixtures_dir / "nlu" / "small_nlu.yml"
    heldout = tmp_path / "heldout.yml"
    heldout.write_text(
        'version: "3.1"\nnlu:\n- intent: procedure_detail\n  examples: |\n    - [phi](detail_aspect) bao nhieu vay\n'
        "- intent: greeting\n  examples: |\n    - xin chào bạn\n"
        "- intent: out_of_scope\n  examples: |\n    - thời tiết ngày mai thế nào\n",
        encoding="utf-8",
    )
    assert main(["--training", str(small), "--heldout", str(heldout), "--reports", str(tmp_path)]) == 0
    report = (tmp_path / "nlu.md").read_text(encoding="utf-8")
    assert "| accuracy (all) | 1.000 |" in report
    assert "| accuracy without diacritics (1 messages) | 1.000 |" in report
    assert "| detail_aspect | 1.00 | 1.00 | 1 | 1 |" in report
    assert (tmp_path / "nlu_confusion.png").stat().st_size > 1000
    assert "accuracy 1.000" in capsys.readouterr().out
