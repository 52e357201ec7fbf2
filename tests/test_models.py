"""The shipped stage and type models: cards, safe loading, reproducible training."""

import json
import shutil

import pytest
import sklearn
import skops.io as sio
from conftest import REPO

from voicecheck.account.navec_counts import LEMMA_COUNTS_FILE, read_lemma_counts
from voicecheck.model import TASKS
from voicecheck.paths import MODELS_DIR
from voicecheck.train import corpus_hash, train

CORPUS = REPO / "corpora"


@pytest.mark.parametrize("task", sorted(TASKS))
def test_model_card_matches_installed_scikit_learn(task):
    card = json.loads((MODELS_DIR / f"{task}.card.json").read_text(encoding="utf-8"))
    assert card["sklearn_version"].split(".")[:2] == sklearn.__version__.split(".")[:2]
    assert card["labels"] == list(TASKS[task])
    assert card["cross_validation"]["grouped_by"] == "account"


@pytest.mark.parametrize("task", sorted(TASKS))
def test_model_loads_with_no_untrusted_types(task):
    assert sio.get_untrusted_types(file=MODELS_DIR / f"{task}.skops") == []


@pytest.mark.parametrize("task", sorted(TASKS))
def test_shipped_model_was_trained_on_the_corpus_in_the_repo(task):
    card = json.loads((MODELS_DIR / f"{task}.card.json").read_text(encoding="utf-8"))
    assert card["corpus_hash"] == corpus_hash(CORPUS)


@pytest.mark.slow
def test_training_is_reproducible(tmp_path):
    """The same corpus gives the same cross-validation scores (a 6-account slice, twice)."""
    corpus = tmp_path / "corpus"
    (corpus / "posts").mkdir(parents=True)
    for path in sorted((CORPUS / "posts").glob("*.jsonl"))[:6]:
        shutil.copy(path, corpus / "posts" / path.name)
    first = train(corpus, tmp_path / "a", log=lambda message: None)
    second = train(corpus, tmp_path / "b", log=lambda message: None)
    for task in TASKS:
        assert first[task]["cross_validation"] == second[task]["cross_validation"]
        assert first[task]["corpus_hash"] == second[task]["corpus_hash"]
    assert json.loads((tmp_path / "a" / "topic_background.json").read_text()) == json.loads(
        (tmp_path / "b" / "topic_background.json").read_text()
    )
    shipped = read_lemma_counts(MODELS_DIR / LEMMA_COUNTS_FILE)  # navec's counts by lemma
    assert read_lemma_counts(tmp_path / "a" / LEMMA_COUNTS_FILE) == shipped
    assert read_lemma_counts(tmp_path / "b" / LEMMA_COUNTS_FILE) == shipped
