"""Hand-written Telegram and VK exports in tests/fixtures, read and analysed end to end."""

import csv
import io
import json

import pytest
from click.testing import CliRunner
from conftest import FIXTURES, assert_clean_exit

from voicecheck.analysis import analyze_posts
from voicecheck.cli import main
from voicecheck.feed import read_feed

TELEGRAM = FIXTURES / "telegram_result.json"
VK = FIXTURES / "vk_wall.json"


def input_count(path) -> int:
    data = json.loads(path.read_text(encoding="utf-8"))
    return len(data["messages"]) if "messages" in data else len(data["response"]["items"])


def test_fixtures_are_big_enough():
    assert input_count(TELEGRAM) >= 10
    assert input_count(VK) >= 10


def test_telegram_fixture_reads_every_message():
    feed = read_feed(str(TELEGRAM))
    assert feed.format == "telegram"
    assert feed.channel == "Пекарня «Тёплый хлеб»"
    assert [p.id for p in feed.posts] == [str(i) for i in range(1, 13)]
    assert [p.status for p in feed.posts] == [
        "skipped",
        "ok",
        "ok",
        "ok",
        "empty",
        "ok",
        "skipped",
        "ok",
        "ok",
        "ok",
        "ok",
        "ok",
    ]
    by_id = {p.id: p for p in feed.posts}
    assert "pin_message" in by_id["7"].reason
    assert by_id["3"].text == (
        "Новинка недели — ржаной хлеб с тмином. Цена 290 ₽, забронировать можно в teplyhleb.ru/order."
    )
    assert by_id["4"].text.endswith("Подробности — в статье здесь.")
    assert (
        by_id["11"].text
        == "Пекарня работает ежедневно с 7:00 до 21:00.\n+7 900 000-00-00\nhello@teplyhleb.ru"
    )
    assert (by_id["2"].likes, by_id["6"].likes, by_id["11"].likes) == (22.0, 81.0, None)
    assert (by_id["4"].comments, by_id["4"].reposts, by_id["11"].views) == (6.0, 14.0, 1100.0)


def test_vk_fixture_reads_every_item():
    feed = read_feed(str(VK))
    assert feed.format == "vk"
    assert [p.id for p in feed.posts] == [str(i) for i in range(101, 112)]
    statuses = [p.status for p in feed.posts]
    assert statuses == ["ok"] * 7 + ["empty"] + ["ok"] * 3
    repost = feed.posts[2]
    assert repost.text.startswith("Фестиваль здорового образа жизни")
    first = feed.posts[0]
    assert (first.likes, first.comments, first.reposts, first.views) == (120.0, 14.0, 6.0, 2400.0)
    assert first.date.startswith("2025-03-02T")


@pytest.mark.parametrize("path", [TELEGRAM, VK], ids=["telegram", "vk"])
def test_analyze_writes_one_row_per_input_post(tmp_path, path):
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(main, ["analyze", str(path), "--format", "csv", "-o", str(out)])
    assert_clean_exit(result, 0)
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    feed = read_feed(str(path))
    assert len(rows) == input_count(path)
    assert [r["id"] for r in rows] == [p.id for p in feed.posts]
    assert [r["status"] for r in rows] == [p.status for p in feed.posts]
    analysed = sum(r["status"] == "ok" for r in rows)
    assert f"{len(rows)} posts read, {analysed} analysed, {len(rows) - analysed} skipped" in result.stderr


def test_telegram_fixture_labels_that_matter():
    feed = read_feed(str(TELEGRAM))
    results = {r.id: r for r in analyze_posts(feed.posts)}
    assert results["2"].voice == "we"
    assert results["9"].cta == 1 and results["9"].offer == 1 and results["9"].deadline == 1
    assert results["12"].voice == "i"
    assert results["12"].impersonal == 0
    assert results["1"].status == "skipped" and results["1"].voice == ""
