"""spaCy's Russian lemmatizer in pymorphy3 mode, with a cache.

The same word form with the same part of speech and morphology always gets the
same lemma, so the answer is kept: on real feeds most tokens repeat, and the
uncached lemmatizer was a third of the pipeline's time.

spaCy ignores pymorphy3's guesses for words its dictionary lacks, so every form of
«маркетплейс», «селлер» or «вебинар» stayed a lemma of its own. Those words are mostly
borrowed masculine nouns, and for them the guess is taken (see ``_borrowed_noun_lemma``).
"""

from functools import lru_cache

from spacy.lang.ru import lemmatizer as ru_lemmatizer
from spacy.lang.ru.lemmatizer import RussianLemmatizer
from spacy.language import Language
from spacy.tokens import Token

from .taggers import morph_analyzer

CACHE_SIZE = 100_000
MAX_ENDING = 3  # «маркетплейс-ами»
MIN_STEM = 3  # «скам» is not a form of «ск»
MAX_ACRONYM = 3  # letters of a noun in capitals that may be an acronym («ИИ», «ИНН»); «ЦЕНЫ» is a word
ACRONYM_READINGS = frozenset({"Abbr", "Name"})
NOUN_TAGS = frozenset({"NOUN", "PROPN"})
# slovnet tags some unknown nouns ADJ («на вебинаре»); endings adjectives share are left alone
NOUN_ONLY_ENDINGS = ("е", "ах", "ов", "ам", "ами")
VOWELS = frozenset("аеёиоуыэюя")
# a borrowed word the dictionary knows only as a rare homonym: «гайд», «гайде», «гайды» are
# read as forms of гайда (a bagpipe), «гайдов» and «гайдом» as гайд
RARE_HOMONYMS = {"гайда": "гайд"}
# pymorphy3's parts of speech a compound may be read as, by slovnet's tag («IT-компании» is
# untagged, X, to slovnet)
NOUN_READING, ADJECTIVE_READING = frozenset({"NOUN"}), frozenset({"ADJF", "NOUN"})
COMPOUND_POS = {
    "NOUN": NOUN_READING, "PROPN": NOUN_READING, "X": NOUN_READING, "ADJ": ADJECTIVE_READING,
    "VERB": frozenset({"VERB", "INFN"}),
}  # fmt: skip
# pymorphy3's parts of speech for slovnet's (UD) tags
SAME_POS = {
    "NOUN": frozenset({"NOUN"}), "PROPN": frozenset({"NOUN"}),
    "ADJ": frozenset({"ADJF", "ADJS", "COMP", "PRTF", "PRTS"}),
    "VERB": frozenset({"VERB", "INFN", "PRTF", "PRTS", "GRND"}), "AUX": frozenset({"VERB", "INFN"}),
    "ADV": frozenset({"ADVB", "COMP"}), "NUM": frozenset({"NUMR"}),
}  # fmt: skip
CASES = {"Nom": "nomn", "Gen": "gent", "Dat": "datv", "Acc": "accs", "Ins": "ablt", "Loc": "loct"}
CASE_VARIANTS = {"gent": ("gen2",), "loct": ("loc2",), "nomn": ("voct",)}  # «чаю», «в лесу», «Маш»
# slovnet's (UD) number and gender as pymorphy3's grammemes
NUMBERS = {"Sing": "sing", "Plur": "plur"}
GENDERS = {"Masc": "masc", "Fem": "femn", "Neut": "neut"}
SURNAME_ENDINGS = ("ов", "ев", "ёв", "ин", "ын")  # «Чемезов» is not the plural of «чемез»


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
        key = (token.lower_, token.pos, token.morph.key, _casing(token))
        lemmas = self._cache.get(key)
        if lemmas is None:
            lemmas = self._read(token)
            if len(self._cache) >= CACHE_SIZE:
                self._cache.clear()
            self._cache[key] = lemmas
        return lemmas

    def _read(self, token: Token) -> list[str]:
        if _short_acronym(token) and self._abbreviation_or_name(token.lower_):
            return [token.lower_]
        lemmas = [lemma.lower() for lemma in super().pymorphy3_lemmatize(token)]
        if lemmas == [token.text.lower()] and token.pos_ != "PUNCT":
            lemmas = (
                self._first_known_lemma(token)
                or self._borrowed_noun_lemma(token)
                or self._hyphenated_lemma(token)
                or lemmas
            )
        return [RARE_HOMONYMS.get(lemma, lemma) for lemma in lemmas]

    def _first_known_lemma(self, token: Token) -> list[str]:
        """When slovnet's tags agree with no dictionary parse, trust the dictionary's best one;
        but a word the dictionary knows as a lemma of slovnet's part of speech, in the case and
        number slovnet reads, is its own lemma («данные», «йога», «дорогой»), not a form of
        another word (дать, йог, дорога); «дыхательных техник» is still техника, not техник."""
        word = token.text.lower()
        known = [p for p in self._morph.parse(token.text) if p.is_known]
        if any(p.normal_form == word and _agrees(p, token) for p in known):
            return [word]
        return [known[0].normal_form] if known else []

    def _abbreviation_or_name(self, word: str) -> bool:
        """pymorphy3 knows the word as an abbreviation or a first name («ос», «ии» as Ия, «инн»
        as Инна), not only as a form of a common word («дня», «цен») or a pronoun («нас»)."""
        return any(ACRONYM_READINGS & parse.tag.grammemes for parse in self._morph.parse(word))

    def _hyphenated_lemma(self, token: Token) -> list[str]:
        """A compound the dictionary lacks, by pymorphy3's reading of it as the part of speech
        (and, where it can, the case) slovnet gives («онлайн-школу» -> онлайн-школа, «чек-листы»
        -> чек-лист); spaCy drops such readings as guesses. A first part the dictionary lacks,
        or in Latin letters or capitals, keeps its form («бьюти-мастера» -> бьюти-мастер,
        «ИИ-ассистента» -> ии-ассистент, not ия-ассистент)."""
        if not is_hyphenated(token.text) or token.pos_ not in COMPOUND_POS:
            return []
        readings = [p for p in self._morph.parse(token.lower_) if p.tag.POS in COMPOUND_POS[token.pos_]]
        if not readings:
            return []
        case = CASES.get(token.morph.get("Case", [""])[0])
        reading = next((p for p in readings if case in p.tag.grammemes), readings[0])
        first, _, rest = reading.normal_form.partition("-")
        written = token.text.split("-", 1)[0]
        keep = written.isascii() or written.isupper() or not self._morph.word_is_known(written.lower())
        return [f"{written.lower() if keep else first}-{rest}"]

    def _borrowed_noun_lemma(self, token: Token) -> list[str]:
        """For a word pymorphy3's dictionary lacks, its guess when the word is a form of a
        masculine noun ending in a consonant («маркетплейсах» -> маркетплейс, «селлеров» ->
        селлер) and nothing speaks against it: slovnet reads it as a noun (or as an adjective
        with an ending no adjective has, «вебинаре»), not as feminine («инфа», «Набиуллина»
        keep their form); not an acronym; not a singular oblique case of a word slovnet reads
        as nominative («Гупта»); no plural guess for a capitalised word mid-sentence or a
        surname's ending («Хезболлы», «Чемезов»)."""
        word = token.text.lower()
        if token.text.isupper() or not word.isalpha() or token.morph.get("Gender") == ["Fem"]:
            return []
        if token.pos_ not in NOUN_TAGS and not (token.pos_ == "ADJ" and word.endswith(NOUN_ONLY_ENDINGS)):
            return []
        for parse in self._morph.parse(word):
            if _inflects_masculine_stem(parse, word) and not _contradicted(parse, token, word):
                return [parse.normal_form]
        return []


def _agrees(parse, token: Token) -> bool:
    """The dictionary's reading has slovnet's part of speech, and its case and number where
    slovnet gives them."""
    grammemes = parse.tag.grammemes
    case = CASES.get(next(iter(token.morph.get("Case")), ""))
    number = NUMBERS.get(next(iter(token.morph.get("Number")), ""))
    return (
        parse.tag.POS in SAME_POS.get(token.pos_, frozenset())
        and (case is None or bool({case, *CASE_VARIANTS.get(case, ())} & grammemes))
        and (number is None or number in grammemes)
    )


def _casing(token: Token) -> tuple[bool, bool, bool, bool]:
    """What of a token's letter case the lemma rules read: the same form in capitals,
    capitalised, at a sentence start or with a first part in capitals («ИИ-ассистента») may
    get another lemma than in lower case."""
    text = token.text
    first_part_upper = "-" in text and text.partition("-")[0].isupper()  # no split on every token
    return text.isupper(), token.is_title, bool(token.is_sent_start), first_part_upper


def is_hyphenated(text: str) -> bool:
    """Words joined by hyphens: «онлайн-школа», «Go-разработчик», «Санкт-Петербург»."""
    parts = text.split("-")
    return len(parts) > 1 and all(part.isalpha() for part in parts)


def _short_acronym(token: Token) -> bool:
    """A noun of two or three capitals, which is an acronym when the dictionary knows it as
    one or as a name: pymorphy3 reads «ИИ» as a case of the name Ия, «ИНН» as one of Инна."""
    return token.pos_ in NOUN_TAGS and token.text.isupper() and 2 <= len(token.text) <= MAX_ACRONYM


def _written_as_name(token: Token) -> bool:
    return token.is_title and not token.is_sent_start


def _inflects_masculine_stem(parse, word: str) -> bool:
    stem = parse.normal_form
    return (
        not parse.is_known
        and {"NOUN", "masc"} <= parse.tag.grammemes
        and word.startswith(stem)
        and 0 < len(word) - len(stem) <= MAX_ENDING
        and len(stem) >= MIN_STEM
        and stem[-1] not in VOWELS
    )


def _contradicted(parse, token: Token, word: str) -> bool:
    plural = "plur" in parse.tag.grammemes
    if plural:
        return _written_as_name(token) or (token.is_title and word.endswith(SURNAME_ENDINGS))
    return token.morph.get("Case") == ["Nom"] and "nomn" not in parse.tag.grammemes


@Language.factory(
    "voicecheck_lemmatizer",
    assigns=["token.lemma"],
    default_config={"mode": "pymorphy3", "overwrite": True},
)
def make_lemmatizer(nlp: Language, name: str, mode: str, overwrite: bool) -> CachedRussianLemmatizer:
    return CachedRussianLemmatizer(nlp.vocab, None, name, mode=mode, overwrite=overwrite)
