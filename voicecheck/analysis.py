"""The feed pipeline, top to bottom: posts -> Docs -> detector features -> results.

Docs are not kept: each chunk of posts is parsed, turned into ``PostResult``
records and dropped, so memory stays flat however long the feed is.
"""

from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache

from spacy.tokens import Doc, Token

from .classify import predict_posts
from .detectors import SPAN_KEYS
from .detectors.common import masks
from .feed import post_from_item
from .nlp import chunks, load_nlp, parse_texts, tokens_of
from .records import Evidence, Post, PostResult

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
    nlp = load_nlp()
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
    lemmas, names = topic_words(doc)
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


def topic_lemmas(doc: Doc) -> str:
    """Content lemmas (nouns, names, adjectives, verbs; no stop words) for topic modelling."""
    return topic_words(doc)[0]


def topic_words(doc: Doc) -> tuple[str, str]:
    """The topic lemmas, and those of them that are names here, spelled as names are
    (Москва, ФНС), so that a topic's label can show them so: one pass over the Doc."""
    lemmas, names = [], []
    for token, lemma in _topic_tokens(doc):
        lemmas.append(lemma)
        if token.pos_ == "PROPN":
            names.append(_spelled(token, lemma))
    return " ".join(lemmas), " ".join(names)


def _topic_tokens(doc: Doc) -> Iterator[tuple[Token, str]]:
    stop = _stop_words()
    masked = masks(doc)
    for token in tokens_of(doc):
        if token.pos_ in TOPIC_POS and token.is_alpha and token.i not in masked:
            lemma = token.lemma_.lower()
            if len(lemma) > 2 and lemma not in stop:
                yield token, lemma


def _spelled(token: Token, lemma: str) -> str:
    """The name as written when the word is its own lemma (ChatGPT, ФНС), else the lemma
    in capitals or with a capital, as the word was (Москвы: Москва, МВД: МВД)."""
    if token.text.lower() == lemma:
        return token.text
    return lemma.upper() if token.text.isupper() else lemma[:1].upper() + lemma[1:]


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.ru.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | EXTRA_STOP_LEMMAS


EXTRA_STOP_LEMMAS = frozenset(
    {
        "быть", "мочь", "стать", "сказать", "сообщить", "заявить", "год", "день", "время",
        "человек", "это", "который", "свой", "весь", "такой", "самый", "новый", "первый",
        "один", "очень", "также",
    }
)  # fmt: skip


def lemma_text(doc: Doc) -> str:
    """Content lemmas of the Doc, for the classifiers' bag of words."""
    masked = masks(doc)
    return " ".join(t.lemma_.lower() for t in tokens_of(doc) if t.is_alpha and t.i not in masked)
