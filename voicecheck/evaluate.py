"""Score the pipeline against posts labelled by the labelling guide.

The file is UTF-8 CSV with ``id,text`` and any of ``stage,type,voice,case,impersonal``.
For every label present: accuracy, per-class precision/recall/F1, macro-F1 and
the confusion matrix.
"""

import csv
import io
import json
from dataclasses import dataclass, field

from .feed import FeedError, ReadOptions, _decode, _read_bytes, _sniff_delimiter
from .records import Post, PostResult

LABELS = ("stage", "type", "voice", "case", "impersonal")
CLASSES = {
    "stage": ("awareness", "interest", "trust", "action"),
    "type": ("expert", "entertainment", "other"),
    "voice": ("i", "we", "none"),
    "case": ("1", "0"),
    "impersonal": ("1", "0"),
}


@dataclass(slots=True)
class LabelScore:
    label: str
    n: int
    accuracy: float
    macro_f1: float
    classes: dict[str, dict[str, float]] = field(default_factory=dict)
    confusion: list[list[int]] = field(default_factory=list)  # rows: truth, columns: predicted
    order: list[str] = field(default_factory=list)


def read_labelled(path: str) -> tuple[list[Post], list[dict[str, str]]]:
    """Posts and their label rows from a guide-format CSV, or JSONL with the same fields."""
    text, _ = _decode(path, _read_bytes(path), ReadOptions())
    if path.lower().endswith((".jsonl", ".ndjson")):
        return _labelled_posts(path, _jsonl_rows(path, text), "line", 1)
    delimiter = _sniff_delimiter(text)
    try:
        rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as error:
        raise FeedError(f"{path}: broken CSV quoting ({error}); re-export the file as CSV.") from error
    if not rows or "text" not in rows[0]:
        raise FeedError(
            f"{path}: a labelled file needs a header with id,text and label columns (found: "
            f"{', '.join(repr(c) for c in (rows[0] if rows else []))}); a JSON list is not read, JSONL is."
        )
    return _labelled_posts(path, rows, "row", 2)


def _jsonl_rows(path: str, text: str) -> list[dict[str, str]]:
    rows = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise FeedError(f"{path}: line {number}: invalid JSON ({error.msg}).") from error
        if not isinstance(record, dict):
            raise FeedError(f"{path}: line {number}: not a JSON object with text and labels.")
        rows.append({key: "" if value is None else str(value) for key, value in record.items()})
    if not rows or "text" not in rows[0]:
        raise FeedError(f"{path}: a labelled file needs text and label fields.")
    return rows


def _labelled_posts(
    path: str, rows: list[dict[str, str]], unit: str, first: int
) -> tuple[list[Post], list[dict[str, str]]]:
    """The rows' posts, their labels checked: a value the guide does not have is an error
    that names it (a misspelt «WE» would count against accuracy and in no class)."""
    present = [label for label in LABELS if any(label in row for row in rows)]
    if not present:
        raise FeedError(f"{path}: no label columns; expected some of {', '.join(LABELS)}.")
    for number, row in enumerate(rows, start=first):
        for label in present:
            value = (row.get(label) or "").strip()
            if value and value not in CLASSES[label]:
                allowed = ", ".join(CLASSES[label])
                raise FeedError(
                    f"{path}: {unit} {number}: {label} {value!r} is not a label of the guide; use one of "
                    f"{allowed}, or leave the cell empty."
                )
    posts = [
        Post(i, row.get("text") or "", id=row.get("id") or str(i + 1), location=f"row {i + 2}")
        for i, row in enumerate(rows)
    ]
    return posts, rows


def predicted(result: PostResult, label: str) -> str:
    value = getattr(result, label)
    if label in ("stage", "type"):
        return value.label if value is not None else ""
    return "" if value is None else str(value)


def score_label(label: str, truth: list[str], guess: list[str]) -> LabelScore:
    order = [c for c in CLASSES[label] if c in set(truth) | set(guess)]
    index = {c: i for i, c in enumerate(order)}
    confusion = [[0] * len(order) for _ in order]
    for t, g in zip(truth, guess, strict=True):
        if t in index and g in index:
            confusion[index[t]][index[g]] += 1
    classes = {c: _class_scores(confusion, index[c]) for c in order}
    present = [c for c in order if classes[c]["support"] > 0]
    macro = sum(classes[c]["f1"] for c in present) / len(present) if present else 0.0
    correct = sum(confusion[i][i] for i in range(len(order)))
    return LabelScore(
        label, len(truth), correct / len(truth) if truth else 0.0, macro, classes, confusion, order
    )


def _class_scores(confusion: list[list[int]], i: int) -> dict[str, float]:
    tp = confusion[i][i]
    predicted_n = sum(row[i] for row in confusion)
    support = sum(confusion[i])
    precision = tp / predicted_n if predicted_n else 0.0
    recall = tp / support if support else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "support": support}


def evaluate_file(
    path: str | list[str], *, classify: bool = True, only: tuple[str, ...] = LABELS
) -> list[LabelScore]:
    """Scores for each label in ``only`` found in the labelled file(s)."""
    from .analysis import analyze_posts

    paths = [path] if isinstance(path, str) else path
    posts, rows = [], []
    for one in paths:
        more_posts, more_rows = read_labelled(one)
        posts += more_posts
        rows += more_rows
    for index, post in enumerate(posts):
        post.index = index
        post.status = "ok" if post.text.strip() else "empty"
    results = list(analyze_posts(posts, classify=classify))
    scores = []
    for label in only:
        if not any(label in row for row in rows) or (label in ("stage", "type") and not classify):
            continue
        pairs = [
            (truth, predicted(r, label))
            for row, r in zip(rows, results, strict=True)
            if r.ok and (truth := (row.get(label) or "").strip())
        ]
        if not pairs:
            raise FeedError(f"{', '.join(paths)}: no post with text has a {label} label.")
        scores.append(score_label(label, [t for t, _ in pairs], [g for _, g in pairs]))
    return scores
