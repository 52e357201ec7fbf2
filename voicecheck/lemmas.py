"""spaCy's Russian lemmatizer in pymorphy3 mode, with a cache.

The same word form with the same part of speech and morphology always gets the
same lemma, so the answer is kept: on real feeds most tokens repeat, and the
uncached lemmatizer was a third of the pipeline's time.
"""

from functools import lru_cache

from spacy.lang.ru import lemmatizer as ru_lemmatizer
from spacy.lang.ru.lemmatizer import RussianLemmatizer
from spacy.language import Language
from spacy.tokens import Token

from .taggers import morph_analyzer

CACHE_SIZE = 100_000


def _cache_tag_conversion() -> None:
    """spaCy converts every pymorphy3 tag string to UD anew (``oc2ud``), and that
    conversion was half the lemmatizer's time; the tag inventory is small, so the
    pure function is memoised in place. Callers only read the returned dict."""
    if not hasattr(ru_lemmatizer.oc2ud, "cache_info"):
        ru_lemmatizer.oc2ud = lru_cache(maxsize=4096)(ru_lemmatizer.oc2ud)


class CachedRussianLemmatizer(RussianLemmatizer):
    def __init__(self, *args, **kwargs) -> None:
        self._morph = morph_analyzer()  # shared, and possibly loaded in the background
        super().__init__(*args, **kwargs)
        _cache_tag_conversion()
        self._cache: dict[tuple[str, int, int], list[str]] = {}

    def pymorphy3_lemmatize(self, token: Token) -> list[str]:
        key = (token.lower_, token.pos, token.morph.key)
        lemmas = self._cache.get(key)
        if lemmas is None:
            lemmas = [lemma.lower() for lemma in super().pymorphy3_lemmatize(token)]
            if lemmas == [token.text.lower()] and token.pos_ != "PUNCT":
                lemmas = self._first_known_lemma(token.text) or lemmas
            if len(self._cache) >= CACHE_SIZE:
                self._cache.clear()
            self._cache[key] = lemmas
        return lemmas

    def _first_known_lemma(self, word: str) -> list[str]:
        """When slovnet's tags agree with no dictionary parse, trust the dictionary's best one."""
        known = [p for p in self._morph.parse(word) if p.is_known]
        return [known[0].normal_form] if known else []


@Language.factory(
    "voicecheck_lemmatizer",
    assigns=["token.lemma"],
    default_config={"mode": "pymorphy3", "overwrite": True},
)
def make_lemmatizer(nlp: Language, name: str, mode: str, overwrite: bool) -> CachedRussianLemmatizer:
    return CachedRussianLemmatizer(nlp.vocab, None, name, mode=mode, overwrite=overwrite)
