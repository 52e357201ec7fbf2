"""Offset-preserving cleanup: masks keep every character offset of the original."""

import pytest

from voicecheck.normalize import clean


def masked(text: str) -> list[tuple[str, str]]:
    return [(m.kind, text[m.start : m.end]) for m in clean(text).masks]


TEXTS = [
    "Смотрите https://example.com/a?b=1, и www.example.org/page.",
    "Сайт site.ru/x и магазин shop.example.рф работает.",
    "Пишите @vera_design или #дизайн_интерьера!",
    "Семья 👨‍👩‍👧 и флаг 🇷🇺 и сердце ❤️",
    "сло\u200bво\u200c и\u2060 текст\ufeff",
    "**Жирный** и __подчёркнутый__ и *курсив* и ~~зачёркнутый~~",
    "Читайте [нашу статью](https://example.com/x) сегодня",
    "Цена\u00a04\u00a0900\u00a0₽\u2009— выгодно",
    "",
    "   \n\t  ",
]


@pytest.mark.parametrize("text", TEXTS)
def test_cleanup_keeps_length_and_offsets(text):
    cleaned = clean(text)
    assert cleaned.original == text
    assert len(cleaned.text) == len(text)
    for i, (before, after) in enumerate(zip(text, cleaned.text, strict=True)):
        assert after == before or after.isspace(), (i, before, after)


@pytest.mark.parametrize("text", TEXTS)
def test_masks_are_blanked_and_in_order(text):
    cleaned = clean(text)
    starts = [m.start for m in cleaned.masks]
    assert starts == sorted(starts)
    for mask in cleaned.masks:
        assert 0 <= mask.start < mask.end <= len(text)
        assert cleaned.text[mask.start : mask.end].strip() == ""
        assert text[mask.start : mask.end].strip() != ""


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("Подробнее: https://example.com/path?x=1&y=2 — там всё.", "https://example.com/path?x=1&y=2"),
        ("Сайт http://example.org/старая-страница работает.", "http://example.org/старая-страница"),
        ("Заходите на www.svetly-dom.ru/catalog, там каталог.", "www.svetly-dom.ru/catalog"),
        ("Ссылка site.ru/x в профиле.", "site.ru/x"),
        ("Наш сайт — светлыйдом.рф, заходите.", "светлыйдом.рф"),
        ("Пишите на example.com!", "example.com"),
        ("Каталог: site.ru/x?page=2).", "site.ru/x?page=2"),
    ],
)
def test_urls_are_masked_without_trailing_punctuation(text, url):
    assert ("url", url) in masked(text)
    assert url not in clean(text).text


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("Подробности на svetlydom.ru.", "svetlydom.ru"),
        ("Наш сайт — светлыйдом.рф.", "светлыйдом.рф"),
        ("Весь каталог: site.ru/catalog.", "site.ru/catalog"),
    ],
)
def test_bare_domain_at_sentence_end_is_masked(text, url):
    assert ("url", url) in masked(text)


def test_mentions_and_hashtags_are_masked():
    text = "Спасибо @vera_design и @studio42 за #ремонт_кухни и #дизайн!"
    found = masked(text)
    assert ("mention", "@vera_design") in found
    assert ("mention", "@studio42") in found
    assert ("hashtag", "#ремонт_кухни") in found
    assert ("hashtag", "#дизайн") in found
    assert clean(text).text.split() == ["Спасибо", "и", "за", "и", "!"]


def test_email_like_at_is_not_a_mention():
    assert not [kind for kind, _ in masked("Почта: vera@example") if kind == "mention"]


@pytest.mark.parametrize(
    "emoji",
    ["🙂", "👍🏽", "👨‍👩‍👧", "🏳️‍🌈", "🇷🇺", "❤️", "⏰", "✔", "🛠️"],
)
def test_emoji_including_zwj_sequences_and_flags_are_one_mask(emoji):
    text = f"Готово {emoji} завтра"
    assert masked(text) == [("emoji", emoji)]
    assert clean(text).text == "Готово " + " " * len(emoji) + " завтра"


def test_zero_width_and_invisible_characters_are_masked():
    text = "Текст\u200b с\u200e невидимыми\u2060 знаками\ufeff."
    kinds = {kind for kind, _ in masked(text)}
    assert kinds == {"invisible"}
    assert clean(text).text == "Текст  с  невидимыми  знаками ."


def test_markdown_marks_are_masked_words_kept():
    text = "**Жирный** и __подчёркнутый__, *курсив* и ~~старое~~ и `код`"
    cleaned = clean(text)
    assert {kind for kind, _ in masked(text)} == {"markup"}
    assert cleaned.text.split() == ["Жирный", "и", "подчёркнутый", ",", "курсив", "и", "старое", "и", "код"]


def test_markdown_link_keeps_label_masks_target():
    text = "Читайте [нашу статью](https://example.com/x) сегодня"
    cleaned = clean(text)
    assert cleaned.text.split() == ["Читайте", "нашу", "статью", "сегодня"]
    assert ("url", "](https://example.com/x)") in masked(text)
    assert ("markup", "[") in masked(text)


def test_odd_spaces_become_plain_spaces_but_are_not_masks():
    text = "Цена\u00a04\u00a0900\u00a0₽\u2009— выгодно"
    cleaned = clean(text)
    assert cleaned.masks == ()
    assert cleaned.text == "Цена 4 900 ₽ — выгодно"


@pytest.mark.parametrize(
    "text",
    [
        "Обычный текст без ссылок, эмодзи и разметки.",
        "Цена 10.5 руб. Т.е. недорого, а 5% — это скидка.",
        "Привет,мир.Пока",
        "Дизайн-проект 2×3 м, срок — 3 недели; итог: 120 м².",
        "Её ёлка и «кавычки» — «ёлочки».",
    ],
)
def test_words_are_untouched(text):
    cleaned = clean(text)
    assert cleaned.text == text
    assert cleaned.masks == ()
