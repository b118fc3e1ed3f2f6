from __future__ import annotations

import pytest

from assistant.nlu import IntentClassifier, TrainingData, load_training_data


@pytest.fixture(scope="session")
def training_data() -> TrainingData:
    return load_training_data()


@pytest.fixture(scope="session")
def classifier(training_data: TrainingData) -> IntentClassifier:
    """The classifier trained on the bundled nlu.yml (about a second)."""
    return IntentClassifier.train(training_data.examples)
