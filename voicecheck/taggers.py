"""natasha's navec embedding, slovnet's morphology and syntax models and pymorphy3's
analyser, each loaded once.

This module imports neither spaCy nor natasha at import time, so a command can start
loading the models in a background thread (``preload``) while spaCy is imported:
the two overlap, since reading and unpacking the model arrays releases the GIL. A draft
check also imports spaCy without its command line (``import_spacy_without_its_cli``).
"""

import sys
import threading
import types

SLOVNET_BATCH = 64


class NatashaModels:
    """slovnet's news morphology and syntax models over the navec news embedding."""

    def __init__(self) -> None:
        from natasha import NewsMorphTagger, NewsSyntaxParser

        embedding = news_embedding()
        self.embedding = embedding
        self.morph = NewsMorphTagger(embedding)
        self.syntax = NewsSyntaxParser(embedding)
        for model in (self.morph, self.syntax):
            model.batch_size = SLOVNET_BATCH
            model.infer.encoder.batch_size = SLOVNET_BATCH


def news_embedding():
    """natasha's navec news embedding, loaded as ``natasha.NewsEmbedding`` loads it but
    without the norms of all 250,000 vectors that navec precomputes for its ``sim``,
    which neither slovnet nor voicecheck calls: 0.3 s of every start."""
    from natasha.data import NEWS_EMBEDDING
    from navec import Navec
    from navec.meta import Meta
    from navec.navec import META, PQ_, VOCAB
    from navec.pq import PQ
    from navec.tar import Tar
    from navec.vocab import Vocab

    class VectorsOnlyPQ(PQ):
        def precompute(self) -> None:
            import numpy as np

            self.qdims = np.arange(self.qdim)  # what ``__getitem__`` needs; ``sim``'s tables are skipped

    with Tar(NEWS_EMBEDDING) as tar:
        meta = Meta.from_file(tar.load(META))
        Meta.check_protocol(meta.protocol)
        vocab = Vocab.from_file(tar.load(VOCAB))
        return Navec(meta, vocab, VectorsOnlyPQ.from_file(tar.load(PQ_)))


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


_PRELOADING: list[threading.Thread] = []


def preload() -> None:
    """Start loading the models in a background thread (once); the functions above pick them up."""
    if not _PRELOADING:
        _PRELOADING.append(threading.Thread(target=_load_all, name="voicecheck-preload", daemon=True))
        _PRELOADING[0].start()


def _load_all() -> None:
    natasha_models()
    morph_analyzer()


def import_spacy_without_its_cli() -> None:
    """Import spaCy without its command line, for a process that is only a draft check.

    ``import spacy`` imports ``spacy.cli`` (typer, weasel, requests, httpx) for the sake
    of one name, ``spacy.info``: about a third of the import. While ``spacy`` is
    imported, ``spacy.cli`` is an empty placeholder whose ``info`` imports the real one
    when called; afterwards the placeholder is gone, so ``import spacy.cli`` later
    loads the real command line. (spaCy's own pull requests #12962 and #13933 make the
    command line lazy the same way.)
    """
    if "spacy" in sys.modules:
        return
    cli = types.ModuleType("spacy.cli")
    cli.__path__ = []  # a package with nothing in it
    info = types.ModuleType("spacy.cli.info")
    info.info = _real_spacy_info
    sys.modules.update({"spacy.cli": cli, "spacy.cli.info": info})
    try:
        import spacy
    finally:
        for name in ("spacy.cli.info", "spacy.cli"):
            sys.modules.pop(name, None)
    if getattr(spacy, "cli", None) is cli:
        del spacy.cli


def _real_spacy_info(*args, **kwargs):
    from spacy.cli.info import info

    return info(*args, **kwargs)
