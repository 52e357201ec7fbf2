"""Impersonal, faceless tone: канцелярит, passive and impersonal constructions,
штампы and claims without proof, and no author position.

Spans: NOMINAL_CHAIN (three or more nouns, the later ones in the genitive, with
a verbal noun among them), DERIVED_PREP and BUREAUCRATIC (lemma lists),
SPLIT_PREDICATE (осуществлять контроль), PASSIVE (Voice=Pass verbs and short
passive participles), IMPERSONAL_MODAL (рекомендуется проверить), STAMP.

The 0-100 score adds up weighted components (see ``WEIGHTS``); it needs the
voice detector's features, so that component runs first. A post is labelled
impersonal at ``THRESHOLD`` or above.
"""

import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..lexicon import phrase_matcher, read_lemmas, read_sections, token_forms
from ..nlp import tokens_of
from .common import (
    features,
    is_infinitive,
    is_word,
    masks,
    morph,
    per_100_words,
    person_number_mood,
    release_caches,
    set_spans,
    word_count,
)

VERBAL_NOUN_ENDINGS = ("ние", "тие", "ция", "ание", "ение", "ьба", "ство")
WEIGHTS = {
    "no_person": 30.0,  # no «я»: nobody speaks as a person
    "no_team": 10.0,  # no «мы» of a brand or team either
    "no_reader": 5.0,  # nobody is addressed as «вы» / «ты»
    "no_emotion": 20.0,  # no emotion, opinion, live-talk words, exclamations or emoji
    "bureaucratic": 15.0,  # канцелярит density
    "passive": 10.0,  # passive and impersonal constructions
    "stamps": 10.0,  # штампы and claims without proof
}
EMOTION_FULL = 3.0  # this much emotion evidence cancels the no_emotion component
EXCLAMATION_WEIGHT = 0.5
QUESTION_WEIGHT = 1.0  # a question talks with the reader: 40% of live real posts ask one, 8% of faceless
QUESTIONS_COUNTED = 2  # a FAQ list of questions is not more alive than two questions
EMOJI_WEIGHT = 0.25  # also for text smileys: «)))», «:)»
TEXT_SMILEY = re.compile(r"\){2,}|\({2,}|[:;]-?[()]|(?<=[^\W\d_]{2})[()](?!\S)")
BRACKETED = re.compile(r"\([^()]*\)")
BUREAUCRATIC_PER_100_FULL = 6.0
PASSIVE_PER_100_FULL = 3.0
STAMPS_FULL = 2
THRESHOLD = 50
SHORT_POST_WORDS = 8


class ToneDetector:
    def __init__(self) -> None:
        self.stamps = phrase_matcher("stamps.txt")
        self.bureaucratic = phrase_matcher("bureaucratic.txt")
        light_verbs = read_sections("light_verbs.txt")
        self.light_verbs = frozenset(light_verbs[""])
        self.textbook_verbs = frozenset(light_verbs["with listed action nouns"])
        self.action_nouns = read_lemmas("action_nouns.txt")
        self.modals = read_lemmas("impersonal_modals.txt")
        self.emotion = read_lemmas("emotion.txt")

    def __call__(self, doc: Doc) -> Doc:
        spans = self.evidence(doc)
        set_spans(doc, "tone", spans)
        features(doc)["tone"] = self.summarize(doc, spans)
        release_caches(doc)  # the last detector: keep user_data serialisable
        return doc

    def evidence(self, doc: Doc) -> list[Span]:
        spans = self.stamps(doc, "STAMP") + self._bureaucratic_words(doc)
        spans += _nominal_chains(doc)
        for token in tokens_of(doc):
            span = self._token_span(token) if is_word(token) else None
            if span is not None:
                spans.append(span)
        return _without_words_of_split_predicates(spans)

    def _bureaucratic_words(self, doc: Doc) -> list[Span]:
        """Канцелярит as listed, less a noun of its own that only shares a normal form with a
        listed word: «данные» (data) is also a form of «данный» (= «этот»), but no канцелярит."""
        return [s for s in self.bureaucratic(doc, "BUREAUCRATIC") if not self._other_noun(s)]

    def _other_noun(self, span: Span) -> bool:
        token = span[0]
        listed = token.lemma_.lower() in self.bureaucratic.by_first
        return len(span) == 1 and token.pos_ == "NOUN" and not listed

    def _token_span(self, token: Token) -> Span | None:
        """An impersonal modal, a split predicate or a passive verb starting at this token."""
        lemma = token.lemma_.lower()
        # slovnet may tag a predicative «необходимо» as a short adjective (lemma «необходимый»)
        if (lemma in self.modals or token.lower_ in self.modals) and _governs_infinitive(token):
            return _modal_span(token)
        if lemma in self.light_verbs and (noun := self._noun_object(token)) is not None:
            return _split_predicate_span(token, noun)
        if _is_passive(token):
            return Span(token.doc, token.i, token.i + 1, label="PASSIVE")
        return None

    def _noun_object(self, token: Token) -> Token | None:
        """The action noun a light verb carries: «проводим проверку»; a listed noun without an
        -ние suffix only after a textbook verb («осуществляем контроль», not «принимаем оплату»)."""
        textbook = token.lemma_.lower() in self.textbook_verbs
        for child in token.children:
            if child.dep_ not in ("obj", "nsubj:pass", "nsubj") or child.pos_ != "NOUN":
                continue
            if is_verbal_noun(child) or (textbook and child.lemma_.lower() in self.action_nouns):
                return child
        return None

    def summarize(self, doc: Doc, spans: list[Span]) -> dict:
        counts: dict[str, int] = {}
        for span in spans:
            counts[span.label_] = counts.get(span.label_, 0) + 1
        words = word_count(doc)
        emotion = self._emotion_count(doc)
        components = _components(doc, counts, words, emotion)
        # a text with no word at all is not faceless: there is nothing to read
        score = round(sum(WEIGHTS[name] * value for name, value in components.items())) if words else 0
        if words < SHORT_POST_WORDS:
            score = min(score, THRESHOLD - 1) if emotion else score
        return {
            "score": score,
            "impersonal": int(score >= THRESHOLD),
            "components": {k: round(v, 2) for k, v in components.items()},
            "counts": counts,
            "emotion": round(emotion, 2),
            "bureaucratic_rate": per_100_words(_bureaucratic_count(counts), words),
            "passive_rate": per_100_words(_passive_count(counts), words),
            "verbal_noun_rate": per_100_words(_verbal_nouns(doc), words),
        }

    def _emotion_count(self, doc: Doc) -> float:
        """Emotion, stance and live-talk words, «!», questions, emoji and text smileys."""
        exclamations = sum(1 for t in tokens_of(doc) if "!" in t.text and t.is_punct)
        questions = min(QUESTIONS_COUNTED, sum(1 for t in tokens_of(doc) if "?" in t.text and t.is_punct))
        emoji = sum(1 for kind in masks(doc).values() if kind == "emoji")
        emoji += text_smileys(doc.text)
        words = sum(1 for t in tokens_of(doc) if is_word(t) and token_forms(t) & self.emotion)
        return words + EXCLAMATION_WEIGHT * exclamations + QUESTION_WEIGHT * questions + EMOJI_WEIGHT * emoji


def _components(doc: Doc, counts: dict[str, int], words: int, emotion: float) -> dict[str, float]:
    voice = features(doc).get("voice", {})
    reader = voice.get("counts", {}).get("YOU", 0)
    return {
        "no_person": 1.0 - _saturate(voice.get("i_score", 0.0), 2.0),
        "no_team": 1.0 - _saturate(voice.get("we_score", 0.0), 3.0),
        "no_reader": 1.0 if reader == 0 else 0.0,
        "no_emotion": 1.0 - _saturate(emotion, EMOTION_FULL),
        "bureaucratic": _saturate(
            per_100_words(_bureaucratic_count(counts), words), BUREAUCRATIC_PER_100_FULL
        ),
        "passive": _saturate(per_100_words(_passive_count(counts), words), PASSIVE_PER_100_FULL),
        "stamps": _saturate(counts.get("STAMP", 0), STAMPS_FULL),
    }


def _without_words_of_split_predicates(spans: list[Span]) -> list[Span]:
    """«осуществляем контроль» is one split predicate, not also the bureaucratic word «осуществлять»."""
    predicates = [(s.start, s.end) for s in spans if s.label_ == "SPLIT_PREDICATE"]
    return [
        s
        for s in spans
        if s.label_ != "BUREAUCRATIC" or not any(a <= s.start and s.end <= b for a, b in predicates)
    ]


def text_smileys(text: str) -> int:
    """«)))», «((», «:)» and a bracket matching nothing after a word («ну хоть так)»)."""
    unmatched = text
    while (stripped := BRACKETED.sub(" ", unmatched)) != unmatched:
        unmatched = stripped
    return len(TEXT_SMILEY.findall(unmatched))


def _saturate(value: float, full: float) -> float:
    return min(1.0, value / full) if full else 0.0


def _bureaucratic_count(counts: dict[str, int]) -> int:
    return sum(counts.get(k, 0) for k in ("BUREAUCRATIC", "NOMINAL_CHAIN", "SPLIT_PREDICATE"))


def _passive_count(counts: dict[str, int]) -> int:
    return counts.get("PASSIVE", 0) + counts.get("IMPERSONAL_MODAL", 0)


def is_verbal_noun(token: Token) -> bool:
    return token.pos_ == "NOUN" and token.lemma_.lower().endswith(VERBAL_NOUN_ENDINGS)


def _verbal_nouns(doc: Doc) -> int:
    return sum(1 for t in tokens_of(doc) if is_verbal_noun(t))


def _nominal_chains(doc: Doc) -> list[Span]:
    """Runs of 3+ nouns (adjectives and prepositions between them allowed) where each
    later noun is in the genitive and at least one is a verbal noun."""
    spans: list[Span] = []
    for sent in doc.sents:
        nouns = [t for t in sent if t.pos_ == "NOUN"]
        run: list[Token] = []
        for token in nouns:
            if run and _continues_chain(run[-1], token):
                run.append(token)
                continue
            _close_chain(doc, run, spans)
            run = [token]
        _close_chain(doc, run, spans)
    return spans


def _continues_chain(previous: Token, token: Token) -> bool:
    between = previous.doc[previous.i + 1 : token.i]
    return morph(token, "Case") == "Gen" and all(t.pos_ in ("ADJ", "DET", "NUM") for t in between)


def _close_chain(doc: Doc, run: list[Token], spans: list[Span]) -> None:
    if len(run) >= 3 and any(is_verbal_noun(t) for t in run):
        spans.append(Span(doc, run[0].i, run[-1].i + 1, label="NOMINAL_CHAIN"))


def _governs_infinitive(token: Token) -> bool:
    window = token.doc[token.i + 1 : min(len(token.doc), token.i + 5)]
    if any(is_infinitive(t) for t in window):
        return True
    return any(is_infinitive(child) for child in token.children)


def _modal_span(token: Token) -> Span:
    infinitives = [t for t in token.doc[token.i + 1 : token.i + 5] if is_infinitive(t)]
    end = infinitives[0].i + 1 if infinitives else token.i + 1
    return Span(token.doc, token.i, end, label="IMPERSONAL_MODAL")


def _split_predicate_span(token: Token, noun: Token) -> Span:
    start, end = sorted((token.i, noun.i))
    return Span(token.doc, start, end + 1, label="SPLIT_PREDICATE")


def _is_passive(token: Token) -> bool:
    if token.pos_ not in ("VERB", "AUX"):
        return False
    if morph(token, "Voice") != "Pass" or is_infinitive(token):
        return False
    if person_number_mood(token)[2] == "Imp":
        return False  # «Задавайте вопросы»: an imperative with -ся, not a passive
    if morph(token, "VerbForm") == "Part":
        return morph(token, "Variant") == "Short"
    return morph(token, "VerbForm") == "Fin"


@Language.factory(
    "voicecheck_tone",
    requires=["doc._.features"],
    assigns=["doc.spans", "doc._.features"],
)
def make_tone_detector(nlp: Language, name: str) -> ToneDetector:
    return ToneDetector()
