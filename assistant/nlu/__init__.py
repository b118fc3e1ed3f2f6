"""Understanding a message: its intent and entities, from Rasa-format training data.

``EmbeddedNLU`` is the default engine (trained on first use, cached in TROLY_DATA_DIR);
any object with ``parse(text) -> NluResult`` (the ``NLU`` protocol) can replace it.
``RasaNLU`` is one: a client of a Rasa server trained on the same ``data/nlu.yml``,
chosen by ``engine_for`` when ``TROLY_NLU=rasa``.

>>> nlu = EmbeddedNLU()
>>> nlu.parse("le phi bao nhieu").intent
'procedure_detail'
"""
from __future__ import annotations

from functools import lru_cache

from assistant.nlu.base import NLU, OUT_OF_SCOPE, Entity, IntentPrediction, NluResult
from assistant.nlu.classifier import IntentClassifier
from assistant.nlu.embedded import EmbeddedNLU
from assistant.nlu.entities import EntityExtractor, find_choice
from assistant.nlu.model_cache import load_or_train
from assistant.nlu.rasa_client import RasaConnection, RasaNLU, result_from_rasa
from assistant.nlu.training_data import DEFAULT_TRAINING_FILE, Example, TrainingData, load_training_data
from knowledge.errors import BadInput
from knowledge.settings import Settings

__all__ = [
    "DEFAULT_TRAINING_FILE",
    "NLU",
    "OUT_OF_SCOPE",
    "EmbeddedNLU",
    "Entity",
    "EntityExtractor",
    "Example",
    "IntentClassifier",
    "IntentPrediction",
    "NluResult",
    "RasaConnection",
    "RasaNLU",
    "TrainingData",
    "engine_for",
    "extract_entities",
    "find_choice",
    "load_or_train",
    "load_training_data",
    "result_from_rasa",
]

ENGINES = ("embedded", "rasa")


def engine_for(settings: Settings) -> NLU:
    """The engine ``settings.nlu`` names: the embedded one, or a Rasa server that falls back to it."""
    if settings.nlu not in ENGINES:
        raise BadInput(f"TROLY_NLU={settings.nlu!r}: choose one of {', '.join(ENGINES)}")
    embedded = EmbeddedNLU(data_dir=settings.data_dir)
    return RasaNLU.at(settings.rasa_url, embedded) if settings.nlu == "rasa" else embedded


@lru_cache(maxsize=1)
def _default_extractor() -> EntityExtractor:
    return EntityExtractor.from_training_data(load_training_data())


def extract_entities(text: str) -> list[Entity]:
    """detail_aspect, doc_type and choice entities of a message, using the bundled training data."""
    return _default_extractor().extract(text)
