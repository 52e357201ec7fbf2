"""Real cases: a concrete client or project, what was done, what came of it (guide, section 4)."""

import pytest
from conftest import labels, parse_all, span_texts

TEXTS = {
    "client_case": "Кейс: клиентка Марина пришла ко мне с интернет-магазином свечей. Продажи стояли на "
    "месте.\n\nЯ переписала карточки товаров и настроила рассылку. За 3 месяца выручка выросла с 80 000 "
    "до 240 000 ₽, а заявок стало в 2 раза больше.",
    "team_case": "Недавно мы закончили проект для клиента из Казани: кухня-гостиная 32 м². Мы перенесли "
    "мойку к окну и сделали остров. Итог: ремонт занял 7 недель вместо запланированных 10.",
    "review": "Делюсь отзывом клиентки Ольги: «Спасибо за ремонт кухни, всё сделали в срок!»",
    "advice": "Как выбрать диван для маленькой гостиной? Смотрите на глубину сиденья, берите светлую "
    "обивку и не забывайте про ножки: мебель на ножках визуально облегчает комнату.",
    "hypothetical": "Представьте, что вы открыли кофейню. Допустим, в первый месяц к вам пришло 300 "
    "гостей, а выручка составила 450 000 рублей.",
    "hypothetical_strong": "Представьте, что клиентка пришла ко мне с магазином свечей. Допустим, я "
    "переписала карточки, и за 3 месяца выручка выросла с 80 000 до 240 000 ₽.",
    "product_update": "Мы добавили в отчёт вкладку «Поведение покупателей». Теперь видно, на каком шаге "
    "покупатели уходят: в тестовом запуске продавцы нашли на 20% больше брошенных корзин.",
    "three_clients": "В марте трое клиентов пришли к нам с одной бедой: карточки не показывались в поиске. "
    "Мы переписали описания и заголовки, и за 2 недели показы выросли в 3 раза.",
    "published_review": "Отзыв Натальи, участницы курса «Перезагрузка» 💌\n\n«Пришла на курс, чтобы "
    "похудеть. В итоге минус 4 кг за два месяца, но главное — я перестала просыпаться по ночам, и мне "
    "снова хочется двигаться: я впервые за 10 лет записалась в бассейн. Спасибо!»",
    "quoted_official": "Министр Иван Петров заявил: «Я уверен, что мы справимся. Я видел цифры: за год "
    "выплаты выросли на 12%, и я этим доволен».",
    "conditional": "Новый закон про маркировку вступает в силу через 2 года. Клиентка Ирина спросила, "
    "что делать. Я бы на её месте заранее переписала договоры, чтобы продажи выросли на 20%.",
    "tagged_case": "#кейс Двушка 54 м² для семьи с ребёнком\n\nХозяева хотели въехать до сентября. "
    "Мы перенесли кухню и сделали две спальни. Въехали на 3 дня раньше плана, смета — 1,9 млн ₽.",
    "tagged_advice": "#кейс Как выбрать плитку для ванной: смотрите на класс износостойкости и "
    "не экономьте на затирке.",
    "platform_reviews": "Тестируем отметки на ИИ-контенте в отзывах: мы добавили значок, и за неделю "
    "его увидели 2 млн раз.",
    "reviews_of_students": "Публикуем отзывы участников: «Я пришла с нулём, а через 2 месяца получила "
    "первый заказ на 30 000 ₽».",
    "news": "Компания «Северный двор» сдала жилой комплекс на 1200 квартир. По данным застройщика, продажи "
    "выросли на 35% за год, а средняя цена метра достигла 180 000 рублей.",
}


@pytest.fixture(scope="module")
def docs(nlp):
    return parse_all(nlp, TEXTS)


def case(docs, name: str) -> dict:
    return docs[name]._.features["cases"]


def test_client_case_with_actions_and_numbers_is_a_case(docs):
    doc = docs["client_case"]
    assert case(docs, "client_case")["case"] == 1
    found = labels(doc, "cases")
    assert {"CLIENT", "ACTION"} <= found
    assert found & {"NUMBER", "RESULT"}
    assert "клиентка" in span_texts(doc, "cases", "CLIENT")
    assert "переписала" in span_texts(doc, "cases", "ACTION")
    assert "За 3 месяца" in span_texts(doc, "cases", "TIMEFRAME")
    assert any("240 000 ₽" in text for text in span_texts(doc, "cases", "NUMBER"))
    assert "выросла" in span_texts(doc, "cases", "RESULT")


def test_team_project_with_outcome_is_a_case(docs):
    assert case(docs, "team_case")["case"] == 1
    assert {"закончили", "перенесли"} & set(span_texts(docs["team_case"], "cases", "ACTION"))


def test_client_review_presented_by_the_author_is_a_case(docs):
    doc = docs["review"]
    assert case(docs, "review")["case"] == 1
    assert "отзывом" in span_texts(doc, "cases", "REVIEW")
    assert "клиентки" in span_texts(doc, "cases", "CLIENT")


def test_a_clients_review_in_their_own_words_is_a_case_without_the_authors_voice(docs):
    """The account publishes the review and says nothing itself: the quoted first-person story counts."""
    assert docs["published_review"]._.features["voice"]["voice"] == "none"
    assert case(docs, "published_review")["case"] == 1


def test_a_quoted_official_is_not_a_review(docs):
    assert case(docs, "quoted_official")["case"] == 0


def test_general_advice_is_not_a_case(docs):
    assert case(docs, "advice")["case"] == 0
    assert case(docs, "advice")["score"] < 3


def test_hypothetical_example_is_not_a_case(docs):
    assert case(docs, "hypothetical")["case"] == 0
    assert {"Представьте", "Допустим"} <= set(span_texts(docs["hypothetical"], "cases", "HYPOTHETICAL"))


def test_hypothetical_story_with_numbers_is_not_a_case(docs):
    assert case(docs, "hypothetical_strong")["case"] == 0


def test_third_party_news_with_numbers_is_not_a_case(docs):
    doc = docs["news"]
    assert labels(doc, "cases") & {"NUMBER", "RESULT"}
    assert case(docs, "news")["case"] == 0


def test_a_product_update_about_customers_in_general_is_not_a_case(docs):
    """«покупатели» in general are nobody in particular: a feature announcement with a
    figure is not a case (the guide's case needs a specific client or project)."""
    assert case(docs, "product_update")["case"] == 0
    assert "CLIENT" not in labels(docs["product_update"], "cases")


def test_counted_clients_stay_concrete(docs):
    assert "клиентов" in span_texts(docs["three_clients"], "cases", "CLIENT")
    assert case(docs, "three_clients")["case"] == 1


def test_scores_rank_a_case_above_advice(docs):
    assert case(docs, "client_case")["score"] > case(docs, "review")["score"] > case(docs, "advice")["score"]


def test_a_conditional_or_purpose_is_no_act_and_no_outcome(docs):
    """«я бы переписала», «чтобы … выросли»: the verbs of a supposition and a purpose are
    not something the author did or that came of it (the noun «продажи» still counts as a
    result word, but with no act the post tells no case)."""
    doc = docs["conditional"]
    assert "переписала" not in span_texts(doc, "cases", "ACTION")
    assert "выросли" not in span_texts(doc, "cases", "RESULT")
    assert case(docs, "conditional")["case"] == 0


def test_a_post_its_author_tags_as_a_case_needs_no_named_client(docs):
    """«Хозяева» in general is no specific client, but the author filed the post under
    «#кейс», and it tells what was done and what came of it."""
    assert case(docs, "tagged_case")["case"] == 1
    assert span_texts(docs["tagged_case"], "cases", "CASE_TAG") == ["#кейс"]


def test_a_case_tag_alone_does_not_make_advice_a_case(docs):
    assert case(docs, "tagged_advice")["case"] == 0


def test_reviews_as_a_platform_feature_and_an_acronym_are_nobody(docs):
    """A marketplace's «отзывы» (a feature of its app) and «ИИ» (read by pymorphy3 as a
    name too) made product updates look like testimonials."""
    doc = docs["platform_reviews"]
    assert case(docs, "platform_reviews")["case"] == 0
    assert not span_texts(doc, "cases", "REVIEW") and not span_texts(doc, "cases", "PERSON")


def test_reviews_by_someone_still_count(docs):
    assert "отзывы" in span_texts(docs["reviews_of_students"], "cases", "REVIEW")
    assert case(docs, "reviews_of_students")["case"] == 1
