"""Train the intent classifier on first use and keep it in TROLY_DATA_DIR.

The fitted model is stored as ``<data dir>/nlu/intent-classifier-<key>.joblib`` where the
key hashes the training file's bytes together with the model's version and scikit-learn's,
so editing nlu.yml, changing the features or upgrading scikit-learn trains a new model on
the next run, while unchanged installations load the stored one in milliseconds.
"""
from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import time
from pathlib import Path

import joblib
import sklearn

from assistant.nlu.classifier import IntentClassifier
from assistant.nlu.training_data import DEFAULT_TRAINING_FILE, load_training_data
from knowledge.errors import BadInput
from knowledge.settings import Settings

# Raise when the classifier's features or model change, so stored models are not reused.
MODEL_VERSION = "3"
_PREFIX = "intent-classifier-"

log = logging.getLogger(__name__)


def cache_key(training_file: Path) -> str:
    try:
        content = Path(training_file).read_bytes()
    except OSError as exc:
        raise BadInput(f"cannot read NLU training data {training_file}: {exc.strerror}") from None
    digest = hashlib.sha256(content)
    digest.update(f"|model {MODEL_VERSION}|scikit-learn {sklearn.__version__}".encode())
    return digest.hexdigest()[:20]


def model_path(training_file: Path, data_dir: Path) -> Path:
    return data_dir / "nlu" / f"{_PREFIX}{cache_key(training_file)}.joblib"


def load_or_train(training_file: Path = DEFAULT_TRAINING_FILE, data_dir: Path | None = None) -> IntentClassifier:
    """The classifier for this training file: loaded when stored, otherwise trained and stored."""
    data_dir = Settings.from_env().data_dir if data_dir is None else data_dir
    path = model_path(training_file, data_dir)
    if path.is_file():
        try:
            classifier = joblib.load(path)
        except Exception as exc:  # a truncated or foreign file: train again rather than fail
            log.warning("stored intent classifier %s is unreadable (%s); training again", path, exc)
        else:
            if isinstance(classifier, IntentClassifier):
                return classifier
            log.warning("%s does not hold an intent classifier; training again", path)
    started = time.perf_counter()
    examples = load_training_data(training_file).examples
    classifier = IntentClassifier.train(examples)
    log.info("trained the intent classifier on %d examples in %.1f s", len(examples), time.perf_counter() - started)
    _store(classifier, path)
    return classifier


def _store(classifier: IntentClassifier, path: Path) -> None:
    """Write atomically (a concurrent reader never sees half a file) and drop stale models."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    os.close(handle)
    try:
        joblib.dump(classifier, temporary)
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    for stale in path.parent.glob(f"{_PREFIX}*.joblib"):
        if stale != path:
            stale.unlink(missing_ok=True)
