"""Who speaks: the author as «я», the brand or team as «мы», or nobody.

Evidence, per token outside quotations:
- strong: first-person pronouns and possessives (я, мой; мы, наш) and verbs that
  carry Person=1 (расскажу, делаем);
- weak: past-tense verbs with no subject, which Russian morphology leaves without
  a person («Запустила рекламу», «Рассказали в карточках»): singular feminine or
  masculine counts towards «я», plural towards «мы», each at half weight, and only
  when the Doc has no nominal subject that the verb could refer back to.
Generic «мы» (все мы, каждый из нас, наш организм) and first person inside
quotation marks or quoted dialogue do not count. Second person (вы, ты, ваш,
imperatives) is measured as the reader being addressed.
"""

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..lexicon import grammemes, phrase_matcher
from ..nlp import text_of, tokens_of
from .common import (
    CASE_TAG,
    features,
    is_word,
    morph,
    per_100_words,
    person_number_mood,
    quoted_tokens,
    set_spans,
    word_count,
)

I_LEMMAS = frozenset({"я", "мой"})
WE_LEMMAS = frozenset({"мы", "наш"})
YOU_LEMMAS = frozenset({"вы", "ты", "ваш", "твой"})
INCLUSIVE_CUES = frozenset({"давайте", "давай"})
WEAK_WEIGHT = 0.5
INSTRUCTION_YOU = 3
PARENTHETICAL_1PL = frozenset({"допустим", "предположим", "скажем", "положим"})
ANTECEDENT_PRONOUNS = frozenset({"он", "она", "они", "оно"})
NOT_A_SUBJECT = frozenset({"я", "мы", "это", "что", "кто", "который", "себя"})


class VoiceDetector:
    def __init__(self) -> None:
        self.generic = phrase_matcher("generic_we.txt")

    def __call__(self, doc: Doc) -> Doc:
        spans = _drop_unsupported_implied(doc, _relabel_instructional(doc, self.evidence(doc)))
        set_spans(doc, "voice", spans)
        features(doc)["voice"] = summarize(doc, spans)
        return doc

    def evidence(self, doc: Doc) -> list[Span]:
        excluded = quoted_tokens(doc)
        spans = [Span(doc, s.start, s.end, label="GENERIC_WE") for s in self.generic(doc, "")]
        generic = {i for s in spans for i in range(s.start, s.end)}
        quoted_people = [
            Span(doc, t.i, t.i + 1, label="QUOTED") for t in tokens_of(doc) if t.i in excluded and _person(t)
        ]
        spans.extend(quoted_people)
        antecedents = _antecedents(doc)
        for token in tokens_of(doc):
            if token.i in excluded or token.i in generic or not is_word(token):
                continue
            if any(child.i in generic for child in token.children):
                continue  # the verb of a generic «все мы»
            label = _label(token, antecedents)
            if label:
                spans.append(Span(doc, token.i, token.i + 1, label=label))
        return spans


def _person(token: Token) -> str:
    lemma = token.lemma_.lower()
    if lemma in I_LEMMAS or lemma in WE_LEMMAS:
        return lemma
    return morph(token, "Person") if token.pos_ in ("VERB", "AUX") else ""


def _label(token: Token, antecedents: list[tuple[int, str]]) -> str:
    lemma = token.lemma_.lower()
    if lemma in I_LEMMAS:
        return "I"
    if lemma in WE_LEMMAS:
        return "WE"
    if lemma in YOU_LEMMAS:
        return "YOU"
    if token.lower_ in PARENTHETICAL_1PL:
        return ""
    if token.pos_ not in ("VERB", "AUX"):
        return _misread_past_verb(token, antecedents)
    return _verb_label(token, antecedents)


def _misread_past_verb(token: Token, antecedents: list[tuple[int, str]]) -> str:
    """slovnet can tag a capitalised past verb opening a sentence as an adjective or a
    name («Запустила рекламу…»); pymorphy3 knows it is only a past-tense verb."""
    if not token.is_title or not (token.is_sent_start or token.i == 0):
        return ""
    if grammemes(token.text) & {"NOUN", "ADJF", "ADJS", "PRTF"}:
        return ""
    return _past_verb_by_pymorphy(token, antecedents)


def _only_past(token: Token) -> bool:
    tags = grammemes(token.text)
    return {"VERB", "past"} <= tags and not tags & {"impr", "pres", "futr"}


def _past_verb_by_pymorphy(token: Token, antecedents: list[tuple[int, str]]) -> str:
    """A verb pymorphy3 knows only in the past tense, with a dropped subject: implied я or мы."""
    if not _only_past(token):
        return ""
    tags = grammemes(token.text)
    if any(i < token.i for i, _ in antecedents) or "neut" in tags:
        return ""
    if any(child.dep_.startswith("nsubj") for child in token.children):
        return ""
    if "plur" in tags:
        return "WE_IMPLIED"
    return "I_IMPLIED" if "sing" in tags else ""


def _verb_label(token: Token, antecedents: list[tuple[int, str]]) -> str:
    person, number, mood = person_number_mood(token)
    if mood == "Imp" and _only_past(token):
        return _past_verb_by_pymorphy(token, antecedents)  # «Загрузила» read as an imperative
    if mood == "Imp":
        return "YOU" if person != "1" else "WE_INCLUSIVE"
    if person == "1":
        if number == "Plur" and _after_inclusive_cue(token):
            return "WE_INCLUSIVE"
        return "I" if number == "Sing" else "WE"
    if person == "2":
        return "YOU"
    return _dropped_subject_label(token, number, antecedents)


def _after_inclusive_cue(token: Token) -> bool:
    start = max(0, token.i - 3)
    return any(t.lower_ in INCLUSIVE_CUES for t in token.doc[start : token.i])


def _dropped_subject_label(token: Token, number: str, antecedents: list[tuple[int, str]]) -> str:
    if morph(token, "Tense") != "Past" or morph(token, "VerbForm") != "Fin":
        return ""
    if token.lemma_.lower() == "быть" or morph(token, "Gender") == "Neut":
        return ""  # «было поздно», «были установлены»: nobody acts
    if any(child.dep_.startswith("nsubj") for child in token.children):
        return ""
    if token.dep_ in ("conj", "xcomp", "advcl", "acl", "acl:relcl", "csubj", "ccomp", "aux", "aux:pass"):
        return ""
    if any(i < token.i and n == number for i, n in antecedents):
        return ""
    return {"Sing": "I_IMPLIED", "Plur": "WE_IMPLIED"}.get(number, "")


def _antecedents(doc: Doc) -> list[tuple[int, str]]:
    """Positions and numbers of subjects a dropped-subject verb could refer back to:
    people and names (animate), organisations (proper nouns) and он/она/они."""
    found = []
    for token in tokens_of(doc):
        if not token.dep_.startswith("nsubj") or token.lemma_.lower() in NOT_A_SUBJECT:
            continue
        animate = morph(token, "Animacy") == "Anim" or token.pos_ == "PROPN"
        if animate or token.lemma_.lower() in ANTECEDENT_PRONOUNS:
            found.append((token.i, morph(token, "Number") or "Sing"))
    return found


def _relabel_instructional(doc: Doc, spans: list[Span]) -> list[Span]:
    """Recipes and exercises speak in 1st person plural to the reader («Нарезаем
    огурцы», «Ставим фокус»): with no мы/наш pronoun and the reader addressed at
    least ``INSTRUCTION_YOU`` times, such verbs are inclusive, not the brand."""
    you = sum(1 for s in spans if s.label_ == "YOU")
    pronouns = any(s.label_ == "WE" and doc[s.start].pos_ in ("PRON", "DET") for s in spans)
    if you < INSTRUCTION_YOU or pronouns:
        return spans
    return [Span(doc, s.start, s.end, label="WE_INCLUSIVE") if s.label_ == "WE" else s for s in spans]


def _drop_unsupported_implied(doc: Doc, spans: list[Span]) -> list[Span]:
    """Dropped-subject plural past verbs alone are as often news («В области ввели
    режим») as the brand: they count only beside a stated first person, a reader
    addressed, or in a post the author files as a case («Кейс: вернули клиенту 1,1 млн»).
    Singular ones («Запустила рекламу») stay: news names its subject."""
    if any(s.label_ in ("I", "WE", "YOU") for s in spans) or CASE_TAG.search(text_of(doc)):
        return spans
    return [s for s in spans if s.label_ != "WE_IMPLIED"]


def summarize(doc: Doc, spans: list[Span]) -> dict:
    counts = {label: 0 for label in ("I", "WE", "YOU", "I_IMPLIED", "WE_IMPLIED")}
    for span in spans:
        if span.label_ in counts:
            counts[span.label_] += 1
    words = word_count(doc)
    i_score = counts["I"] + WEAK_WEIGHT * counts["I_IMPLIED"]
    we_score = counts["WE"] + WEAK_WEIGHT * counts["WE_IMPLIED"]
    return {
        "voice": decide_voice(i_score, we_score),
        "i_score": i_score,
        "we_score": we_score,
        "i_rate": per_100_words(counts["I"] + counts["I_IMPLIED"], words),
        "we_rate": per_100_words(counts["WE"] + counts["WE_IMPLIED"], words),
        "you_rate": per_100_words(counts["YOU"], words),
        "words": words,
        "counts": counts,
    }


def decide_voice(i_score: float, we_score: float, *, minimum: float = 1.0) -> str:
    """The dominant first person; a tie goes to «я»; under ``minimum`` nobody speaks."""
    if max(i_score, we_score) < minimum:
        return "none"
    return "i" if i_score >= we_score else "we"


@Language.factory("voicecheck_voice", assigns=["doc.spans", "doc._.features"])
def make_voice_detector(nlp: Language, name: str) -> VoiceDetector:
    return VoiceDetector()
