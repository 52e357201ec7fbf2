"""Who speaks: «я», the brand's «мы», or nobody (labelling guide, section 3)."""

import pytest
from conftest import parse_all, span_texts, spans

TEXTS = {
    "i_plain": "Я веду этот блог третий год. Сегодня расскажу, как я выбираю ткани для штор и почему мне "
    "нравится лён.",
    "i_verbs": "Напоминаю: завтра эфир в 19:00. Расскажу про свет в маленьких квартирах, покажу "
    "свои проекты.",
    "we_brand": "Мы открыли вторую пекарню на Садовой! Наши булочки теперь можно купить и там. Ждём вас.",
    "we_implied_brand": "Наша студия обновила каталог к весне.\n\nВ карточках рассказали о каждой модели.",
    "we_implied_signed": "В карточках рассказали о каждой модели и сняли новые фото интерьеров.\n\n"
    "Подписывайтесь на наш канал!",
    "i_implied_you": "Вчера запустила рекламу для салона. Сначала боялась, что не окупится. Через неделю "
    "посчитала заявки и выдохнула. Хотите так же?",
    "i_implied_only": "Вчера запустила рекламу для салона. Сначала боялась, что не окупится. Через неделю "
    "посчитала заявки и выдохнула.",
    "i_implied_first_word": "Запустила рекламу для салона. Сначала боялась, что не окупится. А вы "
    "пробовали таргет?",
    "past_after_hashtag": "#ошибки_селлера Загрузила 300 простыней с размером 160×200 вместо 180×200 "
    "в карточке. Узнала по отзывам через неделю. Проверяйте этикетки, девочки",
    "generic_organism": "Наш организм требует отдыха, и это нормально. Сон восстанавливает силы.",
    "generic_each": "Каждый из нас хоть раз опаздывал на поезд, и это не страшно.",
    "generic_all_we": "Все мы иногда устаём. Наш организм требует отдыха, и это нормально.",
    "quoted": "Соседка сказала: «Я больше никогда не буду покупать мебель в кредит, мы с мужем еле "
    "расплатились».",
    "dialogue": "— Я сама всё покрашу, — говорит клиентка.\nВ итоге стены перекрашивали дважды.",
    "news": "В Казани открылся новый мост через реку. Движение по нему запустят в апреле, сообщили в мэрии.",
    "tie": "Я пеку хлеб. Мы продаём его.",
    "i_dominates": "Я думаю, что мы справимся. Я уверена: мне хватит сил, и я всё успею.",
    "we_dominates": "Мы думаем так же. Мы уверены в своих мастерах, наша команда справится. Я согласна.",
    "you": "Вы знаете, как выбрать матрас? Вам стоит обратить внимание на жёсткость, а ваш позвоночник "
    "скажет спасибо.",
    "imperatives": "Ставьте лайк, если пост полезен.\nПишите вопросы в комментариях.\nСохраняйте себе, "
    "чтобы не потерять.",
    "neuter_past": "Было поздно, стало холодно. А вы любите осень?",
    "passive_aux": "В парке были установлены скамейки. Были высажены новые деревья. Приходите гулять!",
    "parenthetical_dopustim": "Допустим, в первый месяц в кофейню пришло 300 гостей. Это много или мало?",
    "clients_came": "Клиенты пришли к нам весной, и мы сразу взялись за кухню.",
    "news_past_plurals": "В архиве нашли письма художника. Вышли и первые статьи: историки пришли к выводу, "
    "что он жил в Казани.",
    "send_me": "Пришли мне фото кухни, и я подскажу, какой цвет выбрать.",
    "write_and_send": "Напиши мне и пришли фото кухни.",
    "news_with_recipients": "Волонтёры нашли собаке новый дом. Письма пришли всем участникам, "
    "а спасатели вышли навстречу туристам.",
    "send_your_story": "Пришли свою историю в личку, лучшие опубликуем.",
    "addressed_mum": "Мама, пришли мне фото.",
    "addressed_followers": "Подписчики, пришли нам ваши вопросы.",
    "send_an_answer": "Пришли ответ до пятницы.",
    "filed_as_case": "Кейс: вернули клиенту 1,1 млн переплаченного налога.\n\nПодготовили уточнённые "
    "декларации, подали заявление, через 4 месяца деньги пришли на счёт.",
    "news_dropped_subjects": "В области ввели режим ЧС. Задержали двоих подозреваемых, возбудили дело.",
}


@pytest.fixture(scope="module")
def docs(nlp):
    return parse_all(nlp, TEXTS)


def voice(docs, name: str) -> dict:
    return docs[name]._.features["voice"]


@pytest.mark.parametrize("name", ["i_plain", "i_verbs"])
def test_first_person_singular_is_i(docs, name):
    assert voice(docs, name)["voice"] == "i"
    assert voice(docs, name)["i_rate"] > 0


def test_i_evidence_points_at_pronouns_and_verbs(docs):
    found = span_texts(docs["i_plain"], "voice", "I")
    assert {"Я", "я", "мне", "расскажу"} <= set(found)
    assert span_texts(docs["i_verbs"], "voice", "I")[:1] == ["Напоминаю"]


def test_brand_we_is_we(docs):
    assert voice(docs, "we_brand")["voice"] == "we"
    assert {"Мы", "Наши"} <= set(span_texts(docs["we_brand"], "voice", "WE"))
    assert voice(docs, "we_brand")["we_rate"] > 0


@pytest.mark.parametrize("name", ["we_implied_brand", "we_implied_signed"])
def test_dropped_subject_past_plural_with_brand_context_is_we(docs, name):
    assert voice(docs, name)["voice"] == "we"
    assert "рассказали" in span_texts(docs[name], "voice", "WE_IMPLIED")
    assert voice(docs, name)["counts"]["WE_IMPLIED"] >= 1


def test_dropped_subject_past_singular_is_i(docs):
    assert voice(docs, "i_implied_you")["voice"] == "i"
    found = set(span_texts(docs["i_implied_you"], "voice", "I_IMPLIED"))
    assert {"запустила", "боялась", "посчитала"} <= found


def test_dropped_subject_past_singular_alone_is_i(docs):
    """The guide: «сделала» with я implied is «i», even with no «я» anywhere in the post."""
    assert voice(docs, "i_implied_only")["voice"] == "i"


def test_capitalised_dropped_subject_verb_at_post_start_is_i(docs):
    assert "Запустила" in span_texts(docs["i_implied_first_word"], "voice", "I_IMPLIED")
    assert voice(docs, "i_implied_first_word")["voice"] == "i"


@pytest.mark.parametrize("name", ["generic_organism", "generic_each"])
def test_generic_we_is_not_the_author(docs, name):
    assert voice(docs, name)["voice"] == "none"
    assert spans(docs[name], "voice", "GENERIC_WE")


def test_verb_of_generic_we_is_not_the_author(docs):
    assert "устаём" not in span_texts(docs["generic_all_we"], "voice", "WE")
    assert voice(docs, "generic_all_we")["voice"] == "none"


@pytest.mark.parametrize("name", ["quoted", "dialogue"])
def test_first_person_of_someone_quoted_is_not_the_author(docs, name):
    assert voice(docs, name)["voice"] == "none"
    assert voice(docs, name)["counts"]["I"] == 0
    assert span_texts(docs[name], "voice", "QUOTED")


def test_quoted_words_are_marked_quoted(docs):
    assert {"Я", "мы"} <= set(span_texts(docs["quoted"], "voice", "QUOTED"))


def test_news_item_has_no_voice(docs):
    assert voice(docs, "news")["voice"] == "none"
    assert voice(docs, "news")["counts"]["I"] == voice(docs, "news")["counts"]["WE"] == 0


def test_tie_between_i_and_we_goes_to_i(docs):
    features = voice(docs, "tie")
    assert features["i_score"] == features["we_score"] > 0
    assert features["voice"] == "i"


def test_dominant_person_wins(docs):
    assert voice(docs, "i_dominates")["voice"] == "i"
    assert voice(docs, "we_dominates")["voice"] == "we"


def test_you_address_gives_you_rate(docs):
    features = voice(docs, "you")
    assert features["you_rate"] > 0
    assert features["voice"] == "none"
    assert {"Вы", "Вам", "ваш"} <= set(span_texts(docs["you"], "voice", "YOU"))
    assert voice(docs, "i_plain")["you_rate"] == 0


def test_a_past_verb_misread_as_an_imperative_is_the_author(docs):
    """slovnet tags «Загрузила» after a hashtag as an imperative; pymorphy3 knows it only as a past verb."""
    doc = docs["past_after_hashtag"]
    assert span_texts(doc, "voice", "I_IMPLIED") == ["Загрузила", "Узнала"]
    assert span_texts(doc, "voice", "YOU") == ["Проверяйте"]
    assert voice(docs, "past_after_hashtag")["voice"] == "i"


def test_capitalised_imperatives_at_line_start_are_not_first_person(docs):
    doc = docs["imperatives"]
    first_person = span_texts(doc, "voice", "I") + span_texts(doc, "voice", "WE")
    assert not {"Ставьте", "Пишите", "Сохраняйте"} & set(first_person)
    assert {"Ставьте", "Сохраняйте"} <= set(span_texts(doc, "voice", "YOU"))
    assert voice(docs, "imperatives")["voice"] == "none"
    assert voice(docs, "imperatives")["you_rate"] > 0


def test_rates_are_per_100_words(docs):
    features = voice(docs, "tie")
    assert features["words"] == 6
    assert features["i_rate"] == pytest.approx(100 * 2 / 6, abs=0.01)
    assert features["we_rate"] == pytest.approx(100 * 2 / 6, abs=0.01)


def test_neuter_impersonal_past_is_not_first_person(docs):
    assert span_texts(docs["neuter_past"], "voice", "I_IMPLIED") == []
    assert voice(docs, "neuter_past")["voice"] == "none"


def test_passive_auxiliary_is_not_the_brand(docs):
    assert span_texts(docs["passive_aux"], "voice", "WE_IMPLIED") == []
    assert voice(docs, "passive_aux")["voice"] == "none"


def test_parenthetical_dopustim_is_not_the_brand(docs):
    assert "Допустим" not in span_texts(docs["parenthetical_dopustim"], "voice", "WE")
    assert voice(docs, "parenthetical_dopustim")["voice"] == "none"


def test_past_plurals_that_are_also_imperatives_are_past(docs):
    """«пришли», «нашли», «вышли» are past of прийти, найти, выйти far more often than
    imperatives of прислать, наслать, выслать: nobody is addressed here."""
    assert span_texts(docs["clients_came"], "voice", "YOU") == []
    assert voice(docs, "clients_came")["voice"] == "we"
    assert span_texts(docs["news_past_plurals"], "voice", "YOU") == []
    assert voice(docs, "news_past_plurals")["you_rate"] == 0


def test_a_post_filed_as_a_case_speaks_through_its_dropped_subject_verbs(docs):
    """«Кейс: вернули клиенту…, подготовили…, подали…»: the brand acting, though no «мы» is
    written; the same verbs in news («ввели режим», «задержали») are nobody's."""
    assert voice(docs, "filed_as_case")["voice"] == "we"
    assert voice(docs, "news_dropped_subjects")["voice"] == "none"


def test_a_past_verb_with_its_subject_before_it_is_past_whatever_follows(docs):
    """«Волонтёры нашли собаке…», «Письма пришли всем участникам»: a dative after the verb
    made these imperatives addressed to the reader; their subjects say they are past."""
    assert span_texts(docs["news_with_recipients"], "voice", "YOU") == []


@pytest.mark.parametrize(
    "name",
    [
        "send_me",
        "write_and_send",
        "send_your_story",
        "addressed_mum",
        "addressed_followers",
        "send_an_answer",
    ],
)
def test_send_me_is_still_an_imperative(docs, name):
    """With no subject, a recipient, an imperative beside it or an object that the past
    verb cannot take makes it an imperative: прислать, since прийти takes no object."""
    assert any(word.lower().endswith("шли") for word in span_texts(docs[name], "voice", "YOU"))
    assert voice(docs, name)["you_rate"] > 0
