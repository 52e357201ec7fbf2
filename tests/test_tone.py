"""Impersonal tone: канцелярит, passive, штампы, no author and no emotion (guide, section 5)."""

import pytest
from conftest import labels, parse, parse_all, span_texts

from voicecheck.detectors.tone import text_smileys
from voicecheck.lexicon import PhraseMatcher

TEXTS = {
    "press_release": "Осуществляется предоставление услуг высокого качества с индивидуальным подходом к "
    "каждому клиенту. Рекомендуется проверить наличие документов заранее. В рамках программы были "
    "проведены работы по модернизации оборудования предприятия.",
    "lively": "Честно, я обожаю этот момент! Мы с Машей наконец доделали кухню, и я чуть не расплакалась "
    "от радости 😍 Спасибо всем, кто болел за нас!",
    "inflected_stamps": "Гарантируем работу с высоким качеством, а без индивидуального подхода не обходимся.",
    "plain_first_person": "Я сегодня весь день выбирала плитку для ванной. Устала, но выбрала!",
}


@pytest.fixture(scope="module")
def docs(nlp):
    return parse_all(nlp, TEXTS)


def tone(docs, name: str) -> dict:
    return docs[name]._.features["tone"]


def test_press_release_is_impersonal(docs):
    features = tone(docs, "press_release")
    assert features["impersonal"] == 1
    assert features["score"] >= 50
    assert {"IMPERSONAL_MODAL", "SPLIT_PREDICATE", "PASSIVE", "STAMP", "NOMINAL_CHAIN"} <= labels(
        docs["press_release"], "tone"
    )


def test_press_release_evidence_names_the_constructions(docs):
    doc = docs["press_release"]
    assert span_texts(doc, "tone", "IMPERSONAL_MODAL") == ["Рекомендуется проверить"]
    assert span_texts(doc, "tone", "SPLIT_PREDICATE") == ["Осуществляется предоставление"]
    assert span_texts(doc, "tone", "PASSIVE") == ["проведены"]
    assert span_texts(doc, "tone", "STAMP") == ["высокого качества", "индивидуальным подходом"]
    chains = span_texts(doc, "tone", "NOMINAL_CHAIN")
    assert "модернизации оборудования предприятия" in chains
    assert "В рамках" in span_texts(doc, "tone", "BUREAUCRATIC")


def test_press_release_components(docs):
    features = tone(docs, "press_release")
    assert features["components"]["no_person"] == 1.0
    assert features["components"]["no_emotion"] == 1.0
    assert features["bureaucratic_rate"] > 0
    assert features["passive_rate"] > 0


def test_lively_first_person_post_is_not_impersonal(docs):
    features = tone(docs, "lively")
    assert features["impersonal"] == 0
    assert features["score"] < 50
    assert features["emotion"] >= 3
    assert not labels(docs["lively"], "tone") & {"STAMP", "PASSIVE", "SPLIT_PREDICATE", "IMPERSONAL_MODAL"}


def test_score_orders_press_release_above_a_person(docs):
    assert tone(docs, "press_release")["score"] > tone(docs, "plain_first_person")["score"]
    assert tone(docs, "plain_first_person")["impersonal"] == 0
    assert 0 <= tone(docs, "lively")["score"] <= tone(docs, "press_release")["score"] <= 100


def test_lemma_phrases_match_inflected_forms(docs):
    stamps = span_texts(docs["inflected_stamps"], "tone", "STAMP")
    assert stamps == ["высоким качеством", "индивидуального подхода"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Мы гарантируем высокое качество.", ["высокое качество"]),
        ("Славимся высоким качеством.", ["высоким качеством"]),
        ("О высоком качестве говорят все.", ["высоком качестве"]),
        ("Нет индивидуального подхода — нет клиентов.", ["индивидуального подхода"]),
        ("Ценим индивидуальные подходы к делу.", ["индивидуальные подходы"]),
        ("Качество высокое, подход индивидуальный.", []),
    ],
)
def test_phrase_matcher_on_inflected_forms(nlp, text, expected):
    matcher = PhraseMatcher(["высокий качество", "индивидуальный подход"])
    assert [span.text for span in matcher(parse(nlp, text), "STAMP")] == expected


def test_predicative_neobhodimo_with_an_infinitive_is_an_impersonal_modal(nlp):
    """slovnet tags «Необходимо» as a short adjective; it is still the modal of «заполнить»."""
    doc = nlp("Необходимо заполнить заявление до пятницы.")
    assert span_texts(doc, "tone", "IMPERSONAL_MODAL") == ["Необходимо заполнить"]


@pytest.mark.parametrize(
    ("text", "predicate"),
    [
        ("Мы осуществляем контроль качества на каждом этапе.", "осуществляем контроль"),
        ("Осуществляется доставка по городу и области.", "Осуществляется доставка"),
        ("Специалисты осуществляют проверку документов.", "осуществляют проверку"),
        ("Производится оплата услуг по тарифу.", "Производится оплата"),
    ],
)
def test_textbook_split_predicates_with_action_nouns_are_found(nlp, text, predicate):
    """«контроль», «доставка», «проверка», «оплата» are action nouns without an -ние suffix."""
    doc = parse(nlp, text)
    assert span_texts(doc, "tone", "SPLIT_PREDICATE") == [predicate]
    assert span_texts(doc, "tone", "BUREAUCRATIC") == []  # the verb is not counted twice


def test_bureaucratic_verbs_and_connectors_are_found(nlp):
    text = "Имеется возможность оплаты. При наличии задолженности доступ закрывается незамедлительно."
    doc = parse(nlp, text)
    assert span_texts(doc, "tone", "BUREAUCRATIC") == ["Имеется", "При наличии", "незамедлительно"]


@pytest.mark.parametrize(
    "text", ["Служба поддержки клиентов работает круглосуточно.", "Принимаем оплату картой и наличными."]
)
def test_everyday_action_nouns_are_plain_talk(nlp, text):
    """«поддержка», «оплата» split off only after a textbook verb such as «осуществлять»."""
    doc = parse(nlp, text)
    assert span_texts(doc, "tone", "SPLIT_PREDICATE") == []
    assert span_texts(doc, "tone", "NOMINAL_CHAIN") == []


def test_service_stamps_are_found_in_any_form(nlp):
    doc = parse(nlp, "Решаем задачи любой сложности: мы профессионалы своего дела и не имеем аналогов.")
    stamps = ["любой сложности", "профессионалы своего дела", "не имеем аналогов"]
    assert span_texts(doc, "tone", "STAMP") == stamps


def test_a_voice_with_character_but_no_first_person_is_not_faceless(nlp):
    """Questions, stance words and a smiley: someone is talking, though nobody says «я»."""
    doc = parse(
        nlp,
        "Зачем платить за подписку, если можно собрать всё самому? Похоже, вендоры снова решили, что "
        "никто не заметит. Странный ход, конечно)",
    )
    assert doc._.features["voice"]["voice"] == "none"
    assert doc._.features["tone"]["impersonal"] == 0


def test_neutral_news_stays_faceless(nlp):
    doc = parse(
        nlp,
        "В Казани открылся новый мост через реку. Движение по нему запустят в апреле, сообщили в "
        "мэрии. Стоимость работ составила 2,4 млрд рублей.",
    )
    assert doc._.features["tone"]["impersonal"] == 1


def test_a_list_of_questions_does_not_make_a_notice_lively(nlp):
    doc = parse(
        nlp, "Как оформить заказ? Как оплатить? Сколько стоит доставка? Ответы собраны в разделе FAQ."
    )
    assert doc._.features["tone"]["emotion"] == 2.0  # two questions counted, not three
    assert doc._.features["tone"]["impersonal"] == 1


def test_text_smileys_count_and_brackets_do_not():
    assert text_smileys("Ну и ладно))) Отлично :) ну хоть так) жаль((") == 4
    assert text_smileys("Цена (500 руб.) указана в пункте 2) и а) ниже") == 0
    assert text_smileys("(см. раздел 3 (приложение) ниже) и (до 1 мая,\nдля новых клиентов)") == 0


def test_a_text_with_no_word_is_not_faceless(nlp):
    """An empty or emoji-only text scored 65, impersonal: there is nothing in it to be faceless."""
    for text in ("", "   ", "🔥🔥"):
        tone = nlp(text)._.features["tone"]
        assert (tone["score"], tone["impersonal"]) == (0, 0), repr(text)
