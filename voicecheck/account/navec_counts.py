"""How common a lemma is in Russian news: navec's word counts gathered by lemma.

navec, natasha's word vectors, keeps for each of its 250,000 words how many times its
news corpus (1.2 billion words) holds it. ``voicecheck train`` reads each word as
pymorphy3 reads it first, adds its count to that lemma (ё read as е) and ships the sums
in ``LEMMA_COUNTS_FILE``, so «стали» counts for стать, «люди» for человек and «текущий»
for itself, not for течь. The focus weights read them.
"""

import gzip
import json
import math
from functools import lru_cache
from pathlib import Path

from ..paths import MODELS_DIR

LEMMA_COUNTS_FILE = "navec_lemma_counts.json.gz"
NAVEC_MIN_COUNT = 100  # navec keeps the words its news corpus holds at least this many times


def count_lemmas(words, counts, morph) -> dict[str, int]:
    """Each lemma's count: the counts of the words pymorphy3 reads as its forms first."""
    lemmas: dict[str, int] = {}
    for word, count in zip(words, counts, strict=True):
        if count:  # navec's <unk> and <pad> have none
            lemma = _folded(morph.parse(word)[0].normal_form)
            lemmas[lemma] = lemmas.get(lemma, 0) + int(count)
    return lemmas


def write_lemma_counts(lemmas: dict[str, int], path: Path) -> None:
    """A JSON object sorted by lemma, gzipped with no timestamp (the same table, the same bytes)."""
    table = json.dumps(dict(sorted(lemmas.items())), ensure_ascii=False, separators=(",", ":"))
    path.write_bytes(gzip.compress(table.encode("utf-8"), mtime=0))


@lru_cache(maxsize=1)
def lemma_counts() -> tuple[dict[str, int], int]:
    """The shipped table and the number of words behind it; empty before the first ``train``."""
    path = MODELS_DIR / LEMMA_COUNTS_FILE
    if not path.exists():
        return {}, 0
    lemmas = json.loads(gzip.decompress(path.read_bytes()))
    return lemmas, sum(lemmas.values())


@lru_cache(maxsize=1 << 17)
def general_information(lemma: str) -> float:
    """−log of the share of navec's words that are forms of the lemma. A lemma the table
    lacks is looked up by pymorphy3's reading of it («вебинаров» as вебинар); a word navec
    lacks counts as seen ``NAVEC_MIN_COUNT`` times, as its rarest words are. 1 for every
    lemma when no table ships."""
    lemmas, words = lemma_counts()
    if not words:
        return 1.0
    count = lemmas.get(_folded(lemma)) or lemmas.get(_folded(_first_reading(lemma)), 0)
    return math.log(words / max(count, NAVEC_MIN_COUNT))


def _first_reading(word: str) -> str:
    from ..taggers import morph_analyzer

    return morph_analyzer().parse(word)[0].normal_form


def _folded(lemma: str) -> str:
    return lemma.replace("ё", "е")
