"""Topic focus (смысловое ядро): the account's topics, its core, off-core posts, drift.

Signature lines a feed ends its posts with word for word («Подписаться | Прислать
новость», «Читать на сайте») are not what it writes about: they are found in the
feed's own posts and left out before anything below.

A content lemma weighs its IDF in the authored corpus times its information in navec's
news corpus (``navec_counts.general_information``), so words every account uses
(«клиент», «подписаться») and words all of Russian news uses («Россия», «президент»)
weigh little, and an account's own terms («горутина») a lot.
Each post becomes a vector: the mean navec vector of its content lemmas, each weighted
by the square of that weight, unit length, minus a background vector (the mean post of
the authored corpus), so what all Russian posts share does not count as focus. Topics
are spherical k-means clusters of those vectors; every post gets a topic, so no outlier
bin swallows the feed.

Two posts are as similar as the cosine of their vectors plus ``LEXICAL_WEIGHT`` times
the cosine of their sets of content lemmas (weighted as above): what they mean, and the
words, names and terms they share. The coherence C of a feed is the lower quartile
of that similarity over its pairs of posts: how close even its less related posts
stay. A tight group of posts lifts it far less than it lifts a mean, and it does not
drift with the number of posts (over ``MAX_PAIR_POSTS`` posts it is measured
on a fixed random sample of them).

Focus index = 100 × (1 − exp(−k · max(0, C − LOW))), k = ln 5 / (HIGH − LOW), where
LOW and HIGH are calibrated on the authored corpus (a mixture of all its accounts,
and the 90th percentile of single accounts): LOW scores 0, HIGH 80.
Posts off the core are those outside the core topics (the largest topics that
together hold ``CORE_SHARE`` of posts) or far from their own topic's centre.
"""

import json
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from ..lexicon import grammemes
from ..model import word_vector
from ..paths import MODELS_DIR
from ..records import ENDING_SEPARATOR, PostResult
from ..taggers import morph_analyzer
from ..wording import squeeze
from .engagement import MIN_GROUP
from .funnel import post_share
from .navec_counts import general_information
from .phrases import label_items, shown_phrase, topic_phrases

CORE_SHARE = 0.75
HIGH_SCORE = 80  # the focus index of a feed as coherent as the calibration's HIGH
FAR_FROM_TOPIC = 0.15  # cosine to the own topic's centre under this: off-core
MAX_TOPICS = 12
EXAMPLES = 3
LABEL_LEMMAS = 4
MIN_MONTH_POSTS = MIN_GROUP  # as a group of posts in the engagement breakdown: fewer say little
LEXICAL_WEIGHT = 2.0  # a pair's shared lemmas count twice its shared meaning
PAIR_QUANTILE = 0.25
MAX_PAIR_POSTS = 600  # larger feeds are measured on a fixed random sample of this many posts
MAX_MONTH_POSTS = 200  # and each month against them on this many
SIGNATURE_SHARE = 0.1  # a word-for-word ending this share of posts share is a signature
SIGNATURE_MIN_POSTS = 5
SIGNATURE_MAX_LEMMAS = 6
ONE_WORD_SIGNATURE = 3  # a one-word ending needs 3× the share and 3× the floor: it may be a topic word
BACKGROUND_FILE = "topic_background.json"
# pymorphy3's grammemes of names: first name, surname, patronymic, place, organisation, brand
PROPER_GRAMMEMES = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"})
ACRONYM_LETTERS = 5
INFORMATION = "information"  # in the dict a calibration weighs with: its navec information, not saved


@dataclass
class Topic:
    id: int
    label: str
    lemmas: list[str]
    posts: int
    share: float
    core: bool
    examples: list[str] = field(default_factory=list)  # post ids


@dataclass
class FocusReport:
    focus_index: float | None
    coherence: float | None
    topics: list[Topic]
    core_share: float
    off_core: list[str]  # post ids
    drift: list[dict]
    posts: int
    note: str = ""
    signatures: list[str] = field(default_factory=list)  # in lemmas, as they are found
    signature_texts: list[str] = field(default_factory=list)  # the same, as the feed writes them
    topic_of: dict[str, int] = field(default_factory=dict, repr=False)


@lru_cache(maxsize=1)
def background() -> dict:
    """The background vector and the LOW/HIGH calibration, made by ``voicecheck train``."""
    path = MODELS_DIR / BACKGROUND_FILE
    if not path.exists():
        return {"vector": [0.0] * 300, "low": -0.08, "high": 0.11, "idf": {}, "unseen": 1.0}  # ≈ shipped
    return json.loads(path.read_text(encoding="utf-8"))


def corpus_idf(lemma_lists: list[list[str]]) -> dict:
    """IDF of lemmas seen at least twice in a reference corpus, and the IDF of the unseen."""
    n = len(lemma_lists)
    df = Counter(lemma for lemmas in lemma_lists for lemma in set(lemmas))
    return {
        "idf": {lemma: round(math.log((1 + n) / (1 + c)) + 1, 3) for lemma, c in df.items() if c >= 2},
        "unseen": round(math.log(1 + n) + 1, 3),
    }


class _Weights:
    """A lemma's weight: its IDF in the authored corpus times its information in navec's
    news corpus, so a word common in SMM posts or in Russian news weighs little."""

    def __init__(self, calibration: dict) -> None:
        self.idf, self.unseen = calibration["idf"], calibration["unseen"]
        self.information = calibration.get(INFORMATION, general_information)
        self.known: dict[str, float] = {}

    def __getitem__(self, lemma: str) -> float:
        if lemma not in self.known:
            self.known[lemma] = self.idf.get(lemma, self.unseen) * self.information(lemma)
        return self.known[lemma]


def post_vectors(
    lemma_lists: list[list[str]], embedding, base: np.ndarray | None = None, idf: dict | None = None
) -> np.ndarray:
    """Mean navec vectors, each lemma weighted by the square of its ``_Weights`` weight, unit
    length, background removed (``idf``: the corpus IDF, the shipped one by default); zero for a post
    with no word navec knows."""
    n = len(lemma_lists)
    calibration = background() if base is None or idf is None else {}
    if base is None:
        base = np.asarray(calibration["vector"], dtype=np.float32)
    weights = _Weights(idf or calibration)
    vectors = np.zeros((n, 300), dtype=np.float32)
    for i, lemmas in enumerate(lemma_lists):
        mean = _weighted_mean(lemmas, weights, embedding)
        if mean.any():  # a post with no known word stays without content, not at −background
            vectors[i] = mean - base
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)


def _weighted_mean(lemmas: list[str], weights: _Weights, embedding) -> np.ndarray:
    known = [(lemma, v) for lemma in lemmas if (v := word_vector(embedding, lemma)) is not None]
    if not known:
        return np.zeros(300, dtype=np.float32)
    squares = np.array([weights[lemma] ** 2 for lemma, _ in known], dtype=np.float32)
    matrix = np.stack([v for _, v in known])
    mean = squares @ matrix / squares.sum()
    norm = np.linalg.norm(mean)
    return mean / norm if norm else mean


def calibrate(accounts: dict[str, list[list[str]]], embedding, *, information=None, seed: int = 0) -> dict:
    """The background vector and the LOW/HIGH ends of the focus scale, from the
    authored corpus: LOW is the coherence of all accounts mixed together, HIGH the
    90th percentile of single accounts' coherence, each with its signatures left out.
    ``information``: the navec table's ``LemmaInformation`` to weigh with (the shipped one
    by default)."""
    accounts = {name: strip_signatures(lemma_lists)[0] for name, lemma_lists in accounts.items()}
    every = [lemmas for lemma_lists in accounts.values() for lemmas in lemma_lists]
    idf = corpus_idf(every)
    weighing = {**idf, INFORMATION: information or general_information}
    raw = post_vectors(every, embedding, base=np.zeros(300, dtype=np.float32), idf=weighing)
    base = raw.mean(axis=0)
    rng = np.random.default_rng(seed)
    size = int(np.median([len(v) for v in accounts.values()]))
    mixed = [every[i] for i in rng.choice(len(every), size=min(size, len(every)), replace=False)]

    def feed_coherence(lemma_lists: list[list[str]]) -> float | None:
        return coherence(post_vectors(lemma_lists, embedding, base, weighing), lemma_lists, weighing)

    low = feed_coherence(mixed)
    singles = [c for lists in accounts.values() if (c := feed_coherence(lists)) is not None]
    return {
        **idf,
        "vector": [round(float(x), 6) for x in base],
        "low": round(low, 4),
        "high": round(float(np.percentile(singles, 90)), 4),
        "accounts": len(accounts),
    }


def signatures(lemma_lists: list[list[str]]) -> list[tuple[str, ...]]:
    """The feed's signature lines, longest first: endings of up to
    ``SIGNATURE_MAX_LEMMAS`` content lemmas that at least ``SIGNATURE_SHARE`` of its
    distinct posts (and ``SIGNATURE_MIN_POSTS``) end with word for word, a one-word ending
    ``ONE_WORD_SIGNATURE`` times that. A repeated post is counted once; a shorter ending
    counts only the posts a longer one does not already end; an ending of the full length
    is followed further back while that many posts still share the longer ending."""
    distinct = list(dict.fromkeys(map(tuple, lemma_lists)))
    need = max(SIGNATURE_MIN_POSTS, SIGNATURE_SHARE * len(distinct))
    found: list[tuple[str, ...]] = []
    for size in range(SIGNATURE_MAX_LEMMAS, 0, -1):
        endings = Counter(
            lemmas[-size:] for lemmas in distinct if len(lemmas) >= size and not _ends_with(lemmas, found)
        )
        least = need * (ONE_WORD_SIGNATURE if size == 1 else 1)
        shared = sorted(ending for ending, count in endings.items() if count >= least)
        if size == SIGNATURE_MAX_LEMMAS:
            shared = [grown for ending in shared for grown in _grown(ending, distinct, need)]
        found += shared
    return sorted(found, key=len, reverse=True)


def _grown(ending: tuple[str, ...], distinct: list[tuple[str, ...]], need: float) -> list[tuple[str, ...]]:
    """The ending, and before it its longest extension back that ``need`` posts share."""
    longest = ending
    while True:
        size = len(longest) + 1
        sharing = [lemmas for lemmas in distinct if len(lemmas) >= size and lemmas[1 - size :] == longest]
        commonest = Counter(lemmas[-size:] for lemmas in sharing).most_common(1)
        if not commonest or commonest[0][1] < need:
            return [longest, ending] if longest != ending else [ending]
        longest = commonest[0][0]


def _ends_with(lemmas, found: list[tuple[str, ...]]) -> tuple[str, ...] | None:
    return next((ending for ending in found if tuple(lemmas[-len(ending) :]) == ending), None)


def without_signature(lemmas: list[str], found: list[tuple[str, ...]]) -> list[str]:
    """The post's lemmas less the longest signature it ends with (nothing, for a post
    that is only its signature)."""
    ending = _ends_with(lemmas, found) if len(lemmas) else None
    return lemmas[: -len(ending)] if ending else lemmas


def strip_signatures(lemma_lists: list[list[str]]) -> tuple[list[list[str]], list[tuple[str, ...]]]:
    """The posts' lemmas without the feed's signatures, and the signatures."""
    found = signatures(lemma_lists)
    return [without_signature(lemmas, found) for lemmas in lemma_lists], found


def shown_signatures(found: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """The signatures to show: those that are not the end of a longer one."""
    return [
        ending
        for ending in found
        if not any(len(other) > len(ending) and other[-len(ending) :] == ending for other in found)
    ]


def signature_lines(found: list[tuple[str, ...]]) -> list[str]:
    """The signatures to show, in lemmas."""
    return [" ".join(ending) for ending in shown_signatures(found)]


def written_signature(ending: tuple[str, ...], posts: list[PostResult], lemma_lists: list[list[str]]) -> str:
    """The signature as the feed writes it: the commonest written form of the ending among
    the posts that end with it, the first seen on a tie; its lemmas when no post kept one."""
    forms = Counter(
        form
        for post, lemmas in zip(posts, lemma_lists, strict=True)
        if tuple(lemmas[-len(ending) :]) == ending and (form := written_ending(post, len(ending)))
    )
    return forms.most_common(1)[0][0] if forms else " ".join(ending)


def written_ending(post: PostResult, size: int) -> str:
    """The post's ending that its last ``size`` topic lemmas are read from, as written
    ("" when the post kept fewer pieces than that)."""
    pieces = post.topic_ending.split(ENDING_SEPARATOR)
    return squeeze("".join(pieces[-size:])).strip() if len(pieces) >= size else ""


def lemma_vectors(lemma_lists: list[list[str]], idf: dict | None = None):
    """Each post's set of content lemmas, each with its ``_Weights`` weight, unit length (a sparse matrix)."""
    weights = _Weights(idf or background())
    return unit_rows([{lemma: weights[lemma] for lemma in set(lemmas)} for lemmas in lemma_lists])


def unit_rows(rows: list[dict[str, float]]):
    """Weighted sets of terms, one a post, as rows of unit length (a sparse matrix)."""
    from scipy import sparse
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.preprocessing import normalize

    if not any(rows):
        return sparse.csr_matrix((len(rows), 1), dtype=np.float64)
    return normalize(DictVectorizer().fit_transform(rows))


def sample_posts(indices, limit: int = MAX_PAIR_POSTS, seed: int = 0) -> np.ndarray:
    """All the indices, or a fixed random ``limit`` of them in their order."""
    indices = np.asarray(indices, dtype=int)
    if len(indices) <= limit:
        return indices
    return np.sort(np.random.default_rng(seed).choice(indices, limit, replace=False))


def with_content(vectors: np.ndarray) -> np.ndarray:
    """Indices of the posts that have a vector (some word navec knows)."""
    return np.flatnonzero(np.linalg.norm(vectors, axis=1) > 0)


@dataclass
class PairSimilarity:
    """Similarity of two posts: the cosine of their vectors plus ``LEXICAL_WEIGHT`` × the
    cosine of their weighted lemma sets, for the posts it was built over."""

    vectors: np.ndarray
    lexical: object  # sparse rows of the posts in ``row_of``
    row_of: dict[int, int]

    @classmethod
    def over(cls, vectors, lemma_lists, indices, idf: dict | None = None) -> "PairSimilarity":
        indices = np.unique(np.asarray(indices, dtype=int))
        lexical = lemma_vectors([lemma_lists[i] for i in indices], idf)
        return cls(vectors, lexical, {int(i): row for row, i in enumerate(indices)})

    def between(self, rows: np.ndarray, columns: np.ndarray) -> np.ndarray:
        left = self.lexical[[self.row_of[int(i)] for i in rows]]
        right = self.lexical[[self.row_of[int(i)] for i in columns]]
        words = (left @ right.T).toarray()
        return self.vectors[rows] @ self.vectors[columns].T + LEXICAL_WEIGHT * words

    def within(self, posts: np.ndarray) -> float | None:
        """C: the lower quartile over the pairs of these posts (None for fewer than two)."""
        if len(posts) < 2:
            return None
        pairs = self.between(posts, posts)[np.triu_indices(len(posts), 1)]
        return float(np.quantile(pairs, PAIR_QUANTILE))

    def across(self, members: np.ndarray, reference: np.ndarray) -> float | None:
        """The same quartile over pairs of ``members`` with other ``reference`` posts."""
        pairs = self.between(members, reference)[members[:, None] != reference[None, :]]
        return float(np.quantile(pairs, PAIR_QUANTILE)) if len(pairs) else None


def coherence(vectors: np.ndarray, lemma_lists: list[list[str]], idf: dict | None = None) -> float | None:
    """C of a feed: the lower quartile of the similarity of its pairs of posts (a fixed
    random ``MAX_PAIR_POSTS`` of them in a larger feed); None under two posts with a vector."""
    picked = sample_posts(with_content(vectors))
    return PairSimilarity.over(vectors, lemma_lists, picked, idf).within(picked)


def focus_index(value: float) -> float:
    """100 × (1 − exp(−k · max(0, C − LOW))), with k set so that C = HIGH scores 80:
    0 for a feed as scattered as all corpus accounts mixed, rising without a ceiling
    to clip at, so two focused feeds still compare."""
    calibration = background()
    low, high = calibration["low"], calibration["high"]
    rate = math.log(1 / (1 - HIGH_SCORE / 100)) / (high - low)
    return round(100 * (1 - math.exp(-rate * max(0.0, value - low))), 1)


def topic_count(n: int) -> int:
    return max(2, min(MAX_TOPICS, round(math.sqrt(n / 4))))


def cluster(vectors: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """k-means topics (no more than the feed has distinct posts, so a feed of repeated
    posts gets fewer topics instead of empty ones)."""
    from sklearn.cluster import KMeans, MiniBatchKMeans

    k = max(1, min(k, len(np.unique(vectors.round(5), axis=0))))

    model = (
        MiniBatchKMeans(n_clusters=k, random_state=0, n_init=3, batch_size=2048)
        if len(vectors) > 5000
        else KMeans(n_clusters=k, random_state=0, n_init=4)
    )
    labels = model.fit_predict(vectors)
    centres = model.cluster_centers_
    norms = np.linalg.norm(centres, axis=1, keepdims=True)
    return labels, np.divide(centres, norms, out=np.zeros_like(centres), where=norms > 0)


def analyse_focus(results: list[PostResult], embedding) -> FocusReport:
    posts = [r for r in results if r.ok and r.topic_lemmas]
    if len(posts) < 10:
        return FocusReport(None, None, [], 0.0, [], [], len(posts), note="нужно хотя бы 10 постов с текстом")
    written = [r.topic_lemmas.split() for r in posts]
    lemma_lists, found = strip_signatures(written)
    vectors = post_vectors(lemma_lists, embedding)
    labels, centres = cluster(vectors, topic_count(len(posts)))
    similarity = np.einsum("ij,ij->i", vectors, centres[labels])
    topics = _topics(posts, lemma_lists, labels, similarity)
    core = {t.id for t in topics if t.core}
    off_core = [
        posts[i].id for i in range(len(posts)) if labels[i] not in core or similarity[i] < FAR_FROM_TOPIC
    ]
    content = with_content(vectors)
    reference, months = sample_posts(content), _months(posts, content)
    pairs = PairSimilarity.over(vectors, lemma_lists, np.concatenate([reference, *months.values()]))
    value = pairs.within(reference)
    return FocusReport(
        focus_index=focus_index(value) if value is not None else None,
        coherence=round(value, 4) if value is not None else None,
        topics=topics,
        core_share=post_share(len(posts) - len(off_core), len(posts)),
        off_core=off_core,
        drift=_drift(posts, months, pairs, reference),
        posts=len(posts),
        topic_of={posts[i].id: int(labels[i]) for i in range(len(posts))},
        signatures=signature_lines(found),
        signature_texts=[written_signature(ending, posts, written) for ending in shown_signatures(found)],
        note="" if value is not None else "меньше двух постов со словами, известными модели",
    )


def largest_first(labels) -> list[tuple[int, int, bool]]:
    """(topic, posts, core) for each topic, largest first; the core topics are the
    largest that together hold ``CORE_SHARE`` of the posts."""
    ordered, covered = [], 0
    for label, size in Counter(int(label) for label in labels).most_common():
        ordered.append((label, size, covered < CORE_SHARE * len(labels)))
        covered += size
    return ordered


def name_spellings(posts: list[PostResult]) -> dict[str, str]:
    """The lemmas that are names in most of the posts that use them, each with its
    commonest spelling there, the first seen on a tie (москва: Москва, фнс: ФНС)."""
    used, named, spellings = Counter(), Counter(), defaultdict(Counter)
    for post in posts:
        used.update(set(post.topic_lemmas.split()))
        names = dict.fromkeys(post.topic_names.split())  # in the post's order, each once
        named.update({name.lower() for name in names})
        for name in names:
            spellings[name.lower()][name] += 1
    commonest = {lemma: spelled.most_common(1)[0][0] for lemma, spelled in spellings.items()}
    return {
        lemma: spelled
        for lemma, spelled in commonest.items()
        if 2 * named[lemma] > used[lemma] and _may_be_a_name(lemma, spelled)
    }


def _may_be_a_name(lemma: str, spelled: str) -> bool:
    """The parser also takes capitalised words for names: «Подписаться» opening a line,
    «СКИДКА» in a shouted post. A name here is spelled in Latin letters, is an acronym
    of up to ``ACRONYM_LETTERS`` capitals, or is a name, place or organisation in one
    of pymorphy3's parses of it (роза and лев pass too; the majority rule guards them)."""
    acronym = spelled.isupper() and len(spelled) <= ACRONYM_LETTERS
    return spelled.isascii() or acronym or bool(grammemes(lemma) & PROPER_GRAMMEMES)


def greetings(posts: list[PostResult]) -> frozenset[str]:
    """The lemmas the feed greets or addresses its readers with in at least half of the
    posts that use them («привет», «друг» of «Привет, друзья!», «добрый» of «Добрый день»):
    they say nothing of a topic, so labels leave them out."""
    used, greeting = Counter(), Counter()
    for post in posts:
        used.update(set(post.topic_lemmas.split()))
        greeting.update(set(post.topic_greetings.split()))
    return frozenset(lemma for lemma, count in greeting.items() if 2 * count >= used[lemma] > 0)


def label_lemmas(ranked: list[str], leave_out: frozenset[str] = frozenset()) -> list[str]:
    """A topic's ranked lemmas less ``leave_out``; all of them when that would leave none."""
    return [lemma for lemma in ranked if lemma not in leave_out] or ranked


def topic_label(items: list, spellings: dict[str, str], forms: dict | None = None) -> str:
    """The label's lemmas, names spelled as the feed spells them, and its key phrases as
    the feed writes them (``phrases.shown_phrase``)."""
    forms = forms or {}
    shown = [shown_phrase(i, forms[i]) if isinstance(i, tuple) else spellings.get(i, i) for i in items]
    return ", ".join(shown) or "без слов"


def topic_labels(posts: list[PostResult], lemma_lists, labels) -> dict[int, tuple[str, list[str]]]:
    """Each topic's label and its ranked lemmas (``typical_lemmas``). ``lemma_lists``:
    the posts' topic lemmas, signatures left out."""
    ranked = typical_lemmas(lemma_lists, labels, size=None)
    spellings, leave_out = name_spellings(posts), greetings(posts)
    phrases = topic_phrases(posts, lemma_lists, labels)
    shown = {}
    for label, (usual, forms) in phrases.items():
        lemmas = ranked.get(label, [])
        items = label_items(label_lemmas(lemmas, leave_out), usual, leave_out, LABEL_LEMMAS)
        shown[label] = (topic_label(items, spellings, forms), lemmas)
    return shown


def _topics(posts, lemma_lists, labels, similarity) -> list[Topic]:
    labelled = topic_labels(posts, lemma_lists, labels)
    topics = []
    for label, size, core in largest_first(labels):
        members = np.flatnonzero(labels == label)
        closest = members[np.argsort(-similarity[members])][:EXAMPLES]
        shown, lemmas = labelled[label]
        topics.append(
            Topic(
                id=label,
                label=shown,
                lemmas=lemmas[:LABEL_LEMMAS],
                posts=size,
                share=post_share(size, len(posts)),
                core=core,
                examples=[posts[i].id for i in closest],
            )
        )
    return topics


def typical_lemmas(lemma_lists, labels, *, size: int | None = LABEL_LEMMAS) -> dict[int, list[str]]:
    """The ``size`` lemmas most typical of each topic (all of them ranked, for None):
    frequent in it, rare in the others; verbs last."""
    per_topic: dict[int, Counter] = {}
    for lemmas, label in zip(lemma_lists, labels, strict=True):
        per_topic.setdefault(int(label), Counter()).update(lemmas)
    overall = Counter()
    for counts in per_topic.values():
        overall.update(counts)
    total = sum(overall.values())
    average = total / max(1, len(per_topic))
    labels_out = {}
    for label, counts in per_topic.items():
        size = sum(counts.values()) or 1
        scored = {
            lemma: (count / size) * math.log(1 + average / overall[lemma])
            for lemma, count in counts.items()
            if count >= 2
        }
        ranked = sorted(scored.items(), key=lambda kv: (_is_verb(kv[0]), -kv[1]))
        labels_out[label] = [w for w, _ in ranked[:size]]
    return labels_out


@lru_cache(maxsize=65_536)
def _is_verb(lemma: str) -> bool:
    """Verbs name a topic poorly («смотреть», «осуществляться»): a label takes them only
    when the topic has too few typical nouns, names and adjectives."""
    return morph_analyzer().parse(lemma)[0].tag.POS == "INFN"


def _months(posts: list[PostResult], content: np.ndarray) -> dict[str, np.ndarray]:
    """Each dated month's posts with content (a fixed random ``MAX_MONTH_POSTS`` of them)."""
    has_content = set(content.tolist())
    months: dict[str, list[int]] = {}
    for i, post in enumerate(posts):
        month = post.date[:7]
        if len(month) == 7 and month[4] == "-":
            months.setdefault(month, [])
            if i in has_content:
                months[month].append(i)
    return {month: sample_posts(members, MAX_MONTH_POSTS) for month, members in sorted(months.items())}


def _drift(posts: list[PostResult], months: dict[str, np.ndarray], pairs, reference) -> list[dict]:
    """Focus of each month: how close that month's posts stay to the account's posts, on
    the focus scale; none for a month with fewer than ``MIN_MONTH_POSTS`` posts with a
    vector ("posts" counts all of the month's posts)."""
    counts = Counter(p.date[:7] for p in posts)
    drift = []
    for month, members in months.items():
        value = pairs.across(members, reference) if len(members) >= MIN_MONTH_POSTS else None
        index = focus_index(value) if value is not None else None
        drift.append({"month": month, "posts": counts[month], "focus_index": index})
    return drift
