"""The embedded intent classifier: a linear model over features that survive typing habits.

Text is normalised, abbreviations expanded ("dk ks" -> "đăng ký khai sinh"), diacritics
folded and digits replaced by 0, so "Đăng ký khai sinh", "dang ky khai sinh" and
"dk ks" give the same features. Features are character 2-5-grams within words (robust to
typos and partial words) plus word unigrams and bigrams. A linear SVM's scores are turned
into probabilities by isotonic calibration, so ``confidence`` can be compared with a
threshold: below it the message is treated as out of scope. The threshold is chosen on
out-of-fold predictions over the training data itself, never on evaluation data.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.model_selection import GroupKFold, cross_val_predict
from sklearn.pipeline import Pipeline, make_pipeline, make_union
from sklearn.svm import LinearSVC

from assistant.nlu.base import OUT_OF_SCOPE, IntentPrediction
from assistant.nlu.training_data import Example
from knowledge.errors import BadInput
from knowledge.text import expand_abbreviations, fold, normalize

_DIGIT = re.compile(r"\d")
_THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(17))  # 0.00 .. 0.80
_FOLDS = 5


def prepare(text: str) -> str:
    """The form the features are computed on: folded, abbreviations expanded, digits as 0."""
    return _DIGIT.sub("0", fold(expand_abbreviations(normalize(text))))


def _pipeline() -> Pipeline:
    features = make_union(
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True),
        TfidfVectorizer(token_pattern=r"(?u)\b\w+\b", ngram_range=(1, 2), sublinear_tf=True),
    )
    model = CalibratedClassifierCV(LinearSVC(C=0.5, class_weight="balanced", random_state=0), cv=_FOLDS, method="isotonic")
    return make_pipeline(features, model)


def choose_threshold(probabilities: np.ndarray, labels: Sequence[str], classes: Sequence[str]) -> float:
    """The confidence threshold that maximises accuracy when low-confidence answers become out_of_scope.

    Accuracy is flat over a range of low thresholds (calibrated probabilities are rarely that
    low); ties go to the highest, so the least certain messages fall back at no measured cost.
    """
    best = np.asarray(classes)[probabilities.argmax(axis=1)]
    confidence = probabilities.max(axis=1)
    truth = np.asarray(labels)

    def accuracy(threshold: float) -> float:
        return float((np.where(confidence >= threshold, best, OUT_OF_SCOPE) == truth).mean())

    return max(_THRESHOLDS, key=lambda t: (accuracy(t), t))


@dataclass(frozen=True)
class _Fold:
    """One fold of the calibrated model: a linear SVM's scores, one isotonic curve per intent."""

    coef: np.ndarray  # (scored intents, features)
    intercept: np.ndarray
    columns: np.ndarray  # where each scored intent goes among all intents
    curves: tuple[tuple[np.ndarray, np.ndarray], ...]  # isotonic (thresholds, values) per scored intent


class _CalibratedScores:
    """The fitted pipeline's probabilities computed in numpy from its own parameters.

    sklearn's ``predict_proba`` validates its input in every fold's every isotonic
    calibrator (5 × 12 calls a message): 18 ms of bookkeeping around 0.1 ms of
    arithmetic. This does the same arithmetic (linear scores, ``np.interp`` on each
    curve, clipped at its ends; each fold's row normalised, then the folds averaged)
    and gives the same numbers (tests/assistant/nlu/test_classifier.py).
    """

    def __init__(self, pipeline: Pipeline) -> None:
        self._features = pipeline[:-1]
        model: CalibratedClassifierCV = pipeline[-1]
        self._classes = len(model.classes_)
        position = {label: i for i, label in enumerate(model.classes_)}
        self._folds = [
            _Fold(
                np.atleast_2d(fold.estimator.coef_),
                np.atleast_1d(fold.estimator.intercept_),
                np.array([position[label] for label in fold.estimator.classes_]),
                tuple((curve.X_thresholds_, curve.y_thresholds_) for curve in fold.calibrators),
            )
            for fold in model.calibrated_classifiers_
        ]

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        features = self._features.transform(texts)
        total = np.zeros((features.shape[0], self._classes))
        for fold in self._folds:
            scores = np.asarray(features @ fold.coef.T) + fold.intercept
            proba = np.zeros_like(total)
            if self._classes == 2:  # one score, for the second intent
                proba[:, 1] = np.interp(scores[:, 0], *fold.curves[0])
                proba[:, 0] = 1.0 - proba[:, 1]
            else:
                for scored, (column, (thresholds, values)) in enumerate(zip(fold.columns, fold.curves)):
                    proba[:, column] = np.interp(scores[:, scored], thresholds, values)
                denominator = proba.sum(axis=1, keepdims=True)
                proba = np.divide(proba, denominator, out=np.full_like(proba, 1 / self._classes), where=denominator != 0)
            proba[(1.0 < proba) & (proba <= 1.0 + 1e-5)] = 1.0
            total += proba
        return total / len(self._folds)


class IntentClassifier:
    """Predicts the intent of a message; build it with ``IntentClassifier.train``."""

    def __init__(self, pipeline: Pipeline, threshold: float) -> None:
        self._pipeline = pipeline
        self.threshold = threshold

    @cached_property
    def _scores(self) -> _CalibratedScores:
        return _CalibratedScores(self._pipeline)

    @property
    def intents(self) -> list[str]:
        return [str(c) for c in self._pipeline.classes_]

    @classmethod
    def train(cls, examples: Sequence[Example]) -> "IntentClassifier":
        texts = [prepare(e.text) for e in examples]
        labels = [e.intent for e in examples]
        counts = {intent: labels.count(intent) for intent in set(labels)}
        if OUT_OF_SCOPE not in counts:
            raise BadInput(f"nlu: the training data needs an '{OUT_OF_SCOPE}' intent for the fallback")
        too_few = sorted(intent for intent, n in counts.items() if n < 2 * _FOLDS)
        if too_few:
            raise BadInput(f"nlu: intents with fewer than {2 * _FOLDS} examples cannot be trained: {', '.join(too_few)}")
        # Examples identical after folding ("cảm ơn" / "cam on") stay in one fold, so the
        # threshold is chosen on predictions for text the model has not seen.
        out_of_fold = cross_val_predict(
            _pipeline(), texts, labels, cv=GroupKFold(_FOLDS), groups=texts, method="predict_proba"
        )
        threshold = choose_threshold(out_of_fold, labels, sorted(counts))
        return cls(_pipeline().fit(texts, labels), threshold)

    def predict(self, text: str) -> IntentPrediction:
        return self.predict_many([text])[0]

    def predict_many(self, texts: Sequence[str]) -> list[IntentPrediction]:
        """Predictions for several messages at once (faster than one by one).

        Below the threshold the intent is out_of_scope with confidence 1 - (best probability);
        the ranking keeps the model's own probabilities.
        """
        probabilities = self._scores.predict_proba([prepare(t) for t in texts])
        intents = self.intents
        predictions = []
        for row in probabilities:
            ranking = tuple(sorted(((intents[i], float(p)) for i, p in enumerate(row)), key=lambda r: -r[1]))
            best, confidence = ranking[0]
            if confidence < self.threshold:
                best, confidence = OUT_OF_SCOPE, 1.0 - confidence
            predictions.append(IntentPrediction(best, confidence, ranking))
        return predictions
