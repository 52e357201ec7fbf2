"""Every rule on Russian drafts written for these tests: one it must flag, one it must
pass; the docs' own bad and good examples; and a meta-test that every rule has docs,
parameters described and examples here."""

import re

import pytest
from conftest import parse

from voicecheck.config import Settings
from voicecheck.detectors.common import SPAN_KEYS
from voicecheck.lint import Source, check_sources
from voicecheck.rules import BY_CODE, FAMILIES, RULES, AccountFit, Draft
from voicecheck.rules.base import SPAN_KEYS as RULE_SPAN_KEYS

FAR = AccountFit(topic="ремонт, плитка", similarity=0.04, typical=0.45, core_topics=["ремонт, плитка"])
NEAR = AccountFit(topic="ремонт, плитка", similarity=0.41, typical=0.45, core_topics=["ремонт, плитка"])

# code -> (context, text it must flag, text it must pass)
EXAMPLES = {
    "VC001": (
        {},
        "<!-- voicecheck: disable=VC305 -->\nЯ сама шью каждое платье по вашим меркам.",
        "<!-- voicecheck: disable=VC305 -->\nМы обещаем индивидуальный подход к каждому заказу.",
    ),
    "VC101": (
        {"type": "expert"},
        "Плитку в ванной кладут только на выровненные стены. Перепад больше двух миллиметров даёт "
        "щели в швах, а через год плитка начинает отходить. Поэтому сначала стены штукатурят по "
        "маякам и лишь потом клеят плитку.",
        "Я кладу плитку в ванных уже восемь лет и всегда начинаю с проверки стен. Перепад больше "
        "двух миллиметров даёт щели в швах, поэтому я сначала штукатурю по маякам и только потом "
        "клею плитку.",
    ),
    "VC201": (
        {},
        "Ко мне обратился клиент с небольшой пекарней. Я переделал ему меню, провёл фотосессию и "
        "написал тексты для сайта.",
        "Ко мне обратился клиент с небольшой пекарней. Я переделал ему меню и написал тексты для "
        "сайта: за месяц заказы выросли на 30%.",
    ),
    "VC202": (
        {},
        "Ко мне пришла клиентка с салоном красоты. Я настроила ей рекламу и переписала описания "
        "услуг. В итоге записей стало заметно больше.",
        "Ко мне пришла клиентка с салоном красоты. Я настроила ей рекламу и переписала описания "
        "услуг. В итоге за месяц записей стало на 40% больше.",
    ),
    "VC301": (
        {},
        "Перед дальней поездкой рекомендуется проверить шины и долить омывайку.",
        "Перед дальней поездкой я всегда проверяю шины и доливаю омывайку.",
    ),
    "VC302": (
        {},
        "Вчера был сдан новый объект. Были покрашены стены, уложен паркет, установлены двери.",
        "Вчера мы сдали новый объект: покрасили стены, уложили паркет и поставили двери.",
    ),
    "VC303": (
        {},
        "Главная цель проекта — обеспечение повышения качества обслуживания клиентов.",
        "Мы хотим, чтобы клиентов обслуживали быстрее и вежливее.",
    ),
    "VC304": (
        {},
        "В рамках данного мероприятия в целях информирования гостей осуществляется рассылка.",
        "Пока идёт праздник, мы рассылаем письма всем гостям.",
    ),
    "VC305": (
        {},
        "Мы предлагаем широкий ассортимент чая и доступные цены.",
        "У нас сорок сортов чая, самый дешёвый стоит 150 рублей за пачку.",
    ),
    "VC306": (
        {},
        "Осуществляется приём документов на зачисление. Консультации проводятся по будним дням. "
        "Справки выдаются в порядке очереди.",
        "Я жду ваши документы до пятницы! Приходите в будни, я всё объясню и помогу с заявлением.",
    ),
    "VC401": (
        {"stage": "action"},
        "Новая коллекция свечей уже на складе. Ароматы лаванды, кедра и апельсина, цена 900 рублей.",
        "Новая коллекция свечей уже на складе. Ароматы лаванды, кедра и апельсина, цена 900 рублей. "
        "Закажите свечу в директ до воскресенья.",
    ),
    "VC402": (
        {},
        "Купите наш набор, запишитесь на мастер-класс, подпишитесь на рассылку и поделитесь постом!",
        "Запишитесь на мастер-класс по ссылке в профиле.",
    ),
    "VC403": (
        {"stage": "awareness"},
        "Привет, я Катя и я варю мыло. Купите набор со скидкой 30% только до пятницы!",
        "Привет, я Катя и я варю мыло. Расскажу, как я начинала и почему люблю запах хвои.",
    ),
    "VC404": (
        {"account": FAR},
        "Сегодня делюсь рецептом пирога с капустой, который пекла моя бабушка.",
        "Сегодня делюсь рецептом пирога с капустой, который пекла моя бабушка.",
    ),
}
PASSING_CONTEXT = {"VC404": {"account": NEAR}}  # the same text, near the account's core
# Docs examples need the same context as the test examples (stage, type, account).
DOCS_CONTEXT = {code: context for code, (context, _, _) in EXAMPLES.items()}
DOCS_PASSING_CONTEXT = {"VC404": {"account": NEAR}}


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("VOICECHECK_CACHE_DIR", str(tmp_path / "cache"))


def fired(nlp, code: str, text: str, context: dict) -> list:
    rule = BY_CODE[code]
    if rule.check is None:
        settings = Settings(select=(code, "VC3"))
        report = check_sources([Source("draft.md", text)], settings)[0]
        return [f for f in report.findings if f.code == code]
    draft = Draft(text, parse(nlp, text), **context)
    return list(rule.check(draft, rule.params))


# --- the meta-test ----------------------------------------------------------------------------


def test_every_rule_has_docs_params_and_examples():
    cyrillic = re.compile("[а-яё]", re.IGNORECASE)
    for rule in RULES:
        assert re.fullmatch(r"VC\d{3}", rule.code), rule.code
        assert rule.family in FAMILIES, rule.code
        assert re.fullmatch(rf"{rule.family}\.[a-z]+(?:-[a-z]+)*", rule.name), rule.name
        for part in ("message", "hint", "what", "why", "bad", "good"):
            text = getattr(rule, part)
            assert len(text) >= 10 and cyrillic.search(text), f"{rule.code} lacks {part}"
        assert rule.bad != rule.good, rule.code
        assert set(rule.param_docs) == set(rule.params), f"{rule.code}: undocumented parameters"
        assert rule.code in EXAMPLES, f"{rule.code} has no failing and passing example in the tests"
        _, bad, good = EXAMPLES[rule.code]
        assert bad and good and cyrillic.search(bad) and cyrillic.search(good)
    assert len({r.code for r in RULES}) == len(RULES)
    assert len({r.name for r in RULES}) == len(RULES)
    assert set(EXAMPLES) == set(BY_CODE)


def test_rule_families_cover_the_issue():
    families = {r.family for r in RULES}
    assert {"voice", "cases", "tone", "funnel"} <= families


def test_rule_span_keys_are_the_detectors():
    assert RULE_SPAN_KEYS == SPAN_KEYS


# --- every rule: a failing and a passing example ----------------------------------------------


@pytest.mark.parametrize("code", sorted(EXAMPLES))
def test_rule_flags_the_bad_example(nlp, code):
    context, bad, _ = EXAMPLES[code]
    assert fired(nlp, code, bad, context), f"{code} did not fire on: {bad}"


@pytest.mark.parametrize("code", sorted(EXAMPLES))
def test_rule_passes_the_good_example(nlp, code):
    context, _, good = EXAMPLES[code]
    context = PASSING_CONTEXT.get(code, context)
    assert not fired(nlp, code, good, context), f"{code} fired on: {good}"


@pytest.mark.parametrize("code", sorted(c for c in BY_CODE if "account" not in BY_CODE[c].needs))
def test_rule_docs_examples_are_true(nlp, code):
    rule = BY_CODE[code]
    assert fired(nlp, code, rule.bad, DOCS_CONTEXT[code]), f"{code}: the docs' bad example passes"
    passing = DOCS_PASSING_CONTEXT.get(code, DOCS_CONTEXT[code])
    assert not fired(nlp, code, rule.good, passing), f"{code}: the docs' good example fires"


# --- context and parameters -------------------------------------------------------------------


def test_no_author_only_where_the_author_matters(nlp):
    _, bad, _ = EXAMPLES["VC101"]
    assert fired(nlp, "VC101", bad, {"stage": "trust"})
    assert not fired(nlp, "VC101", bad, {"stage": "awareness", "type": "entertainment"})


def test_off_topic_is_relative_to_the_feed(nlp):
    text = EXAMPLES["VC404"][1]
    assert not fired(nlp, "VC404", text, {})  # no account: the rule cannot judge
    loose = AccountFit(topic="ремонт", similarity=0.2, typical=0.3, core_topics=["ремонт"])
    tight = AccountFit(topic="ремонт", similarity=0.2, typical=0.6, core_topics=["ремонт"])
    assert not fired(nlp, "VC404", text, {"account": loose})
    assert fired(nlp, "VC404", text, {"account": tight})


def test_thresholds_are_parameters(nlp):
    rule = BY_CODE["VC305"]
    text = EXAMPLES["VC305"][1]
    draft = Draft(text, parse(nlp, text))
    assert list(rule.check(draft, rule.params))
    assert not list(rule.check(draft, {**rule.params, "max_count": 5}))
    competing = BY_CODE["VC402"]
    text = EXAMPLES["VC402"][1]
    draft = Draft(text, parse(nlp, text))
    assert not list(competing.check(draft, {**competing.params, "max_actions": 4}))


def test_short_noun_chains_are_plain_russian(nlp):
    text = "Я расписала правила составления рациона для своих клиентов."
    draft = Draft(text, parse(nlp, text))
    rule = BY_CODE["VC303"]
    assert draft.spans("tone", "NOMINAL_CHAIN")
    assert not list(rule.check(draft, rule.params))
    assert list(rule.check(draft, {**rule.params, "min_nouns": 3}))


def test_hard_sell_hits_point_at_the_sell(nlp):
    _, bad, _ = EXAMPLES["VC403"]
    draft = Draft(bad, parse(nlp, bad), stage="awareness")
    hits = list(BY_CODE["VC403"].check(draft, BY_CODE["VC403"].params))
    assert len(hits) == 1
    assert bad[hits[0].start : hits[0].end] == hits[0].quote


def test_faceless_names_what_weighs_most(nlp):
    _, bad, _ = EXAMPLES["VC306"]
    (hit,) = fired(nlp, "VC306", bad, {})
    assert hit.message.startswith("Безликий текст: безличность ")
    reasons = hit.message.split("(")[-1].rstrip(")").split(", ")
    assert reasons[0] == "нет «я»"  # weight 30, the heaviest component
    assert len(reasons) == 3 and "канцелярит" in reasons


def test_every_bureaucratic_word_has_a_plain_word_and_a_stamp_hint_names_the_stamp(nlp):
    """«в области» got the generic «в целях → чтобы» hint and «высокое качество» a hint about
    «индивидуальный подход»; each hint now speaks of the words found."""
    from voicecheck.lexicon import read_sections

    plain = {line.split("=", 1)[0].strip() for line in read_sections("plain_words.txt")[""]}
    assert set(read_sections("bureaucratic.txt")[""]) <= plain
    text = "Мы гарантируем высокое качество работы в области ремонта квартир для наших клиентов."
    (stamp,) = fired(nlp, "VC305", text, {})
    assert stamp.hint.startswith("Замените «высокое качество» фактом")
    (word,) = fired(nlp, "VC304", text, {})
    assert word.hint == "Скажите проще: «в»: «в области дизайна» → «в дизайне»"


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        (
            "Осуществление доставки занимает три дня.",
            "Скажите глаголом: «осуществление доставки» → «доставляем»",
        ),
        ("В целом всё прошло хорошо.", "Скажите проще: «в общем» или уберите"),
        ("Мы работаем в сфере ремонта квартир.", "Скажите проще: «в»: «в сфере ремонта» → «в ремонте»"),
        (
            "Доводим до сведения всех клиентов.",
            "Скажите проще: «сообщаем»: «доводим до сведения» → «сообщаем»",
        ),
    ],
)
def test_a_bureaucratic_word_found_in_a_text_gets_its_own_plain_word(nlp, text, hint):
    hints = [hit.hint for hit in fired(nlp, "VC304", text, {}) if hit.hint]
    assert hint in hints
