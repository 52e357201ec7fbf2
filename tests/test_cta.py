"""Calls to action and offers: ASK, ENGAGE, PRICE, PROMO, DEADLINE, LINK, FREE."""

import pytest
from conftest import labels, parse_all, span_texts

TEXTS = {
    "enrol": "Открыт набор на курс «Уютный дом». Записывайтесь по ссылке до 15 марта, мест всего десять.",
    "price": "Консультация дизайнера — 4 900 ₽. Выезд на объект — от 2 500 руб.",
    "promo": "По промокоду VESNA скидка 10% на все шторы до конца недели.",
    "subscribe_line": "Новый выпуск подкаста уже на канале.\n\nПодписаться:\nhttps://t.me/example_channel",
    "subscribe_bare": "Каждую неделю публикуем разборы интерьеров наших читателей.\n\nПодписаться",
    "enrol_bare": "Курс стартует в понедельник.\n\nЗаписаться\n\nhttps://example.ru/kurs",
    "info": "Почему белые стены не делают комнату больше? Всё дело в свете: холодные лампы съедают объём, "
    "а тёплые его возвращают.",
    "free": "Вебинар бесплатный, запись пришлём всем участникам. Вход без оплаты.",
    "ask_phrase": "Запись уже открыта! Оставить заявку можно в личке. Ждём вас в студии.",
    "like": "Понравился пост? Ставьте лайк!",
    "deadline": "Осталось 3 места на мастер-класс. Успейте до 20.05, последний день продаж — пятница.",
}


@pytest.fixture(scope="module")
def docs(nlp):
    return parse_all(nlp, TEXTS)


def cta(docs, name: str) -> dict:
    return docs[name]._.features["cta"]


def test_sign_up_by_link_before_a_date(docs):
    doc = docs["enrol"]
    assert span_texts(doc, "cta", "ASK") == ["Записывайтесь"]
    assert span_texts(doc, "cta", "LINK") == ["по ссылке"]
    assert span_texts(doc, "cta", "DEADLINE") == ["до 15 марта"]
    features = cta(docs, "enrol")
    assert (features["has_cta"], features["has_link"], features["has_deadline"]) == (1, 1, 1)


def test_price_is_an_offer(docs):
    doc = docs["price"]
    prices = span_texts(doc, "cta", "PRICE")
    assert "4 900 ₽" in prices
    assert any("2 500 руб" in p for p in prices)
    assert cta(docs, "price")["has_offer"] == 1
    assert cta(docs, "price")["has_cta"] == 0


def test_promo_code_and_discount(docs):
    doc = docs["promo"]
    promos = span_texts(doc, "cta", "PROMO")
    assert "промокоду VESNA" in promos
    assert "скидка 10%" in promos
    assert cta(docs, "promo")["has_offer"] == 1
    assert span_texts(doc, "cta", "DEADLINE") == ["до конца недели"]


def test_subscribe_on_its_own_line_is_engage_not_ask(docs):
    doc = docs["subscribe_line"]
    assert span_texts(doc, "cta", "ENGAGE") == ["Подписаться"]
    assert span_texts(doc, "cta", "ASK") == []
    assert cta(docs, "subscribe_line")["has_cta"] == 0
    assert cta(docs, "subscribe_line")["engage"] == 1
    assert cta(docs, "subscribe_line")["has_link"] == 1


@pytest.mark.parametrize(
    ("name", "label", "word"),
    [("subscribe_bare", "ENGAGE", "Подписаться"), ("enrol_bare", "ASK", "Записаться")],
)
def test_bare_infinitive_on_its_own_line(docs, name, label, word):
    assert span_texts(docs[name], "cta", label) == [word]
    assert word not in span_texts(docs[name], "tone", "PASSIVE")


def test_informational_post_asks_nothing(docs):
    doc = docs["info"]
    assert "ASK" not in labels(doc, "cta")
    features = cta(docs, "info")
    assert (features["has_cta"], features["has_offer"], features["has_deadline"]) == (0, 0, 0)


def test_free_is_flagged(docs):
    assert span_texts(docs["free"], "cta", "FREE") == ["бесплатный", "без оплаты"]
    assert cta(docs, "free")["free"] == 1
    assert cta(docs, "info")["free"] == 0


def test_ask_phrases_without_an_imperative(docs):
    asks = span_texts(docs["ask_phrase"], "cta", "ASK")
    assert "Запись уже открыта" in asks
    assert "Оставить заявку" in asks
    assert "Ждём вас" in asks
    assert span_texts(docs["ask_phrase"], "cta", "LINK") == ["в личке"]


def test_put_a_like_is_engage(docs):
    assert span_texts(docs["like"], "cta", "ENGAGE") == ["Ставьте"]


def test_scarcity_and_deadlines(docs):
    deadlines = span_texts(docs["deadline"], "cta", "DEADLINE")
    assert "Осталось 3 места" in deadlines
    assert any(d.startswith("Успейте") for d in deadlines)
    assert any("20.05" in d for d in deadlines)
    assert any(d.startswith("последний день") for d in deadlines)
    assert cta(docs, "deadline")["has_deadline"] == 1
