"""Topic focus (смысловое ядро): the account's topics, its core, off-core posts, drift.

Each post becomes a vector: the mean navec vector of its content lemmas, each
weighted by the square of its IDF in the authored corpus (so words every account
uses weigh little and an account's own vocabulary weighs a lot), unit length,
minus a background vector (the mean post of the authored corpus), so what all
Russian posts share does not count as focus. Topics are spherical k-means clusters of those vectors; every
post gets a topic, so no outlier bin swallows the feed.

Focus index = 100 × (1 − exp(−k · max(0, C − LOW))), k = ln 5 / (HIGH − LOW), where
C is the mean cosine similarity of the account's posts to the account's centre,
and LOW and HIGH are calibrated on the authored corpus (a mixture of all its
accounts, and the 90th percentile of single accounts): LOW scores 0, HIGH 80.
Posts off the core are those outside the core topics (the largest topics that
together hold ``CORE_SHARE`` of posts) or far from their own topic's centre.
"""

import json
import math
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from ..model import word_vector
from ..paths import MODELS_DIR
from ..records import PostResult

CORE_SHARE = 0.75
HIGH_SCORE = 80  # the focus index of a feed as coherent as the calibration's HIGH
FAR_FROM_TOPIC = 0.15  # cosine to the own topic's centre under this: off-core
MAX_TOPICS = 12
EXAMPLES = 3
LABEL_LEMMAS = 4
MIN_MONTH_POSTS = 5
BACKGROUND_FILE = "topic_background.json"


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
    topic_of: dict[str, int] = field(default_factory=dict, repr=False)


@lru_cache(maxsize=1)
def background() -> dict:
    """The background vector and the LOW/HIGH calibration, made by ``voicecheck train``."""
    path = MODELS_DIR / BACKGROUND_FILE
    if not path.exists():
        return {"vector": [0.0] * 300, "low": 0.0, "high": 0.6, "idf": {}, "unseen": 1.0}
    return json.loads(path.read_text(encoding="utf-8"))


def corpus_idf(lemma_lists: list[list[str]]) -> dict:
    """IDF of lemmas seen at least twice in a reference corpus, and the IDF of the unseen."""
    n = len(lemma_lists)
    df = Counter(lemma for lemmas in lemma_lists for lemma in set(lemmas))
    return {
        "idf": {lemma: round(math.log((1 + n) / (1 + c)) + 1, 3) for lemma, c in df.items() if c >= 2},
        "unseen": round(math.log(1 + n) + 1, 3),
    }


class _Weights(dict):
    def __init__(self, idf: dict) -> None:
        super().__init__(idf["idf"])
        self.unseen = idf["unseen"]

    def __missing__(self, lemma: str) -> float:
        return self.unseen


def post_vectors(
    lemma_lists: list[list[str]], embedding, base: np.ndarray | None = None, idf: dict | None = None
) -> np.ndarray:
    """IDF²-weighted mean navec vectors, unit length, background removed."""
    n = len(lemma_lists)
    calibration = background() if base is None or idf is None else {}
    if base is None:
        base = np.asarray(calibration["vector"], dtype=np.float32)
    weights = _Weights(idf or calibration)
    vectors = np.zeros((n, 300), dtype=np.float32)
    for i, lemmas in enumerate(lemma_lists):
        vectors[i] = _weighted_mean(lemmas, weights, embedding) - base
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)


def _weighted_mean(lemmas: list[str], idf: dict[str, float], embedding) -> np.ndarray:
    known = [(lemma, v) for lemma in lemmas if (v := word_vector(embedding, lemma)) is not None]
    if not known:
        return np.zeros(300, dtype=np.float32)
    weights = np.array([idf[lemma] ** 2 for lemma, _ in known], dtype=np.float32)
    matrix = np.stack([v for _, v in known])
    mean = weights @ matrix / weights.sum()
    norm = np.linalg.norm(mean)
    return mean / norm if norm else mean


def calibrate(accounts: dict[str, list[list[str]]], embedding, *, seed: int = 0) -> dict:
    """The background vector and the LOW/HIGH ends of the focus scale, from the
    authored corpus: LOW is the coherence of all accounts mixed together, HIGH the
    90th percentile of single accounts' coherence."""
    every = [lemmas for lemma_lists in accounts.values() for lemmas in lemma_lists]
    idf = corpus_idf(every)
    raw = post_vectors(every, embedding, base=np.zeros(300, dtype=np.float32), idf=idf)
    base = raw.mean(axis=0)
    rng = np.random.default_rng(seed)
    size = int(np.median([len(v) for v in accounts.values()]))
    mixed = [every[i] for i in rng.choice(len(every), size=min(size, len(every)), replace=False)]
    low = coherence(post_vectors(mixed, embedding, base, idf))
    singles = [coherence(post_vectors(lists, embedding, base, idf)) for lists in accounts.values()]
    return {
        **idf,
        "vector": [round(float(x), 6) for x in base],
        "low": round(low, 4),
        "high": round(float(np.percentile(singles, 90)), 4),
        "accounts": len(accounts),
    }


def coherence(vectors: np.ndarray) -> float:
    """Mean cosine of the posts to their centre."""
    live = vectors[np.linalg.norm(vectors, axis=1) > 0]
    if len(live) == 0:
        return 0.0
    centre = live.mean(axis=0)
    norm = np.linalg.norm(centre)
    return float((live @ (centre / norm)).mean()) if norm else 0.0


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
    lemma_lists = [r.topic_lemmas.split() for r in posts]
    vectors = post_vectors(lemma_lists, embedding)
    labels, centres = cluster(vectors, topic_count(len(posts)))
    similarity = np.einsum("ij,ij->i", vectors, centres[labels])
    topics = _topics(posts, lemma_lists, labels, similarity)
    core = {t.id for t in topics if t.core}
    off_core = [
        posts[i].id for i in range(len(posts)) if labels[i] not in core or similarity[i] < FAR_FROM_TOPIC
    ]
    value = coherence(vectors)
    return FocusReport(
        focus_index=focus_index(value),
        coherence=round(value, 4),
        topics=topics,
        core_share=round(1 - len(off_core) / len(posts), 3),
        off_core=off_core,
        drift=_drift(posts, vectors),
        posts=len(posts),
        topic_of={posts[i].id: int(labels[i]) for i in range(len(posts))},
    )


def largest_first(labels) -> list[tuple[int, int, bool]]:
    """(topic, posts, core) for each topic, largest first; the core topics are the
    largest that together hold ``CORE_SHARE`` of the posts."""
    ordered, covered = [], 0
    for label, size in Counter(int(label) for label in labels).most_common():
        ordered.append((label, size, covered < CORE_SHARE * len(labels)))
        covered += size
    return ordered


def _topics(posts, lemma_lists, labels, similarity) -> list[Topic]:
    top_lemmas = typical_lemmas(lemma_lists, labels)
    topics = []
    for label, size, core in largest_first(labels):
        members = np.flatnonzero(labels == label)
        closest = members[np.argsort(-similarity[members])][:EXAMPLES]
        lemmas = top_lemmas.get(label, [])
        topics.append(
            Topic(
                id=label,
                label=", ".join(lemmas) or "без слов",
                lemmas=lemmas,
                posts=size,
                share=round(size / len(posts), 3),
                core=core,
                examples=[posts[i].id for i in closest],
            )
        )
    return topics


def typical_lemmas(lemma_lists, labels) -> dict[int, list[str]]:
    """The lemmas most typical of each topic: frequent in it, rare in the others."""
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
        labels_out[label] = [w for w, _ in sorted(scored.items(), key=lambda kv: -kv[1])[:LABEL_LEMMAS]]
    return labels_out


def _drift(posts: list[PostResult], vectors: np.ndarray) -> list[dict]:
    """Focus of each month: how close that month's posts stay to the account's centre."""
    months: dict[str, list[int]] = {}
    for i, post in enumerate(posts):
        month = post.date[:7] if len(post.date) >= 7 and post.date[4] == "-" else ""
        if month:
            months.setdefault(month, []).append(i)
    live = vectors[np.linalg.norm(vectors, axis=1) > 0]
    centre = live.mean(axis=0) if len(live) else np.zeros(300)
    norm = np.linalg.norm(centre)
    centre = centre / norm if norm else centre
    drift = []
    for month in sorted(months):
        members = months[month]
        value = float((vectors[members] @ centre).mean())
        drift.append(
            {
                "month": month,
                "posts": len(members),
                "focus_index": focus_index(value) if len(members) >= MIN_MONTH_POSTS else None,
            }
        )
    return drift
