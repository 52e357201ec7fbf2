"""The account audit: report schema, focus, funnel, trust, engagement, findings, compare."""

import csv
import json
import math
import random
import re
import statistics
from collections import defaultdict
from importlib import resources

import numpy as np
import pytest
from click.testing import CliRunner
from conftest import REPO, SHARED

from voicecheck.account import build_report
from voicecheck.account.engagement import GROUP_NAMES, er_view, group_phrase, parse_datetime
from voicecheck.account.findings import positioning, trust_building
from voicecheck.account.focus import (
    analyse_focus,
    coherence,
    focus_index,
    greetings,
    label_lemmas,
    lemma_vectors,
    name_spellings,
    post_vectors,
    signature_lines,
    strip_signatures,
    topic_label,
    typical_lemmas,
    written_ending,
)
from voicecheck.account.funnel import TrustReport
from voicecheck.account.navec_counts import (
    count_lemmas,
    general_information,
    read_lemma_counts,
    shipped_information,
    write_lemma_counts,
)
from voicecheck.account.render import _median_gap, comparison_rows, differences, render_report
from voicecheck.analysis import ENDING_CHARS, analyze_posts
from voicecheck.cli import main
from voicecheck.feed import read_feed
from voicecheck.html import render_html
from voicecheck.nlp import natasha_models
from voicecheck.records import ENDING_SEPARATOR, PostResult, Prediction
from voicecheck.report import json_record
from voicecheck.taggers import morph_analyzer
from voicecheck.wording import decimal, percent, posts_count, share_percent

DEMO = REPO / "corpora" / "demo" / "posts.csv"


@pytest.fixture(scope="session")
def demo_results(nlp):
    return list(analyze_posts(read_feed(str(DEMO)).posts))


@pytest.fixture(scope="session")
def demo_report(demo_results):
    return build_report(demo_results, account="demo")


def test_the_report_needs_no_text_evidence_or_cues(demo_results, demo_report):
    """analyze keeps only ``for_account()`` copies of long feeds' results: same report."""
    slim = [r.for_account() for r in demo_results]
    assert all(not r.text and not r.evidence for r in slim)
    assert build_report(slim, account="demo").to_dict() == demo_report.to_dict()


def test_report_matches_its_documented_schema(demo_report):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(resources.files("voicecheck.data").joinpath("report.schema.json").read_text("utf-8"))
    data = json.loads(json.dumps(demo_report.to_dict(), default=float))
    jsonschema.validate(data, schema)


def test_demo_report_has_topics_for_every_post(demo_report, demo_results):
    focus = demo_report.focus
    analysed = [r for r in demo_results if r.ok]
    assert focus.posts == len(analysed)
    assert sum(t.posts for t in focus.topics) == focus.posts
    assert 0 <= focus.focus_index <= 100
    assert any(t.core for t in focus.topics)
    assert all(t.label for t in focus.topics)


def test_a_feed_of_repeated_posts_gets_its_topics_without_warnings(recwarn):
    """A channel that posts the same two notices over and over: fewer topics, every post in
    one, and nothing printed by scikit-learn about empty clusters."""
    texts = ["Склад работает с 9 до 18 без выходных.", "Приём заказов по телефону круглосуточно."] * 20
    results = list(analyze_posts(texts, classify=False))
    report = analyse_focus(results, natasha_models().embedding)
    assert len(report.topics) <= 2 and sum(t.posts for t in report.topics) == len(texts)
    assert not [w for w in recwarn if "cluster" in str(w.message).lower()]


def test_a_signature_line_is_not_taken_for_a_topic(demo_results):
    """Every post ending with the same «subscribe, send us news» line: the line is found,
    kept out of the topic labels, and the focus index stays where it was without it."""
    texts = [r.text for r in demo_results if r.ok]
    signed = [f"{text}\n\nПодписывайтесь на «Город Live» и присылайте новости!" for text in texts]
    plain = analyse_focus(list(analyze_posts(texts, classify=False)), natasha_models().embedding)
    report = analyse_focus(list(analyze_posts(signed, classify=False)), natasha_models().embedding)
    assert report.signatures and "присылать" in report.signatures[0].split()
    assert not any({"подписываться", "присылать"} & set(t.lemmas) for t in report.topics)
    assert report.focus_index == pytest.approx(plain.focus_index, abs=2)


def test_a_left_out_link_leaves_no_stray_punctuation_in_a_signature(demo_results):
    """Links left out of a signature line leave neither empty brackets nor «: !»."""
    texts = [r.text for r in demo_results if r.ok]
    signed = [
        f"{text}\n\nЗаписаться можно на портале «Город» (https://city.ru/{i}) и на сайте: https://city.ru !"
        for i, text in enumerate(texts)
    ]
    report = analyse_focus(list(analyze_posts(signed, classify=False)), natasha_models().embedding)
    assert report.signature_texts == ["Записаться можно на портале «Город» и на сайте!"]


def test_the_report_shows_a_signature_as_the_feed_writes_it(demo_results):
    """A two-line markdown signature, its first link different in every post: the text, HTML
    and JSON reports quote the lines as written, links left out; the JSON keeps the lemmas too."""
    texts = [r.text for r in demo_results if r.ok]
    signed = [
        f"{text}\n\n🎯 [Подписывайся на «Город Live»](https://t.me/city/{i})\n\n📩 [Прислать новость](https://t.me/city_bot)"
        for i, text in enumerate(texts)
    ]
    results = list(analyze_posts(signed))
    report = build_report(results, account="город")
    written = "🎯 Подписывайся на «Город Live»\n📩 Прислать новость"
    assert report.focus.signature_texts == [written]
    shown = "«🎯 Подписывайся на «Город Live» / 📩 Прислать новость»"
    assert f"подписи постов (не тема): {shown}" in render_report(report)
    assert f"подпись постов не считается темой: {shown}" in render_html(report, results)
    data = report.to_dict()["focus"]
    assert data["signature_texts"] == [written] and "прислать" in data["signatures"][0].split()


def test_short_names_and_latin_words_are_topic_words():
    """The Go channel's topic word is two Latin letters that slovnet often leaves untagged;
    «ИИ» and «ЦБ» are two capitals; English function words name nothing."""
    texts = [
        "Утечки памяти в Go: как их найти с pprof и не сломать сервис.",
        "ИИ в банках: ЦБ готовит правила для моделей.",
        "Read the docs: Go with confidence. In short, GitHub Actions for IT teams.",
    ]
    go, ai, english = (set(r.topic_lemmas.split()) for r in analyze_posts(texts, classify=False))
    assert {"go", "pprof"} <= go
    assert {"ии", "цб"} <= ai
    assert {"go", "github", "it"} <= english
    assert not {"the", "with", "in", "for"} & english


def test_a_headline_in_capitals_and_roman_numerals_name_no_topic():
    text = "READ THE DOCS AND GO WITH GITHUB. В XX веке команда заняла II место, в XXI — первое."
    lemmas = set(next(analyze_posts([text], classify=False)).topic_lemmas.split())
    assert {"docs", "github", "век", "место"} <= lemmas
    assert not {"the", "and", "with", "xx", "ii", "xxi"} & lemmas


def test_data_is_a_topic_word_though_spacy_lists_the_form_as_a_stop_word():
    """«данные» is in spaCy's stop words as a form of «данный»; as «data» it is what an
    analytics account writes about. The stop words around it still name nothing."""
    text = "Мы собрали данные о продажах за год и нашли в данных всё, что искали. НАСА тоже любит данные."
    lemmas = next(analyze_posts([text], classify=False)).topic_lemmas.split()
    assert lemmas.count("данные") == 3
    assert "наса" in lemmas
    assert not {"мы", "всё", "что", "тоже", "год"} & set(lemmas)


def test_words_joined_by_hyphens_are_topic_words():
    """«онлайн-школа», «чек-лист» and «IT-компания» name what an account is about; «кто-то»
    and «по-новому» name nothing."""
    text = "Кто-то скажет, что наша онлайн-школа учит по-новому: чек-листы, эфиры и стажировка в IT-компании."
    lemmas = next(analyze_posts([text], classify=False)).topic_lemmas.split()
    assert {"онлайн-школа", "чек-лист", "it-компания"} <= set(lemmas)
    assert not {"кто-то", "по-новому"} & set(lemmas)


def test_a_compound_name_is_spelled_as_written_part_by_part():
    text = "Открыли офис в Санкт-Петербурге и чат в WhatsApp-чате для SMM-агентства."
    names = next(analyze_posts([text], classify=False)).topic_names.split()
    assert {"Санкт-Петербург", "SMM-агентство"} <= set(names)


def test_a_signature_is_read_from_its_own_line_on():
    """«Подробнее» is no topic word, yet the ending starts with it; the words before it on
    its line are another sentence and stay out."""
    text = "На складе в Мытищах сгорели две фуры. Подробнее читайте на сайте: https://example.ru/a/1"
    result = next(analyze_posts([text], classify=False))
    assert result.topic_lemmas.split()[-2:] == ["читать", "сайт"]
    assert written_ending(result, 2) == "Подробнее читайте на сайте:"


LONG_FOOTER = (
    "Подписывайтесь на канал «Долголетие»: здесь врачи, диетологи и тренеры рассказывают о питании, "
    "сне, движении и памяти.\nПрисылайте вопросы специалистам, делитесь историями близких и зовите "
    "друзей в наше сообщество!"
)
FOOTED = [
    "Ходьба по тридцать минут в день укрепляет сердце и сосуды.",
    "Овсяная каша на завтрак даёт энергию до обеда.",
    "Кроссворды и шахматы тренируют память в любом возрасте.",
    "Крепкий сон помогает мышцам восстановиться после зарядки.",
    "Стакан воды утром запускает обмен веществ.",
    "Скандинавская ходьба бережёт колени и спину.",
]


def test_a_long_signature_is_shown_as_written():
    """A two-line footer of over 20 content lemmas, far past the 6 a signature starts from:
    found whole and quoted as the feed writes it, not as lemmas; four tax posts without it."""
    signed = [f"{text}\n\n{LONG_FOOTER}" for text in FOOTED]
    results = list(analyze_posts(signed + TAXES, classify=False))
    report = analyse_focus(results, natasha_models().embedding)
    assert len(report.signatures[0].split()) >= 20
    assert report.signature_texts == [LONG_FOOTER]


def test_the_written_ending_kept_is_capped_in_whole_pieces():
    """A post of many lines keeps at most ``ENDING_CHARS`` characters of its ending, cut
    where a lemma's piece begins, so its last pieces still read as written."""
    line = "Скандинавская ходьба бережёт колени и спину."
    result = next(analyze_posts(["\n".join([line] * 40)], classify=False))
    pieces = result.topic_ending.split(ENDING_SEPARATOR)
    assert len(result.topic_ending) <= ENDING_CHARS < len(result.topic_ending) + len(line) + 1
    assert len(pieces) < len(result.topic_lemmas.split())
    per_line = len(result.topic_lemmas.split()) // 40
    assert written_ending(result, 2 * per_line) == f"{line}\n{line}"


SIGNATURE = ["подписаться", "прислать", "новость"]
SUBJECTS = [["пожар", "склад"], ["тариф", "электричество"], ["открыть", "каток"], ["ремонт", "мост"]]


def _signed_feed(posts: int = 20) -> list[list[str]]:
    return [[*SUBJECTS[i % 4], f"место{i}", *SIGNATURE] for i in range(posts)]


def test_a_signature_comes_off_and_a_word_it_ends_with_stays_elsewhere():
    feed = [*_signed_feed(), ["важный", "новость"], SIGNATURE]
    stripped, found = strip_signatures(feed)
    assert stripped[0] == ["пожар", "склад", "место0"]
    assert stripped[-2] == ["важный", "новость"]  # not every post ending in «новость» is signed
    assert stripped[-1] == []  # a post that is only the signature has no topic words left
    assert signature_lines(found) == ["подписаться прислать новость"]


def test_repeated_posts_are_not_a_signature():
    feed = [["склад", "работать", "выходной"], ["приём", "заказ", "телефон"]] * 20
    assert strip_signatures(feed) == (feed, [])


def test_a_signature_longer_than_six_words_comes_off_whole():
    long_signature = ["читать", "наш", "канал", "топор", "вконтакте", "дзен"]
    long_signature += ["сайт", "подписаться", "рубрика"]
    feed = [[*SUBJECTS[i % 4], f"место{i}", *long_signature] for i in range(20)]
    stripped, _ = strip_signatures(feed)
    assert all(lemmas == [*SUBJECTS[i % 4], f"место{i}"] for i, lemmas in enumerate(stripped))


def test_a_topic_word_that_ends_some_posts_is_not_a_signature():
    feed = [[*SUBJECTS[i % 4], f"место{i}", *(["vpn"] if i % 4 == 0 else [])] for i in range(24)]
    assert strip_signatures(feed) == (feed, [])


def test_shared_news_words_make_posts_less_alike_than_shared_own_terms():
    """Two posts sharing «страна» and «президент» are less alike than two sharing
    «горутина» and «компилятор»: words common in Russian news say little about a subject."""
    common = lemma_vectors([["страна", "президент", "кофе"], ["страна", "президент", "пожар"]])
    special = lemma_vectors([["горутина", "компилятор", "кофе"], ["горутина", "компилятор", "пожар"]])
    assert (common[0] @ common[1].T)[0, 0] < (special[0] @ special[1].T)[0, 0] - 0.2


def test_a_word_form_counts_for_the_lemma_it_is_read_as_first():
    """«стали» is read as стать, so сталь keeps only its own forms and weighs far more."""
    assert general_information("сталь") > general_information("стать") + 4


def test_a_lemma_is_found_however_the_parser_spelled_it():
    floor = math.log(shipped_information().words / 100)
    assert general_information("ёлка") == general_information("елка") < floor - 4
    assert general_information("люди") == general_information("человек") < floor - 9
    assert not any("ё" in lemma for lemma in shipped_information().lemmas)


def test_a_word_pymorphy3_does_not_know_is_not_counted_for_its_guess():
    """pymorphy3 would guess «фсбу» (an accounting standard) to be a form of ФСБ."""
    assert general_information("фсбу") > general_information("фсб") + 5


def test_navec_counts_are_gathered_by_first_reading_and_written_the_same_each_time(tmp_path):
    words, counts = ["стали", "сталью", "ёлки", "елка", "фсбу", "<pad>"], [10, 5, 3, 4, 2, 0]
    lemmas = count_lemmas(words, counts, morph_analyzer())
    assert lemmas == {"стать": 10, "сталь": 5, "елка": 7, "фсбу": 2}
    write_lemma_counts(lemmas, tmp_path / "a.json.gz")
    write_lemma_counts(dict(reversed(lemmas.items())), tmp_path / "b.json.gz")
    assert (tmp_path / "a.json.gz").read_bytes() == (tmp_path / "b.json.gz").read_bytes()
    assert read_lemma_counts(tmp_path / "a.json.gz") == lemmas


def test_a_word_navec_lacks_weighs_as_its_rarest_words():
    words = shipped_information().words
    assert general_information("кврызлить") == pytest.approx(math.log(words / 100))
    assert general_information("кврызлить") > general_information("функция") + 5


def test_a_feed_of_words_the_model_does_not_know_gets_no_focus_score():
    """Posts whose content words navec does not know have no vectors, so there are no pairs
    to measure: no index (not the middle of the scale) and a note saying why."""
    texts = [f"Кврызл{i} фыштанул бзымку и грымзает шкырлом." for i in range(12)]
    report = analyse_focus(list(analyze_posts(texts, classify=False)), natasha_models().embedding)
    assert report.focus_index is None and report.coherence is None
    assert "известными модели" in report.note


def test_topic_labels_spell_names_as_the_feed_does(demo_report):
    """The demo studio's designers are named in its posts; their topic shows «Ильдар» as a
    name, next to common words in lower case."""
    labels = [t.label for t in demo_report.focus.topics]
    named = next(label for label in labels if "Ильдар" in label)
    assert "дизайнер" in named
    assert not any(name in label for label in labels for name in ("ильдар", "марсель", "Стена", "Дизайнер"))


def test_a_word_spelled_as_a_name_only_now_and_then_stays_lower_case():
    texts = (
        ["Вера рассказала, как мы выбирали плитку для ванной.", "Вера и Павел приняли проект."]
        + [f"Наша вера в качество отделки {i}-й раз помогла клиенту." for i in range(4)]
        + [f"ФНС напомнила о сроке уплаты налога {i}-го числа." for i in range(6)]
    )
    results = list(analyze_posts(texts, classify=False))
    assert name_spellings(results[:2])["вера"] == "Вера"
    spellings = name_spellings(results)
    assert spellings["фнс"] == "ФНС" and spellings["павел"] == "Павел"
    assert "вера" not in spellings
    assert topic_label(["фнс", "вера", "налог"], spellings) == "ФНС, вера, налог"


YOGA = [
    "Привет, друзья! Сегодня йога в парке у фонтана, берите коврики и воду.",
    "Добрый день, друзья! Утренняя йога переносится в зал из-за дождя.",
    "Здравствуйте, дорогие друзья! Новая группа йоги для начинающих собирается в парке.",
    "Всем привет! Йога на коврике в парке: берите плед и воду, начнём с дыхания.",
]
TAXES = [
    "Налоговый вычет за лечение можно вернуть за три года, декларацию подают онлайн.",
    "Срок уплаты налога на имущество — первое декабря, квитанция придёт в личный кабинет.",
    "Самозанятые платят налог с дохода по ставке четыре процента от физических лиц.",
    "Как заполнить декларацию о доходах и не ошибиться в налоговом вычете.",
]


def test_topic_labels_leave_out_greetings_and_address_words():
    """Yoga posts that open with «Привет, друзья!» or «Добрый день»: the label names the yoga
    and the park, and the topic's lemmas still hold the greeting words."""
    results = list(analyze_posts((YOGA + TAXES) * 3, classify=False))
    report = analyse_focus(results, natasha_models().embedding)
    yoga = next(t for t in report.topics if "йога" in t.lemmas or "йог" in t.lemmas)
    assert {"привет", "друг"} & set(yoga.lemmas)
    assert not {"привет", "друг", "добрый", "здравствовать", "дорогой"} & set(yoga.label.split(", "))
    assert len(yoga.label.split(", ")) == 4


def test_a_friend_who_is_not_addressed_stays_in_the_label():
    """«Друзья» in «Привет, друзья!» is an address; in «приходите с друзьями» a topic word:
    the feed's majority decides, each post counted once."""
    texts = ["Привет, друзья! Йога в парке.", "Приходите на йогу с друзьями.", "Подарок для друга."]
    results = list(analyze_posts(texts, classify=False))
    assert [r.topic_greetings for r in results] == ["привет друг", "", ""]
    assert greetings(results) == {"привет"}
    assert greetings(results[:1]) == {"привет", "друг"}


def test_a_label_of_greetings_only_keeps_them():
    assert label_lemmas(["привет", "йога", "друг"], frozenset({"привет", "друг"})) == ["йога"]
    assert label_lemmas(["привет", "друг"], frozenset({"привет", "друг"})) == ["привет", "друг"]


def _posts_with_names(lemmas_and_names: list[tuple[str, str]]) -> list[PostResult]:
    return [
        PostResult(index=i, id=str(i), status="ok", topic_lemmas=lemmas, topic_names=names)
        for i, (lemmas, names) in enumerate(lemmas_and_names)
    ]


def test_a_capitalised_word_is_spelled_as_a_name_only_if_it_may_be_one():
    """Words the parser took for names in every post: a verb opening a line and a shouted
    word stay in lower case; a Latin brand, a place and an acronym keep their spelling."""
    posts = _posts_with_names(
        [
            ("подписаться канал ozon", "Подписаться Ozon"),
            ("подписаться казань", "Подписаться Казань"),
            ("скидка мфц", "СКИДКА МФЦ"),
        ]
        * 3
    )
    assert name_spellings(posts) == {"ozon": "Ozon", "казань": "Казань", "мфц": "МФЦ"}


def test_a_name_must_be_one_in_most_posts_counted_once_per_post():
    """«Москва» and «МОСКВА» in one post are one post with the name; with the word lower
    case in two posts of three, it is not shown as a name."""
    posts = _posts_with_names([("москва москва", "Москва МОСКВА"), ("москва", ""), ("москва", "")])
    assert name_spellings(posts) == {}
    assert name_spellings([*posts[:2], posts[0]]) == {"москва": "Москва"}


def test_names_keep_the_feed_spelling_and_stay_out_of_the_post_rows():
    text = "Я попросил ChatGPT найти ошибку в коде на GitHub, а потом в МФЦ."
    result = next(analyze_posts([text], classify=False))
    assert {"ChatGPT", "GitHub", "МФЦ"} <= set(result.topic_names.split())
    assert "topic_names" not in json_record(result) and "topic_lemmas" not in json_record(result)


def test_demo_report_says_what_posts_cannot_show(demo_report):
    by_number = {f.mistake: f for f in demo_report.findings}
    assert sorted(by_number) == [1, 2, 3, 4, 5, 6, 7]
    assert by_number[5].severity == "n/a"
    assert "не видно" in " ".join(by_number[5].evidence)
    assert "только о тексте" in " ".join(by_number[4].evidence)


def test_funnel_shares_add_up(demo_report):
    assert sum(demo_report.funnel.stage_share.values()) == pytest.approx(1, abs=0.01)
    assert sum(demo_report.funnel.type_share.values()) == pytest.approx(1, abs=0.01)
    assert sum(demo_report.trust.voice_share.values()) == pytest.approx(1, abs=0.01)


def _post(index, stage, kind="other", **metrics):
    return PostResult(
        index=index, id=str(index + 1), status="ok", text="пост", words=40, voice="none",
        stage=Prediction(stage, 0.9, False), type=Prediction(kind, 0.9, False), **metrics,
    )  # fmt: skip


def test_offer_without_trust_before_it_is_found():
    stages = ["awareness", "interest", "interest", "action", "trust", "action"]
    report = build_report([_post(i, s) for i, s in enumerate(stages)])
    assert report.funnel.offers == 2
    assert report.funnel.offers_without_trust == ["4"]
    assert report.funnel.longest_runs[0] == {"stage": "interest", "length": 2, "from": "2", "to": "3"}


def test_missing_metrics_are_reported_as_skipped():
    report = build_report([_post(i, "interest") for i in range(12)])
    assert report.engagement.metric is None
    assert any("ERview" in reason for reason in report.engagement.skipped)
    assert any("--followers" in reason for reason in report.engagement.skipped)


def test_er_post_needs_followers():
    posts = [_post(i, "interest", views=1000.0, likes=10.0 + i, comments=1.0, reposts=0.0) for i in range(12)]
    report = build_report(posts, followers=5000)
    assert report.engagement.medians["ERpost"]["median"] == pytest.approx((15.5 + 1) / 5000)
    assert report.engagement.medians["ERview"]["median"] == pytest.approx(16.5 / 1000)


def test_er_post_and_ctr_are_shown_beside_er_view_in_text_and_html():
    """--followers and a clicks column gave medians that only the JSON showed."""
    posts = [
        _post(i, "interest", views=1000.0, likes=10.0, comments=0.0, reposts=0.0, clicks=20.0)
        for i in range(12)
    ]
    report = build_report(posts, followers=5000)
    text = render_report(report)
    assert "медианный ERview 1,00% (знаменатель: просмотры; n=12)" in text
    assert "медианный ERpost 0,20% (знаменатель: подписчики, 5 000; n=12)" in text
    assert "медианный CTR 2,00% (переходы / просмотры; n=12)" in text
    page = render_html(report, posts)
    assert "Медианный ERpost" in page and "Медианный CTR" in page


def test_posts_dated_without_a_time_sit_in_no_hour_group():
    """A feed of dates alone was charted as 30 posts at 00–03 ч, open to «работает» statements."""
    metrics = {"views": 1000.0, "comments": 0.0, "reposts": 0.0}
    dated = [_post(i, "interest", date=f"2025-03-{i + 1:02d}", likes=10.0 + i, **metrics) for i in range(20)]
    timed = [
        _post(20 + i, "interest", date=f"2025-04-{i + 1:02d}T18:30:00", likes=5.0, **metrics)
        for i in range(10)
    ]
    hours = [g for g in build_report(dated + timed).engagement.groups if g.dimension == "hour"]
    assert [(g.group, g.n) for g in hours] == [("18–21 ч", 10)]
    assert not [g for g in build_report(dated).engagement.groups if g.dimension == "hour"]


def test_a_group_that_clearly_earns_more_is_stated():
    posts = [
        _post(i, "trust", views=1000.0, likes=80.0 + i % 5, comments=0.0, reposts=0.0) for i in range(15)
    ]
    posts += [
        _post(15 + i, "awareness", views=1000.0, likes=10.0 + i % 5, comments=0.0, reposts=0.0)
        for i in range(15)
    ]
    report = build_report(posts)
    stages = [s for s in report.engagement.works if "посты стадии" in s]
    # two stages only: trust above the rest and awareness below it are one effect, stated once
    assert len(stages) == 1
    assert ("«доверие»" in stages[0] and "выше" in stages[0]) or (
        "«знакомство»" in stages[0] and "ниже" in stages[0]
    )
    small = [g for g in report.engagement.groups if g.n < 8]
    assert all(not g.ranked for g in small)


def test_what_works_and_what_does_not_are_told_apart_strongest_first():
    def posts(stage, likes, start, case=False):
        return [
            _post(start + i, stage, views=1000.0, likes=likes + i % 5, comments=0.0, reposts=0.0, case=case)
            for i in range(15)
        ]

    feed = posts("trust", 80.0, 0, case=True) + posts("awareness", 10.0, 15) + posts("interest", 30.0, 30)
    works = build_report(feed).engagement.works
    # awareness earns a fifth of the rest (ratio 0.21), trust four times the rest: awareness comes first
    assert works[0].startswith("не работает: посты стадии «знакомство» — медианный ERview на 79% ниже")
    assert any(s.startswith("работает: посты стадии «доверие»") and "выше" in s for s in works)
    cases = [s for s in works if s.split(" — ")[0].endswith(("посты с кейсом", "посты без кейса"))]
    assert len(cases) == 1  # «с кейсом» and «без кейса» mirror each other: one statement


def test_a_group_that_earns_nothing_is_still_stated():
    """With case posts at ER 0 the other group's ratio has no denominator; the effect must not vanish."""
    feed = [
        _post(i, "trust", views=1000.0, likes=0.0, comments=0.0, reposts=0.0, case=True) for i in range(12)
    ]
    feed += [
        _post(12 + i, "trust", views=1000.0, likes=20.0 + i % 3, comments=0.0, reposts=0.0) for i in range(12)
    ]
    works = build_report(feed).engagement.works
    assert [s.split(" — ")[0] for s in works] == ["не работает: посты с кейсом"]


@pytest.mark.parametrize(
    ("dimension", "group", "phrase"),
    [
        ("stage", "action", "посты стадии «действие»"),
        ("type", "other", "посты типа «прочее»"),
        ("voice", "i", "посты от первого лица («я»)"),
        ("voice", "none", "посты без автора"),
        ("case", "с кейсом", "посты с кейсом"),
        ("impersonal", "безликие", "безликие посты"),
        ("length", "короткие (<30 слов)", "короткие посты (<30 слов)"),
        ("length", "лонгриды (250+)", "лонгриды (250+)"),
        ("weekday", "вт", "посты во вторник"),
        ("hour", "18–21 ч", "посты в 18–21 ч"),
    ],
)
def test_groups_are_named_as_posts_in_russian(dimension, group, phrase):
    """A statement reads «…: посты типа «прочее» — …, чем у остальных постов», never the
    JSON's codes («other», «none»)."""
    assert group_phrase(dimension, group) == phrase


@pytest.mark.parametrize(
    ("number", "case", "words"),
    [
        (1, "nomn", "1 пост"),
        (3, "nomn", "3 поста"),
        (23, "nomn", "23 поста"),
        (11, "nomn", "11 постов"),
        (111, "nomn", "111 постов"),
        (21, "gent", "21 поста"),
        (150, "gent", "150 постов"),
    ],
)
def test_a_number_of_posts_reads_as_russian(number, case, words):
    """«вне ядра 23 поста», «из 21 поста»: never «23 постов»."""
    assert posts_count(number, case) == words


def test_decimals_are_written_with_a_comma():
    """Russian text writes «4,48%» and «в 1,79 раза»; the JSON keeps numbers."""
    assert (decimal(1.789), decimal(3.0, 1), percent(0.04484)) == ("1,79", "3,0", "4,48%")
    feed = [_post(i, "trust", views=1000.0, likes=80.0 + i % 5) for i in range(15)]
    feed += [_post(15 + i, "awareness", views=1000.0, likes=10.0 + i % 5) for i in range(15)]
    works = build_report(feed).engagement.works
    assert works and not [s for s in works if re.search(r"\d\.\d", s)], works
    assert all(re.search(r"отношение \d+,\d\d, 95% ДИ \d+,\d\d–\d+,\d\d", s) for s in works), works


def test_every_dimension_has_a_phrase():
    assert all(group_phrase(dimension, "x") for dimension in GROUP_NAMES)


def test_statements_name_groups_in_russian():
    def posts(stage, likes, start):
        return [
            _post(start + i, stage, views=1000.0, likes=likes + i % 3, comments=0.0, reposts=0.0)
            for i in range(12)
        ]

    works = build_report(posts("action", 5.0, 0) + posts("interest", 60.0, 12)).engagement.works
    assert any(s.startswith("не работает: посты стадии «действие»") for s in works), works


def test_dates_in_export_formats_are_read():
    assert parse_datetime("2025-03-01T10:15:00+00:00").hour == 10
    assert parse_datetime("2025-03-01 10:15").minute == 15
    assert parse_datetime("01.03.2025 10:15").day == 1
    assert parse_datetime("вчера") is None


def test_analyze_prints_the_account_report_and_writes_json(tmp_path):
    report_path = tmp_path / "report.json"
    result = CliRunner().invoke(
        main, ["analyze", str(DEMO), "--format", "table", "--report", str(report_path), "--followers", "3000"]
    )
    assert result.exit_code == 0, result.output
    assert "Аудит аккаунта" in result.output
    assert "Смысловое ядро" in result.output
    data = json.loads(report_path.read_text(encoding="utf-8"))
    assert data["schema_version"] == 3
    assert data["posts_read"] == 60
    assert "ERpost" in data["engagement"]["medians"]


def test_show_account_only_prints_no_post_rows():
    result = CliRunner().invoke(main, ["analyze", str(DEMO), "--show", "account", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert "Аудит аккаунта" in result.output
    assert "stage_probability" not in result.output


def test_compare_runs_on_the_demo_feed(tmp_path):
    copy = tmp_path / "competitor.csv"
    copy.write_text(DEMO.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "compare.json"
    result = CliRunner().invoke(main, ["compare", str(DEMO), str(copy), "--report", str(out)])
    assert result.exit_code == 0, result.output
    assert "Сравнение аккаунтов" in result.output
    assert "индекс фокуса" in result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [a["account"] for a in data["accounts"]] == ["posts", "competitor"]


def test_compare_reads_a_text_column_named_by_hand(tmp_path):
    """Feeds whose text sits under a name no alias knows («Колонка1») are compared with --column."""
    rows = ["Мы открыли студию дизайна в Казани.", "Я расскажу, как выбрать диван для маленькой гостиной."]
    feeds = []
    for name in ("ours", "theirs"):
        path = tmp_path / f"{name}.csv"
        path.write_text("Колонка1\n" + "\n".join(f'"{row}"' for row in rows) + "\n", encoding="utf-8")
        feeds.append(str(path))
    refused = CliRunner().invoke(main, ["compare", *feeds])
    assert refused.exit_code == 2 and "--column text=NAME" in refused.output
    result = CliRunner().invoke(main, ["compare", *feeds, "--column", "text=Колонка1", "-q"])
    assert result.exit_code == 0, result.output
    assert "Сравнение аккаунтов" in result.output


def test_compare_sets_engagement_by_content_type_side_by_side():
    """Our expert posts earn three times theirs: the row shows both medians, the
    differences call it out; entertainment, equal in both, is not called out."""

    def posts(kind, likes, start):
        metrics = {"views": 1000.0, "likes": likes, "comments": 0.0, "reposts": 0.0}
        return [_post(start + i, "interest", kind, **metrics) for i in range(10)]

    def feed(expert_likes):
        return posts("expert", expert_likes, 0) + posts("entertainment", 20.0, 10)

    reports = [build_report(feed(60.0), account="мы"), build_report(feed(20.0), account="они")]
    rows = dict(comparison_rows(reports))
    assert rows["ERview: экспертный"] == ["6,00% n=10", "2,00% n=10"]
    assert rows["ERview: прочее"] == ["—", "—"]
    gaps = [note for note in differences(reports) if "постов типа" in note]
    assert gaps == [
        "ERview постов типа «экспертный» (n=10 и 10): мы 6,00% против они 2,00% "
        "(в 3,0 раза; метрики сняты в разное время)"
    ]


def test_compare_shows_one_type_accounts_and_feeds_without_metrics():
    """An account of expert posts only still shows their median; a feed without views
    shows «—» beside it; an expert median of 0 is called out, with no ratio to give."""

    def posts(kind, likes, **metrics):
        return [
            _post(i, "interest", kind, likes=likes, comments=0.0, reposts=0.0, **metrics) for i in range(10)
        ]

    experts = build_report(posts("expert", 61.0, views=1000.0), account="мы")
    silent = build_report(posts("expert", 0.0, views=1000.0), account="они")
    unmeasured = build_report(posts("expert", 61.0), account="без метрик")
    rows = dict(comparison_rows([experts, unmeasured]))
    assert rows["ERview: экспертный"] == ["6,10% n=10", "—"]
    gaps = [note for note in differences([experts, silent]) if "постов типа" in note]
    note = "ERview постов типа «экспертный» (n=10 и 10): мы 6,10% против они 0,00%"
    assert gaps == [f"{note} (метрики сняты в разное время)"]


def test_one_post_in_thousands_is_never_a_share_of_zero():
    """One action post among 2,500 showed «действие 0%» and «нет ни одного поста стадии: действие»."""
    posts = [_post(0, "action")] + [_post(i, "interest") for i in range(1, 2501)]
    report = build_report(posts, account="большой")
    assert report.funnel.stage_share["action"] == 0.0004
    assert report.funnel.stage_share["interest"] == 0.9996
    assert report.funnel.missing_stages == ["awareness", "trust"]
    assert share_percent(report.funnel.stage_share["action"]) == "<1%"


def test_compare_calls_out_shares_exactly_ten_points_apart():
    """80% against 90% of interest posts was left out: 0.9 − 0.8 is 0.0999… in floating point."""
    ours = [_post(i, "interest") for i in range(8)] + [_post(8 + i, "awareness") for i in range(2)]
    theirs = [_post(i, "interest") for i in range(9)] + [_post(9, "awareness")]
    reports = [build_report(ours, account="мы"), build_report(theirs, account="они")]
    assert "доля стадии «интерес»: мы 80% против они 90%" in differences(reports)


def test_compare_calls_out_medians_exactly_1_3_times_apart():
    """1.3% against 1.0% is 1.3 times, though 0.013 / 0.01 is 1.2999… in floating point."""
    assert _median_gap("ERview", "мы", 0.013, "они", 0.01) == [
        "ERview: мы 1,30% против они 1,00% (в 1,3 раза; метрики сняты в разное время)"
    ]
    assert _median_gap("ERview", "мы", 0.0129, "они", 0.01) == []


def test_compare_needs_two_feeds():
    result = CliRunner().invoke(main, ["compare", str(DEMO)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_compare_reads_standard_input_once():
    """«compare - -» said the second standard input was an empty file."""
    result = CliRunner().invoke(main, ["compare", "-", "-"], input=DEMO.read_text(encoding="utf-8"))
    assert result.exit_code == 2
    assert "standard input (-) can be only one of the feeds" in result.output


# --- real channels (skipped without ../shared) ---------------------------------------

REAL = SHARED / "real" / "posts.csv"
PER_CHANNEL = 80
FEED_SIZE = 60


@pytest.fixture(scope="module")
def real_channels(nlp):
    if not REAL.exists():
        pytest.skip("shared real posts are not beside the repo")
    csv.field_size_limit(1 << 30)
    by_channel = defaultdict(list)
    with REAL.open(encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file):
            if len((row["text"] or "").split()) >= 15 and len(by_channel[row["channel"]]) < PER_CHANNEL:
                by_channel[row["channel"]].append(row)
    channels = {name: rows for name, rows in by_channel.items() if len(rows) == PER_CHANNEL}
    texts = [row["text"] for rows in channels.values() for row in rows]
    results = iter(analyze_posts(texts, classify=False))
    return {name: [next(results) for _ in rows] for name, rows in channels.items()}


def _focus(results):
    return analyse_focus(results, natasha_models().embedding).focus_index


@pytest.fixture(scope="module")
def channel_posts(real_channels):
    """Each channel's posts as lemma lists, so a feed of any of them is scored without
    re-parsing."""
    assert all(r.ok and r.topic_lemmas for results in real_channels.values() for r in results)
    return {name: [r.topic_lemmas.split() for r in results] for name, results in real_channels.items()}


def _feed_focus(channel_posts, picks):
    """Focus index of a feed made of ``(channel, post indices)`` picks, computed as
    ``analyse_focus`` does (signatures out, then the pairs' lower quartile)."""
    lemma_lists, _ = strip_signatures([channel_posts[name][i] for name, indices in picks for i in indices])
    return focus_index(coherence(post_vectors(lemma_lists, natasha_models().embedding), lemma_lists))


def _mixing_draws(names, draws=1000):
    """The draws of bench/focus_real.py: (A, 60 posts of A, 30 of A, 30 of B)."""
    rng = random.Random(7)
    for _ in range(draws):
        a, b = rng.sample(names, 2)
        single = rng.sample(range(PER_CHANNEL), FEED_SIZE)
        half_a = rng.sample(range(PER_CHANNEL), FEED_SIZE // 2)
        yield a, b, single, half_a, rng.sample(range(PER_CHANNEL), FEED_SIZE // 2)


@pytest.mark.slow
def test_a_channel_alone_scores_as_analyse_focus_does(real_channels, channel_posts):
    for name, results in real_channels.items():
        picks = [(name, list(range(FEED_SIZE)))]
        assert _feed_focus(channel_posts, picks) == _focus(results[:FEED_SIZE]), name


@pytest.mark.slow
@pytest.mark.xfail(
    strict=True,
    reason="A above A+B in 897 of 1,000 draws and in 91.1% of channel pairs unsampled "
    "(bench/focus_real.py --ceiling); 62 of the 103 losses mix two news services; bar 95%",
)
def test_focus_falls_as_channels_are_mixed(channel_posts):
    wins = sum(
        _feed_focus(channel_posts, [(a, single)]) > _feed_focus(channel_posts, [(a, half_a), (b, half_b)])
        for a, b, single, half_a, half_b in _mixing_draws(sorted(channel_posts))
    )
    assert wins >= 950, f"{wins} of 1,000"


@pytest.mark.slow
def test_median_focus_falls_from_one_channel_to_two_to_four_and_stays_low_at_eight(channel_posts):
    rng, names = random.Random(5), sorted(channel_posts)
    medians = []
    for k in (1, 2, 4, 8):
        scores = []
        for _ in range(40):
            picks = [(name, rng.sample(range(PER_CHANNEL), FEED_SIZE // k)) for name in rng.sample(names, k)]
            scores.append(_feed_focus(channel_posts, picks))
        medians.append(statistics.median(scores))
    one, two, four, eight = medians
    assert one > two + 20 and two > four and four >= eight - 5, medians


@pytest.mark.slow
def test_programming_channel_is_more_focused_than_general_news(real_channels):
    programming = next(n for n in real_channels if "Go разработчика" in n)
    news = next(n for n in real_channels if n == "РИА Новости")
    assert _focus(real_channels[programming]) > _focus(real_channels[news])


@pytest.mark.slow
def test_er_matches_own_arithmetic_on_real_posts(tmp_path):
    if not REAL.exists():
        pytest.skip("shared real posts are not beside the repo")
    csv.field_size_limit(1 << 30)
    with REAL.open(encoding="utf-8", newline="") as file:
        rows = [r for r in csv.DictReader(file) if r["views"] and r["likes"] and r["comments"]][:25]
    sample = tmp_path / "sample.csv"
    with sample.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    results = list(analyze_posts(read_feed(str(sample)).posts, classify=False))
    own = [(float(r["likes"]) + float(r["comments"])) / float(r["views"]) for r in rows]
    assert [er_view(r) for r in results] == pytest.approx(own)
    report = build_report(results)
    ordered = sorted(own)
    middle = len(ordered) // 2
    median = ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    assert report.engagement.medians["ERview"]["median"] == pytest.approx(median)
    assert report.engagement.medians["ERview"]["n"] == len(rows)


@pytest.mark.slow
def test_compare_runs_on_two_real_channels(tmp_path):
    if not REAL.exists():
        pytest.skip("shared real posts are not beside the repo")
    csv.field_size_limit(1 << 30)
    wanted = {"Наука и анти эйджинг": [], "@eglavbukru": []}
    with REAL.open(encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        fields = reader.fieldnames
        for row in reader:
            if row["channel"] in wanted and len(wanted[row["channel"]]) < 40:
                wanted[row["channel"]].append(row)
    paths = []
    for number, rows in enumerate(wanted.values()):
        path = tmp_path / f"channel{number}.csv"
        with path.open("w", encoding="utf-8", newline="") as out:
            writer = csv.DictWriter(out, fieldnames=fields)
            writer.writeheader()
            writer.writerows(rows)
        paths.append(str(path))
    result = CliRunner().invoke(main, ["compare", *paths, "--report", str(tmp_path / "c.json")])
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))
    assert [a["posts_read"] for a in data["accounts"]] == [40, 40]
    assert all(a["focus"]["focus_index"] is not None for a in data["accounts"])
    assert "медианный ERview" in result.output


def _trust(first_person: float, cases: float, faceless: float) -> TrustReport:
    return TrustReport(
        200,
        {"i": 0.0, "we": first_person, "none": 1 - first_person},
        first_person,
        cases,
        0.1,
        faceless,
        50.0,
    )


@pytest.mark.parametrize(
    ("first_person", "cases", "faceless", "severity"),
    [
        (0.62, 0.05, 0.58, "medium"),  # a voice and some cases, but most posts faceless
        (0.62, 0.05, 0.20, "ok"),
        (0.10, 0.05, 0.20, "medium"),  # no author
        (0.10, 0.00, 0.80, "high"),  # no author, no proof, faceless
    ],
)
def test_trust_finding_counts_faceless_posts_as_findings_4_does(first_person, cases, faceless, severity):
    """A feed whose posts are mostly faceless is not «в порядке» on trust while finding 4
    calls the same share serious."""
    assert trust_building(_trust(first_person, cases, faceless)).severity == severity


def test_a_share_of_one_post_in_two_hundred_is_not_written_as_zero():
    assert [share_percent(s) for s in (0, 1 / 200, 0.126, 199 / 200, 1, None)] == [
        "0%",
        "<1%",
        "13%",
        ">99%",
        "100%",
        "—",
    ]


def test_off_core_examples_leave_out_cases_reviews_and_offers(demo_report, demo_results):
    """Finding 7 told the demo studio to tie to its topics or drop its off-core posts, the
    client review among them; trust and action posts are counted apart and not offered as
    posts to drop."""
    proof = {r.id for r in demo_results if r.stage and r.stage.label in ("trust", "action")}
    assert proof & set(demo_report.focus.off_core), "the demo has off-core trust or action posts"
    finding = positioning(demo_report.focus, demo_report.funnel, proof)
    assert finding.examples and not proof & set(finding.examples)
    kept = len(proof & set(demo_report.focus.off_core))
    assert f"из них {kept} — кейсы, отзывы и продажи" in finding.evidence[1]


def test_drift_leaves_out_months_too_thin_to_judge_and_says_so(demo_report):
    """The demo's 6 July posts scored 2 and drew the chart to the floor; a month under 8
    posts now gets no index and is named as not assessed."""
    drift = {d["month"]: d for d in demo_report.focus.drift}
    assert drift["2025-07"]["posts"] < 8 and drift["2025-07"]["focus_index"] is None
    assert all(d["focus_index"] is not None for d in drift.values() if d["posts"] >= 8)
    assert "не оценены, меньше 8 постов: 2025-07" in render_report(demo_report)


def test_a_feed_where_most_posts_draw_no_reaction_says_so():
    """A median of 0 hid how many posts were silent; the report counts them, and compare
    calls out a gap of 10+ points in that share."""
    silent = [_post(i, "interest", views=500.0, likes=0.0, comments=0.0, reposts=0.0) for i in range(6)]
    heard = [_post(6 + i, "interest", views=500.0, likes=20.0, comments=1.0, reposts=0.0) for i in range(4)]
    report = build_report(silent + heard, account="тихий")
    assert report.engagement.medians["ERview"] == {"median": 0.0, "n": 10, "zero": 6}
    text = render_report(report)
    assert "без единой реакции: 6 постов из 10 (60%)" in text and "медиана 0" in text
    other = build_report(heard + silent[:1], account="живой")
    rows = dict(comparison_rows([report, other]))
    assert rows["без реакций"] == ["60%", "20%"]
    assert "посты без реакций: тихий 60% против живой 20% (метрики сняты в разное время)" in differences(
        [report, other]
    )


def test_topic_labels_put_verbs_after_nouns_and_adjectives():
    """«стена, кухня, смотреть, комната» read as a topic once the verb gives way."""
    topic = [["смотреть", "стена", "кухня", "смотреть"], ["смотреть", "комната", "стена", "потолок", "кухня"]]
    other = [["налог", "вычет", "сдать"], ["налог", "вычет", "декларация"]]
    labels = np.array([0, 0, 1, 1])
    lemmas = typical_lemmas(topic + other, labels)
    assert lemmas[0][:2] == ["стена", "кухня"] and lemmas[0][-1] == "смотреть"


@pytest.mark.parametrize(("offers", "severity"), [(2, "medium"), (5, "high")])
def test_offers_with_no_trust_before_them_are_serious_only_when_there_are_enough(offers, severity):
    """Two news items a model took for offers made finding 3 serious («2 из 2») on a
    programming channel; under 5 sales posts the gap is notable, not serious."""
    stages = ["awareness"] * 20 + ["action"] * offers
    report = build_report([_post(i, s) for i, s in enumerate(stages)])
    finding = next(f for f in report.findings if f.mistake == 3)
    assert len(report.funnel.offers_without_trust) == offers and finding.severity == severity


def _wire_feed(faceless: int) -> list[PostResult]:
    """20 posts: 16 news items (знакомство) and 4 explainers; ``faceless`` of them faceless."""
    stages = ["awareness"] * 16 + ["interest"] * 4
    return [_post(i, s, impersonal=int(i < faceless)) for i, s in enumerate(stages)]


def test_a_news_service_is_not_told_to_sell():
    """A wire service with no trust or action posts was told, as a serious finding, to add
    offers; its posts cannot show whether it sells anything, so the finding says so and
    asks what a news channel's trust and action are."""
    findings = {f.mistake: f for f in build_report(_wire_feed(faceless=18)).findings}
    funnel, path, trust = findings[1], findings[3], findings[6]
    assert funnel.severity == "medium" and "ничего не продаёт, ему не нужны офферы" in funnel.recommendation
    assert "лента похожа на новостную: знакомство 80%, безликих 90%" in funnel.evidence
    assert "кейсы не нужны" in trust.recommendation and "кейс" not in path.recommendation
    assert path.severity == "ok" and "серии новостей естественны" in path.recommendation


@pytest.mark.parametrize(("news", "severity"), [("", "high"), ("лента похожа на новостную", "medium")])
def test_a_news_service_is_not_faulted_for_telling_no_cases(news, severity):
    """A faceless feed with a «мы» in 40% of posts and no case: serious for a business, which
    proves nothing, notable for a news service, which reports others' stories."""
    assert trust_building(_trust(0.4, 0.0, 0.9), news).severity == severity


def test_a_news_service_is_not_told_to_put_cases_before_its_price_news():
    """Six news items about prices read as offers, none after a trust post: serious for a
    business, notable for a news service, whose «offers» are often news about prices."""
    stages = ["awareness"] * 14 + ["action"] * 6
    posts = [_post(i, s, impersonal=1) for i, s in enumerate(stages)]
    path = next(f for f in build_report(posts).findings if f.mistake == 3)
    assert path.severity == "medium" and "новости о ценах" in path.recommendation


def test_a_feed_with_a_voice_is_still_told_what_its_funnel_lacks():
    """The same stages with most posts spoken by someone: not a news service, so the missing
    trust and action posts stay serious."""
    findings = {f.mistake: f for f in build_report(_wire_feed(faceless=6)).findings}
    assert findings[1].severity == "high" and "действие продаёт" in findings[1].recommendation
    assert not any("новостную" in line for f in findings.values() for line in f.evidence)


def test_a_handful_of_posts_is_not_read_as_a_news_service():
    """Five faceless greetings were called «похожа на новостную» while finding 7 said the feed
    was too short to judge; the shares were read on 80-post feeds."""
    findings = build_report(_wire_feed(faceless=20)[:10]).findings
    assert not any("новостную" in line for f in findings for line in f.evidence)
