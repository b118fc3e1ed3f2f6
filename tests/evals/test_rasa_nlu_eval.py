"""The comparison report of Rasa and the embedded classifier, from known outcomes (the
measurement itself, with a real Rasa server, is ``python -m evals.rasa_nlu_eval``)."""
from __future__ import annotations

from pathlib import Path

from assistant.nlu import Entity, NluResult
from assistant.nlu.training_data import Example
from evals.nlu_eval import NluEvaluation, Outcome
from evals.rasa_nlu_eval import MessageLatencies, render_markdown

FEE = Entity("detail_aspect", "lệ phí", 0, 6, "lệ phí")
EXAMPLES = [
    Example("procedure_detail", "lệ phí bao nhiêu", (FEE,)),
    Example("greeting", "xin chao ban", ()),
    Example("out_of_scope", "thời tiết mai thế nào", ()),
    Example("greeting", "chào em", ()),
]


def evaluation(intents: list[str], entities: tuple[Entity, ...], parse_ms: float) -> NluEvaluation:
    outcomes = [
        Outcome(example, NluResult(intent, 0.8, entities if example.entities else (), ((intent, 0.8),)))
        for example, intent in zip(EXAMPLES, intents)
    ]
    return NluEvaluation(["procedure_detail", "greeting", "out_of_scope"], outcomes, 759, 0.3, 12.0, parse_ms)


def test_the_report_sets_both_engines_side_by_side_and_lists_rasa_errors():
    embedded = evaluation(["procedure_detail", "greeting", "out_of_scope", "greeting"], (FEE,), 13.2)
    rasa = evaluation(["procedure_detail", "out_of_scope", "out_of_scope", "greeting"], (), 41.0)
    report = render_markdown(embedded, rasa, [30.0, 41.0, 52.0, 41.0], "python -m evals.rasa_nlu_eval")
    assert "| intent accuracy (all) | 1.000 | 0.750 |" in report
    assert "| accuracy without diacritics | 1.000 | 0.000 |" in report
    assert "| parse time per message, mean (ms) | 13.2 | 41.0 |" in report
    assert "| parse time per message, median (ms) | – | 41.0 |" in report
    assert "| greeting | 1.00 | 0.50 |" in report
    assert "| detail_aspect | 1.00 | 0.00 |" in report
    assert "| xin chao ban | greeting | out_of_scope | 0.80 | greeting |" in report
    assert "chào em" not in report
    assert "Whole-message latency: not measured" in report


def test_whole_message_latency_of_each_path_is_reported_when_measured():
    embedded = evaluation(["procedure_detail", "greeting", "out_of_scope", "greeting"], (FEE,), 13.2)
    messages = MessageLatencies(Path("/tmp/index"), [20.0, 30.0, 100.0], [80.0, 90.0, 400.0])
    report = render_markdown(embedded, embedded, [30.0], "python -m evals.rasa_nlu_eval --index /tmp/index", messages)
    assert "## Latency of a whole message (3 held-out messages, index `/tmp/index`)" in report
    assert "| embedded | 50 | 30 | 100 |" in report
    assert "| Rasa REST channel | 190 | 90 | 400 |" in report
