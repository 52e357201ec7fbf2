"""The Python API: ``voicecheck.analyze`` and ``analyze_posts``."""

import voicecheck
from voicecheck.analysis import analyze_posts
from voicecheck.records import Post


def test_analyze_posts_accepts_strings_dicts_and_posts():
    inputs = [
        "Я веду блог о ремонте.",
        {"текст": "Мы открыли студию!", "лайки": "1,2K", "просмотры": "12 тыс"},
        "",
        Post(0, "Консультация — 4 900 ₽.", id="p-1", status="ok"),
    ]
    results = list(analyze_posts(inputs, classify=False))
    assert [r.index for r in results] == [0, 1, 2, 3]
    assert [r.status for r in results] == ["ok", "ok", "empty", "ok"]
    assert [r.voice for r in results] == ["i", "we", "", "none"]
    assert results[1].likes == 1200.0
    assert results[3].id == "p-1"
    assert results[3].offer == 1
    assert results[2].evidence == []


def test_progress_is_reported_per_chunk():
    seen = []
    results = list(analyze_posts(["Первый пост.", "Второй пост."], classify=False, progress=seen.append))
    assert len(results) == 2
    assert sum(seen) == 2


def test_result_to_dict_keeps_evidence():
    (result,) = analyze_posts(["Записывайтесь по ссылке до 15 марта!"], classify=False)
    record = result.to_dict()
    assert record["cta"] == 1
    assert {"detector": "cta", "label": "DEADLINE", "start": 24, "end": 35, "text": "до 15 марта"} in record[
        "evidence"
    ]


def test_package_analyze_can_be_called_twice():
    """``voicecheck.analyze(posts)`` is the documented entry point; it must keep working."""
    first = list(voicecheck.analyze(["Я пишу первый пост."]))
    second = list(voicecheck.analyze(["Мы пишем второй пост."]))
    assert [r.voice for r in first + second] == ["i", "we"]


def test_analyze_posts_reads_a_stream_a_chunk_at_a_time():
    """A long feed is not read whole before the first result: memory stays flat."""
    from voicecheck.analysis import CHUNK

    read = []

    def feed():
        for i in range(CHUNK + 10):
            read.append(i)
            yield f"Пост номер {i}."

    results = analyze_posts(feed(), classify=False)
    first = next(results)
    assert first.index == 0 and len(read) <= CHUNK
    assert [r.index for r in results] == list(range(1, CHUNK + 10))


def test_drain_lets_go_of_each_post():
    from voicecheck.feed import drain

    posts = ["a", "b", "c"]
    assert next(drain(posts)) == "a" and len(posts) == 2


def test_a_post_of_a_few_words_is_classified_with_low_confidence():
    """A word or two gave near-certain labels («Ура»: action at 99.7%); such a post is now
    flagged, and says why, while a post of ordinary length keeps the model's own flag."""
    short, usual = analyze_posts(
        [
            "Ура",
            "Записывайтесь на консультацию по ремонту квартиры: осталось три места на март, "
            "стоимость 4 900 рублей, оплата после встречи.",
        ]
    )
    for prediction in (short.stage, short.type):
        assert prediction.low_confidence and prediction.cues[0].startswith("пост короче 8 слов")
    assert not any(c.startswith("пост короче") for c in usual.stage.cues + usual.type.cues)
