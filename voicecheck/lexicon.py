"""Lemma lists from data files, matched in any inflected form.

A data file holds one lemma or lemma phrase a line (``#`` starts a comment,
``[section]`` starts a section). A text token matches a lemma when the lemma is
one of pymorphy3's normal forms of the token, so «высоким качеством» matches
the phrase «высокий качество» even where the first parse of a word is wrong.
"""

from functools import cache, lru_cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from .nlp import tokens_of
from .taggers import morph_analyzer  # the lemmatizer's analyser: loaded once, maybe in the background


@lru_cache(maxsize=200_000)
def normal_forms(word: str) -> frozenset[str]:
    """All pymorphy3 normal forms of a word, lower-cased, ё kept."""
    lowered = word.lower()
    forms = {p.normal_form for p in morph_analyzer().parse(lowered)}
    forms.add(lowered)
    return frozenset(forms)


@lru_cache(maxsize=200_000)
def grammemes(word: str) -> frozenset[str]:
    """Every grammeme pymorphy3 gives any parse of a word (impr, Name, Surn, ...)."""
    tags: set[str] = set()
    for parse in morph_analyzer().parse(word.lower()):
        tags.update(parse.tag.grammemes)
    return frozenset(tags)


@lru_cache(maxsize=20_000)
def imperative_forms(word: str) -> frozenset[str]:
    """The normal forms of a word's imperative parses: прислать, not прийти, for «пришли»."""
    return frozenset(p.normal_form for p in morph_analyzer().parse(word.lower()) if "impr" in p.tag)


@lru_cache(maxsize=20_000)
def past_takes_no_object(word: str) -> bool:
    """Whether every past reading of a word is intransitive: «пришли» as прийти cannot take a
    direct object, so «Пришли свою историю» is прислать. (pymorphy3 lists перейти as
    transitive, «перешли дорогу», so «Перешли этот пост» needs a recipient to be an ask.)"""
    pasts = [p for p in morph_analyzer().parse(word.lower()) if "past" in p.tag]
    return bool(pasts) and all("intr" in p.tag for p in pasts)


FORMS_KEY = "voicecheck_forms"


def token_forms(token: Token) -> frozenset[str]:
    """The token's normal forms and lemma, computed once per Doc."""
    forms = token.doc.user_data.get(FORMS_KEY)
    if forms is None:
        forms = token.doc.user_data[FORMS_KEY] = [None] * len(token.doc)
    found = forms[token.i]
    if found is None:
        found = forms[token.i] = normal_forms(token.text) | {token.lemma_.lower()}
    return found


def read_sections(name: str) -> dict[str, list[str]]:
    """The sections of a data file; lines before any section go to ``""``."""
    text = resources.files("voicecheck.data").joinpath(name).read_text(encoding="utf-8")
    sections: dict[str, list[str]] = {"": []}
    current = ""
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip().lower()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            sections.setdefault(current, [])
        else:
            sections[current].append(line)
    return sections


def read_lemmas(name: str) -> frozenset[str]:
    return frozenset(read_sections(name)[""])


def read_actions(name: str) -> dict[str, str]:
    """A data file of verbs, one action a line in both aspects («купить покупать»):
    each verb -> the action it names (the line's first verb)."""
    return {verb: line.split()[0] for line in read_sections(name)[""] for verb in line.split()}


class PhraseMatcher:
    """Finds lemma phrases in a Doc, skipping whitespace and masked tokens."""

    def __init__(self, phrases: list[str]) -> None:
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in phrases:
            words = tuple(phrase.replace(",", " ").split())
            self.by_first.setdefault(words[0], []).append(words)
        for candidates in self.by_first.values():
            candidates.sort(key=len, reverse=True)

    def __call__(self, doc: Doc, label: str) -> list[Span]:
        masked = doc.user_data.get("voicecheck_masks", {})
        tokens = [t for t in tokens_of(doc) if not t.is_space and t.i not in masked]
        forms = [token_forms(t) for t in tokens]
        spans: list[Span] = []
        i = 0
        while i < len(tokens):
            length = self._match_at(forms, i)
            if length:
                spans.append(Span(doc, tokens[i].i, tokens[i + length - 1].i + 1, label=label))
                i += length
            else:
                i += 1
        return spans

    def _match_at(self, forms: list[frozenset[str]], i: int) -> int:
        for first in forms[i]:
            for words in self.by_first.get(first, ()):
                if i + len(words) <= len(forms) and all(word in forms[i + k] for k, word in enumerate(words)):
                    return len(words)
        return 0


@cache
def phrase_matcher(name: str, section: str = "") -> PhraseMatcher:
    return PhraseMatcher(read_sections(name)[section])
