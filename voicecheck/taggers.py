"""natasha's navec embedding and slovnet's morphology and syntax models, loaded once.

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


_LOCK = threading.Lock()
_LOADED: list[NatashaModels] = []


def natasha_models() -> NatashaModels:
    """The models, loaded on first use; waits for a ``preload`` that is under way."""
    with _LOCK:
        if not _LOADED:
            _LOADED.append(NatashaModels())
        return _LOADED[0]


def preload() -> None:
    """Start loading the models in a background thread; ``natasha_models()`` picks them up."""
    threading.Thread(target=natasha_models, name="voicecheck-preload", daemon=True).start()
