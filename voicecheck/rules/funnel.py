"""Funnel and call-to-action rules: does the draft ask for what its stage needs?"""

from ..wording import STAGE_RU, decimal
from .base import Draft, Hit, Rule, labels_count


def no_cta(draft: Draft, params: dict) -> list[Hit]:
    if draft.stage not in params["stages"] or labels_count(draft, "cta", *params["ask_labels"]):
        return []
    start, end = draft.closing()
    return [Hit(start, end)]


def competing_cta(draft: Draft, params: dict) -> list[Hit]:
    """Every ask past ``max_actions`` different ones: told apart by the action the detector
    names (``span.id_``: «записывайтесь» and «запишитесь» are one), else by lemma."""
    seen: set[str] = set()
    extra = []
    for span in draft.spans("cta", *params["labels"]):
        action = span.id_ or span.lemma_.lower()
        if action in seen:
            continue
        seen.add(action)
        if len(seen) > params["max_actions"]:
            extra.append(span)
    if not extra:
        return []
    message = f"Призывы спорят друг с другом: разных действий в одном посте — {len(seen)}"
    return [Hit(s.start_char, s.end_char, message, quote=s.text) for s in extra]


def hard_sell(draft: Draft, params: dict) -> list[Hit]:
    if draft.stage not in params["stages"]:
        return []
    signals = draft.spans("cta", *params["sell_labels"])
    if len({s.label_ for s in signals}) < params["min_signals"]:
        return []
    stage = STAGE_RU.get(draft.stage, draft.stage)
    message = f"Жёсткая продажа в посте этапа «{stage}»: цена, скидка, срок или «купите»"
    return [Hit(signals[0].start_char, signals[0].end_char, message, quote=signals[0].text)]


def off_topic(draft: Draft, params: dict) -> list[Hit]:
    fit = draft.account
    if fit is None or fit.similarity >= params["min_ratio"] * fit.typical:
        return []
    start, end = draft.opening()
    message = (
        f"Черновик не про основные темы аккаунта: сходство с ближайшей темой ядра «{fit.topic}» "
        f"{decimal(fit.similarity)}, у постов самой ленты обычно не ниже {decimal(fit.typical)}"
    )
    hint = (
        "Ядро аккаунта: " + "; ".join(f"«{t}»" for t in fit.core_topics) + ". Свяжите пост с ним или отложите"
    )
    return [Hit(start, end, message, hint)]


RULES = [
    Rule(
        code="VC401",
        name="funnel.no-cta",
        family="funnel",
        severity="error",
        message="Продающий пост без ясного призыва: не сказано, что сделать читателю",
        hint="Закончите одним конкретным действием: «Запишитесь по ссылке до пятницы»",
        what="Находит пост этапа «действие» (заданного через --stage или предсказанного), "
        "в котором детектор не нашёл ни одного призыва купить, заказать, записаться или "
        "оставить заявку. Ссылка или «подписывайтесь» призывом к покупке не считаются.",
        why="Пост этапа действия существует ради одного шага читателя. Если шаг не назван, "
        "готовый купить читатель не знает, что делать, и уходит.",
        bad="Продаём новый курс по акварели: старт 10 марта, восемь занятий, все материалы "
        "включены. Цена 12 000 рублей, до 1 марта скидка 20%.",
        good="Продаём новый курс по акварели: старт 10 марта, восемь занятий, все материалы "
        "включены. Цена 12 000 рублей, до 1 марта скидка 20%. Запишитесь по ссылке в профиле.",
        check=no_cta,
        params={"stages": ["action"], "ask_labels": ["ASK"]},
        param_docs={
            "stages": "этапы воронки, где призыв обязателен",
            "ask_labels": "метки детектора призывов, которые считаются ясным призывом",
        },
    ),
    Rule(
        code="VC402",
        name="funnel.competing-cta",
        family="funnel",
        severity="warning",
        message="Несколько призывов спорят друг с другом",
        hint="Оставьте один главный призыв; остальные уберите или перенесите в другие посты",
        what="Находит черновик, где читателя просят сделать больше разных действий, чем "
        "допускает порог: «запишитесь», «купите», «подпишитесь», «поделитесь» в одном посте. "
        "Два вида одного глагола («записывайтесь… запишитесь», «покупайте… купите») — одно действие.",
        why="Каждый лишний призыв отнимает внимание у главного. Когда просят сразу обо всём, "
        "читатель не делает ничего.",
        bad="Запишитесь на консультацию, купите чек-лист, подпишитесь на канал и поделитесь "
        "постом с друзьями!",
        good="Запишитесь на бесплатную консультацию по ссылке в профиле.",
        check=competing_cta,
        params={"max_actions": 2, "labels": ["ASK", "ENGAGE"]},
        param_docs={
            "max_actions": "сколько разных призывов допускается в одном посте",
            "labels": "метки детектора призывов, которые считаются призывами",
        },
    ),
    Rule(
        code="VC403",
        name="funnel.hard-sell",
        family="funnel",
        severity="warning",
        message="Жёсткая продажа в посте для знакомства",
        hint="Пост для знакомства продаёт не товар, а интерес к вам: уберите цену и срок, "
        "предложите подписаться или прочитать полезный пост",
        what="Находит пост этапа «знакомство» (заданного через --stage, строкой "
        "<!-- voicecheck: stage=awareness --> в черновике или предсказанного) с признаками "
        "жёсткой продажи: цена, скидка или промокод, срок, призыв купить.",
        why="Новый читатель ещё не знает и не доверяет вам; прямое предложение на этом этапе "
        "выглядит навязчивым, и его пролистывают или отписываются.",
        bad="Привет! Меня зовут Оля, я шью детские комбинезоны. Купите комбинезон со скидкой 20% "
        "до конца недели!",
        good="Привет! Меня зовут Оля, я шью детские комбинезоны. Расскажу, почему начала шить и "
        "какие ткани не продуваются даже в метель.",
        check=hard_sell,
        params={
            "stages": ["awareness"],
            "sell_labels": ["ASK", "PRICE", "PROMO", "DEADLINE"],
            "min_signals": 2,
        },
        param_docs={
            "stages": "этапы воронки, где продавать рано",
            "sell_labels": "метки детектора призывов, которые считаются признаками продажи",
            "min_signals": "сколько разных признаков продажи нужно, чтобы правило сработало",
        },
    ),
    Rule(
        code="VC404",
        name="funnel.off-topic",
        family="funnel",
        severity="warning",
        message="Черновик не про основные темы аккаунта",
        hint="Свяжите пост с ядром аккаунта или отложите его",
        what="С --account FEED: находит черновик, далёкий по смыслу от всех тем смыслового ядра "
        "аккаунта: его сходство с ближайшей темой ядра ниже доли от того, что обычно у постов "
        "самой ленты (10-й перцентиль). Темы аккаунта считаются по ленте один раз и хранятся в кэше.",
        why="Смысловое ядро держит позиционирование: когда посты прыгают между темами, читатель "
        "не понимает, о чём аккаунт и зачем на него подписан.",
        bad="(лента студии дизайна интерьеров) Сегодня расскажу, как я выбираю зимнюю резину "
        "для машины и почему не экономлю на шипах.",
        good="(лента студии дизайна интерьеров) Сегодня расскажу, как мы подбираем цвет стен "
        "для маленькой спальни, чтобы она казалась больше.",
        check=off_topic,
        params={"min_ratio": 0.55},
        param_docs={
            "min_ratio": "доля от типичного сходства постов ленты с их темой ядра (10-й перцентиль), "
            "ниже которой черновик вне ядра"
        },
        needs=frozenset({"account"}),
    ),
]
