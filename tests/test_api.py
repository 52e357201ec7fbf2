"""The Python API: ``voicecheck.analyze`` and ``analyze_posts``."""

import re
import warnings
from pathlib import Path

import pytest

import voicecheck
from voicecheck.account import build_report
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


def test_analyze_returns_a_list_as_the_readme_shows():
    results = voicecheck.analyze(
        [
            "Я запустила рекламу для клиентки: 120 заявок за неделю.",
            {"text": "Записывайтесь по ссылке до 15 марта!", "views": 1200},
        ],
        classify=False,
    )
    assert (results[0].voice, results[1].views, results[1].cta) == ("i", 1200.0, 1)
    assert len(results) == 2


def test_analyze_reads_the_dicts_dates_together_as_a_file_column():
    """One date that can only be month first (12/25) tells how the others are written."""
    results = voicecheck.analyze(
        [{"text": "Первый.", "date": "03/04/2024"}, "Без даты.", {"text": "Второй.", "date": "12/25/2024"}],
        classify=False,
    )
    assert [r.date for r in results] == ["2024-03-04", "", "2024-12-25"]


def test_analyze_says_once_that_ambiguous_slashed_dates_were_read_day_first():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        results = voicecheck.analyze(
            [{"text": "Первый пост.", "date": "03/04/2024"}, {"text": "Второй.", "date": "05/06/2024"}],
            classify=False,
        )
    assert [r.date for r in results] == ["2024-04-03", "2024-06-05"]
    assert [str(w.message) for w in caught] == [
        "<posts>: date (column 'date'): 2 dates with slashes, such as '03/04/2024', fit both day/month and "
        "month/day; read day first (03/04/2024 is 2024-04-03), as Russian exports write dates. "
        "If this export writes the month first, write its dates as YYYY-MM-DD."
    ]


def test_analyze_wants_a_list_and_reads_bytes_as_utf_8():
    """A single string was read a character a post, a dict a key a post, bytes as their repr."""
    for single in ("Я пишу пост.", {"text": "Я пишу пост."}):
        with pytest.raises(TypeError, match="a list of posts is expected"):
            voicecheck.analyze(single, classify=False)
    (result,) = voicecheck.analyze(["Я пишу пост.".encode()], classify=False)
    assert (result.text, result.voice) == ("Я пишу пост.", "i")


def test_build_report_takes_the_iterator_analyze_posts_gives():
    report = build_report(analyze_posts(["Я пишу пост.", "Мы делаем ремонт."], classify=False), account="x")
    assert (report.posts_read, report.posts_analysed) == (2, 2)


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


def test_the_readme_python_examples_run():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    examples = re.findall(r"```python\n(.*?)```", readme, re.S)
    namespaces = [{} for _ in examples]
    for example, namespace in zip(examples, namespaces, strict=True):
        exec(compile(example, "README.md", "exec"), namespace)
    api, spacy_components = namespaces
    assert api["results"][0].voice == "i"
    assert api["report"].to_dict()["posts_analysed"] == 2
    assert [span.label_ for span in spacy_components["doc"].spans["vc_tone"]] == ["IMPERSONAL_MODAL"]
