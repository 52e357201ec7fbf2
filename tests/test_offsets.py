"""Every span and every piece of evidence points at the original text, character for character."""

import pytest
from conftest import DEMO_POSTS

from voicecheck.analysis import analyze_posts
from voicecheck.detectors import SPAN_KEYS
from voicecheck.feed import read_feed
from voicecheck.nlp import parse_texts

POSTS = [
    "Цена\u00a04\u00a0900\u00a0₽ до 15 марта!\tЗаписывайтесь 👉 https://example.ru/kurs",
    "**Скидка 20%** по промокоду\u200bLETO. [Записаться](https://example.ru/a) 🇷🇺👨‍👩‍👧",
    "\n\n   Я   \n\n",
    "С 40 000 до 120 000 ₽ за 2 месяца 🚀🚀🚀 — клиентка Ольга в восторге.",
    "Было — стало: 3 заявки → 30 заявок за неделю.\r\nИтог: выручка выросла на 45%.",
    "Осуществляется предоставление услуг высокого качества.\u2028Рекомендуется проверить документы.",
    "Пишите @vera_design, ставьте #лайк и заходите на svetlydom.ru/sale — там бесплатно!",
    "— Я не верю! — сказала клиентка.\n— А мы сделали, — ответил прораб.",
    "Сл\u00adово с мяг\u00adким пере\u00adносом и нулевой\u200bшириной 🙂",
    "1️⃣ Записаться\n2️⃣ Оплатить 3 500 руб.\n3️⃣ Прийти до 1.04",
    "\ufeffПост с BOM внутри текста. Мы ждём вас!",
    "Очень длинное предложение " + "и ещё одно слово " * 250 + "конец.",
]


@pytest.fixture(scope="module")
def varied_texts():
    demo = [p.text for p in read_feed(str(DEMO_POSTS)).posts]
    return POSTS + demo


def test_every_detector_span_matches_the_original_text(nlp, varied_texts):
    checked = 0
    for text, doc in zip(varied_texts, parse_texts(nlp, varied_texts), strict=True):
        assert doc.text == text
        for key in SPAN_KEYS.values():
            assert key in doc.spans
            for span in doc.spans[key]:
                assert text[span.start_char : span.end_char] == span.text, (key, span.label_)
                assert span.text.strip(), (key, span.label_)
                checked += 1
    assert checked > 300  # the demo feed alone has hundreds of spans


def test_every_evidence_matches_the_post_text(varied_texts):
    results = list(analyze_posts(varied_texts))
    assert len(results) == len(varied_texts)
    evidence = [(r, e) for r in results for e in r.evidence]
    assert len(evidence) > 300
    for result, item in evidence:
        assert result.text[item.start : item.end] == item.text, (result.index, item)
        assert item.detector in SPAN_KEYS
    for result in results:
        assert [(e.start, e.end) for e in result.evidence] == sorted(
            (e.start, e.end) for e in result.evidence
        )


def test_evidence_of_the_hand_written_posts_names_what_was_found():
    result = next(analyze_posts([POSTS[0]]))
    found = {(e.detector, e.label, e.text) for e in result.evidence}
    assert ("cta", "PRICE", "4\u00a0900\u00a0₽") in found
    assert ("cta", "DEADLINE", "до 15 марта") in found
    assert ("cta", "LINK", "https://example.ru/kurs") in found
