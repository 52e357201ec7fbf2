"""How long the stage and type models take to load, each way, in a fresh process.

Usage:
    python bench/model_load.py

Prints the load time of the numpy arrays that `analyze` and `check` use and of the
scikit-learn pipelines they were exported from (skops), each in a new interpreter, so the
scikit-learn and skops imports count as they do for a user (spaCy, which both need anyway,
is imported before the clock starts).
"""

import subprocess
import sys

LOADERS = {
    "numpy arrays (linear.LinearModels)": (
        "from voicecheck.linear import LinearModels; from voicecheck.paths import MODELS_DIR; "
        "assert LinearModels.load(MODELS_DIR) is not None"
    ),
    "scikit-learn pipelines (skops)": (
        "from voicecheck.classify import load_pipelines; assert load_pipelines()"
    ),
}
# spaCy and the NLP pipeline's modules are imported first, outside the timer: analyze and
# check import them anyway, so only what the models themselves cost is measured.
TIMED = "import time, voicecheck.model; t = time.perf_counter(); {code}; print(time.perf_counter() - t)"


def main() -> None:
    for name, code in LOADERS.items():
        done = subprocess.run(
            [sys.executable, "-c", TIMED.format(code=code)], capture_output=True, text=True, check=True
        )
        print(f"{name}: {float(done.stdout.strip()):.2f} s")


if __name__ == "__main__":
    main()
