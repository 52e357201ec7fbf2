"""Calls to action and offers.

Spans: ASK (the reader is asked to buy, order, book, apply, sign up, write or
come: an imperative, «можно записаться», «оставьте заявку», a line that opens with
an ask and leads to a link or contact («Записаться: t.me/…», «Заявка — @bot»), an
announcement «открываю запись», «принимаем заказы»), ENGAGE (subscribe,
share, vote: asks for attention, not a purchase), PRICE (a sum of money),
PROMO (promo codes and discounts), DEADLINE (до 15 марта, осталось 3 места,
последний день), LINK (a link or «по ссылке»), FREE (бесплатно).
"""

import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..lexicon import grammemes, imperative_forms, read_actions, token_forms
from ..nlp import text_of, tokens_of
from .common import (
    features,
    is_infinitive,
    is_word,
    masks,
    morph,
    person_number_mood,
    quoted_tokens,
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
PROFILE_PLACES = r"шапке|профиле|описании|био"  # «ссылка в шапке»
PERSONAL_MESSAGES = r"\bв\s+личн(?:ые|ых)\s+сообщени(?:я|ях)\b"
LINK_WORDS = re.compile(
    rf"\bпо\s+ссылке\b|\bссылк[аи]\s+в\s+(?:{PROFILE_PLACES}|комментариях)"
    rf"|\bв\s+(?:директ|личк[уе]|лс)\b|{PERSONAL_MESSAGES}|\bв\s+комментари(?:ях|и)\b",
    re.IGNORECASE,
)
CONTACT_WORDS = re.compile(
    rf"\bпо\s+(?:ссылке|телефону|номеру)\b|\bссылк[аи]\s+в\s+(?:{PROFILE_PLACES})"
    r"|\bв\s+(?:директ\w*|личк[уе]|лс|бот[еа]?|telegram|телеграм\w*|whatsapp|вотсап\w*|ватсап\w*)\b"
    rf"|{PERSONAL_MESSAGES}|\bна\s+сайте\b"
    r"|(?<![\w+])(?:\+7|8)[\s(-]*\d{3,4}[\s)-]*\d{1,3}[\s-]*\d{2}[\s-]*\d{2}(?!\d)",
    re.IGNORECASE,
)
FREE = re.compile(r"\bбесплатн\w*|\bбез\s+оплаты\b|\bfree\b", re.IGNORECASE)
ASK_PHRASES = re.compile(
    r"\b(?:запись|заявки|регистрация|предзаказ|продажи|бронирование)\s+(?:уже\s+)?(?:открыт\w*|идёт|идет|"
    r"начал\w*|стартовал\w*)|\bоставить\s+заявку|\bжд[её]м\s+(?:вас|тебя)|\bжду\s+(?:вас|тебя)"
    r"|\bзаписаться\s+можно|\bможно\s+(?:записаться|заказать|купить|забронировать|оформить)",
    re.IGNORECASE,
)
ASK_LABELS = ("ASK", "ENGAGE")
INVITATION_MOODS = ("Imp",)
IMPERATIVE_POS = ("VERB", "AUX", "NOUN", "PROPN", "ADJ")
CONTACT_MASKS = ("url", "mention")
SENTENCE_ENDS = (".", "!", "?", "…")
# «Запись: …», «Для заказа — …»: a noun naming the step, as a label before a link or contact.
CALL_LABELS = frozenset({"запись", "заявка", "регистрация", "заказ", "бронь", "бронирование", "предзаказ"})
MAX_LABEL_WORDS = 6
# «Открываю запись», «Открыт набор», «Объявляем набор»: the step is announced as open.
OPENING_VERBS = frozenset(
    {"открыть", "открывать", "объявить", "объявлять", "стартовать", "начать", "начинать"}
)
# «Принимаем заказы», «Заявки принимаются»: only in the present, «приняли 40 заказов» is a report.
ACCEPTING_VERBS = frozenset({"принимать", "приниматься"})
ACCEPTED_STEPS = frozenset({"заявка", "заказ", "предзаказ"})
ANNOUNCING_VERBS = OPENING_VERBS | ACCEPTING_VERBS
OPENED_STEPS = frozenset(
    {"запись", "набор", "предзаказ", "продажа", "регистрация", "бронирование", "заявка", "заказ"}
)
# «Открываю запись»: the step is the object; «Открыт набор», «Заявки принимаются»: the subject
# of a passive. «Продажи стартуют 14 марта» is as often news about someone else's product.
ACTIVE_STEP_DEPS = ("obj",)
PASSIVE_STEP_DEPS = ("nsubj", "nsubj:pass")
SUBORDINATE_DEPS = ("advcl", "acl", "acl:relcl")
AUTHOR_PRONOUNS = ("я", "мы")


class CallToActionDetector:
    def __init__(self) -> None:
        self.ask_verbs = read_actions("cta_verbs.txt")
        self.engage_verbs = read_actions("engage_verbs.txt")
        self.actions = self.ask_verbs | self.engage_verbs

    def __call__(self, doc: Doc) -> Doc:
        spans = self.evidence(doc)
        set_spans(doc, "cta", spans)
        features(doc)["cta"] = summarize(spans)
        return doc

    def evidence(self, doc: Doc) -> list[Span]:
        quoted = quoted_tokens(doc)
        words = [t for t in tokens_of(doc) if is_word(t) and t.i not in quoted]
        spans = [s for s in (self._verb_span(t) for t in words) if s is not None]
        spans.extend(self._call_sentences(doc))
        spans.extend(_announcements(doc))
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
        return [self._named(span) for span in _drop_overlaps(spans)]

    def _named(self, span: Span) -> Span:
        """An ask named (``span.id_``) by the action it asks for: its last ask verb, both
        aspects as one («покупайте» and «купите»: купить); an announcement or a label by
        the step it names («Открыли запись», «Запись:» and «Записывайтесь» are one ask:
        записаться)."""
        if span.label_ not in ASK_LABELS:
            return span
        actions = [action for token in span if (action := self._action(token) or _step_action(token))]
        if not actions:
            return span
        return Span(span.doc, span.start, span.end, label=span.label_, span_id=actions[-1])

    def _action(self, token: Token) -> str:
        verbs = sorted(_verb_forms(token) & self.actions.keys())
        return self.actions[verbs[0]] if verbs else ""

    def _verb_span(self, token: Token) -> Span | None:
        if not _is_imperative(token):
            return self._infinitive_ask(token)
        return None if _negated(token) else self._ask_or_engage(token)

    def _infinitive_ask(self, token: Token) -> Span | None:
        """A bare infinitive heading its own line («Записаться», «Подписаться»)."""
        if not is_infinitive(token):
            return None
        span = self._ask_or_engage(token)
        return span if span is not None and _alone_on_line(token) else None

    def _ask_or_engage(self, token: Token) -> Span | None:
        label = self._ask_label(token)
        return None if label is None else Span(token.doc, token.i, token.i + 1, label=label)

    def _ask_label(self, token: Token) -> str | None:
        forms = _verb_forms(token)
        if forms & self.engage_verbs.keys():
            return "ENGAGE"
        if forms & self.ask_verbs.keys():
            return "ASK"
        return None

    def _call_sentences(self, doc: Doc) -> list[Span]:
        """Sentences that open with an ask and lead to a link or contact: «Записаться:
        t.me/…», «Выбрать пакет и записаться на созвон: site.ru», «Заявка — @bot»,
        «Для записи:» with the phone on the next line."""
        contacts = _contact_tokens(doc)
        lines = _lines(doc)
        spans = []
        for line, next_line in zip(lines, [*lines[1:], []][: len(lines)], strict=True):
            sentences = _sentences(line)
            for sentence in sentences:
                follows = next_line if sentence is sentences[-1] else []
                head = _head_before_contact(sentence, follows, contacts)
                span = self._call_head(head) if head else None
                if span is not None:
                    spans.append(span)
        return spans

    def _call_head(self, head: list[Token]) -> Span | None:
        """The ask in the words before a contact: infinitives of ask verbs, or a label."""
        if any(_is_verb_form(t) and not is_infinitive(t) for t in head):
            return None  # «Выбрать плитку помог каталог: …» tells, it does not ask
        if is_infinitive(head[0]) and self._ask_label(head[0]):
            return None if _subject_of_a_statement(head[0]) else self._infinitive_call(head)
        return _label_call(head)

    def _infinitive_call(self, head: list[Token]) -> Span:
        """«Выбрать пакет и записаться»: one ask from the first to the last ask infinitive."""
        asks = [(t, self._ask_label(t)) for t in head if is_infinitive(t)]
        asks = [(t, label) for t, label in asks if label]
        label = "ASK" if any(label == "ASK" for _, label in asks) else "ENGAGE"
        return Span(head[0].doc, head[0].i, asks[-1][0].i + 1, label=label)


def _is_imperative(token: Token) -> bool:
    """slovnet's Mood=Imp, corrected by pymorphy3 where slovnet misreads an imperative
    («Ставьте», «Записывайтесь» at a line start, «пишите», «а ещё подпишитесь») as a noun;
    not a word read as past («клиенты пришли», not «пришли мне фото»: ``read_as_past``)."""
    if token.pos_ not in IMPERATIVE_POS:
        return False
    if token.pos_ not in ("VERB", "AUX") and "impr" not in grammemes(token.text):
        return False  # a noun no dictionary reading makes an imperative: the cheap test first
    return person_number_mood(token)[2] in INVITATION_MOODS


def _verb_forms(token: Token) -> frozenset[str]:
    """«Пришли мне фото» asks to send (прислать), not to come (прийти): a past form read
    as an imperative asks by the imperative's lemma."""
    if "past" in grammemes(token.text) and _is_imperative(token):
        return imperative_forms(token.text)
    return token_forms(token)


def _negated(token: Token) -> bool:
    """«Не покупайте…», «запись не открыта»: «не» right before the verb makes a prohibition
    or a denial, not an ask («пишите в описании, а не в названии» is still an ask)."""
    tokens, i = tokens_of(token.doc), token.i - 1
    while i >= 0 and tokens[i].is_space:
        i -= 1
    return i >= 0 and tokens[i].lower_ == "не"


def _subject_of_a_statement(infinitive: Token) -> bool:
    """«Записаться по телефону не получилось», «Выбрать плитку на сайте бывает непросто»:
    the infinitive is what a finite verb after the contact says something about."""
    verb = infinitive.head
    return verb.i != infinitive.i and verb.pos_ in ("VERB", "AUX") and morph(verb, "Mood") == "Ind"


def _is_verb_form(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") or _is_imperative(token)


def _lines(doc: Doc) -> list[list[Token]]:
    """The Doc's non-blank lines, as their tokens without whitespace."""
    text = text_of(doc)
    lines = []
    start = 0
    for line in text.split("\n"):
        span = doc.char_span(start, start + len(line), alignment_mode="expand") if line.strip() else None
        tokens = [t for t in span if not t.is_space] if span is not None else []
        if tokens:
            lines.append(tokens)
        start += len(line) + 1
    return lines


def _sentences(line: list[Token]) -> list[list[Token]]:
    """A line cut after each . ! ? … (a masked link keeps its dots)."""
    sentences: list[list[Token]] = [[]]
    for token in line:
        sentences[-1].append(token)
        if token.is_punct and token.text in SENTENCE_ENDS and token.i not in masks(token.doc):
            sentences.append([])
    return [s for s in sentences if s]


def _contact_tokens(doc: Doc) -> set[int]:
    """Indices of tokens that reach the author: links, @mentions, «в директ», a phone number."""
    found = {i for i, kind in masks(doc).items() if kind in CONTACT_MASKS}
    for span in regex_spans(doc, CONTACT_WORDS, "CONTACT"):
        found.update(range(span.start, span.end))
    return found


def _head_before_contact(sentence: list[Token], next_line: list[Token], contacts: set[int]) -> list[Token]:
    """The words of a sentence before its first contact, or of a sentence with nothing but
    marks after its words when the next line opens with a contact («Запись:» / «+7 …»).
    Empty when no contact follows."""
    for position, token in enumerate(sentence):
        if token.i in contacts:
            return [t for t in sentence[:position] if is_word(t)]
    if next_line and next_line[0].i in contacts:
        return [t for t in sentence if is_word(t)]
    return []


def _label_call(head: list[Token]) -> Span | None:
    """«Запись:», «Заявка на участие —», «Для заказа:» before a contact; not «Записи всех
    эфиров доступны в боте», a thing and what is said of it."""
    words = head[1:] if head[0].lower_ == "для" else head
    if not words or len(head) > MAX_LABEL_WORDS or not token_forms(words[0]) & CALL_LABELS:
        return None
    if _names_a_thing(words) or any(morph(t, "Variant") == "Short" for t in head):
        return None
    return Span(head[0].doc, head[0].i, words[0].i + 1, label="ASK")


def _names_a_thing(words: list[Token]) -> bool:
    """A genitive noun right after the label makes it a thing: «Запись (всех) эфиров»,
    «Заказ №5»; «Запись на консультацию», «Заявка и вопросы» stay a step."""
    for token in words[1:]:
        if token.pos_ in ("ADP", "CCONJ"):
            return False
        if token.pos_ in ("NOUN", "PROPN"):
            return morph(token, "Case") == "Gen"
    return False


# The action an opened step asks for, as cta_verbs.txt names it (its first verb).
STEP_ACTIONS = {
    "запись": "записаться",
    "регистрация": "зарегистрироваться",
    "заказ": "заказать",
    "предзаказ": "заказать",
    "бронирование": "забронировать",
    "заявка": "оставить заявку",  # not «оставьте отзыв»
}


def _step_action(token: Token) -> str:
    return STEP_ACTIONS.get(token.lemma_.lower(), "") if token.pos_ == "NOUN" else ""


def _announcements(doc: Doc) -> list[Span]:
    """«Открываю запись на курс», «Открыт набор», «Принимаем заказы», «Заявки принимаются»:
    the step is announced as open by the author or by nobody in particular, in a main clause
    and not denied; not «Healthspan Labs начала набор добровольцев» (news)."""
    spans = []
    for token in tokens_of(doc):
        if not token_forms(token) & ANNOUNCING_VERBS:  # the cheap test first: most words are not
            continue
        if token.dep_ in SUBORDINATE_DEPS or _negated(token):
            continue
        for step in _announced_steps(token):
            if _announces(token, step):
                start, end = min(token.i, step.i), max(token.i, step.i) + 1
                spans.append(Span(doc, start, end, label="ASK"))
    return spans


def _announced_steps(verb: Token) -> list[Token]:
    if _is_passive(verb):
        return [t for t in verb.children if t.dep_ in PASSIVE_STEP_DEPS]
    if any(t.dep_ == "nsubj" and t.lower_ not in AUTHOR_PRONOUNS for t in verb.children):
        return []
    return [t for t in verb.children if t.dep_ in ACTIVE_STEP_DEPS]


def _is_passive(verb: Token) -> bool:
    """«Заявки принимаются», «Открыт набор»; not «Принимаем заказы», a finite verb that
    pymorphy3 also knows as a short participle."""
    finite = morph(verb, "VerbForm") == "Fin"
    return morph(verb, "Voice") == "Pass" or (not finite and _is_short_participle(verb))


def _is_short_participle(token: Token) -> bool:
    """«Открыт», «открыта»: pymorphy3's PRTS (slovnet reads a capitalised one as an adjective)."""
    return "PRTS" in grammemes(token.text)


def _announces(token: Token, step: Token) -> bool:
    forms = token_forms(token)
    if forms & ACCEPTING_VERBS:
        return _accepts_now(token) and bool(token_forms(step) & ACCEPTED_STEPS)
    opening = token.pos_ != "ADJ" or _is_short_participle(token)
    return opening and bool(forms & OPENING_VERBS) and bool(token_forms(step) & OPENED_STEPS)


def _accepts_now(token: Token) -> bool:
    """«Принимаем», «принимаются»: the author or nobody in particular, in the present;
    not «суды принимают», «приняли 40 заказов»."""
    person = person_number_mood(token)[0]
    return morph(token, "Tense") == "Pres" and (person == "1" or morph(token, "Voice") == "Pass")


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
