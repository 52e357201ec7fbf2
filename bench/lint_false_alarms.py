"""How often each draft-checker rule fires on posts that are not impersonal.

Usage:
    python bench/lint_false_alarms.py                      # ../shared/eval/dev.csv
    python bench/lint_false_alarms.py --input labels.csv

Reads the labelled posts with ``impersonal = 0`` and ``voice`` i or we (a person speaks,
the tone is alive), runs every rule on them with its default parameters and the
predicted stage and type, and prints, per rule, how many of those posts it fires on
and their share. No tone rule should fire on more than 15% of them: such a rule would
mostly scold good posts. Exits with 1 when one does.
"""

import argparse
import csv
import sys
import time
from pathlib import Path

from voicecheck.config import Settings
from voicecheck.lint import Source, check_sources
from voicecheck.rules import RULES

REPO = Path(__file__).resolve().parents[1]
DEV = REPO.parent / "shared" / "eval" / "dev.csv"
TONE_LIMIT = 0.15
CHUNK = 64


def lively_posts(path: Path) -> list[tuple[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [
        (row.get("id") or str(i), row["text"])
        for i, row in enumerate(rows)
        if row.get("impersonal") == "0" and row.get("voice") in ("i", "we") and row["text"].strip()
    ]


def fire_counts(posts: list[tuple[str, str]]) -> dict[str, int]:
    settings = Settings(select=("ALL",))
    counts = {rule.code: 0 for rule in RULES}
    for start in range(0, len(posts), CHUNK):
        sources = [Source(post_id, text) for post_id, text in posts[start : start + CHUNK]]
        for report in check_sources(sources, settings):
            for code in {f.code for f in report.findings}:
                counts[code] += 1
    return counts


def table(counts: dict[str, int], total: int) -> tuple[str, bool]:
    lines = [
        f"{total} posts with impersonal = 0 and voice i or we",
        "",
        "| code | rule | severity | fires on | share |",
        "| --- | --- | --- | ---: | ---: |",
    ]
    ok = True
    for rule in RULES:
        share = counts[rule.code] / total if total else 0.0
        note = ""
        if rule.family == "tone" and share > TONE_LIMIT:
            ok, note = False, " (over 15%)"
        lines.append(
            f"| {rule.code} | {rule.name} | {rule.severity} | {counts[rule.code]} | {share:.1%}{note} |"
        )
    return "\n".join(lines), ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--input", default=str(DEV), help="labelled CSV (default: shared dev set)")
    args = parser.parse_args()
    path = Path(args.input)
    if not path.exists():
        sys.exit(f"{path}: not found")
    started = time.perf_counter()
    posts = lively_posts(path)
    text, ok = table(fire_counts(posts), len(posts))
    print(text)
    verdict = "yes" if ok else "NO"
    print(f"\n{time.perf_counter() - started:.1f} s; tone rules within {TONE_LIMIT:.0%}: {verdict}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
