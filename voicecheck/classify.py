"""Funnel stage and content type: load the shipped models and predict with cues."""

from dataclasses import replace
from functools import lru_cache

from .paths import MODELS_DIR
from .records import Prediction

# Shorter than 99% of the corpus posts the models learnt from: a word or two gives them
# nothing to go on, and the mean navec vector of so few words sits far from any they saw.
SHORT_POST_WORDS = 8
SHORT_POST = f"пост короче {SHORT_POST_WORDS} слов"
SHORT_POST_CUE = f"{SHORT_POST}: судить не по чему"


@lru_cache(maxsize=1)
def load_classifier():
    """The stage and type classifiers, or None when no models are shipped: the models'
    weights as numpy arrays (``linear.LinearModels``, written by ``voicecheck train``
    beside the ``.skops`` files), which load in milliseconds where scikit-learn and
    skops take seconds and answer the same; the scikit-learn pipelines when the arrays
    are missing or stale."""
    from .linear import LinearModels

    return LinearModels.load(MODELS_DIR) or load_pipelines()


@lru_cache(maxsize=1)
def load_pipelines():
    """The scikit-learn pipelines themselves (skops files), or None when none are shipped."""
    if not (MODELS_DIR / "stage.skops").exists():
        return None
    from .model import Classifier

    return Classifier.load(MODELS_DIR)


def predict_posts(classifier, inputs: list[dict]) -> list[tuple[Prediction, Prediction]]:
    """Stage and type of each post; a post under ``SHORT_POST_WORDS`` words is flagged as
    low confidence whatever its probability («Ура» is not an offer at 99.7%)."""
    predictions = classifier.predict(inputs)
    return [
        (_unsure_if_short(stage, item), _unsure_if_short(kind, item))
        for item, (stage, kind) in zip(inputs, predictions, strict=True)
    ]


def too_short_to_classify(words: int) -> bool:
    return words < SHORT_POST_WORDS


def _unsure_if_short(prediction: Prediction, item: dict) -> Prediction:
    if not too_short_to_classify(item["words"]):
        return prediction
    return replace(prediction, low_confidence=True, cues=[SHORT_POST_CUE, *prediction.cues])
