"""natasha's navec embedding, slovnet's morphology and syntax models and pymorphy3's
analyser, each loaded once.

This module imports neither spaCy nor natasha at import time, so a command can start
loading the models in a background thread (``preload``) while spaCy is imported:
the two overlap, since reading and unpacking the model arrays releases the GIL.
"""

import threading

SLOVNET_BATCH = 64


class NatashaModels:
    """slovnet's news morphology and syntax models over the navec news embedding."""

    def __init__(self) -> None:
        from natasha import NewsEmbedding, NewsMorphTagger, NewsSyntaxParser

        embedding = NewsEmbedding()
        self.embedding = embedding
        self.morph = NewsMorphTagger(embedding)
        self.syntax = NewsSyntaxParser(embedding)
        for model in (self.morph, self.syntax):
            model.batch_size = SLOVNET_BATCH
            model.infer.encoder.batch_size = SLOVNET_BATCH


_NATASHA_LOCK = threading.Lock()
_NATASHA: list[NatashaModels] = []
_MORPH_LOCK = threading.Lock()
_MORPH: list = []


def natasha_models() -> NatashaModels:
    """The models, loaded on first use; waits for a ``preload`` that is under way."""
    with _NATASHA_LOCK:
        if not _NATASHA:
            _NATASHA.append(NatashaModels())
        return _NATASHA[0]


def morph_analyzer():
    """pymorphy3's Russian ``MorphAnalyzer`` (the lemmatizer's dictionaries), loaded once."""
    with _MORPH_LOCK:
        if not _MORPH:
            from pymorphy3 import MorphAnalyzer

            _MORPH.append(MorphAnalyzer(lang="ru"))
        return _MORPH[0]


def preload() -> None:
    """Start loading the models in a background thread; the functions above pick them up."""
    threading.Thread(target=_load_all, name="voicecheck-preload", daemon=True).start()


def _load_all() -> None:
    natasha_models()
    morph_analyzer()
