"""Wall time of `voicecheck check` on one short draft, start-up included.

Usage:
    python bench/lint_speed.py            # 7 runs
    python bench/lint_speed.py --runs 15
    git worktree add /tmp/before HEAD~3 && python bench/lint_speed.py --against /tmp/before

Each run is a fresh process (the installed `voicecheck` script, or `python -m
voicecheck.cli`), timed from start to exit; prints every run's wall and CPU time
and the medians, and, for scale, how long importing spaCy and natasha alone takes on this
machine at the moment. The budget is 2 s of wall time. On a busy machine wall time
follows the load (printed too); CPU time shows what the check itself costs.
The first run, not counted, warms the disk cache. ``--against DIR`` also times the
voicecheck in DIR (another checkout, say an older commit's worktree), alternating runs
with this one's, so both are measured at the same moments.
"""

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BUDGET = 2.0
DRAFT = (
    "Как я выбираю краску для детской\n\n"
    "Перед покупкой рекомендуется проверить состав краски. Я сама крашу стены уже шесть лет "
    "и всегда смотрю, чтобы краска была моющейся и без запаха.\n\n"
    "Запишитесь на консультацию по ссылке в профиле!\n"
)


def command() -> list[str]:
    script = Path(sys.executable).with_name("voicecheck")
    return [str(script)] if script.exists() else [sys.executable, "-m", "voicecheck.cli"]


LIBRARIES = [sys.executable, "-c", "import spacy, natasha"]


def time_run(path: Path, source: Path | None = None) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one fresh `voicecheck check`, by the
    installed one or, with ``source``, by the voicecheck package in that folder."""
    if source is None:
        return timed([*command(), "check", str(path)], ok=(0, 1))
    entry = [sys.executable, "-c", "from voicecheck.cli import entry; entry()"]
    return timed([*entry, "check", str(path)], ok=(0, 1), cwd=source, env={"PYTHONPATH": str(source)})


def timed(
    args: list[str], ok: tuple[int, ...] = (0,), cwd: Path | None = None, env: dict | None = None
) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    environment = {**os.environ, **env} if env else None
    result = subprocess.run(args, capture_output=True, text=True, cwd=cwd, env=environment)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode not in ok:
        sys.exit(f"{' '.join(args)} failed ({result.returncode}): {result.stderr.strip()}")
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return elapsed, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--against", type=Path, metavar="DIR", help="another checkout to time alongside")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "draft.md"
        path.write_text(DRAFT, encoding="utf-8")
        time_run(path)  # warm the disk cache; not counted
        runs, others = [], []
        for _ in range(args.runs):
            runs.append(time_run(path))
            if args.against:
                others.append(time_run(path, args.against.resolve()))
    if others:
        print(f"{args.against}: median wall time {statistics.median(s for s, _ in others):.2f} s")
    for i, (seconds, cpu) in enumerate(runs, 1):
        print(f"run {i}: {seconds:.2f} s wall, {cpu:.2f} s CPU")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")
    print(f"median CPU time: {statistics.median(cpu for _, cpu in runs):.2f} s")
    median = statistics.median(seconds for seconds, _ in runs)
    imports = statistics.median(timed(LIBRARIES)[0] for _ in range(3))
    print(f"for scale, importing spaCy and natasha alone takes {imports:.2f} s here now")
    verdict = "ok" if median < BUDGET else "OVER"
    print(f"median wall time of {len(runs)}: {median:.2f} s (budget {BUDGET:.1f} s: {verdict})")


if __name__ == "__main__":
    main()
