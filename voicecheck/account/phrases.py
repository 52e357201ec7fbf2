"""Key phrases in topic labels.

A label word that a topic's posts use mostly in one phrase is shown as that phrase: «дно»
as «тазовое дно», «срок» as «сроки работ». The phrase is its commonest written form in the
topic, its main word put in the nominative (keeping its number) and an adjective made to
agree; a noun in the genitive stays as written. The phrase takes the place of both its words.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..records import ADJECTIVE_PHRASE, PostResult, key_phrases_of
from ..taggers import morph_analyzer

MIN_PHRASE_POSTS = 2  # a phrase in fewer of a topic's posts says nothing of it
NOUN_TAGS, ADJECTIVE_TAGS = frozenset({"NOUN"}), frozenset({"ADJF", "PRTF"})

Key = tuple[str, str]  # the phrase's two lemmas in text order


@dataclass
class _TopicPhrases:
    """One topic's posts: how many use each lemma and each phrase, and the phrases' written forms."""

    lemma_posts: Counter = field(default_factory=Counter)
    phrase_posts: Counter = field(default_factory=Counter)
    forms: dict[Key, Counter] = field(default_factory=lambda: defaultdict(Counter))

    def add(self, post: PostResult, lemmas: list[str]) -> None:
        self.lemma_posts.update(set(lemmas))
        seen = {}
        for phrase in key_phrases_of(post):
            if max(phrase.first, phrase.second) < len(lemmas):  # not in a signature left out
                seen.setdefault((lemmas[phrase.first], lemmas[phrase.second]), phrase)
        self.phrase_posts.update(seen.keys())
        for key, phrase in seen.items():
            self.forms[key][(phrase.kind, phrase.words)] += 1

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
    («добрый день» of a greeting) is not used."""
    items, taken = [], set()
    for lemma in ranked:
        if lemma in taken:
            continue
        key = usual.get(lemma)
        item = key if key and not leave_out.intersection(key) else lemma
        items.append(item)
        taken.update(item if isinstance(item, tuple) else (item,))
        if len(items) == size:
            break
    return items


def shown_phrase(key: Key, forms: Counter) -> str:
    """The phrase in its commonest written form, main word in the nominative, each word
    in the capitals it has in most of its uses («Следственный комитет», «ФНС России»)."""
    lowered, shapes = Counter(), [Counter(), Counter()]
    for (kind, words), count in forms.items():
        lowered[(kind, tuple(word.lower() for word in words))] += count
        for place, word in enumerate(words):
            shapes[place][_shape(word)] += count
    kind, words = lowered.most_common(1)[0][0]
    shaped = zip(_nominative(kind, words, key), shapes, strict=True)
    return " ".join(_shaped(word, shape.most_common(1)[0][0]) for word, shape in shaped)


def _shape(word: str) -> str:
    if len(word) > 1 and word.isupper():
        return "upper"
    return "title" if word[:1].isupper() else "lower"


def _shaped(word: str, shape: str) -> str:
    if shape == "upper":
        return word.upper()
    return word[:1].upper() + word[1:] if shape == "title" else word


def _nominative(kind: str, words: tuple[str, str], key: Key) -> tuple[str, str]:
    """«тазового дна» → «тазовое дно», «пищевых привычек» → «пищевые привычки», «сроков
    работ» → «сроки работ»; a word pymorphy3 cannot put so stays as written."""
    if kind == ADJECTIVE_PHRASE:
        noun = _inflected(words[1], key[1], NOUN_TAGS, {"nomn"})
        if noun is None:
            return words
        agreement = {"nomn", "plur"} if noun.tag.number == "plur" else {"nomn", "sing", noun.tag.gender}
        adjective = _inflected(words[0], key[0], ADJECTIVE_TAGS, {g for g in agreement if g})
        return (adjective.word if adjective else words[0], noun.word)
    head = _inflected(words[0], key[0], NOUN_TAGS, {"nomn"})
    return (head.word if head else words[0], words[1])


def _inflected(word: str, lemma: str, tags: frozenset[str], grammemes: set[str]):
    parses = [p for p in morph_analyzer().parse(word) if p.tag.POS in tags]
    parse = next((p for p in parses if p.normal_form == lemma), parses[0] if parses else None)
    return parse.inflect(grammemes) if parse is not None else None
