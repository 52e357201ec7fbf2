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
    assert span_texts(doc, "cta", "ASK") == ["Открыт набор", "Записывайтесь"]
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


# --- asks the detector used to miss, and the narration it must leave alone ---------------------

ASK_LINES = {
    "infinitive_colon_link": (
        "Обычная цена — 7 000 ₽, до 20 апреля — 4 900 ₽.\n\n"
        "Записаться: t.me/svetlydom_vera или svetlydom.ru/consult",
        "Записаться",
    ),
    "infinitives_colon_link": (
        "Для квартиры 60 м² «Стандарт» стоит 150 000 ₽.\n\n"
        "Выбрать пакет и записаться на созвон: svetlydom.ru/price",
        "Выбрать пакет и записаться",
    ),
    "infinitive_can_by_link": ("Записаться на консультацию можно по ссылке в профиле.", "Записаться"),
    "label_phone": ("Осталось 5 мест в группе.\nЗапись: 8 (843) 200-14-14", "Запись"),
    "label_mention": ("Стоимость — 24 000 ₽. Заявка на участие — @liliya_salon_bot", "Заявка"),
    "purpose_label_next_line": ("Торты к Новому году 🎄\n\nДля заказа:\n+7 987 123-45-67", "Для заказа"),
    "write_in_dm": ("Для записи пишите в личные сообщения.", "пишите"),
    "opening_enrolment": ("Открываю запись на курс «Свой ремонт» 📆", "Открываю запись"),
    "opened_enrolment": ("Открыт набор в осеннюю группу.", "Открыт набор"),
    "we_opened_preorder": ("Мы открыли предзаказ на книгу планировок.", "открыли предзаказ"),
    "accepting_orders": ("Принимаем заказы на новогодние торты до 25 декабря.", "Принимаем заказы"),
    "orders_accepted": ("Заявки принимаются на сайте svetlydom.ru.", "Заявки принимаются"),
    "take_it": ("Я собрала чек-лист на 47 пунктов. Забирайте бесплатно: t.me/svetlydom_bot", "Забирайте"),
}
NO_ASK = {
    "signed_up_last_year": "Я записалась на курс в прошлом году, и это было лучшее решение.",
    "recording_by_link": "Запись вебинара: youtube.com/watch?v=123",
    "recordings_in_bot": "Записи всех эфиров доступны в боте @polka_start_bot",
    "opened_when": "Когда я открыла запись на первый поток, пришли трое.",
    "clients_came": "Весной ко мне пришли Денис и Алёна с задачей: кухня за месяц.",
    "send_a_photo": "Пришли мне фото кухни, подскажу цвет.",  # прислать, not прийти
    "someone_else_recruits": "Южнокорейская Healthspan Labs начала набор 2 000 добровольцев старше 65 лет.",
    "courts_accept": "И суды такие записи принимают.",
    "enrolment_closed": "Запись на курс не открыта, набор закрыт.",
    "prohibition": "Не покупайте плитку по каталогу и не ждите, пока мастер освободится.",
    "quoted_imperative": "Любимая фраза прораба: «Семь раз отмерь — и ещё раз позвони заказчику».",
    "could_not_sign_up": "Записаться по телефону не получилось.",
    "hard_to_choose": "Выбрать плитку на сайте бывает непросто.",
}
FOUR_ASKS = (
    "Запишитесь на консультацию по ссылке в профиле, поставьте лайк этому посту и перешлите его подруге. "
    "А ещё подпишитесь на канал"
)


@pytest.fixture(scope="module")
def more_docs(nlp):
    texts = {name: text for name, (text, _) in ASK_LINES.items()} | NO_ASK | {"four_asks": FOUR_ASKS}
    return parse_all(nlp, texts)


@pytest.mark.parametrize("name", ASK_LINES)
def test_asks_that_were_missed_are_found(more_docs, name):
    assert span_texts(more_docs[name], "cta", "ASK") == [ASK_LINES[name][1]]
    assert more_docs[name]._.features["cta"]["has_cta"] == 1


@pytest.mark.parametrize("name", NO_ASK)
def test_narration_recordings_and_prohibitions_ask_nothing(more_docs, name):
    assert span_texts(more_docs[name], "cta", "ASK") == []
    assert more_docs[name]._.features["cta"]["has_cta"] == 0


def test_a_call_line_still_links(more_docs):
    assert span_texts(more_docs["infinitive_colon_link"], "cta", "LINK") == [
        "t.me/svetlydom_vera",
        "svetlydom.ru/consult",
    ]
    assert span_texts(more_docs["write_in_dm"], "cta", "LINK") == ["в личные сообщения"]


def test_forward_to_a_friend_is_engage_though_also_a_past_form(nlp):
    """«Перешли» is also the past of перейти; a recipient after it makes it an imperative."""
    doc = parse_all(nlp, {"forward": "Перешли этот пост подруге, которая делает ремонт."})["forward"]
    assert [(s.label_, s.text, s.id_) for s in doc.spans["vc_cta"]] == [("ENGAGE", "Перешли", "переслать")]


def test_subscribe_after_a_conjunction_is_engage(more_docs):
    doc = more_docs["four_asks"]
    assert span_texts(doc, "cta", "ASK") == ["Запишитесь"]
    assert span_texts(doc, "cta", "ENGAGE") == ["поставьте", "перешлите", "подпишитесь"]


# --- the action an ask names: both aspects of a verb are one action (VC402) ----------------------

ASPECT_PAIRS = {
    "sign_up": ("Записывайтесь на курс по ссылке. Места ещё есть, запишитесь до пятницы!", "записаться"),
    "buy": ("Покупайте набор сейчас, а лучше купите два.", "купить"),
    "leave": ("Оставляйте заявку на сайте или оставьте номер в директ.", "оставить"),
    "subscribe": ("Подписывайтесь на канал! Не успели? Подпишитесь сейчас.", "подписаться"),
    "go": ("Переходите по ссылке в профиле, перейдите и посмотрите.", "перейти"),
}


@pytest.fixture(scope="module")
def pair_docs(nlp):
    return parse_all(nlp, {name: text for name, (text, _) in ASPECT_PAIRS.items()})


@pytest.mark.parametrize("name", ASPECT_PAIRS)
def test_both_aspects_of_a_verb_name_one_action(pair_docs, name):
    asks = [s for s in pair_docs[name].spans["vc_cta"] if s.label_ in ("ASK", "ENGAGE")]
    assert len(asks) == 2
    assert {s.id_ for s in asks} == {ASPECT_PAIRS[name][1]}


def test_different_asks_name_different_actions(more_docs):
    asks = [s for s in more_docs["four_asks"].spans["vc_cta"] if s.label_ in ("ASK", "ENGAGE")]
    assert [s.id_ for s in asks] == ["записаться", "поставить", "переслать", "подписаться"]


def test_each_line_of_the_verb_lists_is_one_action_in_both_aspects():
    """A line holds a perfective, then its imperfectives, as pymorphy3 knows them (a verb it
    does not know, «репостить», passes); no verb names two actions."""
    from voicecheck.lexicon import read_sections
    from voicecheck.taggers import morph_analyzer

    def aspects(verb: str) -> set[str]:
        return {p.tag.aspect for p in morph_analyzer().parse(verb) if p.tag.POS == "INFN"} - {None}

    verbs = []
    for name in ("cta_verbs.txt", "engage_verbs.txt"):
        for line in read_sections(name)[""]:
            first, *others = line.split()
            verbs += [first, *others]
            if others:
                assert "perf" in aspects(first), line
                assert all("impf" in aspects(v) or not aspects(v) for v in others), line
    assert len(verbs) == len(set(verbs))
