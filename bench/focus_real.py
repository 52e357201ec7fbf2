"""Topic focus on real channels: does the focus index fall when channels are mixed?

Usage:
    python bench/focus_real.py [--per-channel 80] [--draws 100]

Each channel of ../shared/real/posts.csv is an account. For random pairs of channels
(A, B) it builds a 60-post feed of A alone and a 60-post feed of 30 A + 30 B posts and
counts how often A alone scores higher; then it prints the focus index of every
channel and of mixtures of 2, 4 and 8 channels, and, over all ordered pairs of channels,
how often an exact half-and-half mixture's centre is at least as long as A's own: the
coherence is that length, so those pairs are lost by the index itself, not by sampling.
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--per-channel", type=int, default=80)
    parser.add_argument("--draws", type=int, default=100)
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


if __name__ == "__main__":
    main()
