"""How common a lemma is in Russian news: navec's word counts gathered by lemma.

navec, natasha's word vectors, keeps for each of its 250,000 words how many times its
news corpus holds it (1.2 billion occurrences in all). ``voicecheck train`` reads each word as
pymorphy3 reads it first, adds its count to that lemma (ё read as е) and ships the sums
in ``LEMMA_COUNTS_FILE``, so «стали» counts for стать, «люди» for человек and «текущий»
for itself, not for течь. The focus weights read them.
"""

import gzip
import json
import math
import warnings
from functools import lru_cache
from pathlib import Path

from ..paths import MODELS_DIR

LEMMA_COUNTS_FILE = "navec_lemma_counts.json.gz"
NAVEC_MIN_COUNT = 100  # navec keeps the words its news corpus holds at least this many times


def count_lemmas(words, counts, morph) -> dict[str, int]:
    """Each lemma's count: the counts of the words pymorphy3 reads first as that lemma (a
    word its dictionary lacks counts for itself, not for a guess)."""
    lemmas: dict[str, int] = {}
    for word, count in zip(words, counts, strict=True):
        if count:  # navec's <unk> and <pad> have none
            lemma = _folded(_first_reading(word, morph))
            lemmas[lemma] = lemmas.get(lemma, 0) + int(count)
    return lemmas


def write_lemma_counts(lemmas: dict[str, int], path: Path) -> None:
    """A JSON object sorted by lemma, gzipped with no timestamp."""
    table = json.dumps(dict(sorted(lemmas.items())), ensure_ascii=False, separators=(",", ":"))
    path.write_bytes(gzip.compress(table.encode("utf-8"), mtime=0))


def read_lemma_counts(path: Path) -> dict[str, int]:
    return json.loads(gzip.decompress(path.read_bytes()))


class LemmaInformation:
    """−log of the share of navec's word occurrences that pymorphy3 reads first as the
    lemma. A lemma the table lacks is looked up by pymorphy3's first reading of it when its
    dictionary knows the word («люди» as человек); a word navec lacks counts as seen
    ``NAVEC_MIN_COUNT`` times, as its rarest words are."""

    def __init__(self, lemmas: dict[str, int]) -> None:
        self.lemmas, self.words = lemmas, sum(lemmas.values())

    def __call__(self, lemma: str) -> float:
        if not self.words:  # no table: every lemma weighs the same here
            return 1.0
        count = self.lemmas.get(_folded(lemma)) or self.lemmas.get(_folded(_first_reading(lemma)), 0)
        return math.log(self.words / max(count, NAVEC_MIN_COUNT))


@lru_cache(maxsize=1)
def shipped_information() -> LemmaInformation:
    """The table in ``MODELS_DIR``, read once; without one (before the first ``train``), a
    warning and the same weight for every lemma."""
    path = MODELS_DIR / LEMMA_COUNTS_FILE
    if not path.exists():
        warnings.warn(f"{path} is missing: topic focus weighs lemmas by corpus IDF alone", stacklevel=2)
        return LemmaInformation({})
    return LemmaInformation(read_lemma_counts(path))


@lru_cache(maxsize=1 << 17)
def general_information(lemma: str) -> float:
    """``LemmaInformation`` of the shipped table, cached by lemma."""
    return shipped_information()(lemma)


def _first_reading(word: str, morph=None) -> str:
    """pymorphy3's first reading of a word its dictionary knows; any other word as it is."""
    if morph is None:
        from ..taggers import morph_analyzer

        morph = morph_analyzer()
    return morph.parse(word)[0].normal_form if morph.word_is_known(word) else word


def _folded(lemma: str) -> str:
    return lemma.replace("ё", "е")
