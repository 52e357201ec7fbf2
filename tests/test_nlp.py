"""The natasha -> spaCy bridge: Docs over the original text, lemmas, syntax, masks."""

import pytest
from conftest import parse, parse_all

from voicecheck.nlp import MAX_SENTENCE_TOKENS, parse_texts


def test_natasha_morph_vocab_builds():
    """natasha imports pymorphy2; yargy's import-time patch must keep it working on 3.11."""
    from natasha import MorphVocab

    vocab = MorphVocab()
    assert vocab.parse("клиентками")[0].normal == "клиентка"


def test_the_lean_navec_load_gives_natashas_vectors():
    """``news_embedding`` skips navec's similarity tables; the words and vectors the
    taggers and the topic model read must be those of ``natasha.NewsEmbedding``."""
    import numpy as np
    from natasha import NewsEmbedding

    from voicecheck.taggers import natasha_models

    ours, theirs = natasha_models().embedding, NewsEmbedding()
    assert ours.vocab.words == theirs.vocab.words
    for word in ("кошка", "маркетинг", "рекомендуется", "<unk>", "<pad>"):
        assert np.array_equal(ours[word], theirs[word])
    assert np.array_equal(ours.pq.indexes, theirs.pq.indexes)


TRICKY = {
    "empty": "",
    "space": " ",
    "newlines": "\n\n",
    "padded": "   Привет, мир  ",
    "tabs_nbsp": "\tТаб\tи\u00a0неразрывный\u00a0пробел ",
    "crlf": "Строка\r\nвторая\r\n",
    "only_emoji": "🙂🙂 👍",
    "zwj_flag": "Семья 👨‍👩‍👧 и флаг 🇷🇺.",
    "only_url": "https://example.com/path?a=1",
    "mention_hashtag": "@vera #тег",
    "markdown": "**Жирный** [текст](https://example.com) и __ещё__",
    "invisible": "сло\u200bво\u00ad и\ufeff",
    "odd_spaces": "  \u00a0 \u2009\u202f ",
    "dialogue": "Привет 🙂!\n— Как дела?\n— Хорошо 👍\n\n\n   Пока.",
    "line_separators": "слово\u2028слово\u2029",
    "numbers": "Цена: 1 000 ₽, скидка −15%, 2×3 м².",
    "long_word": "а" * 3000,
    "long_sentence": " ".join(["слово"] * (MAX_SENTENCE_TOKENS * 2 + 50)) + ".",
    "long_list": ", ".join(f"пункт {i}" for i in range(300)) + ".",
}


@pytest.fixture(scope="module")
def tricky_docs(nlp):
    return parse_all(nlp, TRICKY)


@pytest.mark.parametrize("name", list(TRICKY))
def test_doc_text_is_the_original_text(tricky_docs, name):
    doc = tricky_docs[name]
    assert doc.text == TRICKY[name]
    assert "".join(t.text_with_ws for t in doc) == TRICKY[name]


@pytest.mark.parametrize("name", ["padded", "dialogue", "crlf", "tabs_nbsp"])
def test_one_text_at_a_time_gives_the_same_doc(nlp, tricky_docs, name):
    doc = nlp(TRICKY[name])
    assert doc.text == TRICKY[name]
    assert [t.text for t in doc] == [t.text for t in tricky_docs[name]]
    assert [t.pos_ for t in doc] == [t.pos_ for t in tricky_docs[name]]


def test_batch_keeps_order_and_count(nlp):
    texts = [f"Пост номер {i}. Я пишу его сам." for i in range(70)] + ["", "🙂"]
    docs = list(parse_texts(nlp, texts, batch_size=16))
    assert [d.text for d in docs] == texts


def test_long_sentence_is_split_but_every_word_is_analysed(tricky_docs):
    doc = tricky_docs["long_sentence"]
    words = [t for t in doc if t.is_alpha]
    assert len(words) == MAX_SENTENCE_TOKENS * 2 + 50
    assert all(t.pos_ not in ("", "SPACE") for t in words)
    assert all(t.lemma_ == "слово" for t in words)


def test_lemmas_are_pymorphy3_lemmas(nlp):
    doc = parse(nlp, "Работаю третий год, подарки для клиенток готовы, а ученикам даю задания.")
    lemmas = {t.text: t.lemma_ for t in doc}
    assert lemmas["клиенток"] == "клиентка"
    assert lemmas["ученикам"] == "ученик"
    assert lemmas["Работаю"].lower() == "работать"
    assert lemmas["подарки"] == "подарок"
    assert lemmas["задания"] == "задание"


@pytest.mark.parametrize(
    ("text", "word", "lemma"),
    [
        # a slovnet mistag does not cost the lemma
        ("Работаю с клиентками третий год.", "клиентками", "клиентка"),
        ("Созвонилась с двумя клиентками и обсудила проекты.", "клиентками", "клиентка"),
        ("Советую всем проверить радиаторы.", "Советую", "советовать"),
        # every form of a borrowed noun the dictionary lacks is one word to topics and word lists
        ("Мы продаём на маркетплейсах уже три года.", "маркетплейсах", "маркетплейс"),
        ("Собрали отзывы селлеров о новых правилах.", "селлеров", "селлер"),
        ("Расскажу об этом на вебинаре в четверг.", "вебинаре", "вебинар"),
        ("Склад работает с фулфилментом по новым правилам.", "фулфилментом", "фулфилмент"),
        # a compound the dictionary lacks is read by its last part, its first as written
        ("Открыли онлайн-школу для дизайнеров.", "онлайн-школу", "онлайн-школа"),
        ("Скачайте чек-листы по ссылке.", "чек-листы", "чек-лист"),
        ("Запустили ИИ-ассистента для клиентов.", "ИИ-ассистента", "ии-ассистент"),
        ("Сначала ии-ассистента, потом ИИ-ассистента.", "ИИ-ассистента", "ии-ассистент"),  # cached apart
        ("Учим бьюти-мастеров с нуля.", "бьюти-мастеров", "бьюти-мастер"),  # not бьютя
        ("Мы открылись в Санкт-Петербурге.", "Санкт-Петербурге", "санкт-петербург"),
        # not гайда, a bagpipe
        ("Скачайте гайд по запуску бесплатно!", "гайд", "гайд"),
        ("В гайде всё описано по шагам.", "гайде", "гайд"),
        ("Полезные гайды для новичков.", "гайды", "гайд"),
        # a word the dictionary knows as a lemma of its part of speech is not a form of another
        ("Собрали данные о продажах за год.", "данные", "данные"),  # not дать
        ("Йога по утрам в парке.", "Йога", "йога"),  # not йог
        ("Мы сделали дорогой ремонт квартиры.", "дорогой", "дорогой"),  # not дорога
        ("Варим джем из крыжовника.", "джем", "джем"),  # not джема
        ("Песков заявил журналистам.", "Песков", "песков"),  # not песок
        # unless the case or number differs: a genitive plural of техника, not техник
        ("Пять дыхательных техник для сна.", "техник", "техника"),
    ],
)
def test_lemma_of_a_word_in_context(nlp, text, word, lemma):
    doc = parse(nlp, text)
    assert next(t for t in doc if t.text == word).lemma_.lower() == lemma


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("В АПЭТ обсудили новые правила.", "АПЭТ"),  # an acronym, not a plural of «апэта»
        ("Об этом рассказал Сергей Чемезов на встрече.", "Чемезов"),  # a surname, not «чемез»
        ("Вчера инфа подтвердилась полностью.", "инфа"),  # feminine to slovnet
    ],
)
def test_unknown_words_that_are_not_borrowed_masculine_nouns_keep_their_form(nlp, text, word):
    doc = parse(nlp, text)
    assert next(t for t in doc if t.text == word).lemma_ == word.lower()


@pytest.mark.parametrize(
    ("text", "word", "lemma"),
    [
        ("ИИ заменит не всех программистов.", "ИИ", "ии"),  # not a case of the name Ия
        ("Укажите ИНН компании в заявке.", "ИНН", "инн"),  # not a case of the name Инна
        ("НАС никто не предупредил.", "НАС", "мы"),  # a pronoun in capitals stays a pronoun
        ("ЦЕНЫ снова выросли.", "ЦЕНЫ", "цена"),  # a word in capitals, not an acronym
        ("Осталось 3 ДНЯ до конца акции.", "ДНЯ", "день"),  # a form of a word, in capitals
        ("Снижение ЦЕН на всё.", "ЦЕН", "цена"),
    ],
)
def test_a_noun_of_two_or_three_capitals_is_an_acronym_unless_it_is_a_word(nlp, text, word, lemma):
    doc = parse(nlp, text)
    assert next(t for t in doc if t.text == word).lemma_.lower() == lemma


def test_sentences_and_dependency_heads(nlp):
    text = "Мы открыли студию весной. Клиенты пришли сразу!\n\nСпасибо всем."
    doc = parse(nlp, text)
    sentences = [s.text.strip() for s in doc.sents]
    assert sentences[0] == "Мы открыли студию весной."
    assert len(sentences) >= 3
    for sent in doc.sents:
        roots = [t for t in sent if t.head == t and not t.is_space]
        assert roots, sent.text
        assert all(t.head.sent == sent for t in sent)
    opened = next(t for t in doc if t.text == "открыли")
    assert opened.pos_ == "VERB"
    assert any(c.text == "Мы" and c.dep_.startswith("nsubj") for c in opened.children)
    assert next(t for t in doc if t.text == "студию").head == opened


def test_morphology_is_set(nlp):
    doc = parse(nlp, "Я запустила рекламу.")
    verb = next(t for t in doc if t.text == "запустила")
    assert verb.morph.get("Tense") == ["Past"]
    assert verb.morph.get("Gender") == ["Fem"]


def test_masked_tokens_carry_their_kind(nlp):
    text = "Пишите @vera_design 👍 или заходите на https://example.com/a #ремонт **сегодня**"
    doc = parse(nlp, text)
    masks = {t.text: t._.mask for t in doc if t._.mask}
    assert masks["@vera_design"] == "mention"
    assert masks["👍"] == "emoji"
    assert masks["https://example.com/a"] == "url"
    assert masks["#ремонт"] == "hashtag"
    assert masks["**"] == "markup"
    words = [t for t in doc if t.text in ("Пишите", "заходите", "сегодня")]
    assert len(words) == 3
    assert all(t._.mask == "" for t in words)


def test_masked_tokens_hang_off_a_real_token(nlp):
    doc = parse(nlp, "Смотрите каталог 👉 https://example.com/catalog")
    for token in doc:
        if token._.mask:
            assert token.head != token or len(doc) == 1
            assert not token.head._.mask


def test_a_capitalised_form_seen_first_does_not_change_the_lower_case_lemma(nlp):
    """«Маркетплейсов» opening a sentence keeps its form (it may be a surname), and the answer
    was cached under the key of lower-case «маркетплейсов» with the same tags, so every
    later post lost that lemma."""
    from spacy.tokens import Doc

    words = ["Маркетплейсов", "и", "маркетплейсов"]
    doc = Doc(nlp.vocab, words=words, sent_starts=[True, False, False], pos=["NOUN", "CCONJ", "NOUN"])
    for i in (0, 2):
        doc[i].set_morph("Animacy=Inan|Case=Gen|Gender=Masc|Number=Plur")
    nlp.get_pipe("voicecheck_lemmatizer")(doc)
    assert [doc[0].lemma_, doc[2].lemma_] == ["маркетплейсов", "маркетплейс"]


def test_a_pipeline_without_detectors_takes_them_by_name_as_the_readme_shows(nlp):
    from voicecheck.nlp import load_nlp

    bare = load_nlp(detectors=False)
    assert bare.pipe_names == ["voicecheck_lemmatizer"]
    bare.add_pipe("voicecheck_voice")
    assert bare("Я веду блог о ремонте.")._.features["voice"]["voice"] == "i"
    assert "voicecheck_voice" not in load_nlp(detectors=False).pipe_names  # each call builds its own
    detectors = ["voicecheck_voice", "voicecheck_cases", "voicecheck_cta", "voicecheck_tone"]
    assert nlp.pipe_names[-4:] == detectors


def test_changing_a_loaded_pipeline_leaves_voicecheck_own_analysis_alone():
    """``load_nlp()`` handed out the pipeline analyze used: removing a detector broke analyze."""
    import voicecheck
    from voicecheck.nlp import load_nlp

    load_nlp().remove_pipe("voicecheck_tone")
    assert "voicecheck_tone" in load_nlp().pipe_names
    (result,) = voicecheck.analyze(["Рекомендуется проверить настройки."], classify=False)
    assert result.impersonal == 1
