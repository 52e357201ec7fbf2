"""Funnel stage and content type: load the shipped models and predict with cues."""

from functools import lru_cache

from .paths import MODELS_DIR


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
