"""Size and render time of the offline HTML report on real posts.

Usage:
    python bench/html_report.py                    # the first 5,000 of ../shared/real/posts.csv
    python bench/html_report.py --limit 1000 --keep report.html

Analyses the posts, builds the account report and the HTML page, and prints the
file size (limit 15 MB). Then it opens the page from a file:// URL in headless
Chromium (Debian's /usr/bin/chromium, driven by playwright, every non-file request
aborted) and prints the render time: from navigation start to the moment after
the load event when the browser has painted the charts and built the posts
table, the median of several loads (limit 5 s). Exits 0 with a note when the
posts file or the browser is absent, 1 when a limit is broken.
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
REAL = REPO.parent / "shared" / "real" / "posts.csv"
CHROMIUM = Path("/usr/bin/chromium")
MAX_MB = 15.0
MAX_SECONDS = 5.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--input", default=str(REAL), help="a feed export (default: shared real posts)")
    parser.add_argument("--limit", type=int, default=5000, help="the first N posts (default 5,000)")
    parser.add_argument("--loads", type=int, default=5, help="page loads to time (default 5)")
    parser.add_argument("--keep", help="also write the page to this file")
    args = parser.parse_args()
    if not Path(args.input).exists():
        print(f"bench: {args.input} not found (the shared real posts sit beside the repo); nothing to do")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(args.keep) if args.keep else Path(tmp) / "report.html"
        build(Path(args.input), args.limit, path)
        size_mb = path.stat().st_size / 1e6
        print(f"file size   {size_mb:8.2f} MB   (limit {MAX_MB:.0f} MB)")
        seconds = render_time(path, args.loads)
    ok = size_mb < MAX_MB
    if seconds is not None:
        print(f"render time {seconds:8.2f} s    (limit {MAX_SECONDS:.0f} s; median of {args.loads} loads)")
        ok = ok and seconds < MAX_SECONDS
    print("within limits" if ok else "OVER A LIMIT")
    return 0 if ok else 1


def build(source: Path, limit: int, path: Path) -> None:
    from voicecheck.account import build_report
    from voicecheck.analysis import analyze_posts
    from voicecheck.feed import read_feed
    from voicecheck.html import render_html

    started = time.perf_counter()
    posts = read_feed(str(source)).posts[:limit]
    results = list(analyze_posts(posts))
    analysed = time.perf_counter()
    report = build_report(results, account=source.stem)
    reported = time.perf_counter()
    page = render_html(report, results)
    path.write_text(page, encoding="utf-8")
    rendered = time.perf_counter()
    print(f"{len(results):,} posts from {source}")
    print(
        f"analyse {analysed - started:.1f} s, account report {reported - analysed:.1f} s, "
        f"HTML {rendered - reported:.2f} s"
    )


def render_time(path: Path, loads: int) -> float | None:
    """Median seconds from navigation start to the first paint after the load event."""
    if not CHROMIUM.exists():
        print(f"bench: {CHROMIUM} not found (apt-get install chromium); render time not measured")
        return None
    try:
        from playwright.sync_api import sync_playwright

        from voicecheck.html import HEADLESS_CHROMIUM_ARGS
    except ImportError:
        print("bench: playwright is not installed (pip install playwright); render time not measured")
        return None
    url = path.resolve().as_uri()
    timings = []
    with tempfile.TemporaryDirectory() as profile, sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), headless=True, args=HEADLESS_CHROMIUM_ARGS
        )
        for _ in range(loads):
            page = context.new_page()
            outside = []
            page.route("**/*", lambda route, seen=outside: _only_file(route, url, seen))
            page.goto(url, wait_until="load", timeout=60_000)
            page.wait_for_function("window.__vcPainted !== undefined", timeout=60_000)
            timing = page.evaluate(
                """() => ({load: performance.getEntriesByType('navigation')[0].loadEventEnd,
                           ready: window.__vcReady, painted: window.__vcPainted,
                           charts: document.querySelectorAll('figure.chart svg').length,
                           rows: document.querySelectorAll('#posts-table tbody tr').length})"""
            )
            timings.append(timing)
            if outside:
                print(f"bench: requests left the page: {outside[:3]}")
            page.close()
        context.close()
    last = timings[-1]
    print(
        f"in the browser: {last['charts']} charts, {last['rows']} table rows on the first page; "
        f"load event {statistics.median(t['load'] for t in timings):.0f} ms, "
        f"script done {statistics.median(t['ready'] for t in timings):.0f} ms, "
        f"painted {statistics.median(t['painted'] for t in timings):.0f} ms"
    )
    return statistics.median(t["painted"] for t in timings) / 1000


def _only_file(route, url: str, outside: list) -> None:
    if route.request.url == url:
        route.continue_()
    else:
        outside.append(route.request.url)
        route.abort()


if __name__ == "__main__":
    sys.exit(main())
