"""The default NLU engine: runs in-process, with no server and no downloaded model."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assistant.nlu.base import NluResult
from assistant.nlu.classifier import IntentClassifier
from assistant.nlu.entities import EntityExtractor
from assistant.nlu.model_cache import load_or_train
from assistant.nlu.training_data import DEFAULT_TRAINING_FILE, TrainingData, load_training_data
from knowledge.errors import BadInput


@dataclass(frozen=True)
class _Models:
    classifier: IntentClassifier
    extractor: EntityExtractor
    entity_types: dict[str, frozenset[str]]  # entity types annotated for each intent

    @classmethod
    def build(cls, data: TrainingData, classifier: IntentClassifier) -> "_Models":
        return cls(classifier, EntityExtractor.from_training_data(data), data.entity_types_by_intent())


class EmbeddedNLU:
    """Intent from the cached ``IntentClassifier``, entities from the ``EntityExtractor``.

    Only entity types the training data annotates for the predicted intent are kept, as a
    Rasa model learns them in context: "ở đâu" is a ``detail_aspect`` in "nộp ở đâu" but
    not in "đi du lịch Đà Lạt nên ở đâu". Everything is loaded on the first ``parse``.
    """

    def __init__(self, training_file: Path = DEFAULT_TRAINING_FILE, data_dir: Path | None = None) -> None:
        self._training_file = Path(training_file)
        self._data_dir = data_dir
        self._models: _Models | None = None

    @classmethod
    def from_models(cls, data: TrainingData, classifier: IntentClassifier) -> "EmbeddedNLU":
        """An engine over an already trained classifier (evaluations train their own)."""
        nlu = cls()
        nlu._models = _Models.build(data, classifier)
        return nlu

    def _loaded(self) -> _Models:
        if self._models is None:
            data = load_training_data(self._training_file)
            self._models = _Models.build(data, load_or_train(self._training_file, self._data_dir))
        return self._models

    def parse(self, text: str) -> NluResult:
        if not text or not text.strip():
            raise BadInput("tin nhắn trống (empty message)")
        models = self._loaded()
        prediction = models.classifier.predict(text)
        wanted = models.entity_types.get(prediction.intent, frozenset())
        entities = tuple(e for e in models.extractor.extract(text) if e.entity in wanted)
        return NluResult(prediction.intent, prediction.confidence, entities, prediction.ranking)
