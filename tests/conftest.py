"""Shared fixtures: one real pipeline for the whole session, and paths."""

from pathlib import Path

import pytest
from spacy.tokens import Doc

from voicecheck.detectors import SPAN_KEYS
from voicecheck.nlp import parse_texts, shared_nlp

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
DEMO_POSTS = REPO / "corpora" / "demo" / "posts.csv"


@pytest.fixture(scope="session")
def nlp():
    """The real voicecheck pipeline (natasha bridge, lemmatizer, detectors), loaded once."""
    return shared_nlp()


def parse(nlp, text: str) -> Doc:
    """One text through the whole pipeline."""
    return next(parse_texts(nlp, [text]))


def parse_all(nlp, texts: dict[str, str]) -> dict[str, Doc]:
    """Many texts in one batch, keyed as given."""
    return dict(zip(texts, parse_texts(nlp, list(texts.values())), strict=True))


def spans(doc: Doc, detector: str, label: str | None = None) -> list[tuple[str, str]]:
    """(label, text) of a detector's spans, optionally of one label."""
    return [
        (span.label_, span.text)
        for span in doc.spans[SPAN_KEYS[detector]]
        if label is None or span.label_ == label
    ]


def span_texts(doc: Doc, detector: str, label: str) -> list[str]:
    return [text for _, text in spans(doc, detector, label)]


def labels(doc: Doc, detector: str) -> set[str]:
    return {label for label, _ in spans(doc, detector)}


def require_shared(*parts: str) -> Path:
    """A path under /work/shared, or skip the test when it is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return path


def assert_clean_exit(result, code: int) -> None:
    """A CliRunner result ended with ``code`` through click, with no traceback anywhere."""
    assert result.exit_code == code, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.output
