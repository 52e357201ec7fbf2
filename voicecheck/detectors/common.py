"""Helpers shared by the detectors: words, quotes, features, span keys."""

import re

from spacy.tokens import Doc, Span, Token

from ..lexicon import grammemes, past_takes_no_object
from ..nlp import MASKS_KEY, text_of, tokens_of

PERSON_GRAMMEMES = {"1per": "1", "2per": "2", "3per": "3"}
IMPERATIVE_ENDINGS = ("те", "тесь", "й", "йся", "и", "ись", "ь", "ься")

SPAN_KEYS = {
    "voice": "vc_voice",
    "cases": "vc_cases",
    "cta": "vc_cta",
    "tone": "vc_tone",
}
# «#кейс», or a line opening with «Кейс»: the author files the post as a case from their work.
CASE_TAG = re.compile(r"#кейс\w*|^[^\w\n]{0,3}кейс\b", re.IGNORECASE | re.MULTILINE)
QUOTE_PAIRS = re.compile(r"«[^«»]*»|„[^„“”]*[“”]|“[^“”]*”|\"[^\"\n]*\"")
DIALOGUE_VERBS = (
    "говорит|сказал|сказала|пишет|отвечает|заявил|заявила|отметил|отметила|признаётся|признается"
    "|рассказывает|рассказал|рассказала|пояснил|пояснила|добавил|добавила"
)
DIALOGUE_LINE = re.compile(
    r"(?m)^[ \t]*[—–-][ \t][^\n]*[,!?…][ \t]*[—–-][ \t]*(?:" + DIALOGUE_VERBS + r")[^\n]*"
)


WORDS_KEY = "voicecheck_words"


def is_word(token: Token) -> bool:
    """A real word: not whitespace, punctuation or a masked piece (URL, emoji, ...)."""
    flags = token.doc.user_data.get(WORDS_KEY)
    if flags is None:
        flags = token.doc.user_data[WORDS_KEY] = _word_flags(token.doc)
    return flags[token.i]


def _word_flags(doc: Doc) -> list[bool]:
    masks = doc.user_data.get(MASKS_KEY, {})
    return [
        not (t.is_space or t.is_punct or t.i in masks) and any(ch.isalnum() for ch in t.text)
        for t in tokens_of(doc)
    ]


def masks(doc: Doc) -> dict[int, str]:
    """Token index -> what it was masked as, for the Doc's masked pieces."""
    return doc.user_data.get(MASKS_KEY, {})


def word_count(doc: Doc) -> int:
    return sum(1 for t in tokens_of(doc) if is_word(t))


def per_100_words(count: float, words: int) -> float:
    return round(100.0 * count / words, 2) if words else 0.0


def quoted_tokens(doc: Doc) -> set[int]:
    """Indices of tokens inside quotation marks or a quoted dialogue line.

    Short quotes count too: «Мои документы» is a name, and not the author speaking.
    """
    inside: set[int] = set()
    for pattern in (QUOTE_PAIRS, DIALOGUE_LINE):
        for match in pattern.finditer(text_of(doc)):
            span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if span is not None:
                inside.update(range(span.start, span.end))
    return inside


def person_number_mood(token: Token) -> tuple[str, str, str]:
    """slovnet's person, number and mood, overruled where pymorphy3 is unambiguous:
    slovnet tends to misread capitalised verbs («Напоминаю», «Ставьте») at a line start."""
    person, number, mood = morph(token, "Person"), morph(token, "Number"), morph(token, "Mood")
    tags = grammemes(token.text)
    persons = tags & PERSON_GRAMMEMES.keys()
    imperative = "impr" in tags and not persons - {"2per"} and token.lower_.endswith(IMPERATIVE_ENDINGS)
    if imperative and not read_as_past(token):
        return "2", "Plur" if token.lower_.endswith(("те", "тесь")) else "Sing", "Imp"
    if len(persons) == 1 and "impr" not in tags:
        person = PERSON_GRAMMEMES[next(iter(persons))]
        numbers = tags & {"sing", "plur"}
        number = ("Sing" if "sing" in numbers else "Plur") if len(numbers) == 1 else number
        mood = "Ind" if mood == "Imp" else mood
    return person, number, mood


def read_as_past(token: Token) -> bool:
    """A word both parsers allow as a past verb is past: «клиенты пришли», «нашли решение»,
    «вышли первые серии» (прийти, найти, выйти), as such words nearly always are in posts,
    though pymorphy3 also knows them as imperatives (прислать, наслать, выслать). slovnet tags
    every «пришли» as past, so its tag alone cannot tell. A plural subject before it settles it
    as past («Письма пришли всем участникам»); with none, the imperative needs the context of one: a
    recipient in the dative right after it («Пришли мне фото»), an imperative beside it
    («Напиши мне и пришли фото»), or a direct object the past verb cannot take («Пришли свою
    историю»)."""
    if morph(token, "Tense") != "Past" or "past" not in grammemes(token.text):
        return False
    if any(_subject_before(child, token) for child in token.children):
        return True
    return not (_has_recipient(token) or _joined_to_imperative(token) or _has_foreign_object(token))


def _subject_before(child: Token, verb: Token) -> bool:
    """A plural subject before the verb («Письма пришли…»), not a form of address set off by a
    comma or «!» («Мама, пришли мне фото», «Подписчики, пришли…»), which slovnet also tags
    as a subject."""
    if not child.dep_.startswith("nsubj") or child.i > verb.i or _set_off(child):
        return False
    return child.lower_ in ("они", "вы", "мы") or {"plur", "nomn"} <= grammemes(child.text)


def _set_off(token: Token) -> bool:
    return token.i + 1 < len(token.doc) and token.doc[token.i + 1].text in (",", "!")


def _has_recipient(verb: Token) -> bool:
    """«Пришли мне…», «перешли подруге…»: a dative with no preposition after the verb."""
    return any(child.i > verb.i and morph(child, "Case") == "Dat" and _bare(child) for child in verb.children)


def _has_foreign_object(verb: Token) -> bool:
    """«Пришли свою историю»: an object with no preposition, which прийти, выйти and the like
    cannot have (slovnet tags some as nominative: «Пришли ответ до пятницы»)."""
    return past_takes_no_object(verb.text) and any(
        child.dep_ == "obj" and morph(child, "Case") in ("Acc", "Nom") and _bare(child)
        for child in verb.children
    )


def _bare(noun: Token) -> bool:
    """A noun with no preposition: «мне», not «ко мне»."""
    return not any(child.dep_ == "case" for child in noun.children)


def _joined_to_imperative(verb: Token) -> bool:
    """«Напиши мне и пришли фото»: a conjunct that is plainly an imperative (no past reading)."""
    partners = [c for c in verb.children if c.dep_ == "conj"] + ([verb.head] if verb.dep_ == "conj" else [])
    return any(morph(t, "Mood") == "Imp" or _plainly_imperative(grammemes(t.text)) for t in partners)


def _plainly_imperative(tags: frozenset[str]) -> bool:
    return "impr" in tags and "past" not in tags


INFINITIVE_ENDINGS = ("ть", "ться", "ти", "тись", "чь", "чься")


def is_infinitive(token: Token) -> bool:
    """slovnet's VerbForm=Inf, or a word pymorphy3 knows only as an infinitive
    (slovnet reads a lone capitalised «Подписаться» as a finite passive verb)."""
    if morph(token, "VerbForm") == "Inf":
        return True
    return token.lower_.endswith(INFINITIVE_ENDINGS) and "INFN" in grammemes(token.text)


def release_caches(doc: Doc) -> None:
    """Drop the per-Doc caches of Token objects and form sets, which spaCy cannot serialise."""
    for key in ("voicecheck_tokens", "voicecheck_forms"):
        doc.user_data.pop(key, None)


def features(doc: Doc) -> dict:
    if doc._.features is None:
        doc._.features = {}
    return doc._.features


def set_spans(doc: Doc, detector: str, spans: list[Span]) -> None:
    spans = sorted(spans, key=lambda s: (s.start, s.end))
    doc.spans[SPAN_KEYS[detector]] = spans


def detector_spans(doc: Doc) -> list[Span]:
    """Every detector span of the Doc, in text order."""
    found = [s for key in SPAN_KEYS.values() if key in doc.spans for s in doc.spans[key]]
    return sorted(found, key=lambda s: (s.start_char, s.end_char))


def morph(token: Token, name: str) -> str:
    values = token.morph.get(name)
    return values[0] if values else ""


def regex_spans(doc: Doc, pattern: re.Pattern, label: str) -> list[Span]:
    """Spans over each match of ``pattern`` in the Doc's text, widened to whole tokens."""
    spans = []
    for match in pattern.finditer(text_of(doc)):
        span = doc.char_span(match.start(), match.end(), label=label, alignment_mode="expand")
        if span is not None and len(span):
            spans.append(span)
    return spans
