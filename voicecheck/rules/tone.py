"""Tone rules: канцелярит, passive and impersonal constructions, штампы, a faceless post."""

from dataclasses import replace
from functools import cache

from .base import Draft, Hit, Rule, per_100_words, span_hits


def _counted(draft: Draft, params: dict, *labels: str) -> list[Hit]:
    """Every span of ``labels``, once there are more than ``max_count`` of them."""
    spans = draft.spans("tone", *labels)
    return span_hits(spans) if len(spans) > params["max_count"] else []


def _dense(draft: Draft, params: dict, *labels: str) -> list:
    """Every span of ``labels``, once they exceed ``max_per_100_words``."""
    spans = draft.spans("tone", *labels)
    if not spans or per_100_words(len(spans), draft) <= params["max_per_100_words"]:
        return []
    return spans


def impersonal_modal(draft: Draft, params: dict) -> list[Hit]:
    return _counted(draft, params, "IMPERSONAL_MODAL")


def passive(draft: Draft, params: dict) -> list[Hit]:
    return span_hits(_dense(draft, params, "PASSIVE"))


def nominal_chain(draft: Draft, params: dict) -> list[Hit]:
    """Chains of at least ``min_nouns`` nouns: three are often plain Russian
    («правила составления рациона»), four and more are канцелярит."""
    chains = [
        s
        for s in draft.spans("tone", "NOMINAL_CHAIN")
        if sum(t.pos_ == "NOUN" for t in s) >= params["min_nouns"]
    ]
    return span_hits(chains) if len(chains) > params["max_count"] else []


def bureaucratic_words(draft: Draft, params: dict) -> list[Hit]:
    """Each word with its plain counterpart as the hint, where ``data/plain_words.txt`` has one."""
    hits = []
    for span in _dense(draft, params, "BUREAUCRATIC", "SPLIT_PREDICATE"):
        split = span.label_ == "SPLIT_PREDICATE"
        hint = SPLIT_PREDICATE_HINT if split else _plain_hint(plain_word(span))
        hits.append(Hit(span.start_char, span.end_char, hint=hint, quote=span.text))
    return hits


def _plain_hint(plain: str) -> str:
    """«Скажите проще: «чтобы»» for a word to put instead; a whole hint as it is written
    («Скажите глаголом: …», «Уберите: …»)."""
    if not plain:
        return ""
    return f"Скажите проще: {plain}" if plain.startswith("«") else plain[0].upper() + plain[1:]


def plain_word(span) -> str:
    """What to say instead of a bureaucratic word or connector: «в целях» -> «чтобы»."""
    from ..lexicon import token_forms  # pymorphy3: only once there is a draft, not for `voicecheck rules`

    words = [t for t in span if not t.is_space]
    for phrase, plain in _plain_words():
        if len(phrase) == len(words) and all(w in token_forms(t) for w, t in zip(phrase, words, strict=True)):
            return plain
    return ""


@cache
def _plain_words() -> tuple[tuple[tuple[str, ...], str], ...]:
    from ..lexicon import read_sections

    entries = []
    for line in read_sections("plain_words.txt")[""]:
        phrase, plain = line.split("=", 1)
        entries.append((tuple(phrase.split()), plain.strip()))
    return tuple(entries)


def stamp(draft: Draft, params: dict) -> list[Hit]:
    """Each stamp, with a hint that names it rather than another stamp."""
    fact = "фактом: что именно вы делаете, с цифрой, сроком или примером"
    hits = _counted(draft, params, "STAMP")
    return [replace(hit, hint=f"Замените «{_one_line(hit.quote)}» {fact}") for hit in hits]


def _one_line(quote: str) -> str:
    """A quote that a line wraps («индивидуальный\nподход») as one line, the wrap a space."""
    return " ".join(quote.split())


def faceless(draft: Draft, params: dict) -> list[Hit]:
    """The score, with the three components that weigh most in it: what to fix first."""
    tone = draft.features.get("tone", {})
    if tone.get("score", 0) < params["min_score"]:
        return []
    start, end = draft.opening()
    reasons = ", ".join(_heaviest_components(tone.get("components", {})))
    message = f"Безликий текст: безличность {tone['score']} из 100"
    return [Hit(start, end, f"{message} ({reasons})" if reasons else message)]


def _heaviest_components(components: dict[str, float], top: int = 3) -> list[str]:
    from ..detectors.tone import WEIGHTS  # the detector, and spaCy with it, only once a draft is checked

    weighted = sorted(
        ((WEIGHTS[name] * value, name) for name, value in components.items() if value), reverse=True
    )
    return [COMPONENT_NAMES[name] for _, name in weighted[:top]]


COMPONENT_NAMES = {
    "no_person": "нет «я»",
    "no_team": "нет «мы»",
    "no_reader": "нет обращения к читателю",
    "no_emotion": "нет эмоций и живой речи",
    "bureaucratic": "канцелярит",
    "passive": "пассив и безличные обороты",
    "stamps": "штампы",
}


SPLIT_PREDICATE_HINT = (
    "Назовите действие одним глаголом: «осуществляем доставку» → «доставляем», "
    "«проводим проверку» → «проверяем»"
)
MAX_COUNT_DOC = "сколько таких мест допускается без замечания"
MAX_RATE_DOC = "сколько таких мест на 100 слов допускается без замечания"

RULES = [
    Rule(
        code="VC301",
        name="tone.impersonal-modal",
        family="tone",
        severity="warning",
        message="Безличная конструкция прячет, кто действует",
        hint="Скажите, кто действует: «проверьте…», «я советую…», «мы проверяем…»",
        what="Находит безличный модальный оборот с инфинитивом: «рекомендуется проверить», "
        "«следует учитывать», «необходимо обратиться».",
        why="Безличный оборот прячет и того, кто советует, и того, кто должен действовать. "
        "Так пишут инструкции и приказы; в посте он звучит холодно и снимает ответственность.",
        bad="Перед покупкой рекомендуется проверить документы на квартиру.",
        good="Перед покупкой проверьте документы на квартиру: я всегда начинаю с выписки из ЕГРН.",
        check=impersonal_modal,
        params={"max_count": 0},
        param_docs={"max_count": MAX_COUNT_DOC},
    ),
    Rule(
        code="VC302",
        name="tone.passive",
        family="tone",
        severity="suggestion",
        message="Страдательный залог: не видно, кто это сделал",
        hint="Назовите того, кто действует: «были проведены работы» → «мы провели работы»",
        what="Находит страдательный залог («были проведены», «выполнено», «организуется»), когда "
        "его в тексте больше порога на 100 слов.",
        why="Пассив убирает из фразы того, кто действует. Читатель не видит ни автора, ни "
        "команды, а текст становится длиннее и тяжелее.",
        bad="В мае был проведён ремонт кухни. Были заменены трубы, выровнены стены, "
        "установлена новая мебель.",
        good="В мае мы отремонтировали кухню: заменили трубы, выровняли стены и поставили новую мебель.",
        check=passive,
        params={"max_per_100_words": 2.0},
        param_docs={"max_per_100_words": MAX_RATE_DOC},
    ),
    Rule(
        code="VC303",
        name="tone.nominal-chain",
        family="tone",
        severity="warning",
        message="Канцелярит: цепочка существительных",
        hint="Замените отглагольное существительное глаголом: «контроль качества выполнения "
        "работ» → «проверяем, как сделана работа»",
        what="Находит цепочки из четырёх и больше существительных, где следующие стоят в "
        "родительном падеже и среди них есть отглагольное: «обеспечение повышения уровня "
        "качества обслуживания». Цепочки из трёх слов («правила составления рациона») обычны "
        "в живой речи и не считаются.",
        why="Нанизанные родительные падежи — главный признак канцелярита. Такую фразу трудно "
        "дочитать, и она делает живой текст похожим на отчёт.",
        bad="Наша задача — обеспечение повышения уровня удовлетворённости клиентов.",
        good="Мы хотим, чтобы клиенты уходили от нас довольными.",
        check=nominal_chain,
        params={"max_count": 0, "min_nouns": 4},
        param_docs={"max_count": MAX_COUNT_DOC, "min_nouns": "со скольких существительных цепочка считается"},
    ),
    Rule(
        code="VC304",
        name="tone.bureaucratic-words",
        family="tone",
        severity="suggestion",
        message="Канцелярское слово или расщеплённое сказуемое",
        hint="Скажите проще: «в целях» → «чтобы», «в рамках» → «на», «данный» → «этот», "
        "«проводим проверку» → «проверяем»",
        what="Находит канцелярские слова и производные предлоги («в рамках», «в целях», "
        "«данный», «осуществление») и расщеплённые сказуемые («осуществлять контроль», "
        "«проводить проверку»), когда их больше порога на 100 слов; к каждому слову — чем его заменить "
        "(«в целях» → «чтобы», «при наличии» → «если есть»).",
        why="Канцелярские слова делают пост похожим на официальное письмо: читатель перестаёт "
        "слышать человека и пролистывает.",
        bad="В рамках данной акции в целях улучшения сервиса осуществляется бесплатная доставка.",
        good="Пока идёт акция, доставка бесплатная.",
        check=bureaucratic_words,
        params={"max_per_100_words": 2.0},
        param_docs={"max_per_100_words": MAX_RATE_DOC},
    ),
    Rule(
        code="VC305",
        name="tone.stamp",
        family="tone",
        severity="warning",
        message="Штамп или утверждение без доказательства",
        hint="Замените штамп фактом: вместо «индивидуальный подход» — что именно вы делаете "
        "для каждого клиента",
        what="Находит рекламные штампы и утверждения без доказательства: «высокое качество», "
        "«индивидуальный подход», «команда профессионалов», «лучшие цены».",
        why="Штампы пишут все, поэтому им никто не верит: они занимают место, где мог быть "
        "факт, и делают пост неотличимым от конкурентов.",
        bad="Наша команда профессионалов гарантирует высокое качество и индивидуальный подход.",
        good="Перед началом работ я приезжаю на объект сам и составляю смету по вашим замерам.",
        check=stamp,
        params={"max_count": 0},
        param_docs={"max_count": MAX_COUNT_DOC},
    ),
    Rule(
        code="VC306",
        name="tone.faceless",
        family="tone",
        severity="warning",
        message="Безликий текст",
        hint="Добавьте себя: личное мнение, случай из практики, эмоцию, обращение к читателю",
        what="Находит черновик, у которого оценка безличности (0–100: нет «я» и «мы», нет "
        "обращения к читателю и эмоций, канцелярит, пассив, штампы) не ниже порога.",
        why="Безликий пост не строит доверия: в нём нет позиции, живой речи и человека, "
        "которому можно поверить. Такие посты читают хуже и быстрее забывают.",
        bad="Осуществляется приём заявок на обучение. Занятия проводятся в вечернее время. "
        "Подробная информация предоставляется по телефону.",
        good="Я снова набираю группу! Занимаемся по вечерам, после работы. Позвоните мне — "
        "расскажу, как проходят уроки.",
        check=faceless,
        params={"min_score": 60},
        param_docs={"min_score": "оценка безличности (0–100), начиная с которой правило срабатывает"},
    ),
]
