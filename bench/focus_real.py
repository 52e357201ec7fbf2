"""Topic focus on real channels: does the focus index fall when channels are mixed?

Usage:
    python bench/focus_real.py [--per-channel 80] [--draws 1000] [--sizes] [--pairs] [--ceiling] [--news]
                               [--style] [--spread] [--partners 8] [--phrases]

Each channel of ../shared/real/posts.csv is an account. For random pairs of channels
(A, B) it builds a 60-post feed of A alone and a 60-post feed of 30 A + 30 B posts and
counts how often A alone scores higher: by the focus index as shipped, by the same index
with the feeds' signature lines kept in («Подписаться | Прислать новость»), and by the
statistic earlier releases used (the mean cosine of the posts to the feed's centre);
which channels lose most often as A; and how often the index loses by kind of pair, news
service or other channel as A and as B. Then it prints the focus index of 100 mixtures
each of 1, 2, 4 and 8 channels and of every channel, with the signatures found in it,
and how many of them finding 7 calls serious or notable; --sizes adds the median index
of the channels with 400 posts on feeds of 30, 100 and 400 of them; --pairs prints, for
a few pairs picked among the channels that lose most often, the quantiles of the
similarity of A's posts to each other (AA), to B's (AB) and of B's to each other (BB);
--ceiling takes every ordered pair of channels on all their posts, with no sampling, and
counts how often the shipped quartile ranks A above the half-and-half mixture and how
often the mixture's pairs are as close as A's own or closer at every quantile from 2% to
98%, where no statistic that rises with the similarity can rank A higher; --news prints
the index of the programming channels and of two national news services on their posts,
on the same posts with the words of the channel's own name left out («РИА Новости»
credits itself in the text), and on 400 posts; --style counts the draws a statistic that
reads no word wins (the posts' house style: quotes, dashes, emoji, links, paragraphs, length),
alone, added to the index's pair similarity, and added at weights from 0.05 to 1 with the
Go channel's C minus РИА's at each; --spread prints how many days the
channels' first posts span (in the export's order) and how many posts drawn at random from
all over each export span, runs the same draws on the latter, and scores the programming
channels and the two news services on their first posts, on five such random samples and
on every post of theirs, each with the days it spans; --partners K reads the focus test
another way, a channel's feed against the median of its mixtures with K other channels;
--phrases runs the --style draws with the posts' key phrases («тазовое дно», as topic
labels show them) added to the lemmas whose shared weight the pair similarity counts.

The index's two settings (lemma weight 2, lower quartile) were first explored on these
channels; bench/focus_corpus.py checks them on the authored corpus, where they beat the
centre statistic and come 0.3 points below the best of its grid.
"""

import argparse
import csv
import itertools
import random
import re
import statistics
import sys
from collections import Counter, defaultdict
from datetime import date
from functools import cache
from pathlib import Path

import numpy as np

REAL = Path(__file__).resolve().parents[2] / "shared" / "real" / "posts.csv"
FEED = 60
MIXTURES = 100  # feeds per number of channels mixed
MIN_WORDS = 15
LONG = 400  # posts per channel for --sizes and --news
# Marked by hand from the channels' posts: the ones that report the news of the day.
NEWS_SERVICES = frozenset(
    {
        "112",
        "BBC News | Русская служба",
        "Mash",
        "SHOT",
        "КиберТопор",
        "Москва - новостная",
        "Москва Live",
        "Москва с огоньком",
        "Москва с огоньком Live",
        "Москвач • Новости Москвы",
        "Новости Москвы",
        "Ньюсач/Двач",
        "РИА Новости",
        "Раньше всех. Ну почти.",
        "ТОПОР - Горячие новости",
        "Топор Live",
        "Топор+",
    }
)


@cache
def channel_posts() -> dict[str, list[tuple[str, str]]]:
    """Each channel's posts of 15+ words as (date, text), in the export's order (read once;
    callers only read it)."""
    csv.field_size_limit(1 << 30)
    rows = defaultdict(list)
    with REAL.open(encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file):
            text = row["text"] or ""
            if len(text.split()) >= MIN_WORDS:
                rows[row["channel"]].append((row["date"] or "", text))
    return rows


def channel_texts(per_channel: int) -> dict[str, list[str]]:
    """Each channel's first ``per_channel`` posts of 15+ words (channels with that many)."""
    return {
        name: [text for _, text in posts[:per_channel]]
        for name, posts in channel_posts().items()
        if len(posts) >= per_channel
    }


def spread_posts(rows: dict[str, list], per_channel: int, seed: int = 0) -> dict[str, list[tuple[str, str]]]:
    """The same number of posts per channel, drawn at random from its whole export (in its order)."""
    rng = random.Random(seed)
    return {
        name: [posts[i] for i in sorted(rng.sample(range(len(posts)), per_channel))]
        for name, posts in sorted(rows.items())
        if len(posts) >= per_channel
    }


def texts_of(channels: dict[str, list[tuple[str, str]]]) -> dict[str, list[str]]:
    return {name: [text for _, text in posts] for name, posts in channels.items()}


def as_lemma_lists(channels: dict[str, list[str]]) -> dict[str, list[list[str]]]:
    from voicecheck.analysis import analyze_posts

    results = iter(analyze_posts([t for texts in channels.values() for t in texts], classify=False))
    return {name: [next(results).topic_lemmas.split() for _ in texts] for name, texts in channels.items()}


def load_channels(per_channel: int) -> dict[str, list[list[str]]]:
    """The first posts of each channel as topic lemma lists."""
    return as_lemma_lists(channel_texts(per_channel))


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
    """The focus test's draws: wins by each statistic, and the index's losses by channel
    and by kind of pair (news services marked by hand in ``NEWS_SERVICES``)."""
    names, wins = sorted(channels), Counter()
    draws_as_a, lost_as_a, draws_of_kind, lost_of_kind = Counter(), Counter(), Counter(), Counter()
    for _ in range(draws):
        a, b = rng.sample(names, 2)
        single = rng.sample(channels[a], FEED)
        mixed = rng.sample(channels[a], FEED // 2) + rng.sample(channels[b], FEED // 2)
        won = {name: score(single) > score(mixed) for name, score in SCORES.items()}
        wins.update(name for name, alone_higher in won.items() if alone_higher)
        lost = not won["the focus index"]
        draws_as_a[a] += 1
        lost_as_a[a] += lost
        draws_of_kind[pair_kind(a, b)] += 1
        lost_of_kind[pair_kind(a, b)] += lost
    print(f"{len(names)} channels, {draws} draws: A alone above A+B mixed")
    for name in SCORES:
        print(f"  {wins[name]:5d}  by {name}")
    worst = "; ".join(f"{name} {count} of {draws_as_a[name]}" for name, count in lost_as_a.most_common(6))
    print(f"  most lost by the focus index, as A: {worst}")
    for kind in sorted(draws_of_kind):
        print(f"  lost with A + B = {kind}: {lost_of_kind[kind]} of {draws_of_kind[kind]}")


def print_partner_medians(channels: dict[str, list], draws: int, partners: int) -> None:
    """Another reading of the focus test: in each draw a 60-post feed of channel A against
    the median of its half-and-half mixtures with ``partners`` other channels."""
    rng, names = random.Random(7), sorted(channels)
    wins, drawn, lost = 0, Counter(), Counter()
    partners = min(partners, len(names) - 1)
    for _ in range(draws):
        a = rng.choice(names)
        alone = focus(rng.sample(channels[a], FEED))
        mixed = [
            focus(rng.sample(channels[a], FEED // 2) + rng.sample(channels[b], FEED // 2))
            for b in rng.sample([name for name in names if name != a], partners)
        ]
        won = alone > statistics.median(mixed)
        wins += won
        drawn[a] += 1
        lost[a] += not won
    worst = "; ".join(f"{name} {count} of {drawn[name]}" for name, count in lost.most_common(5) if count)
    print(f"{draws} draws: A alone above the median of its mixtures with {partners} other channels: {wins}")
    print(f"  most lost as A: {worst}")


def pair_kind(a: str, b: str) -> str:
    return " + ".join("news" if name in NEWS_SERVICES else "other" for name in (a, b))


def print_mixtures(channels: dict[str, list], rng: random.Random) -> None:
    names = sorted(channels)
    for k in (1, 2, 4, 8):
        scores = []
        for _ in range(MIXTURES):
            picked = rng.sample(names, k)
            feed = [lemmas for name in picked for lemmas in rng.sample(channels[name], FEED // k)]
            scores.append(focus(feed))
        low, median, high = statistics.quantiles(scores, n=4)
        print(
            f"mixtures of {k} channel(s): median focus {median:.0f} (quartiles {low:.0f} to {high:.0f}); "
            f"{severities(scores)}"
        )


def severities(scores: list[float]) -> str:
    """How many of these feeds finding 7 would call serious (under LOW_FOCUS) or notable."""
    from voicecheck.account.findings import LOW_FOCUS, MID_FOCUS

    serious = sum(score < LOW_FOCUS for score in scores)
    notable = sum(LOW_FOCUS <= score < MID_FOCUS for score in scores)
    return f"finding 7 serious (<{LOW_FOCUS}) {serious}, notable (<{MID_FOCUS}) {notable} of {len(scores)}"


def print_channels(channels: dict[str, list]) -> None:
    from voicecheck.account.focus import strip_signatures

    scored = {name: focus(lists[:FEED]) for name, lists in channels.items()}
    for name in sorted(scored, key=lambda n: -scored[n]):
        found = sorted({" ".join(s) for s in strip_signatures(channels[name][:FEED])[1]}, key=len)[-1:]
        signature = f"  (signature «{found[0]}»)" if found else ""
        print(f"  {scored[name]:5.1f}  {name}{signature}")
    print(f"  channels alone: {severities(list(scored.values()))}")
    news = [score for name, score in scored.items() if name in NEWS_SERVICES]
    print(f"  news services among them: {severities(news)}")


def print_size_effect(channels: dict[str, list], rng: random.Random) -> None:
    """Median focus index of the channels with ``LONG`` posts, on feeds of 30, 100 and
    all of them: a score that does not depend on the feed's length stays put."""
    posts = len(next(iter(channels.values())))
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


SPECIALISED_AND_NEWS = ("Библиотека Go", "Библиотека питониста", "Библиотека программиста", "РИА", "BBC")


def print_specialised_and_news(channels: dict[str, list], longer: dict[str, list]) -> None:
    """The programming channels and two national news services: the index on their
    posts, with the words of the channel's own name left out of them, and on ``LONG``."""
    from voicecheck.account.focus import strip_signatures
    from voicecheck.analysis import analyze_posts

    picked = [next(name for name in channels if name.startswith(start)) for start in SPECIALISED_AND_NEWS]
    named = zip(picked, analyze_posts(picked, classify=False), strict=True)
    own_words = {name: set(result.topic_lemmas.split()) for name, result in named}
    size, long = len(channels[picked[0]]), len(longer[picked[0]])
    print(f"focus on {size} posts / without the words of the channel's name / on {long} posts (in how many")
    print(f"of the {long}, signatures left out, its commonest lemmas are):")
    for name in picked:
        unnamed = [[lemma for lemma in lemmas if lemma not in own_words[name]] for lemmas in channels[name]]
        unsigned = strip_signatures(longer[name])[0]
        common = Counter(lemma for lemmas in unsigned for lemma in set(lemmas)).most_common(4)
        scores = f"{focus(channels[name]):5.1f} {focus(unnamed):5.1f} {focus(longer[name]):5.1f}"
        print(f"  {scores}  {name} ({', '.join(f'{lemma} {n}' for lemma, n in common)})")


def days_spanned(posts: list[tuple[str, str]]) -> int | None:
    """Days from the earliest to the latest post with an ISO date (None without two)."""
    days = sorted(day for when, _ in posts if (day := _iso_day(when)))
    return (days[-1] - days[0]).days if len(days) >= 2 else None


def _iso_day(when: str) -> date | None:
    try:
        return date.fromisoformat(when[:10])
    except ValueError:
        return None


def print_spans(label: str, channels: dict[str, list[tuple[str, str]]]) -> None:
    """The median number of days the channels' posts span, news services and the others."""
    spans = {name: days_spanned(posts) for name, posts in channels.items()}
    for kind, news in (("news services", True), ("other channels", False)):
        known = [days for name, days in spans.items() if (name in NEWS_SERVICES) == news and days is not None]
        median = f"{statistics.median(known):.0f}" if known else "no dates"
        print(f"  days {label} span, {kind}: median {median}")


SEEDS = 5  # random samples of each picked channel's export


def print_spread(channels: dict[str, list], per_channel: int, draws: int) -> None:
    """How many days the channels' first posts and posts drawn from all over their exports
    span; the focus test's draws again on the latter; and the programming channels and news
    services on their first posts, on ``SEEDS`` samples from all over (mean, lowest and highest)
    and on their whole exports, each with the days it spans."""
    rows = channel_posts()
    first = {name: rows[name][:per_channel] for name in channels}
    spread = spread_posts(rows, per_channel)
    print_spans(f"the first {per_channel} posts", first)
    print_spans(f"{per_channel} posts from all over each export", spread)
    print(f"the same draws on {per_channel} posts from all over each channel's export:")
    print_mixing_test(as_lemma_lists(texts_of(spread)), draws, random.Random(7))
    picked = [next(name for name in channels if name.startswith(start)) for start in SPECIALISED_AND_NEWS]
    samples = [{n: spread_posts({n: rows[n]}, per_channel, seed)[n] for n in picked} for seed in range(SEEDS)]
    sampled_lemmas = [as_lemma_lists(texts_of(sample)) for sample in samples]
    whole = as_lemma_lists(texts_of({name: rows[name] for name in picked}))
    print(f"focus (days spanned) on the first {per_channel} posts / on {per_channel} from all over, mean of")
    print(f"{SEEDS} samples [lowest–highest] (days the first sample spans) / on all posts:")
    for name in picked:
        sampled = [focus(lemmas[name]) for lemmas in sampled_lemmas]
        line = f"{focus(channels[name]):5.1f} ({days_spanned(first[name])} d)"
        line += f"  {statistics.mean(sampled):5.1f} [{min(sampled):.1f}–{max(sampled):.1f}]"
        line += f" ({days_spanned(samples[0][name])} d)"
        line += f"  {focus(whole[name]):5.1f} ({days_spanned(rows[name])} d)"
        print(f"  {line}  {name} ({len(whole[name])} posts)")


# A post's house style, read without a single word: each habit is there or not.
HABITS = (
    re.compile("«"),  # quotes «»
    re.compile(r'"\w|\w"|“|„'),  # quotes ""
    re.compile("—"),  # em dash
    re.compile("–"),  # en dash
    re.compile(" - "),  # hyphen for a dash
    re.compile("…"),
    re.compile(r"\.\.\."),
    re.compile("[\U0001f1e6-\U0001faff\u2300-\u23ff\u2600-\u27bf\u2b00-\u2bff\u203c\u2049]"),  # emoji
    re.compile(r"#[^\W\d]"),  # hashtag
    re.compile(r"https?://|t\.me/|www\."),  # link
    re.compile(r"(?<![\w.])@\w"),  # mention, not an e-mail address
    re.compile(r"\S\n\s*\n\s*\S"),  # paragraphs
    re.compile(r"^\s*([•▪·–-]|\d+[.)])\s", re.M),  # a list (an em dash opens dialogue, not a list)
    re.compile(r"\b[А-ЯЁ]{5,}\b"),  # a word in capitals
    re.compile("[ёЁ]"),
    re.compile("!"),
    re.compile(r"\?"),
)
SHORT, LONG_POST = 300, 1000  # and two more habits: under 300 characters, over 1,000


def post_habits(text: str) -> list[bool]:
    return [bool(habit.search(text)) for habit in HABITS] + [len(text) < SHORT, len(text) > LONG_POST]


def house_style_agreement(texts: list[str]) -> np.ndarray:
    """For each pair of posts, the share of their habits they agree on (both have it or both lack it)."""
    habits = np.array([post_habits(text) for text in texts], dtype=float)
    return (habits @ habits.T + (1 - habits) @ (1 - habits).T) / habits.shape[1]


def topic_similarity(channels: dict[str, list], names: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """The index's pair similarity over all posts of all channels in ``names`` order, each
    channel's signatures left out, and the posts with a vector (those ``coherence`` measures)."""
    from voicecheck.account.focus import PairSimilarity, post_vectors, strip_signatures, with_content
    from voicecheck.nlp import natasha_models

    lemma_lists = [lemmas for name in names for lemmas in strip_signatures(channels[name])[0]]
    vectors = post_vectors(lemma_lists, natasha_models().embedding)
    everything = np.arange(len(lemma_lists))
    similarity = PairSimilarity.over(vectors, lemma_lists, everything).between(everything, everything)
    return similarity, with_content(vectors)


def count_draw_wins(measures: dict, channels: int, size: int, draws: int) -> Counter:
    """The draws of the mixing test, as post indices: how often each measure ranks A above A+B."""
    rng, wins = random.Random(7), Counter()
    for _ in range(draws):
        a, b = rng.sample(range(channels), 2)
        single = [a * size + i for i in rng.sample(range(size), FEED)]
        mixed = [a * size + i for i in rng.sample(range(size), FEED // 2)]
        mixed += [b * size + i for i in rng.sample(range(size), FEED // 2)]
        wins.update(
            name
            for name, (matrix, statistic) in measures.items()
            if statistic(pair_values(matrix, single)) > statistic(pair_values(matrix, mixed))
        )
    return wins


def print_house_style(channels: dict[str, list], texts: dict[str, list[str]], draws: int) -> None:
    """The focus test's draws won by the index's pair similarity, by house style alone (the
    mean share of habits a feed's pairs agree on, read from the whole text, signature lines
    included) and by the two added (lower quartile); then the programming channels and
    news services by topics and by both. All on the same footing: every post of the
    draw, signatures left out per channel over all its posts; C is the lower quartile,
    before the 0-100 scale."""
    from voicecheck.account.focus import PAIR_QUANTILE

    names = sorted(channels)
    size = len(channels[names[0]])
    topic, _ = topic_similarity(channels, names)
    style = house_style_agreement([text for name in names for text in texts[name]])
    quartile = lambda values: np.quantile(values, PAIR_QUANTILE)  # noqa: E731
    measures = {
        "the index's pair similarity alone (lower quartile)": (topic, quartile),
        "house style alone (mean share of habits the pairs agree on)": (style, np.mean),
        "the index's pair similarity + that share (lower quartile)": (topic + style, quartile),
    }
    print_draws_and_channels(measures, names, size, draws, "topics / topics + house style")
    print_style_weights(topic, style, names, size, draws)


STYLE_WEIGHTS = (0.05, 0.1, 0.2, 0.3, 0.5, 1.0)


def print_style_weights(
    topic: np.ndarray, style: np.ndarray, names: list[str], size: int, draws: int
) -> None:
    """The trade-off of adding house style at a smaller weight: the draws the pair
    similarity plus weight × the share of habits wins, and the Go channel's C minus РИА's
    on all their posts (the other focus test wants it above 0)."""
    from voicecheck.account.focus import PAIR_QUANTILE

    quartile = lambda values: np.quantile(values, PAIR_QUANTILE)  # noqa: E731
    measures = {weight: (topic + weight * style, quartile) for weight in STYLE_WEIGHTS}
    wins = count_draw_wins(measures, len(names), size, draws)
    go, news = (
        next(i for i, name in enumerate(names) if name.startswith(start))
        for start in ("Библиотека Go", "РИА")
    )

    def own_c(matrix: np.ndarray, channel: int) -> float:
        return quartile(pair_values(matrix, list(range(channel * size, (channel + 1) * size))))

    print("topics + weight × house style: draws A alone wins, and Go's C minus РИА's on all posts:")
    for weight, (matrix, _) in measures.items():
        print(f"  {weight:4.2f}  {wins[weight]:5d}  {own_c(matrix, go) - own_c(matrix, news):+.3f}")


def print_draws_and_channels(measures: dict, names: list[str], size: int, draws: int, columns: str) -> None:
    """The draws each measure wins, then C by the first and the last measure on every post
    of the programming channels and the news services."""
    wins = count_draw_wins(measures, len(names), size, draws)
    print(f"{draws} draws, every post of the draw, A alone above A+B:")
    for name in measures:
        print(f"  {wins[name]:5d}  by {name}")
    print(f"C on all {size} posts: {columns}")
    first, *_, last = measures.values()
    for start in SPECIALISED_AND_NEWS:
        i = next(i for i, name in enumerate(names) if name.startswith(start))
        own = list(range(i * size, (i + 1) * size))
        values = (statistic(pair_values(matrix, own)) for matrix, statistic in (first, last))
        print("  " + "  ".join(f"{value:+.3f}" for value in values) + f"  {names[i]}")


def print_key_phrases(texts: dict[str, list[str]], draws: int) -> None:
    """The same draws with each post's key phrases («тазовое дно», the ones topic labels
    show) added to its set of lemmas, each weighing the geometric mean of its two words'
    weights, against the index's pair similarity; signatures left out per channel over
    all its posts, as for --style."""
    from voicecheck.account.focus import (
        LEXICAL_WEIGHT,
        PAIR_QUANTILE,
        _Weights,
        background,
        post_vectors,
        unit_rows,
    )
    from voicecheck.nlp import natasha_models

    names = sorted(texts)
    size = len(texts[names[0]])
    lemma_lists, phrase_lists = lemmas_and_phrases([texts[name] for name in names])
    vectors = post_vectors(lemma_lists, natasha_models().embedding)
    weights = _Weights(background())
    words = [{lemma: weights[lemma] for lemma in set(lemmas)} for lemmas in lemma_lists]
    with_phrases = [
        {**row, **{" ".join(key): float(np.sqrt(weights[key[0]] * weights[key[1]])) for key in phrases}}
        for row, phrases in zip(words, phrase_lists, strict=True)
    ]

    def similarity(rows: list[dict]) -> np.ndarray:
        lexical = unit_rows(rows)
        return vectors @ vectors.T + LEXICAL_WEIGHT * (lexical @ lexical.T).toarray()

    quartile = lambda values: np.quantile(values, PAIR_QUANTILE)  # noqa: E731
    measures = {
        "the index's pair similarity (lower quartile)": (similarity(words), quartile),
        "the same with key phrases among the lemmas": (similarity(with_phrases), quartile),
    }
    print_draws_and_channels(measures, names, size, draws, "topics / topics with key phrases")


def lemmas_and_phrases(channels: list[list[str]]) -> tuple[list[list[str]], list[set[tuple[str, str]]]]:
    """Every post's topic lemmas, its channel's signatures left out, and its key phrases as
    lemma pairs (those not in a signature)."""
    from voicecheck.account.focus import strip_signatures
    from voicecheck.analysis import analyze_posts
    from voicecheck.records import key_phrases_of

    lemma_lists, phrase_lists = [], []
    for texts in channels:
        posts = list(analyze_posts(texts, classify=False))
        kept = strip_signatures([post.topic_lemmas.split() for post in posts])[0]
        for post, lemmas in zip(posts, kept, strict=True):
            phrases = [p for p in key_phrases_of(post) if p.second < len(lemmas)]
            lemma_lists.append(lemmas)
            phrase_lists.append({(lemmas[p.first], lemmas[p.second]) for p in phrases})
    return lemma_lists, phrase_lists


def pair_values(matrix: np.ndarray, posts: list[int]) -> np.ndarray:
    return matrix[np.ix_(posts, posts)][np.triu_indices(len(posts), 1)]


def weighted_quantiles(blocks: list[np.ndarray], shares: list[float], quantiles: np.ndarray) -> np.ndarray:
    """Quantiles of the values of ``blocks`` pooled, each block carrying its share of the weight."""
    values = np.concatenate(blocks)
    weights = [np.full(len(block), share / len(block)) for block, share in zip(blocks, shares, strict=True)]
    order = np.argsort(values)
    cumulative = np.cumsum(np.concatenate(weights)[order])
    return values[order][np.minimum(np.searchsorted(cumulative, quantiles * cumulative[-1]), len(values) - 1)]


def print_ceiling(channels: dict[str, list]) -> None:
    """What no sample can change: every channel's posts (its signatures left out) against
    every other's, the half-and-half mixture's pairs weighted 1/4 AA, 1/2 AB, 1/4 BB as in
    a mixed feed, and every feed's quantiles taken the same way (the lowest value with at
    least that share of the weight at or below it); the 49 quantiles run from 2% to 98%."""
    from voicecheck.account.focus import PAIR_QUANTILE

    names = sorted(channels)
    similarity, measured = topic_similarity(channels, names)
    size = len(channels[names[0]])
    owner = measured // size
    posts = {name: measured[owner == i] for i, name in enumerate(names)}
    own = {name: similarity[np.ix_(p, p)][np.triu_indices(len(p), 1)] for name, p in posts.items()}
    quantiles = np.append(np.linspace(0.02, 0.98, 49), PAIR_QUANTILE)
    ranked = dominated = 0
    dominated_as_a = Counter()
    for a, b in itertools.permutations(names, 2):
        alone = weighted_quantiles([own[a]], [1.0], quantiles)
        cross = similarity[np.ix_(posts[a], posts[b])].ravel()
        mixed = weighted_quantiles([own[a], cross, own[b]], [0.25, 0.5, 0.25], quantiles)
        ranked += alone[-1] > mixed[-1]
        if (mixed[:-1] >= alone[:-1]).all():
            dominated += 1
            dominated_as_a[a] += 1
    pairs = len(names) * (len(names) - 1)
    print(f"all {size} posts of each channel, {pairs} ordered pairs (A, B), the mixture's pairs weighted:")
    print(f"  {ranked:5d}  ({ranked / pairs:.1%}) A above A+B by the lower quartile of the pooled pairs")
    print(f"  {dominated:5d}  ({dominated / pairs:.1%}) A+B's pairs as close as A's or closer at all 49")
    print("  most often as A: " + "; ".join(f"{name} {n}" for name, n in dominated_as_a.most_common(4)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--per-channel", type=int, default=80)
    parser.add_argument("--draws", type=int, default=1000)
    parser.add_argument("--sizes", action="store_true", help="also: the index on 30, 100 and 400 posts")
    parser.add_argument("--pairs", action="store_true", help="also: AA/AB/BB similarity of losing pairs")
    parser.add_argument("--ceiling", action="store_true", help="also: every pair on all its posts, unsampled")
    parser.add_argument("--news", action="store_true", help="also: programming channels and news")
    parser.add_argument("--style", action="store_true", help="also: the draws won by house style")
    parser.add_argument("--spread", action="store_true", help="also: posts from all over each export")
    parser.add_argument("--partners", type=int, default=0, help="also: A against its mixtures' median")
    parser.add_argument("--phrases", action="store_true", help="also: the draws with key phrases as lemmas")
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
    if args.ceiling:
        print_ceiling(channels)
    if args.style:
        print_house_style(channels, channel_texts(args.per_channel), args.draws)
    if args.phrases:
        print_key_phrases(channel_texts(args.per_channel), args.draws)
    if args.partners:
        print_partner_medians(channels, args.draws, args.partners)
    if args.spread:
        print_spread(channels, args.per_channel, args.draws)
    longer = load_channels(LONG) if args.sizes or args.news else {}
    if args.news:
        print_specialised_and_news(channels, longer)
    if args.sizes:
        print_size_effect(longer, rng)


if __name__ == "__main__":
    main()
