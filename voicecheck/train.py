"""Rebuild the stage and type models from the authored corpus in ``corpora/``.

Reproducible: the same corpus gives the same models and the same scores (the
folds are fixed by account, the solver is deterministic). Cross-validation is
grouped by account, so no account is in both a training and a test fold.
"""

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from .model import BLOCK_WEIGHTS, EXCLUDED_SIGNALS, TASKS, build_pipeline, model_row, save_model
from .paths import MODELS_DIR

# The regularisation is fixed, not chosen by cross-validation: the corpus's own folds,
# even grouped by account, prefer weaker regularisation (C=3), which fits the authored
# corpus's style; on real posts (../shared/eval/dev.csv) stronger regularisation than
# scikit-learn's default transfers better.
C = 0.5
MODEL_DESCRIPTION = (
    "Pipeline(ColumnTransformer(tfidf lemmas 1-2, scaled detector signals, scaled navec mean; "
    "block weights {weights}), LogisticRegression(class_weight=balanced))"
)
FOLDS = 5


def load_corpus(corpus_dir: Path) -> list[dict]:
    posts = []
    for path in sorted((corpus_dir / "posts").glob("*.jsonl")):
        with path.open(encoding="utf-8") as file:
            posts.extend(json.loads(line) for line in file if line.strip())
    if not posts:
        raise FileNotFoundError(f"{corpus_dir}/posts: no *.jsonl corpus files")
    return posts


def corpus_hash(corpus_dir: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted((corpus_dir / "posts").glob("*.jsonl")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def corpus_rows(posts: list[dict]) -> tuple[list[list], list[list[str]]]:
    """The model input of every corpus post, through the same pipeline as analyze,
    and its topic lemmas (for the focus scale)."""
    from .analysis import classifier_input, topic_lemmas
    from .nlp import parse_texts, shared_nlp

    rows, lemmas = [], []
    for doc in parse_texts(shared_nlp(), (p["text"] for p in posts)):
        found = classifier_input(doc)
        rows.append(model_row(found["lemmas"], found["features"], found["vector"]))
        lemmas.append(topic_lemmas(doc).split())
    return rows, lemmas


def grouped_cv(task: str, table, labels, groups, c: float) -> dict:
    from sklearn.metrics import accuracy_score, f1_score
    from sklearn.model_selection import GroupKFold

    scores, accuracies = [], []
    for train, test in GroupKFold(n_splits=FOLDS).split(table, labels, groups):
        model = build_pipeline(task, c).fit(table[train], labels[train])
        guess = model.predict(table[test])
        scores.append(f1_score(labels[test], guess, average="macro"))
        accuracies.append(accuracy_score(labels[test], guess))
    return {
        "c": c,
        "macro_f1_mean": round(float(np.mean(scores)), 4),
        "macro_f1_std": round(float(np.std(scores)), 4),
        "accuracy_mean": round(float(np.mean(accuracies)), 4),
        "folds": FOLDS,
    }


def _compact_vectorizer(pipeline) -> None:
    """Smaller model files: TfidfVectorizer keeps every term it pruned (``stop_words_``)
    only for introspection, and its vocabulary's numpy integers are stored by skops
    one file each; plain ints store as one JSON object."""
    vectorizer = pipeline.named_steps["features"].named_transformers_["words"]
    if hasattr(vectorizer, "stop_words_"):
        del vectorizer.stop_words_
    vectorizer.vocabulary_ = {term: int(index) for term, index in vectorizer.vocabulary_.items()}


def train(corpus_dir: Path, out_dir: Path, *, log=print) -> dict[str, dict]:
    import sklearn
    import skops

    posts = load_corpus(corpus_dir)
    log(f"corpus: {len(posts)} posts from {len({p['account'] for p in posts})} accounts")
    rows, topic_lemma_lists = corpus_rows(posts)
    table = np.array(rows, dtype=object)
    groups = np.array([p["account"] for p in posts])
    cards = {}
    for task, classes in TASKS.items():
        labels = np.array([p[task] for p in posts])
        scores = grouped_cv(task, table, labels, groups, C)
        mean, std = scores["macro_f1_mean"], scores["macro_f1_std"]
        log(f"{task}: grouped CV macro-F1 {mean:.3f} ± {std:.3f} (C={C})")
        pipeline = build_pipeline(task, C).fit(table, labels)
        _compact_vectorizer(pipeline)
        cards[task] = {
            "task": task,
            "labels": list(classes),
            "model": MODEL_DESCRIPTION.format(weights=BLOCK_WEIGHTS[task]),
            "signals_left_out": sorted(EXCLUDED_SIGNALS[task]),
            "sklearn_version": sklearn.__version__,
            "skops_version": skops.__version__,
            "corpus_hash": corpus_hash(corpus_dir),
            "corpus_posts": len(posts),
            "corpus_accounts": len(set(groups)),
            "cross_validation": {"grouped_by": "account", **scores},
            "low_confidence_below": 0.5,
            "trained": datetime.now(UTC).date().isoformat(),
        }
        save_model(pipeline, out_dir, task, cards[task])
    export_arrays(out_dir)
    information = _count_navec_lemmas(out_dir)
    calibration = _calibrate_focus(posts, topic_lemma_lists, information)
    (out_dir / "topic_background.json").write_text(
        json.dumps(calibration, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8"
    )
    log(f"focus scale: LOW {calibration['low']:.3f}, HIGH {calibration['high']:.3f}")
    return cards


def export_arrays(out_dir: Path) -> None:
    """The saved models' weights as numpy arrays beside them, for ``voicecheck check``."""
    from .linear import LinearModels
    from .model import Classifier

    LinearModels.export(Classifier.load(out_dir), out_dir).save(out_dir)


def _count_navec_lemmas(out_dir: Path):
    """navec's word counts by lemma, written beside the models; returns what the focus
    weights make of them, for the calibration to use (whatever ``out_dir`` is)."""
    from .account import focus, navec_counts
    from .taggers import morph_analyzer, news_embedding

    vocab = news_embedding().vocab
    lemmas = navec_counts.count_lemmas(vocab.words, vocab.counts, morph_analyzer())
    navec_counts.write_lemma_counts(lemmas, out_dir / navec_counts.LEMMA_COUNTS_FILE)
    if out_dir.resolve() == MODELS_DIR.resolve():  # this process reads the new files from now on
        for cached in (navec_counts.shipped_information, navec_counts.general_information, focus.background):
            cached.cache_clear()
    return navec_counts.LemmaInformation(lemmas)


def _calibrate_focus(posts: list[dict], lemma_lists: list[list[str]], information) -> dict:
    from .account.focus import calibrate
    from .nlp import natasha_models

    accounts: dict[str, list[list[str]]] = {}
    for post, lemmas in zip(posts, lemma_lists, strict=True):
        accounts.setdefault(post["account"], []).append(lemmas)
    return calibrate(accounts, natasha_models().embedding, information=information)
