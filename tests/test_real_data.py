"""Real Telegram posts from /work/shared (skipped when it is not there)."""

import csv
import json

import pytest
from click.testing import CliRunner
from conftest import assert_clean_exit, require_shared

from voicecheck.analysis import analyze_posts
from voicecheck.cli import main
from voicecheck.feed import read_feed

pytestmark = pytest.mark.slow

ROWS = 300


@pytest.fixture(scope="module")
def real_sample(tmp_path_factory):
    """The first ROWS rows of shared/real/posts.csv, as a temporary CSV file."""
    source = require_shared("real", "posts.csv")
    path = tmp_path_factory.mktemp("real") / "first_rows.csv"
    with open(source, encoding="utf-8", newline="") as file_in:
        reader = csv.reader(file_in)
        header = next(reader)
        rows = [row for _, row in zip(range(ROWS), reader, strict=False)]
    with open(path, "w", encoding="utf-8", newline="") as file_out:
        writer = csv.writer(file_out)
        writer.writerow(header)
        writer.writerows(rows)
    return path, header, rows


def test_real_posts_read_one_post_a_row(real_sample):
    path, header, rows = real_sample
    feed = read_feed(str(path))
    assert feed.columns["text"] == "text"
    assert len(feed.posts) == len(rows) == ROWS
    text_at = header.index("text")
    assert [p.text for p in feed.posts] == [row[text_at] for row in rows]


def test_real_posts_analysed_with_true_offsets(real_sample):
    path, _, _ = real_sample
    feed = read_feed(str(path))
    results = list(analyze_posts(feed.posts))
    assert len(results) == ROWS
    assert [r.index for r in results] == list(range(ROWS))
    assert sum(r.ok for r in results) >= ROWS * 0.9
    for post, result in zip(feed.posts, results, strict=True):
        assert result.status == post.status
        if not result.ok:
            continue
        assert result.text == post.text
        assert result.voice in ("i", "we", "none")
        for item in result.evidence:
            assert post.text[item.start : item.end] == item.text, (post.id, item)


def test_evaluate_on_the_dev_set_runs():
    dev = require_shared("eval", "dev.csv")
    result = CliRunner().invoke(main, ["evaluate", str(dev), "--format", "json"])
    assert_clean_exit(result, 0)
    scores = {s["label"]: s for s in json.loads(result.stdout)}
    assert {"voice", "case", "impersonal"} <= set(scores)
    for score in scores.values():
        assert score["n"] > 200
        assert 0.0 <= score["macro_f1"] <= 1.0
    assert scores["voice"]["accuracy"] > 0.5
