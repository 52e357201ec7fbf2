"""Throughput and peak memory of `voicecheck analyze` against the bare natasha pipeline.

Usage:
    python bench/throughput.py                 # all of ../shared/real/posts.csv
    python bench/throughput.py --limit 5000    # the first 5,000 posts

Each phase runs in a fresh Python process, on the same texts, in one run:
- natasha: natasha's own Doc API, segmentation + morphology + syntax, per text;
- analyze: voicecheck's whole path: read the CSV, clean, natasha + spaCy,
  lemmas, detectors, classifiers, and write the CSV (to /dev/null);
- then, in the same process, the account step (topics, funnel, engagement,
  findings) over those results.
It prints posts/s, words/s and peak resident memory (ru_maxrss) of each phase,
analyze's resident memory after every 2,000 posts (flat: Docs are not kept, posts
are let go once read, caches are capped), and the account step's time as a share
of analyze's.
"""

import argparse
import csv
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
REAL = REPO.parent / "shared" / "real" / "posts.csv"
WORD = re.compile(r"\w+")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument(
        "--input", default=str(REAL), help="CSV with a text column (default: shared real posts)"
    )
    parser.add_argument("--limit", type=int, default=0, help="only the first N posts (0: all)")
    parser.add_argument("--phase", choices=["natasha", "analyze"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(run_phase(args.phase, args.input)))
        return
    if not Path(args.input).exists():
        sys.exit(f"bench: {args.input} not found (the shared real posts sit beside the repo)")
    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "posts.csv"
        posts, words = write_sample(Path(args.input), sample, args.limit)
        print(f"{posts:,} posts, {words:,} words from {args.input}")
        results = {phase: child(phase, sample) for phase in ("natasha", "analyze")}
    for phase, result in results.items():
        seconds = result["seconds"]
        print(
            f"{phase:8s} {seconds:8.1f} s  {posts / seconds:8.1f} posts/s  "
            f"{words / seconds:9.0f} words/s  peak RSS {result['peak_mb']:7.0f} MB"
        )
    ratio = results["natasha"]["seconds"] / results["analyze"]["seconds"]
    print(f"analyze runs at {ratio:.0%} of the bare natasha pipeline's throughput")
    steps = ", ".join(f"{int(n):,}: {mb:.0f}" for n, mb in results["analyze"]["rss_mb"].items())
    print(f"analyze's resident memory (MB) after each {RSS_EVERY:,} posts: {steps}")
    account = results["analyze"]["account_seconds"]
    print(f"account step {account:.1f} s: {account / results['analyze']['seconds']:.1%} of analyze's time")


def write_sample(source: Path, target: Path, limit: int) -> tuple[int, int]:
    csv.field_size_limit(1 << 30)
    posts = words = 0
    with (
        source.open(encoding="utf-8", newline="") as src,
        target.open("w", encoding="utf-8", newline="") as out,
    ):
        reader = csv.DictReader(src)
        writer = csv.DictWriter(out, fieldnames=reader.fieldnames)
        writer.writeheader()
        for row in reader:
            if limit and posts >= limit:
                break
            writer.writerow(row)
            posts += 1
            words += len(WORD.findall(row.get("text") or ""))
    return posts, words


def child(phase: str, sample: Path) -> dict:
    command = [sys.executable, __file__, "--phase", phase, "--input", str(sample)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        sys.exit(f"bench: the {phase} phase failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_phase(phase: str, path: str) -> dict:
    extra = {}
    if phase == "natasha":
        seconds = time_natasha(path)
    else:
        seconds, extra["account_seconds"], extra["rss_mb"] = time_analyze(path)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"seconds": seconds, "peak_mb": peak_kb / 1024, **extra}


def time_natasha(path: str) -> float:
    from natasha import Doc, NewsEmbedding, NewsMorphTagger, NewsSyntaxParser, Segmenter

    csv.field_size_limit(1 << 30)
    with open(path, encoding="utf-8", newline="") as file:
        texts = [row["text"] or "" for row in csv.DictReader(file)]
    embedding = NewsEmbedding()
    segmenter, morph, syntax = Segmenter(), NewsMorphTagger(embedding), NewsSyntaxParser(embedding)
    start = time.perf_counter()
    for text in texts:
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_morph(morph)
        doc.parse_syntax(syntax)
    return time.perf_counter() - start


RSS_EVERY = 2000


def current_rss_mb() -> float:
    """Resident memory now (Linux /proc), or the peak so far elsewhere."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def time_analyze(path: str) -> tuple[float, float, dict[int, float]]:
    from voicecheck.account import build_report
    from voicecheck.analysis import analyze_posts
    from voicecheck.classify import load_classifier
    from voicecheck.feed import drain, read_feed
    from voicecheck.nlp import load_nlp
    from voicecheck.report import write_csv

    load_nlp()
    load_classifier()
    start = time.perf_counter()
    feed = read_feed(path)
    kept = []  # as `voicecheck analyze` does: rows are written as they come, the report's part is kept
    rss = {}

    def written(result):
        kept.append(result.for_account())
        if len(kept) % RSS_EVERY == 0:
            rss[len(kept)] = round(current_rss_mb())
        return result

    with open(os.devnull, "w", encoding="utf-8", newline="") as out:
        write_csv(map(written, analyze_posts(drain(feed.posts))), out)
    analyzed = time.perf_counter()
    build_report(kept)
    return analyzed - start, time.perf_counter() - analyzed, rss


if __name__ == "__main__":
    main()
