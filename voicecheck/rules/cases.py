"""Case rules: a story of work with a client should say what came of it."""

from .base import Draft, Hit, Rule, labels_count

SOMEONE = ("CLIENT", "PERSON", "REVIEW")


def _story(draft: Draft, params: dict) -> list:
    """The spans naming someone concrete, when the draft tells of the author's work
    with them (and not a hypothetical «представьте»)."""
    if draft.features.get("voice", {}).get("voice", "none") == "none":
        return []
    if (
        labels_count(draft, "cases", "HYPOTHETICAL")
        or labels_count(draft, "cases", "ACTION") < params["min_actions"]
    ):
        return []
    return draft.spans("cases", *SOMEONE)


def no_result(draft: Draft, params: dict) -> list[Hit]:
    someone = _story(draft, params)
    if not someone or labels_count(draft, "cases", *params["outcome_labels"]):
        return []
    return [Hit(someone[0].start_char, someone[0].end_char, quote=someone[0].text)]


def result_without_numbers(draft: Draft, params: dict) -> list[Hit]:
    someone = _story(draft, params)
    results = draft.spans("cases", "RESULT")
    if not someone or not results or labels_count(draft, "cases", *params["number_labels"]):
        return []
    return [Hit(results[0].start_char, results[0].end_char, quote=results[0].text)]


RULES = [
    Rule(
        code="VC201",
        name="cases.no-result",
        family="cases",
        severity="warning",
        message="Кейс без результата: есть клиент и ваши действия, но не сказано, что вышло",
        hint="Допишите итог: что изменилось, сколько, за какой срок — «было 12 заявок в месяц, стало 40»",
        what="Находит рассказ о работе с клиентом (автор говорит от первого лица, есть клиент, "
        "человек или отзыв и действия автора в прошедшем времени), где нет ни результата, ни "
        "цифр, ни сравнения «было — стало».",
        why="Кейс доказывает компетентность только итогом. История «взяли проект, сделали» без "
        "результата оставляет читателя с вопросом «и что?» и ничего не доказывает.",
        bad="Ко мне пришла клиентка с интернет-магазином пряжи. Я переписала ей карточки товаров, "
        "сделала новые фотографии и настроила рассылку.",
        good="Ко мне пришла клиентка с интернет-магазином пряжи. Я переписала ей карточки товаров и "
        "настроила рассылку: за два месяца продажи выросли с 40 до 95 заказов в месяц.",
        check=no_result,
        params={"min_actions": 1, "outcome_labels": ["RESULT", "NUMBER", "BEFORE_AFTER"]},
        param_docs={
            "min_actions": "сколько действий автора нужно, чтобы текст считался рассказом о работе",
            "outcome_labels": "метки детектора кейсов, которые считаются результатом",
        },
    ),
    Rule(
        code="VC202",
        name="cases.result-without-numbers",
        family="cases",
        severity="suggestion",
        message="Результат кейса без цифр",
        hint="Назовите результат числом: сколько заявок, процентов, рублей или дней",
        what="Находит кейс, где результат назван словами («выросли», «итог»), но нет ни одной "
        "цифры с единицей и ни одного сравнения «было — стало».",
        why="«Продажи выросли» без цифр звучит как обещание из рекламы. Число делает результат "
        "проверяемым и запоминающимся.",
        bad="Клиентка обратилась ко мне с пустым аккаунтом. Я составила контент-план и провела "
        "съёмку. В итоге продажи заметно выросли.",
        good="Клиентка обратилась ко мне с пустым аккаунтом. Я составила контент-план и провела "
        "съёмку. В итоге за месяц пришло 30 заявок вместо пяти.",
        check=result_without_numbers,
        params={"min_actions": 1, "number_labels": ["NUMBER", "BEFORE_AFTER"]},
        param_docs={
            "min_actions": "сколько действий автора нужно, чтобы текст считался рассказом о работе",
            "number_labels": "метки детектора кейсов, которые считаются цифрами",
        },
    ),
]
