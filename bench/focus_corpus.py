"""How the focus index's two settings were chosen: the mixing test on the authored corpus.

Usage:
    python bench/focus_corpus.py [--draws 2000] [--feed 40]

Each account of corpora/ is a feed. For random pairs of accounts (A, B) it builds a feed
of A alone and one of half A, half B, and counts how often A alone has the higher
coherence C, for each lexical weight (how much a pair's shared lemmas count beside its
shared meaning) and each quantile of the pairs' similarity; the mean cosine to the
centre (the statistic of earlier releases) is the first line. The shipped settings are
``LEXICAL_WEIGHT`` and ``PAIR_QUANTILE`` in voicecheck/account/focus.py. No real post is
read: bench/focus_real.py then checks the chosen settings on real channels.
"""

import argparse
import random
from collections import defaultdict
from pathlib import Path

import numpy as np

CORPUS = Path(__file__).resolve().parents[1] / "corpora"
WEIGHTS = (0.0, 1.0, 2.0, 4.0)
QUANTILES = (0.1, 0.25, 0.5)


def corpus_accounts() -> dict[str, list[list[str]]]:
    from voicecheck.analysis import topic_lemmas
    from voicecheck.nlp import load_nlp, parse_texts
    from voicecheck.train import load_corpus

    posts = load_corpus(CORPUS)
    accounts = defaultdict(list)
    for post, doc in zip(posts, parse_texts(load_nlp(), (p["text"] for p in posts)), strict=True):
        accounts[post["account"]].append(topic_lemmas(doc).split())
    return accounts


def pair_tables(lemma_lists: list[list[str]]) -> tuple[np.ndarray, np.ndarray, float]:
    """The meaning and lemma cosines of the feed's pairs, and its mean cosine to the centre."""
    from voicecheck.account.focus import lemma_vectors, post_vectors, strip_signatures, with_content
    from voicecheck.nlp import natasha_models

    lemma_lists = strip_signatures(lemma_lists)[0]
    vectors = post_vectors(lemma_lists, natasha_models().embedding)
    live = with_content(vectors)
    vectors, lexical = vectors[live], lemma_vectors([lemma_lists[i] for i in live])
    upper = np.triu_indices(len(live), 1)
    centre = float(np.linalg.norm(vectors.mean(axis=0)))
    return (vectors @ vectors.T)[upper], (lexical @ lexical.T).toarray()[upper], centre


def statistics_of(lemma_lists: list[list[str]]) -> dict[str, float]:
    meaning, words, centre = pair_tables(lemma_lists)
    found = {"mean cosine to the centre": centre}
    for weight in WEIGHTS:
        similarity = meaning + weight * words
        for quantile in QUANTILES:
            found[f"weight {weight:g}, quantile {quantile:g}"] = np.quantile(similarity, quantile)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--draws", type=int, default=2000)
    parser.add_argument("--feed", type=int, default=40)
    args = parser.parse_args()
    accounts = corpus_accounts()
    names = sorted(name for name, lists in accounts.items() if len(lists) >= args.feed)
    rng, wins = random.Random(3), defaultdict(int)
    half = args.feed // 2
    for _ in range(args.draws):
        a, b = rng.sample(names, 2)
        single = statistics_of(rng.sample(accounts[a], args.feed))
        mixed = statistics_of(rng.sample(accounts[a], half) + rng.sample(accounts[b], half))
        for name, value in single.items():
            wins[name] += value > mixed[name]
    print(f"{len(names)} corpus accounts, {args.feed}-post feeds, {args.draws} draws: A alone above A+B")
    for name, count in wins.items():
        print(f"  {count / args.draws:6.1%}  {name}")


if __name__ == "__main__":
    main()
