"""Key phrases in topic labels: «тазовое дно», «сроки работ», not «дно, тазовый»."""

from collections import Counter

from voicecheck.account.focus import analyse_focus
from voicecheck.account.phrases import label_items, shown_phrase, topic_phrases
from voicecheck.analysis import analyze_posts
from voicecheck.nlp import natasha_models
from voicecheck.records import KeyPhrase, PostResult, key_phrases_of


def _phrases(text: str) -> dict[tuple[str, str], tuple[str, str]]:
    """The post's key phrases: their lemmas, and their words as written."""
    result = next(analyze_posts([text], classify=False))
    lemmas = result.topic_lemmas.split()
    return {(lemmas[p.first], lemmas[p.second]): p.words for p in key_phrases_of(result)}


def test_a_post_keeps_adjective_and_genitive_phrases_as_written():
    found = _phrases("Упражнения для тазового дна помогают. Мы сорвали сроки работ по ремонту кухни.")
    assert found[("тазовый", "дно")] == ("тазового", "дна")
    assert found[("срок", "работа")] == ("сроки", "работ")


def test_a_noun_after_a_preposition_a_short_adjective_and_an_address_make_no_phrase():
    found = _phrases("Как известно SHOT, упражнения для мышц полезны. Уважаемые участники, занятие отменено.")
    assert ("упражнение", "мышца") not in found
    assert not any("shot" in key or "участник" in key for key in found)


def test_a_capital_that_only_opens_a_sentence_is_dropped():
    found = _phrases("Курс доллара вырос. Аналитики ждут, что Банк России снизит ставку.")
    assert found[("курс", "доллар")] == ("курс", "доллара")
    assert found[("банк", "россия")][1] == "России"


def test_a_phrase_is_shown_in_the_nominative_keeping_its_number_and_capitals():
    assert shown_phrase(("тазовый", "дно"), Counter({("a", ("тазового", "дна")): 2})) == "тазовое дно"
    assert (
        shown_phrase(("пищевой", "привычка"), Counter({("a", ("пищевых", "привычек")): 1}))
        == "пищевые привычки"
    )
    assert shown_phrase(("срок", "работа"), Counter({("g", ("сроков", "работ")): 1})) == "сроки работ"
    forms = Counter({("g", ("Банка", "России")): 3, ("g", ("банк", "России")): 1})
    assert shown_phrase(("банк", "россия"), forms) == "Банк России"
    assert shown_phrase(("фнс", "россия"), Counter({("g", ("ФНС", "России")): 1})) == "ФНС России"


def test_a_phrase_takes_the_place_of_both_its_words_in_a_label():
    usual = {"дно": ("тазовый", "дно"), "тазовый": ("тазовый", "дно")}
    ranked = ["дно", "упражнение", "тазовый", "мышца", "спина"]
    assert label_items(ranked, usual, frozenset(), 4) == [("тазовый", "дно"), "упражнение", "мышца", "спина"]
    greeting = {"день": ("добрый", "день")}
    assert label_items(["день", "йога"], greeting, frozenset({"добрый"}), 4) == ["день", "йога"]


def _post(i: int, lemmas: str, phrases: list[KeyPhrase]) -> PostResult:
    encoded = ";".join(p.encoded() for p in phrases)
    return PostResult(index=i, id=str(i), status="ok", topic_lemmas=lemmas, topic_phrases=encoded)


def test_a_word_is_shown_in_a_phrase_only_when_half_of_its_posts_use_it_so():
    pelvic = KeyPhrase("a", 0, 1, ("тазового", "дна"))
    alone = [_post(i, "дно река", []) for i in range(3)]
    once = [*alone, _post(3, "тазовый дно", [pelvic])]
    twice = [*alone[:2], _post(2, "тазовый дно", [pelvic]), _post(3, "тазовый дно", [pelvic])]
    for posts, shown in ((once, False), (twice, True)):
        usual, _ = topic_phrases(posts, [p.topic_lemmas.split() for p in posts], [0] * 4)[0]
        assert ("дно" in usual) is shown


def test_topic_labels_show_key_phrases():
    """Two subjects, each named by a two-word term: the labels show the terms, and neither
    word of a term again on its own."""
    pelvic = [
        "Упражнения для тазового дна стоит делать каждый день, тазовое дно любит регулярность.",
        "Мышцы тазового дна слабеют после родов: начните с дыхания и тазового дна.",
        "Тазовое дно держит органы; тренировка тазового дна занимает десять минут.",
    ]
    taxes = [
        "Налоговый вычет за лечение можно вернуть за три года, налоговый вычет оформляют онлайн.",
        "Как получить налоговый вычет за квартиру: налоговый вычет дают раз в жизни.",
        "Налоговый вычет за обучение детей: документы для налогового вычета.",
    ]
    results = list(analyze_posts((pelvic + taxes) * 3, classify=False))
    labels = [t.label for t in analyse_focus(results, natasha_models().embedding).topics]
    assert any("тазовое дно" in label for label in labels) and any(
        "налоговый вычет" in label for label in labels
    )
    for label in labels:
        words = label.split(", ")
        assert not {"тазовый", "дно", "налоговый", "вычет"} & set(words), label


def test_a_phrase_of_a_signature_line_names_no_topic():
    subjects = ["дыхание", "сон", "питание", "осанка", "прогулки", "растяжка", "вода", "завтрак", "плавание"]
    texts = [
        f"Сегодня разбираем {a} и {b}. Подписывайтесь на полезный канал"
        for a in subjects
        for b in subjects[:2]
    ]
    results = list(analyze_posts(texts, classify=False))
    report = analyse_focus(results, natasha_models().embedding)
    assert report.signatures and not any("полезный канал" in t.label for t in report.topics)


def test_a_phrase_in_the_lemmas_a_signature_took_is_not_counted():
    channel = KeyPhrase("a", 1, 2, ("полезный", "канал"))
    posts = [_post(i, "дыхание полезный канал", [channel]) for i in range(3)]
    usual, forms = topic_phrases(posts, [["дыхание"]] * 3, [0] * 3)[0]
    assert not usual and not forms
