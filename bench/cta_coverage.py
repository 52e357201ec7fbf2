"""How often the call-to-action detector finds an ask, by the post's labelled funnel stage.

Usage:
    python bench/cta_coverage.py                       # corpora/posts/*.jsonl and ../shared/eval/dev.csv
    python bench/cta_coverage.py --corpus-only

No post carries a call-to-action label, so the labelled stage stands in for one: by the
labelling guide an `action` post turns the reader into a customer now ("buy / order / book /
apply / enrol"), so nearly every one should hold an ask (`has_cta`), and `voicecheck check`
reports VC401 on each action post where none is found. The other stages may ask too (a free
webinar is `interest`), so their shares are context, not errors.
"""

import argparse
import csv
import json
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpora" / "posts"
DEV = REPO.parent / "shared" / "eval" / "dev.csv"
STAGES = ("awareness", "interest", "trust", "action")


def corpus_posts() -> list[tuple[str, str]]:
    lines = [line for path in sorted(CORPUS.glob("*.jsonl")) for line in path.open(encoding="utf-8")]
    return [(row["stage"], row["text"]) for row in map(json.loads, lines)]


def dev_posts() -> list[tuple[str, str]]:
    with DEV.open(encoding="utf-8-sig", newline="") as handle:
        return [(row["stage"], row["text"]) for row in csv.DictReader(handle) if row.get("stage")]


def asks_by_stage(posts: list[tuple[str, str]]) -> tuple[Counter, Counter]:
    from voicecheck.nlp import load_nlp, parse_texts

    found, total = Counter(), Counter()
    docs = parse_texts(load_nlp(), (text for _, text in posts))
    for (stage, _), doc in zip(posts, docs, strict=True):
        total[stage] += 1
        found[stage] += doc._.features["cta"]["has_cta"]
    return found, total


def table(name: str, found: Counter, total: Counter) -> str:
    lines = [f"{name}: posts with an ask (has_cta), by labelled stage", "", "| stage | posts | with an ask |"]
    lines.append("| --- | ---: | ---: |")
    for stage in STAGES:
        share = found[stage] / total[stage] if total[stage] else 0.0
        lines.append(f"| {stage} | {total[stage]} | {found[stage]} ({share:.1%}) |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--corpus-only", action="store_true", help="skip ../shared/eval/dev.csv")
    args = parser.parse_args()
    sets = [("corpora/posts", corpus_posts())]
    if not args.corpus_only and DEV.exists():
        sets.append(("dev.csv", dev_posts()))
    for name, posts in sets:
        print(table(name, *asks_by_stage(posts)), end="\n\n")


if __name__ == "__main__":
    main()
