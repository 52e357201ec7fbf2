"""Which real channels the account report reads as news services.

Usage:
    python bench/account_kind.py [--per-channel 80]

Runs the full analysis (models included) on the first posts of 15+ words of each channel
of ../shared/real/posts.csv that has that many, builds each channel's account report and
prints its share of знакомство posts, of faceless posts, and whether the findings treat
it as a news service (``findings.looks_like_news``), beside the hand marks of
bench/focus_real.py. About 1 minute.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from focus_real import NEWS_SERVICES, REAL, channel_texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-channel", type=int, default=80)
    args = parser.parse_args()
    if not REAL.exists():
        sys.exit(f"{REAL} is missing: this bench reads the shared real posts")
    from voicecheck.account import build_report
    from voicecheck.account.findings import looks_like_news
    from voicecheck.analysis import analyze_posts

    channels = channel_texts(args.per_channel)
    results = iter(analyze_posts([text for texts in channels.values() for text in texts]))
    marked = {True: [0, 0], False: [0, 0]}  # hand mark -> [read as news, channels]
    for name, texts in channels.items():
        report = build_report([next(results) for _ in texts], account=name)
        news = looks_like_news(report.funnel, report.trust)
        marked[name in NEWS_SERVICES][0] += news
        marked[name in NEWS_SERVICES][1] += 1
        awareness = report.funnel.stage_share.get("awareness", 0.0)
        print(
            f"{'news' if name in NEWS_SERVICES else '    '}  {name[:44]:44}  знакомство {awareness:4.0%}  "
            f"безликих {report.trust.impersonal_share:4.0%}  {'read as news' if news else ''}"
        )
    print(f"read as news: {marked[True][0]} of the {marked[True][1]} news services marked by hand, ", end="")
    print(f"{marked[False][0]} of the {marked[False][1]} other channels")


if __name__ == "__main__":
    main()
