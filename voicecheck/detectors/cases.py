"""Real case studies: a specific client, project or situation, what was done,
and what came of it.

Spans: CLIENT (клиентка, ученик, проект, a named person), ACTION (what the
author did: first-person or brand past-tense verbs), RESULT (итог, выросли,
снизили), NUMBER (money, percentages, counts with units), TIMEFRAME (за 3
месяца, через две недели), BEFORE_AFTER (было — стало, с 40 до 120), REVIEW
(отзыв, «пишет клиентка»), HYPOTHETICAL (представьте, допустим), CASE_TAG («#кейс», a line
opening with «Кейс»: the author files the post as a case, which stands for someone concrete).

A verb in the conditional or with «чтобы» («я бы поставил», «чтобы мы понимали»,
«чтобы клиент получил») tells no act and no outcome: it is neither an ACTION nor a
RESULT word (a result noun beside it, «чтобы продажи выросли», still counts).

A post tells a case when the evidence adds up to ``THRESHOLD`` points and it
has someone concrete (a client, a named person, a review), the author speaking
and acting (first-person past-tense verbs, found by the voice detector, which
runs first) and an outcome (a result, a number, a time frame, before/after); or
when the author presents a client's review.
"""

import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..lexicon import grammemes, read_sections, token_forms
from ..nlp import tokens_of
from .common import CASE_TAG, SPAN_KEYS, features, is_word, morph, regex_spans, set_spans

NUMBER = re.compile(
    r"(?<![\w.])\d[\d\s]{0,9}(?:[.,]\d+)?\s*(?:%|процент\w*|₽|руб\w*\.?|р\.|\$|€|тыс\w*\.?|млн\w*\.?"
    r"|млрд\w*\.?|раз[а]?\b|кг\b|килограмм\w*|м²|м2|кв\.?\s?м|заяв\w+|клиент\w*|подписчик\w*|лид\w*"
    r"|продаж\w*|заказ\w*|штук\w*|шт\.?|человек|учеников|просмотр\w*|охват\w*|балл\w*)",
    re.IGNORECASE,
)
TIMEFRAME = re.compile(
    r"\b(?:за|через|спустя|в\s+течение)\s+(?:\d+|од(?:ин|ну)|два|две|три|четыре|пять|шесть|семь"
    r"|восемь|десять|пару|полтора|несколько)?\s*(?:дн\w*|день|недел\w*|месяц\w*|год\w*|лет|час\w*"
    r"|минут\w*|сезон\w*|квартал\w*)\b",
    re.IGNORECASE,
)
BEFORE_AFTER = re.compile(
    r"\bбыло\b[^.\n]{0,80}\bстало\b|\bдо\s+и\s+после\b|\bс\s+\d[\d\s,.]*\s*(?:\w+\s+)?до\s+\d"
    r"|\bвместо\s+\d|\bбыл[оаи]?\s+\d[^.\n]{0,40}\bстал[оаи]?\s+\d",
    re.IGNORECASE,
)
# The author files the post as a case: a «#кейс» tag or a line opening with «Кейс»
THRESHOLD = 3.0
QUOTED_STORY = 3  # first-person words inside quotes that make a quoted story
FIRST_PERSON_LABELS = frozenset({"I", "WE", "I_IMPLIED", "WE_IMPLIED"})
PERSON_NAME_GRAMMEMES = frozenset({"Name", "Patr"})
IRREALIS = frozenset({"бы", "б", "чтобы", "чтоб"})  # particle and conjunction of the conditional
POINTS = {
    "CLIENT": 1.0,
    "PERSON": 0.5,
    "ACTION": 1.0,
    "RESULT": 1.0,
    "NUMBER": 1.0,
    "TIMEFRAME": 0.5,
    "BEFORE_AFTER": 1.0,
    "REVIEW": 1.5,
    "CASE_TAG": 1.0,
}


class CaseDetector:
    def __init__(self) -> None:
        sections = read_sections("case_lexicon.txt")
        self.lexicons = {
            "CLIENT": frozenset(sections["client"]),
            "RESULT": frozenset(w for w in sections["result"] if " " not in w),
            "REVIEW": frozenset(sections["review"]),
            "HYPOTHETICAL": frozenset(sections["hypothetical"]),
        }

    def __call__(self, doc: Doc) -> Doc:
        spans = self.evidence(doc)
        set_spans(doc, "cases", spans)
        voice = features(doc).get("voice", {}).get("voice", "none")
        quoted = sum(1 for s in doc.spans.get(SPAN_KEYS["voice"], []) if s.label_ == "QUOTED")
        features(doc)["cases"] = summarize(
            spans, author_speaks=voice != "none", quoted_story=quoted >= QUOTED_STORY
        )
        return doc

    def evidence(self, doc: Doc) -> list[Span]:
        spans: list[Span] = []
        first_person = {
            s.start for s in doc.spans.get(SPAN_KEYS["voice"], []) if s.label_ in FIRST_PERSON_LABELS
        }
        for token in tokens_of(doc):
            if is_word(token):
                label = self._token_label(token, first_person)
                if label:
                    spans.append(Span(doc, token.i, token.i + 1, label=label))
        for pattern, label in (
            (NUMBER, "NUMBER"),
            (TIMEFRAME, "TIMEFRAME"),
            (BEFORE_AFTER, "BEFORE_AFTER"),
            (CASE_TAG, "CASE_TAG"),
        ):
            spans.extend(regex_spans(doc, pattern, label))
        return spans

    def _token_label(self, token: Token, first_person: set[int]) -> str:
        forms = token_forms(token)
        for label in ("HYPOTHETICAL", "REVIEW", "CLIENT", "RESULT"):
            if forms & self.lexicons[label]:
                if label == "CLIENT" and _generic_plural(token):
                    return ""
                if label == "REVIEW" and _generic_plural(token) and not self._has_someone(token):
                    return ""
                if label == "RESULT" and token.pos_ == "VERB" and _irrealis(token):
                    return ""
                return label
        if _is_named_person(token):
            return "PERSON"
        if _author_past_action(token, first_person):
            return "ACTION"
        return ""

    def _has_someone(self, token: Token) -> bool:
        """«отзывы учениц», «отзывы участников», «отзывы Марины», «ваши отзывы»: reviews by
        someone, not reviews as a subject («накрутка отзывов», «отметки в отзывах»)."""
        clients = self.lexicons["CLIENT"]
        return any(_someone(child) or token_forms(child) & clients for child in token.children)


def _someone(token: Token) -> bool:
    """A named person, people («отзывы участников»: a plural owner is how testimonials are
    introduced, so it counts here, unlike a generic plural client) or the reader («ваши»);
    not a marketplace or app («отзывы на Wildberries»)."""
    if token.lemma_.lower() in ("ваш", "твой") or _is_named_person(token):
        return True
    return token.pos_ == "NOUN" and morph(token, "Animacy") == "Anim"


def _generic_plural(token: Token) -> bool:
    """«клиенты», «покупатели» in general, not a specific client: plural with no number
    («трое клиентов», «у 12 учениц» stay concrete)."""
    return morph(token, "Number") == "Plur" and not any(c.dep_.startswith("nummod") for c in token.children)


def _is_named_person(token: Token) -> bool:
    """A first name or patronymic the parser reads as a name; not an acronym pymorphy3 also
    lists as a name («ИИ», «ИИ-примерке»)."""
    tags = grammemes(token.text)
    return token.pos_ == "PROPN" and bool(tags & PERSON_NAME_GRAMMEMES) and "Abbr" not in tags


def _author_past_action(token: Token, first_person: set[int]) -> bool:
    """A past-tense verb of the author: «я провёл», «сделали» (the voice detector's
    first-person verbs, stated or implied)."""
    if token.pos_ != "VERB" or morph(token, "Tense") != "Past" or morph(token, "VerbForm") != "Fin":
        return False
    if _irrealis(token):
        return False
    subjects = [c for c in token.children if c.dep_.startswith("nsubj")]
    if subjects:
        return subjects[0].lemma_.lower() in ("я", "мы")
    return token.i in first_person


def _irrealis(token: Token) -> bool:
    """A verb in the conditional or a «чтобы» clause: «я бы поставил», «чтобы мы
    понимали», «чтобы клиент получил» — a wish, a purpose or a supposition, not
    something that happened (slovnet attaches «бы» as aux and «чтобы» as mark)."""
    return any(child.lower_ in IRREALIS for child in token.children)


def summarize(spans: list[Span], author_speaks: bool, quoted_story: bool = False) -> dict:
    """``quoted_story``: someone's own first-person words are quoted («Пришла на курс…»),
    as in a client's review the account publishes without speaking itself."""
    counts: dict[str, int] = {}
    for span in spans:
        counts[span.label_] = counts.get(span.label_, 0) + 1
    present = {label for label in counts if label in POINTS}
    score = sum(POINTS[label] for label in present)
    score += 0.5 * min(2, max(0, counts.get("NUMBER", 0) - 1))
    someone = bool(present & {"CLIENT", "REVIEW", "PERSON", "CASE_TAG"})
    outcome = bool(present & {"RESULT", "NUMBER", "BEFORE_AFTER", "TIMEFRAME"})
    told = author_speaks and someone and outcome and "ACTION" in present
    testimonial = "REVIEW" in present and (
        (author_speaks and "CLIENT" in present)
        or (quoted_story and bool(present & {"CLIENT", "PERSON"}) and outcome)
    )
    hypothetical = counts.get("HYPOTHETICAL", 0) > 0 and "REVIEW" not in present
    is_case = (told or testimonial) and score >= THRESHOLD and not hypothetical
    return {"case": int(is_case), "score": score, "counts": counts}


@Language.factory("voicecheck_cases", requires=["doc.spans"], assigns=["doc.spans", "doc._.features"])
def make_case_detector(nlp: Language, name: str) -> CaseDetector:
    return CaseDetector()
