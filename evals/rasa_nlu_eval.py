"""Rasa 3.6 against the embedded classifier, on the same held-out messages.

    /work/venv/bin/python -m evals.rasa_nlu_eval [--heldout FILE] [--reports DIR] [--index DATA_DIR]

Trains the Rasa project (``rasa/``, whose ``data/nlu.yml`` is the embedded classifier's own
training file) in Rasa's venv (``channels.rasa_server``, TROLY_RASA_VENV), starts ``rasa run
--enable-api`` on loopback, parses every held-out message through ``POST /model/parse`` and
writes ``rasa_nlu.md``: intent accuracy (overall, with and without diacritics), per-intent
recall, entities, training time and parse latency of both engines, and Rasa's errors.
With ``--index`` it also times whole messages (answers included) through ``Assistant.ask``
and through Rasa's REST channel with troly's action server, over a copy of that index.
The embedded figures come from ``evals.nlu_eval.evaluate`` on the same files.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, replace
from pathlib import Path

import httpx

from assistant.core import Assistant
from assistant.nlu import DEFAULT_TRAINING_FILE, load_training_data, result_from_rasa
from channels.rasa_dialogue import RasaDialogue
from channels.rasa_server import ActionServer, RasaInstall, RasaServer, free_port, train
from evals.markdown import command_line, table, write_report
from evals.nlu_eval import DEFAULT_HELDOUT, DEFAULT_REPORTS, NluEvaluation, Outcome, evaluate
from knowledge.settings import Settings

# The FallbackClassifier threshold of rasa/config.yml.
RASA_FALLBACK_THRESHOLD = 0.3
# Whole-message latency is measured on every LATENCY_STEP-th held-out message.
LATENCY_STEP = 6


@dataclass(frozen=True)
class MessageLatencies:
    """ms per whole message (answer included), through ``Assistant.ask`` and through Rasa's
    REST channel with troly's action server, over the same index."""

    index: Path
    embedded: list[float]
    rasa: list[float]


def _timed(call: Callable[..., object], *args: object, **kwargs: object) -> float:
    started = time.perf_counter()
    call(*args, **kwargs)
    return (time.perf_counter() - started) * 1000


def _message_latencies(index: Path, messages: list[str], rasa_url: str, assistant: Assistant) -> MessageLatencies:
    reply = RasaDialogue.at(assistant, rasa_url)
    for warm_up in (assistant.ask, reply):  # models loaded and connections opened, untimed
        warm_up(messages[0], session_id="eval-warm-up")
    embedded = [_timed(assistant.ask, m, session_id=f"eval-embedded-{n}") for n, m in enumerate(messages)]
    rasa = [_timed(reply, m, session_id=f"eval-rasa-{n}") for n, m in enumerate(messages)]
    return MessageLatencies(index, embedded, rasa)


def evaluate_rasa(
    heldout_file: Path = DEFAULT_HELDOUT, install: RasaInstall | None = None, index: Path | None = None,
) -> tuple[NluEvaluation, list[float], MessageLatencies | None]:
    """Rasa's evaluation on ``heldout_file``, the latency (ms) of each ``/model/parse`` call,
    and, given a data dir with an ``index`` (copied: sessions and tickets are written), the
    latency of whole messages through each path. The model is trained from nothing in a
    temporary folder (no cache)."""
    data = load_training_data(DEFAULT_TRAINING_FILE)
    heldout = load_training_data(heldout_file, known_synonyms=data.synonyms).examples
    install = (install or RasaInstall()).ensure()
    with tempfile.TemporaryDirectory(prefix="troly-rasa-eval-") as work, ExitStack() as stack:
        started = time.perf_counter()
        model = train(install, Path(work) / "models")
        train_seconds = time.perf_counter() - started
        assistant = actions_url = None
        if index is not None:
            shutil.copytree(index, Path(work) / "data", symlinks=True)
            assistant = Assistant(replace(Settings.from_env(), data_dir=Path(work) / "data"))
            actions_url = stack.enter_context(ActionServer(assistant, free_port())).url
        rasa = stack.enter_context(RasaServer(install, model, free_port(), actions_url))
        client = stack.enter_context(httpx.Client(timeout=30))
        outcomes, latencies = [], []
        for example in heldout:
            started = time.perf_counter()
            response = client.post(f"{rasa.url}/model/parse", json={"text": example.text})
            latencies.append((time.perf_counter() - started) * 1000)
            outcomes.append(Outcome(example, result_from_rasa(response.raise_for_status().json())))
        messages = None
        if assistant is not None and index is not None:
            messages = _message_latencies(index, [e.text for e in heldout[::LATENCY_STEP]], rasa.url, assistant)
    evaluation = NluEvaluation(
        data.intents, outcomes, len(data.examples), RASA_FALLBACK_THRESHOLD, train_seconds, statistics.fmean(latencies),
    )
    return evaluation, latencies, messages


def _recall(evaluation: NluEvaluation, intent: str) -> str:
    outcomes = [o for o in evaluation.outcomes if o.example.intent == intent]
    return f"{evaluation.accuracy(outcomes):.2f}"


def _entity_f1(evaluation: NluEvaluation, entity: str) -> str:
    tp, predicted, expected = evaluation.entity_scores().get(entity, (0, 0, 0))
    return f"{2 * tp / (predicted + expected):.2f}" if predicted + expected else "–"


def _latency_section(messages: MessageLatencies | None) -> list[str]:
    if messages is None:
        return ["Whole-message latency: not measured (give `--index DATA_DIR`)."]
    return [
        f"## Latency of a whole message ({len(messages.rasa)} held-out messages, index `{messages.index}`)",
        "Embedded: `Assistant.ask` in-process. Rasa: `TROLY_DIALOGUE=rasa`, i.e. Rasa's REST channel"
        " → Rasa's policies → troly's action server (HTTP, loopback) → `Assistant.ask` with Rasa's"
        " understanding. One new session per message, after one untimed message through each path.",
        table(["path", "mean (ms)", "median (ms)", "max (ms)"], [
            [name, f"{statistics.fmean(ms):.0f}", f"{statistics.median(ms):.0f}", f"{max(ms):.0f}"]
            for name, ms in (("embedded", messages.embedded), ("Rasa REST channel", messages.rasa))
        ]),
    ]


def render_markdown(
    embedded: NluEvaluation, rasa: NluEvaluation, latencies: list[float], command: str,
    messages: MessageLatencies | None = None,
) -> str:
    def both(measure: str, value) -> list[str]:
        return [measure, value(embedded), value(rasa)]

    entities = sorted(set(embedded.entity_scores()) | set(rasa.entity_scores()))
    parts = [
        "# Rasa 3.6 vs the embedded classifier (held-out messages)",
        f"Command: `{command}`",
        "Both engines are trained on the same file (`assistant/nlu/data/nlu.yml`, which"
        " `rasa/data/nlu.yml` links to) and parse the same held-out messages"
        " (`evals/data/nlu_heldout.yml`), never seen in training or tuning. Rasa runs the pipeline of"
        " `rasa/config.yml` (whitespace syllables, word 1-2-grams, character 1-4-grams, DIET 60 epochs,"
        " FallbackClassifier 0.3; `nlu_fallback` read as `out_of_scope`). Embedded parse time is"
        " in-process; Rasa's is one HTTP `POST /model/parse` on loopback, as `TROLY_NLU=rasa` pays it.",
        table(["measure", "embedded", "Rasa 3.6"], [
            ["held-out messages", str(len(embedded.outcomes)), str(len(rasa.outcomes))],
            both("intent accuracy (all)", lambda e: f"{e.accuracy():.3f}"),
            both("accuracy without diacritics", lambda e: f"{e.accuracy(e.without_diacritics()):.3f}"),
            both("accuracy with diacritics", lambda e: f"{e.accuracy(e.with_diacritics()):.3f}"),
            both("expected calibration error (10 bins)", lambda e: f"{e.expected_calibration_error():.3f}"),
            both("fallback threshold", lambda e: f"{e.threshold:.2f}"),
            both("training examples", lambda e: str(e.training_examples)),
            both("training time (s)", lambda e: f"{e.train_seconds:.1f}"),
            both("parse time per message, mean (ms)", lambda e: f"{e.parse_ms:.1f}"),
            ["parse time per message, median (ms)", "–", f"{statistics.median(latencies):.1f}"],
        ]),
        "## Recall per intent",
        table(["intent", "embedded", "Rasa 3.6"], [[i, _recall(embedded, i), _recall(rasa, i)] for i in embedded.intents]),
        "## Entities (F1 on type and value per message)",
        table(["entity", "embedded", "Rasa 3.6"], [[e, _entity_f1(embedded, e), _entity_f1(rasa, e)] for e in entities]),
        *_latency_section(messages),
        "## Rasa's misclassified messages",
        table(["message", "expected", "Rasa", "confidence", "embedded"], [
            [r.example.text, r.example.intent, r.result.intent, f"{r.result.confidence:.2f}", e.result.intent]
            for r, e in zip(rasa.outcomes, embedded.outcomes) if r.result.intent != r.example.intent
        ]),
    ]
    return "\n\n".join(parts) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.rasa_nlu_eval", description=__doc__.split("\n\n")[0])
    parser.add_argument("--heldout", type=Path, default=DEFAULT_HELDOUT)
    parser.add_argument("--reports", type=Path, default=DEFAULT_REPORTS)
    parser.add_argument("--index", type=Path, help="a data dir with an index: also time whole messages (TROLY_EMBEDDER applies)")
    args = parser.parse_args(argv)
    embedded = evaluate(DEFAULT_TRAINING_FILE, args.heldout)
    rasa, latencies, messages = evaluate_rasa(args.heldout, index=args.index)
    markdown = render_markdown(embedded, rasa, latencies, command_line("evals.rasa_nlu_eval", argv), messages)
    report = write_report(args.reports, "rasa_nlu.md", markdown)
    print(f"accuracy: embedded {embedded.accuracy():.3f}, Rasa {rasa.accuracy():.3f}"
          f" ({len(rasa.outcomes)} messages); report: {report}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
