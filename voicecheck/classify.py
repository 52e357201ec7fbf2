"""Funnel stage and content type: load the shipped models and predict with cues."""

from functools import lru_cache

from .paths import MODELS_DIR


@lru_cache(maxsize=1)
def load_classifier():
    """The stage and type classifiers, or None when no models are shipped."""
    if not (MODELS_DIR / "stage.skops").exists():
        return None
    from .model import Classifier

    return Classifier.load(MODELS_DIR)
