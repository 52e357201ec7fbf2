"""The feed pipeline, top to bottom: posts -> Docs -> detector features -> results.

Docs are not kept: each chunk of posts is parsed, turned into ``PostResult``
records and dropped, so memory stays flat however long the feed is.
"""

import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from itertools import pairwise

from spacy.tokens import Doc, Token

from .classify import predict_posts
from .detectors import SPAN_KEYS
from .detectors.common import masks
from .feed import post_from_item
from .lemmas import GENDERS, NUMBERS, is_hyphenated
from .lexicon import read_lemmas
from .nlp import chunks, parse_texts, shared_nlp, tokens_of
from .records import (
    ADJECTIVE_PHRASE,
    ENDING_SEPARATOR,
    GENITIVE_PHRASE,
    PHRASE_SEPARATOR,
    Evidence,
    KeyPhrase,
    Post,
    PostResult,
)
from .wording import squeeze

CHUNK = 512
DETECTOR_OF_KEY = {key: name for name, key in SPAN_KEYS.items()}


def analyze_posts(
    posts: Iterable,
    *,
    classify: bool = True,
    progress: Callable[[int], None] | None = None,
) -> Iterator[PostResult]:
    """One result a post, in input order; posts that cannot be analysed keep their status.

    ``posts`` may be a stream: it is read a chunk at a time, so a caller that lets go
    of each post once it is read (``feed.drain``) keeps memory flat."""
    nlp = shared_nlp()
    classifier = _load_classifier() if classify else None
    for chunk in chunks(_numbered(posts), CHUNK):
        yield from _analyze_chunk(nlp, chunk, classifier)
        if progress is not None:
            progress(len(chunk))


def _numbered(posts: Iterable) -> Iterator[Post]:
    """Posts numbered by their place in the input (a feed's posts already are)."""
    for index, item in enumerate(posts):
        if isinstance(item, Post):
            item.index = index
            yield item
        else:
            yield post_from_item(index, item)


def _load_classifier():
    from .classify import load_classifier

    return load_classifier()


def _analyze_chunk(nlp, chunk: list[Post], classifier) -> list[PostResult]:
    ready = [p for p in chunk if p.status == "ok"]
    results: dict[int, PostResult] = {}
    inputs = []
    for post, doc in zip(ready, parse_texts(nlp, (p.text for p in ready)), strict=True):
        results[post.index] = result_from_doc(post, doc)
        inputs.append(classifier_input(doc))
    if classifier is not None and ready:
        for post, (stage, kind) in zip(ready, predict_posts(classifier, inputs), strict=True):
            results[post.index].stage, results[post.index].type = stage, kind
    return [results.get(p.index) or skipped_result(p) for p in chunk]


def skipped_result(post: Post) -> PostResult:
    return PostResult(
        index=post.index,
        id=post.id,
        status=post.status,
        reason=post.reason,
        text=post.text[:2000],
        date=post.date,
        **_metrics(post),
    )


def _metrics(post: Post) -> dict:
    return {m: getattr(post, m) for m in ("views", "likes", "comments", "reposts", "clicks")}


def result_from_doc(post: Post, doc: Doc) -> PostResult:
    features = doc._.features
    voice, cases, cta, tone = (
        features["voice"],
        features["cases"],
        features["cta"],
        features["tone"],
    )
    topic = list(_topic_tokens(doc))
    lemmas, names = _lemmas_and_names(topic)
    greetings = greeting_lemmas(doc, lemmas.split())
    return PostResult(
        index=post.index,
        id=post.id,
        status="ok",
        reason=post.reason,
        text=post.text,
        date=post.date,
        **_metrics(post),
        words=voice["words"],
        voice=voice["voice"],
        i_rate=voice["i_rate"],
        we_rate=voice["we_rate"],
        you_rate=voice["you_rate"],
        case=cases["case"],
        case_score=cases["score"],
        cta=cta["has_cta"],
        cta_asks=cta["asks"],
        offer=cta["has_offer"],
        deadline=cta["has_deadline"],
        link=cta["has_link"],
        impersonal=tone["impersonal"],
        impersonality=tone["score"],
        evidence=evidence_of(doc),
        topic_lemmas=lemmas,
        topic_names=names,
        topic_ending=written_ending(doc, [token for token, _ in topic]),
        topic_greetings=" ".join(greetings),
        topic_phrases=key_phrases(topic, greetings),
    )


def classifier_input(doc: Doc) -> dict:
    """What the stage and type classifiers read from a Doc: lemmas, detector and
    surface signals, and the mean navec vector."""
    from .model import mean_vector, shape_features
    from .nlp import natasha_models

    features = {**doc._.features, "shape": shape_features(doc)}
    vector = mean_vector(doc, natasha_models().embedding)
    words = doc._.features["voice"]["words"]
    return {"lemmas": lemma_text(doc), "features": features, "vector": vector, "words": words}


def evidence_of(doc: Doc) -> list[Evidence]:
    found = [
        Evidence(DETECTOR_OF_KEY[key], span.label_, span.start_char, span.end_char, span.text)
        for key in SPAN_KEYS.values()
        if key in doc.spans
        for span in doc.spans[key]
    ]
    return sorted(found, key=lambda e: (e.start, e.end, e.detector))


TOPIC_POS = frozenset({"NOUN", "PROPN", "ADJ", "VERB"})
ROMAN_NUMERAL = re.compile(r"[IVXLCDM]+")  # «XX век», «II место»: no topic


def topic_lemmas(doc: Doc) -> str:
    """Content lemmas (nouns, names, adjectives, verbs; no stop words) for topic modelling."""
    return topic_words(doc)[0]


def topic_words(doc: Doc) -> tuple[str, str]:
    """The topic lemmas, and those of them that are names here, spelled as names are
    (Москва, ФНС), so that a topic's label can show them so: one pass over the Doc."""
    return _lemmas_and_names(_topic_tokens(doc))


def _lemmas_and_names(topic: Iterable[tuple[Token, str]]) -> tuple[str, str]:
    lemmas, names = [], []
    for token, lemma in topic:
        lemmas.append(lemma)
        if token.pos_ == "PROPN":
            names.append(_spelled(token, lemma))
    return " ".join(lemmas), " ".join(names)


def _topic_tokens(doc: Doc) -> Iterator[tuple[Token, str]]:
    stop = _stop_words()
    masked = masks(doc)
    for token in tokens_of(doc):
        if token.i not in masked and _content_word(token):
            lemma = token.lemma_.lower()
            if (len(lemma) > 2 or _short_name(token)) and lemma not in stop:
                yield token, lemma


def _content_word(token: Token) -> bool:
    """A word (or words joined by hyphens, «онлайн-школа») that is a noun, name, adjective or
    verb, or in Latin letters that slovnet leaves untagged («Go», «GitHub», «IT-компания»); not an English
    function word («the», «With»; «IT» in capitals stays)."""
    if not (token.is_alpha or is_hyphenated(token.text)):
        return False
    if token.text.isascii() and (_english_function_word(token) or ROMAN_NUMERAL.fullmatch(token.text)):
        return False
    return token.pos_ in TOPIC_POS or (token.pos_ == "X" and token.text[0].isascii())


def _english_function_word(token: Token) -> bool:
    """«the», «With», «AND» in a headline in capitals; not «IT» or «US», two capitals."""
    return token.lower_ in _english_function_words() and not (len(token.text) == 2 and token.text.isupper())


@lru_cache(maxsize=1)
def _english_function_words() -> frozenset[str]:
    return read_lemmas("english_function_words.txt")


def _short_name(token: Token) -> bool:
    """A two-letter word that names something: in capitals («ИИ», «ЦБ», «AI») or a Latin
    word with a capital («Go»)."""
    text = token.text
    return len(text) == 2 and (text.isupper() or (text.isascii() and text.istitle()))


def _spelled(token: Token, lemma: str) -> str:
    """The name as written when the word is its own lemma (ChatGPT, ФНС), else the lemma
    in capitals or with a capital, as the word was (Москвы: Москва, МВД: МВД); each part of a
    compound so («IT-компании»: IT-компания, «Санкт-Петербурге»: Санкт-Петербург)."""
    written, parts = token.text.split("-"), lemma.split("-")
    if len(parts) == 1 or len(written) != len(parts):
        return _cased_as(token.text, lemma, capital=True)
    pairs = zip(written, parts, strict=True)
    return "-".join(_cased_as(word, part, capital=word[:1].isupper()) for word, part in pairs)


def _cased_as(written: str, lemma: str, *, capital: bool) -> str:
    if written.lower() == lemma:
        return written
    if written.isupper():
        return lemma.upper()
    return lemma[:1].upper() + lemma[1:] if capital else lemma


NOUNS = frozenset({"NOUN", "PROPN"})
PHRASE_REACH = 3  # a key phrase's two words stand at most 3 tokens apart
MID_SENTENCE = frozenset({",", "«", '"', "(", "-", "—", "–"})  # a capital after these is not an opening one


def key_phrases(topic: list[tuple[Token, str]], greetings: Iterable[str] = ()) -> str:
    """The post's key phrases among its topic words, in ``records.KeyPhrase`` form: an
    adjective with the noun it qualifies («тазового дна») and a noun with a noun in the
    genitive, no preposition or adjective between, that follows it («сроков работ»), as
    written (a capital that only opens a sentence dropped), with the places of the two
    words among the topic lemmas and the number and gender the parser read. Not an address:
    «уважаемые участники», or a phrase of the post's ``greetings`` lemmas («дорогие подписчики»)."""
    place = {token.i: k for k, (token, _) in enumerate(topic)}
    greeting = set(greetings)
    found = []
    for token, _ in topic:
        for kind, first, second in _phrases_at(token):
            if first.i in place and second.i in place and not _addresses(first, second, greeting):
                words = (_in_text(first), second.text)
                found.append(
                    KeyPhrase(kind, place[first.i], place[second.i], words, *_grammar(kind, first, second))
                )
    return PHRASE_SEPARATOR.join(phrase.encoded() for phrase in found)


ADDRESS_ADJECTIVES = frozenset({"дорогой", "уважаемый", "милый"})  # «дорогие друзья», not «дорогой ремонт»


def _addresses(first: Token, second: Token, greetings: set[str]) -> bool:
    address = first.lemma_.lower() in ADDRESS_ADJECTIVES and "Anim" in second.morph.get("Animacy")
    return address or {first.lemma_.lower(), second.lemma_.lower()} <= greetings


def _grammar(kind: str, first: Token, second: Token) -> tuple[str, str]:
    """The phrase's number (its noun's) and gender (the adjective's, which agrees with a
    noun of either gender, «опытного коллеги»), as pymorphy3's grammemes."""
    noun = second if kind == ADJECTIVE_PHRASE else first
    number = NUMBERS.get(next(iter(noun.morph.get("Number")), ""), "")
    gender = next(iter(first.morph.get("Gender") or noun.morph.get("Gender")), "")
    return number, GENDERS.get(gender, "")


def _in_text(token: Token) -> str:
    """The word as the sentence would have it: a capital that only opens a sentence, a line
    or a headline after an emoji is dropped («Курс доллара» → «курс доллара»)."""
    keep = token.pos_ == "PROPN" or token.text.isupper() or not _opens(token)
    return token.text if keep else token.text[:1].lower() + token.text[1:]


def _opens(token: Token) -> bool:
    if token.is_sent_start or token.i == 0:
        return True
    before = token.doc[token.i - 1]
    return not (before.is_alpha or before.is_digit or before.text in MID_SENTENCE)


def _phrases_at(token: Token) -> Iterator[tuple[str, Token, Token]]:
    """The phrases ``token`` is the dependent word of: an adjective in a case (not «известно»)
    whose parse head is the noun, or that stands right before a noun in its case (the parser
    sometimes hangs such an adjective elsewhere); a noun in the genitive whose head is the
    noun before it."""
    head = token.head
    if token.pos_ == "ADJ":
        noun, case = head if token.dep_ == "amod" else _next_token(token), token.morph.get("Case")
        near = noun is not None and noun.pos_ in NOUNS and 0 < noun.i - token.i <= PHRASE_REACH
        if case and near and (noun is head or case == noun.morph.get("Case")):
            yield ADJECTIVE_PHRASE, token, noun
    elif token.pos_ in NOUNS and token.dep_ == "nmod" and head.pos_ in NOUNS:
        genitive = "Gen" in token.morph.get("Case") and not any(c.dep_ == "case" for c in token.children)
        between = token.doc[head.i + 1 : token.i]  # «мышцы тазового дна» is «тазовое дно», not «мышцы дна»
        if genitive and 0 < token.i - head.i <= PHRASE_REACH and not any(t.pos_ == "ADJ" for t in between):
            yield GENITIVE_PHRASE, head, token


def _next_token(token: Token) -> Token | None:
    return token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None


ENDING_CHARS = 500  # the written ending kept of a post: as many of its last pieces as fit in 500 characters
NOT_SHOWN = frozenset({"url", "markup", "invisible"})  # left out of a written ending: addresses, ** and [](…)


def written_ending(doc: Doc, topic: list[Token]) -> str:
    """The post's last lines as written, cut where each of its topic lemmas begins an ending,
    pieces joined by ``ENDING_SEPARATOR``: the last k pieces are the ending its last k lemmas
    are read from, from the start of that line (or, on a line shared with an earlier topic
    word, from the first word after it) to the end of the last topic word's line, link
    addresses and markup left out. Only the last pieces that fit in ``ENDING_CHARS``
    characters (separators included) are kept, so a longer ending has no written form."""
    if not topic:
        return ""
    tokens, masked = tokens_of(doc), masks(doc)
    pieces: list[str] = []
    end, size = _line_end(tokens, topic[-1].i), -1
    for k in range(len(topic) - 1, -1, -1):
        start = _ending_start(tokens, topic[k - 1].i if k else -1, topic[k].i)
        piece = _shown(tokens[start:end], masked)
        size += len(piece) + 1
        if size > ENDING_CHARS:
            break
        pieces.append(piece)
        end = start
    return ENDING_SEPARATOR.join(reversed(pieces))


def _ending_start(tokens: list[Token], after: int, word: int) -> int:
    """Where an ending starting with ``tokens[word]`` begins: its line's start, unless an
    earlier topic word (``after``) is on that line; then the first word after the last
    punctuation mark between the two («…сгорели фуры, подробнее читайте» starts at «подробнее»)."""
    for i in range(word - 1, after, -1):
        if _breaks_line(tokens[i]):
            return i + 1
    start = after + 1
    for i in range(after + 1, word):
        if tokens[i].is_punct or tokens[i].is_space:
            start = i + 1
    return start


def _line_end(tokens: list[Token], word: int) -> int:
    for i in range(word, len(tokens)):
        if _breaks_line(tokens[i]):
            return i + 1
    return len(tokens)


def _breaks_line(token: Token) -> bool:
    return "\n" in token.text or "\n" in token.whitespace_


def _shown(tokens: list[Token], masked: dict[int, str]) -> str:
    left_out = {t.i for t in tokens if masked.get(t.i) in NOT_SHOWN}
    text = "".join(t.whitespace_ if t.i in left_out else t.text_with_ws for t in tokens)
    text = text.replace(ENDING_SEPARATOR, "")
    return squeeze(_without_gaps(text) if left_out else text)


# What a left-out link leaves behind: empty brackets, a space before punctuation, and a
# colon or comma before the sentence's end («на сайте: !» → «на сайте!»)
LINK_GAPS = (
    (re.compile(r"\(\s*\)|\[\s*\]|«\s*»"), ""),
    (re.compile(r"[ \t]+(?=[.,!?;:…])"), ""),
    (re.compile(r"[:,](?=[.!?…])"), ""),
)


def _without_gaps(text: str) -> str:
    for gap, replacement in LINK_GAPS:
        text = gap.sub(replacement, text)
    return text


GREETINGS = frozenset({"привет", "приветствовать", "здравствовать", "здравствуйте"})
ADDRESSES = frozenset({"друг", "дорогой", "уважаемый", "милый", "подписчик", "читатель", "коллега"})
GOOD = "добрый"  # добрый день, доброе утро, добрый вечер, доброй ночи
TIMES_OF_DAY = frozenset({"день", "утро", "вечер", "ночь"})
BREAKS = frozenset({",", "!", "?", ".", "…", ":", ";"})
PRONOUNS = frozenset({"PRON", "DET"})
GREETING_WORDS = GREETINGS | ADDRESSES | {GOOD}  # a post with none of these is not read again


def greeting_lemmas(doc: Doc, lemmas: list[str]) -> list[str]:
    """Lemmas this post greets or addresses its readers with: the parts of a sentence, up to
    a comma, «!» or line break, that open it and hold only greetings («привет», «добрый
    день»), address words («друзья», «дорогие подписчики») and pronouns («всем», «мои»).
    ``lemmas``: the post's topic lemmas, so a post with none of those words is not read again."""
    if not GREETING_WORDS.intersection(lemmas):
        return []
    found = []
    for sentence in doc.sents:
        for part in _sentence_parts(sentence):
            if not _greets(part):
                break
            found += [token.lemma_.lower() for token in part if token.pos_ not in PRONOUNS]
    return list(dict.fromkeys(found))


def _sentence_parts(sentence) -> Iterator[list[Token]]:
    part: list[Token] = []
    for token in sentence:
        if token.is_alpha:
            part.append(token)
        if token.text in BREAKS or _breaks_line(token):
            if part:
                yield part
            part = []
    if part:
        yield part


def _greets(part: list[Token]) -> bool:
    """A greeting or an address and nothing else: «Всем привет», «Добрый вечер», «Дорогие друзья»."""
    lemmas = [token.lemma_.lower() for token in part]
    good_time = any(a == GOOD and b in TIMES_OF_DAY for a, b in pairwise(lemmas))
    allowed = GREETINGS | ADDRESSES | ({GOOD, *TIMES_OF_DAY} if good_time else set())
    only = all(lemma in allowed or t.pos_ in PRONOUNS for t, lemma in zip(part, lemmas, strict=True))
    return only and (good_time or bool((GREETINGS | ADDRESSES) & set(lemmas)))


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.ru.stop_words import STOP_WORDS

    return (frozenset(STOP_WORDS) - KEPT_NOUNS) | EXTRA_STOP_LEMMAS


# Word forms in spaCy's list of Russian stop words that are also the lemma of a noun a post
# can be about: «данные» is a form of «данный» there, and «data» here, the commonest noun
# the list took from topics (194 times in 2,000 real posts) after those left out on purpose.
KEPT_NOUNS = frozenset({"данные", "наса", "благо", "поприще"})


EXTRA_STOP_LEMMAS = frozenset(
    {
        "быть", "мочь", "стать", "сказать", "сообщить", "заявить", "год", "день", "время",
        "человек", "это", "который", "свой", "весь", "такой", "самый", "новый", "первый",
        "один", "очень", "также",
        "тыс", "тысяча", "млн", "миллион", "млрд", "миллиард", "шт", "руб",  # units of a number
    }
)  # fmt: skip


def lemma_text(doc: Doc) -> str:
    """Content lemmas of the Doc, for the classifiers' bag of words."""
    masked = masks(doc)
    return " ".join(t.lemma_.lower() for t in tokens_of(doc) if t.is_alpha and t.i not in masked)
