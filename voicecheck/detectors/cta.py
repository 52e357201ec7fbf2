"""Calls to action and offers.

Spans: ASK (the reader is asked to buy, order, book, apply, sign up, write or
come: an imperative, «можно записаться», «оставьте заявку»), ENGAGE (subscribe,
share, vote: asks for attention, not a purchase), PRICE (a sum of money),
PROMO (promo codes and discounts), DEADLINE (до 15 марта, осталось 3 места,
последний день), LINK (a link or «по ссылке»), FREE (бесплатно).
"""

import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..lexicon import grammemes, read_lemmas, token_forms
from ..nlp import text_of, tokens_of
from .common import (
    features,
    is_infinitive,
    is_word,
    masks,
    person_number_mood,
    regex_spans,
    set_spans,
)

PRICE = re.compile(
    r"(?<![\w.])(?:от\s+|до\s+)?\d[\d\s]{0,9}(?:[.,]\d+)?\s*(?:тыс\.?\s*|млн\.?\s*|к\s+)?"
    r"(?:₽|руб\b\.?|рублей|рубля|рубль|р\.(?!\w)|\$|€|usd|eur)",
    re.IGNORECASE,
)
PROMO = re.compile(
    r"промокод\w*\s*[«\"]?[\w-]*[»\"]?|скидк\w+\s+(?:до\s+)?\d+\s*%|[-−–]\s?\d{1,2}\s?%(?!\w)"
    r"|\d{1,2}\s?%\s+скидк\w+|\bакци[яюи]\b|распродаж\w+|кешбэк\w*|кэшбэк\w*",
    re.IGNORECASE,
)
DEADLINE = re.compile(
    r"\b(?:только\s+)?до\s+\d{1,2}(?:[./]\d{1,2}|\s+(?:января|февраля|марта|апреля|мая|июня|июля"
    r"|августа|сентября|октября|ноября|декабря))|\bосталось\s+(?:всего\s+)?\d+\s+\w+"
    r"|\bпоследни[йе]\s+(?:день|дни|шанс|места)|\bуспей(?:те)?\b|\bтолько\s+(?:сегодня|до|в\s+эти)"
    r"|\bограничен\w*\s+(?:предложени\w+|количеств\w+)|\bмест[ао]?\s+ограничен\w*"
    r"|\bдо\s+конца\s+(?:недели|месяца|дня)|\bсегодня\s+последний",
    re.IGNORECASE,
)
LINK_WORDS = re.compile(
    r"\bпо\s+ссылке\b|\bссылк[аи]\s+в\s+(?:шапке|профиле|описании|био|комментариях)"
    r"|\bв\s+(?:директ|личк[уе]|лс)\b|\bв\s+комментари(?:ях|и)\b",
    re.IGNORECASE,
)
FREE = re.compile(r"\bбесплатн\w*|\bбез\s+оплаты\b|\bfree\b", re.IGNORECASE)
ASK_PHRASES = re.compile(
    r"\b(?:запись|заявки|регистрация|предзаказ|продажи|бронирование)\s+(?:уже\s+)?(?:открыт\w*|идёт|идет|"
    r"начал\w*|стартовал\w*)|\bоставить\s+заявку|\bжд[её]м\s+(?:вас|тебя)|\bжду\s+(?:вас|тебя)"
    r"|\bзаписаться\s+можно|\bможно\s+(?:записаться|заказать|купить|забронировать|оформить)",
    re.IGNORECASE,
)
INVITATION_MOODS = ("Imp",)


class CallToActionDetector:
    def __init__(self) -> None:
        self.ask_verbs = read_lemmas("cta_verbs.txt")
        self.engage_verbs = read_lemmas("engage_verbs.txt")

    def __call__(self, doc: Doc) -> Doc:
        spans = self.evidence(doc)
        set_spans(doc, "cta", spans)
        features(doc)["cta"] = summarize(spans)
        return doc

    def evidence(self, doc: Doc) -> list[Span]:
        spans = [s for s in (self._verb_span(t) for t in tokens_of(doc) if is_word(t)) if s is not None]
        for pattern, label in (
            (PRICE, "PRICE"),
            (PROMO, "PROMO"),
            (DEADLINE, "DEADLINE"),
            (LINK_WORDS, "LINK"),
            (FREE, "FREE"),
            (ASK_PHRASES, "ASK"),
        ):
            spans.extend(regex_spans(doc, pattern, label))
        spans.extend(Span(doc, i, i + 1, label="LINK") for i, kind in masks(doc).items() if kind == "url")
        return _drop_overlaps(spans)

    def _verb_span(self, token: Token) -> Span | None:
        if not _is_imperative(token):
            return self._infinitive_ask(token)
        return self._ask_or_engage(token)

    def _infinitive_ask(self, token: Token) -> Span | None:
        """A bare infinitive heading its own line («Записаться», «Подписаться»)."""
        if not is_infinitive(token):
            return None
        span = self._ask_or_engage(token)
        return span if span is not None and _alone_on_line(token) else None

    def _ask_or_engage(self, token: Token) -> Span | None:
        forms = token_forms(token)
        if forms & self.engage_verbs:
            return Span(token.doc, token.i, token.i + 1, label="ENGAGE")
        if forms & self.ask_verbs:
            return Span(token.doc, token.i, token.i + 1, label="ASK")
        return None


def _is_imperative(token: Token) -> bool:
    """slovnet's Mood=Imp, corrected by pymorphy3 where slovnet misreads a capitalised
    verb («Ставьте», «Записывайтесь») at a line start."""
    if token.pos_ in ("VERB", "AUX"):
        return person_number_mood(token)[2] in INVITATION_MOODS
    return (
        token.pos_ in ("PROPN", "NOUN", "ADJ")
        and token.text[:1].isupper()
        and "impr" in grammemes(token.text)
    )


def _alone_on_line(token: Token) -> bool:
    """No other word shares the token's line (links, emoji and marks may)."""
    text = text_of(token.doc)
    line_start = text.rfind("\n", 0, token.idx) + 1
    line_end = text.find("\n", token.idx)
    line = token.doc.char_span(line_start, len(text) if line_end < 0 else line_end, alignment_mode="expand")
    return line is not None and not any(is_word(t) and t.i != token.i for t in line)


def _drop_overlaps(spans: list[Span]) -> list[Span]:
    """One span per label at a place: the longest wins."""
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.label_, s.start, -len(s))):
        if kept and kept[-1].label_ == span.label_ and span.start < kept[-1].end:
            continue
        kept.append(span)
    return kept


def summarize(spans: list[Span]) -> dict:
    counts: dict[str, int] = {}
    for span in spans:
        counts[span.label_] = counts.get(span.label_, 0) + 1
    asks = counts.get("ASK", 0)
    offer = counts.get("PRICE", 0) + counts.get("PROMO", 0)
    return {
        "has_cta": int(asks > 0),
        "asks": asks,
        "has_offer": int(offer > 0),
        "has_deadline": int(counts.get("DEADLINE", 0) > 0),
        "has_link": int(counts.get("LINK", 0) > 0),
        "free": int(counts.get("FREE", 0) > 0),
        "engage": counts.get("ENGAGE", 0),
        "counts": counts,
    }


@Language.factory("voicecheck_cta", assigns=["doc.spans", "doc._.features"])
def make_cta_detector(nlp: Language, name: str) -> CallToActionDetector:
    return CallToActionDetector()
