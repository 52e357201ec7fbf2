"""Key phrases in topic labels.

A label word that a topic's posts use mostly in one phrase is shown as that phrase: «дно»
as «тазовое дно», «срок» as «сроки работ». The phrase is its commonest written form in the
topic (every use counted), its main word put in the nominative in the number the parser
read, and an adjective made to agree in the noun's gender; a noun in the genitive and a word
in Latin letters stay as written, and when a word cannot be put so, the whole phrase does.
The phrase takes the place of both its words.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..records import ADJECTIVE_PHRASE, PostResult, key_phrases_of
from ..taggers import morph_analyzer

MIN_PHRASE_POSTS = 2  # a phrase in fewer of a topic's posts says nothing of it
NOUN_TAGS, ADJECTIVE_TAGS = frozenset({"NOUN"}), frozenset({"ADJF", "PRTF"})
GENDERS = frozenset({"masc", "femn", "neut"})
STEM = 2  # an inflected form that does not begin as the written word did is not used («лучших»: «наилучшие»)

Key = tuple[str, str]  # the phrase's two lemmas in text order


@dataclass
class _TopicPhrases:
    """One topic's posts: how many use each lemma and each phrase, and the phrases' written forms."""

    lemma_posts: Counter = field(default_factory=Counter)
    phrase_posts: Counter = field(default_factory=Counter)
    forms: dict[Key, Counter] = field(default_factory=lambda: defaultdict(Counter))

    def add(self, post: PostResult, lemmas: list[str]) -> None:
        self.lemma_posts.update(set(lemmas))
        in_post = {}  # in text order, so ties go to the phrase met first, whatever the hash seed
        for phrase in key_phrases_of(post):
            if max(phrase.first, phrase.second) < len(lemmas):  # not in a signature left out
                key = (lemmas[phrase.first], lemmas[phrase.second])
                in_post[key] = True
                self.forms[key][(phrase.kind, phrase.words, phrase.number, phrase.gender)] += 1
        self.phrase_posts.update(list(in_post))

    def usual_phrases(self) -> dict[str, Key]:
        """Each lemma's usual phrase: one that at least half of the posts using the lemma
        use it in, and at least ``MIN_PHRASE_POSTS``; the commonest such, the first on a tie."""
        usual: dict[str, Key] = {}
        for key, posts in self.phrase_posts.most_common():
            for lemma in key:
                if posts >= MIN_PHRASE_POSTS and 2 * posts >= self.lemma_posts[lemma]:
                    usual.setdefault(lemma, key)
        return usual


def topic_phrases(
    posts: list[PostResult], lemma_lists: list[list[str]], labels: Iterable
) -> dict[int, tuple[dict[str, Key], dict[Key, Counter]]]:
    """For each topic: its lemmas' usual phrases, and the written forms of its phrases.
    ``lemma_lists``: the posts' topic lemmas, signatures left out."""
    per_topic: dict[int, _TopicPhrases] = defaultdict(_TopicPhrases)
    for post, lemmas, label in zip(posts, lemma_lists, labels, strict=True):
        per_topic[int(label)].add(post, lemmas)
    return {label: (topic.usual_phrases(), topic.forms) for label, topic in per_topic.items()}


def label_items(ranked: list[str], usual: dict[str, Key], leave_out: frozenset[str], size: int) -> list:
    """The first ``size`` items of a label: lemmas in their ranked order, a lemma with a
    usual phrase as that phrase (its other word then taken); a phrase with a word left out
    («добрый день» of a greeting) or already in the label is not used."""
    items, taken = [], set()
    for lemma in ranked:
        if lemma in taken:
            continue
        key = usual.get(lemma)
        item = key if key and not (leave_out | taken).intersection(key) else lemma
        items.append(item)
        taken.update(item if isinstance(item, tuple) else (item,))
        if len(items) == size:
            break
    return items


def shown_phrase(key: Key, forms: Counter) -> str:
    """The phrase in its commonest written form, every use counted, main word in the
    nominative, each word in the letters' capitals as written («Банк России», «SMM-стратегия»)."""
    written, readings = Counter(), Counter()
    for (kind, words, number, gender), count in forms.items():
        written[(kind, words)] += count
        readings[(kind, words, number, gender)] += count
    kind, words = written.most_common(1)[0][0]
    _, _, number, gender = max((r for r in readings if r[:2] == (kind, words)), key=readings.__getitem__)
    shown = _nominative(kind, words, key, number, gender)
    return " ".join(_written_like(word, form) for word, form in zip(shown, words, strict=True))


def _written_like(word: str, written: str) -> str:
    """``word`` with the capitals of ``written`` letter by letter (all of it in capitals when
    ``written`` is), and е for ё when ``written`` has none («зеленого чая»: «зеленый чай»)."""
    if "ё" not in written.lower():
        word = word.replace("ё", "е")
    if len(written) > 1 and written.isupper():
        return word.upper()
    return "".join(c.upper() if i < len(written) and written[i].isupper() else c for i, c in enumerate(word))


def _nominative(kind: str, words: tuple[str, str], key: Key, number: str, gender: str) -> tuple[str, str]:
    """«тазового дна» → «тазовое дно», «опытного коллеги» → «опытный коллега», «сроков
    работ» → «сроки работ»: in ``number`` (the parser's; else the noun's own), an adjective in
    the noun's gender (the parser's ``gender`` for a noun of either gender or an unknown one).
    When a word cannot be put so, the phrase stays as written."""
    noun_at = 1 if kind == ADJECTIVE_PHRASE else 0
    noun = _noun_in_nominative(words[noun_at], key[noun_at], number)
    if noun is None:
        return words
    if kind != ADJECTIVE_PHRASE:
        return (noun[0], words[1])
    word, tag = noun
    number = number or (tag.number if tag is not None else "") or _number_of(words[0], key[0])
    own_gender = tag.gender if tag is not None and tag.gender in GENDERS else ""
    agreement = {"nomn", "plur"} if number == "plur" else {"nomn", "sing", own_gender or gender}
    adjective = _inflected(words[0], key[0], ADJECTIVE_TAGS, agreement)
    return (adjective.word, word) if adjective is not None else words


def _noun_in_nominative(word: str, lemma: str, number: str) -> tuple[str, object] | None:
    """The noun in the nominative and its tag; a word in Latin letters as written, with no tag."""
    if word.isascii():
        return word, None
    form = _inflected(word, lemma, NOUN_TAGS, {"nomn", number})
    return (form.word, form.tag) if form is not None else None


def _number_of(word: str, lemma: str) -> str:
    parses = _parses(word, lemma, ADJECTIVE_TAGS)
    return parses[0].tag.number or "" if parses else ""


def _inflected(word: str, lemma: str, tags: frozenset[str], grammemes: set[str]):
    """pymorphy3's form of the word in ``grammemes`` (those it has); None when it has no such
    form or the form would change the word's stem («лучших», of хороший: «наилучшие»)."""
    parses = _parses(word, lemma, tags)
    if not parses:
        return None
    wanted = {g for g in grammemes if g}
    form = parses[0].inflect(wanted) or parses[0].inflect(wanted & {"nomn", "plur", "sing"})
    same_stem = form is not None and _plain(form.word[:STEM]) == _plain(word[:STEM])
    return form if same_stem else None


def _parses(word: str, lemma: str, tags: frozenset[str]) -> list:
    """pymorphy3's readings of the word as one of ``tags``, those of ``lemma`` first."""
    parses = [p for p in morph_analyzer().parse(word) if p.tag.POS in tags]
    return sorted(parses, key=lambda p: p.normal_form != lemma)


def _plain(text: str) -> str:
    return text.lower().replace("ё", "е")
