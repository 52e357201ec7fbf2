"""Topic focus on real channels: does the focus index fall when channels are mixed?

Usage:
    python bench/focus_real.py [--per-channel 80] [--draws 1000] [--sizes] [--pairs]

Each channel of ../shared/real/posts.csv is an account. For random pairs of channels
(A, B) it builds a 60-post feed of A alone and a 60-post feed of 30 A + 30 B posts and
counts how often A alone scores higher: by the focus index as shipped, by the same
index with the feeds' signature lines kept in («Подписаться | Прислать новость»), and
by the statistic earlier releases used (the mean cosine of the posts to the feed's
centre); and which channels lose most often as A. Then it prints the focus index of 100
mixtures each of 1, 2, 4 and 8 channels and of every channel, with the signatures found
in it; --sizes adds the median index of the channels with 400 posts on feeds of 30, 100
and 400 of them; --pairs prints, for a few pairs picked among the channels that lose
most often, the quantiles of the similarity of A's posts to each other (AA), to B's
(AB) and of B's to each other (BB).

The index's two settings (lemma weight 2, lower quartile) were first explored on these
channels; bench/focus_corpus.py checks them on the authored corpus, where they beat the
centre statistic and come 0.7 points below the best of its grid.
"""

import argparse
import csv
import random
import statistics
import sys
from collections import Counter, defaultdict
from pathlib import Path

REAL = Path(__file__).resolve().parents[2] / "shared" / "real" / "posts.csv"
FEED = 60
MIXTURES = 100  # feeds per number of channels mixed
MIN_WORDS = 15


def load_channels(per_channel: int) -> dict[str, list[list[str]]]:
    """Each channel's first ``per_channel`` posts of 15+ words, as topic lemma lists."""
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
    return {name: [next(results).topic_lemmas.split() for _ in texts] for name, texts in channels.items()}


def focus(lemma_lists: list[list[str]], *, keep_signatures: bool = False) -> float:
    """The focus index ``analyse_focus`` gives these posts (tests/test_account.py checks
    they agree), or the same index with the signature lines left in."""
    from voicecheck.account.focus import coherence, focus_index, post_vectors, strip_signatures
    from voicecheck.nlp import natasha_models

    if not keep_signatures:
        lemma_lists = strip_signatures(lemma_lists)[0]
    return focus_index(coherence(post_vectors(lemma_lists, natasha_models().embedding), lemma_lists))


def centre_coherence(lemma_lists: list[list[str]]) -> float:
    """The statistic of earlier releases: the length of the mean of the posts' unit
    vectors (their mean cosine to the feed's centre), signatures left out."""
    import numpy as np

    from voicecheck.account.focus import post_vectors, strip_signatures, with_content
    from voicecheck.nlp import natasha_models

    vectors = post_vectors(strip_signatures(lemma_lists)[0], natasha_models().embedding)
    return float(np.linalg.norm(vectors[with_content(vectors)].mean(axis=0)))


SCORES = {
    "the focus index": focus,
    "the same, signatures kept": lambda feed: focus(feed, keep_signatures=True),
    "the mean cosine to the centre (earlier releases)": centre_coherence,
}


def print_mixing_test(channels: dict[str, list], draws: int, rng: random.Random) -> None:
    names, wins, losses, draws_of = sorted(channels), defaultdict(int), Counter(), Counter()
    for _ in range(draws):
        a, b = rng.sample(names, 2)
        single = rng.sample(channels[a], FEED)
        mixed = rng.sample(channels[a], FEED // 2) + rng.sample(channels[b], FEED // 2)
        won = {name: score(single) > score(mixed) for name, score in SCORES.items()}
        for name, alone_higher in won.items():
            wins[name] += alone_higher
        draws_of[a] += 1
        losses[a] += not won["the focus index"]
    print(f"{len(names)} channels, {draws} draws: A alone above A+B mixed")
    for name in SCORES:
        print(f"  {wins[name]:5d}  by {name}")
    lost = "; ".join(f"{name} {count} of {draws_of[name]}" for name, count in losses.most_common(6))
    print(f"  most lost by the focus index, as A: {lost}")


def print_mixtures(channels: dict[str, list], rng: random.Random) -> None:
    names = sorted(channels)
    for k in (1, 2, 4, 8):
        scores = []
        for _ in range(MIXTURES):
            picked = rng.sample(names, k)
            feed = [lemmas for name in picked for lemmas in rng.sample(channels[name], FEED // k)]
            scores.append(focus(feed))
        low, median, high = statistics.quantiles(scores, n=4)
        print(f"mixtures of {k} channel(s): median focus {median:.0f} (quartiles {low:.0f} to {high:.0f})")


def print_channels(channels: dict[str, list]) -> None:
    from voicecheck.account.focus import strip_signatures

    scored = {name: focus(lists[:FEED]) for name, lists in channels.items()}
    for name in sorted(scored, key=lambda n: -scored[n]):
        found = sorted({" ".join(s) for s in strip_signatures(channels[name][:FEED])[1]}, key=len)[-1:]
        signature = f"  (signature «{found[0]}»)" if found else ""
        print(f"  {scored[name]:5.1f}  {name}{signature}")


def print_size_effect(rng: random.Random, posts: int = 400) -> None:
    """Median focus index of the channels with ``posts`` posts, on feeds of 30, 100 and
    all of them: a score that does not depend on the feed's length stays put."""
    channels = load_channels(posts)
    for size in (30, 100, posts):
        scores = [focus(rng.sample(lists, size)) for lists in channels.values()]
        print(f"{len(channels)} channels, {size}-post feeds: median focus {statistics.median(scores):.1f}")


LOSING_PAIRS = [
    ("Новости Москвы", "Топор Live"),
    ("Новости Москвы", "BBC News | Русская служба"),
    ("Ньюсач/Двач", "РИА Новости"),
    ("Москва Live", "Mash"),
    ("Новости Москвы", "@nalog_gov_ru"),
]


def print_pair_quantiles(channels: dict[str, list]) -> None:
    """Where the similarity cannot rank A above A+B: A's posts are no closer to each other
    than to B's, at any quantile."""
    import numpy as np

    from voicecheck.account.focus import PairSimilarity, post_vectors, strip_signatures
    from voicecheck.nlp import natasha_models

    a_posts, both = np.arange(FEED), np.arange(2 * FEED)
    upper = np.triu_indices(FEED, 1)
    print("quantiles 10/25/50/75% of the similarity of A's posts to A's (AA), to B's (AB), B's to B's (BB):")
    for a, b in LOSING_PAIRS:
        lemma_lists, _ = strip_signatures(channels[a][:FEED] + channels[b][:FEED])
        vectors = post_vectors(lemma_lists, natasha_models().embedding)
        similarity = PairSimilarity.over(vectors, lemma_lists, both).between(both, both)
        blocks = {
            "AA": similarity[:FEED, :FEED][upper],
            "AB": similarity[a_posts][:, FEED:].ravel(),
            "BB": similarity[FEED:, FEED:][upper],
        }
        shown = "  ".join(
            f"{name} " + " ".join(f"{q:+.2f}" for q in np.quantile(values, [0.1, 0.25, 0.5, 0.75]))
            for name, values in blocks.items()
        )
        print(f"  {a} + {b}: {shown}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--per-channel", type=int, default=80)
    parser.add_argument("--draws", type=int, default=1000)
    parser.add_argument("--sizes", action="store_true", help="also: the index on 30, 100 and 400 posts")
    parser.add_argument("--pairs", action="store_true", help="also: AA/AB/BB similarity of losing pairs")
    args = parser.parse_args()
    if not REAL.exists():
        sys.exit(f"bench: {REAL} not found")
    channels = load_channels(args.per_channel)
    rng = random.Random(7)
    print_mixing_test(channels, args.draws, rng)
    print_mixtures(channels, rng)
    print_channels(channels)
    if args.pairs:
        print_pair_quantiles(channels)
    if args.sizes:
        print_size_effect(rng)


if __name__ == "__main__":
    main()
