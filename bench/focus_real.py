"""Topic focus on real channels: does the focus index fall when channels are mixed?

Usage:
    python bench/focus_real.py [--per-channel 80] [--draws 1000] [--ceiling 1200]

Each channel of ../shared/real/posts.csv is an account. For random pairs of channels
(A, B) it builds a 60-post feed of A alone and a 60-post feed of 30 A + 30 B posts and
counts how often A alone scores higher; then it prints the focus index of every
channel and of mixtures of 2, 4 and 8 channels, and, over all ordered pairs of channels,
how often an exact half-and-half mixture's centre is at least as long as A's own: the
coherence is that length, so those pairs are lost by the index itself, not by sampling.

--ceiling N draws N more pairs and fits a logistic regression, on the differences of
seven feed statistics between A alone and A+B (coherence, two-cluster coherence and
their ratio, the largest variance direction, nearest-neighbour similarity, the lower
quartile and median of the posts' similarity to the centre), to these very draws, and
prints its cross-validated share of pairs ranked right: an upper bound for any index
built from these statistics, not a shippable one.
"""

import argparse
import csv
import random
import statistics
import sys
from collections import defaultdict
from pathlib import Path

REAL = Path(__file__).resolve().parents[2] / "shared" / "real" / "posts.csv"
FEED = 60
MIN_WORDS = 15


def load_channels(per_channel: int) -> dict[str, list]:
    from voicecheck.analysis import analyze_posts

    csv.field_size_limit(1 << 30)
    rows = defaultdict(list)
    with REAL.open(encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file):
            text = row["text"] or ""
            if len(text.split()) >= MIN_WORDS and len(rows[row["channel"]]) < per_channel:
                rows[row["channel"]].append(text)
    channels = {name: texts for name, texts in rows.items() if len(texts) == per_channel}
    results = iter(analyze_posts([t for texts in channels.values() for t in texts], classify=False))
    return {name: [next(results) for _ in texts] for name, texts in channels.items()}


def focus(results) -> float:
    from voicecheck.account.focus import analyse_focus
    from voicecheck.nlp import natasha_models

    return analyse_focus(results, natasha_models().embedding).focus_index


def centre_bound(channels: dict[str, list]) -> float:
    """Share of ordered pairs (A, B) whose mean post vector (a + b) / 2 is at least as
    long as a: pairs a centre-based index cannot rank A above A+B in."""
    import itertools

    import numpy as np

    from voicecheck.account.focus import post_vectors
    from voicecheck.taggers import natasha_models

    embedding, means = natasha_models().embedding, {}
    for name, results in channels.items():
        vectors = post_vectors([r.topic_lemmas.split() for r in results], embedding)
        means[name] = vectors[np.linalg.norm(vectors, axis=1) > 0].mean(axis=0)
    pairs = list(itertools.permutations(means, 2))
    lost = sum(np.linalg.norm((means[a] + means[b]) / 2) >= np.linalg.norm(means[a]) for a, b in pairs)
    return lost / len(pairs)


def feed_statistics(vectors):
    import numpy as np
    from sklearn.cluster import KMeans

    vectors = vectors[np.linalg.norm(vectors, axis=1) > 0]
    centre = vectors.mean(axis=0)
    coherence = np.linalg.norm(centre)
    halves = KMeans(2, n_init=3, random_state=0).fit_predict(vectors)
    split = sum(np.linalg.norm(vectors[halves == j].mean(axis=0)) * np.mean(halves == j) for j in (0, 1))
    spread = np.linalg.svd(vectors - centre, compute_uv=False)[0] ** 2 / len(vectors)
    similarity = vectors @ vectors.T
    np.fill_diagonal(similarity, -1)
    neighbours = np.sort(similarity, axis=1)[:, -5:].mean()
    fit = vectors @ (centre / coherence)
    quartile, median = np.quantile(fit, [0.25, 0.5])
    return np.array([coherence, split, coherence / split, spread, neighbours, quartile, median])


def ceiling(channels: dict[str, list], draws: int) -> tuple[float, float]:
    """Share of draws the coherence alone ranks A alone above A+B, and the cross-validated
    share a logistic regression over feed statistics, fitted to the draws themselves, does."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import cross_val_score
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    from voicecheck.account.focus import post_vectors
    from voicecheck.taggers import natasha_models

    embedding = natasha_models().embedding
    vectors = {n: post_vectors([r.topic_lemmas.split() for r in rs], embedding) for n, rs in channels.items()}
    rng, names, rows = random.Random(11), sorted(vectors), []
    for _ in range(draws):
        a, b = rng.sample(names, 2)
        single = vectors[a][rng.sample(range(len(vectors[a])), FEED)]
        half = FEED // 2
        mixed = np.vstack([vectors[name][rng.sample(range(len(vectors[name])), half)] for name in (a, b)])
        rows.append(feed_statistics(single) - feed_statistics(mixed))
    differences = np.vstack([rows, -np.asarray(rows)])
    alone_first = np.r_[np.ones(len(rows)), np.zeros(len(rows))]
    scaled = StandardScaler(with_mean=False)  # keeps a difference of zero at zero
    model = make_pipeline(scaled, LogisticRegression(C=10, fit_intercept=False, max_iter=5000))
    coherence_alone = float(np.mean(np.asarray(rows)[:, 0] > 0))
    return coherence_alone, float(cross_val_score(model, differences, alone_first, cv=5).mean())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--per-channel", type=int, default=80)
    parser.add_argument("--draws", type=int, default=1000)
    parser.add_argument("--ceiling", type=int, default=0, metavar="N")
    args = parser.parse_args()
    if not REAL.exists():
        sys.exit(f"bench: {REAL} not found")
    channels = load_channels(args.per_channel)
    names = sorted(channels)
    rng = random.Random(7)
    wins = 0
    for _ in range(args.draws):
        a, b = rng.sample(names, 2)
        single = rng.sample(channels[a], FEED)
        mixed = rng.sample(channels[a], FEED // 2) + rng.sample(channels[b], FEED // 2)
        wins += focus(single) > focus(mixed)
    print(f"{len(names)} channels; A alone above A+B mixed in {wins}/{args.draws} draws")
    for k in (1, 2, 4, 8):
        scores = []
        for _ in range(30):
            picked = rng.sample(names, k)
            feed = [r for name in picked for r in rng.sample(channels[name], FEED // k)]
            scores.append(focus(feed))
        print(f"mixtures of {k} channel(s): median focus {statistics.median(scores):.0f}")
    for name in sorted(names, key=lambda n: -focus(channels[n][:FEED])):
        print(f"  {focus(channels[name][:FEED]):5.1f}  {name}")
    print(f"half-and-half mixtures whose centre is as long as A's own: {centre_bound(channels):.1%} of pairs")
    if args.ceiling:
        coherence_alone, fitted = ceiling(channels, args.ceiling)
        print(f"{args.ceiling} more draws: coherence alone ranks A alone above A+B in {coherence_alone:.1%};")
        print(f"  a logistic regression over seven feed statistics fitted to them: {fitted:.1%}")


if __name__ == "__main__":
    main()
