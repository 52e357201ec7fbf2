"""Voice rules: is there a person behind the post where the reader needs one?"""

from ..wording import STAGE_RU
from .base import Draft, Hit, Rule

TYPE_ADJECTIVES = {"expert": "экспертный", "entertainment": "развлекательный", "other": "другой"}


def no_author(draft: Draft, params: dict) -> list[Hit]:
    voice = draft.features.get("voice", {})
    if voice.get("voice", "none") != "none" or voice.get("words", 0) < params["min_words"]:
        return []
    if draft.stage in params["stages"]:
        kind = f"пост этапа «{STAGE_RU.get(draft.stage, draft.stage)}»"
    elif draft.type in params["types"]:
        kind = f"{TYPE_ADJECTIVES.get(draft.type, draft.type)} пост"
    else:
        return []
    start, end = draft.opening()
    return [Hit(start, end, f"{kind.capitalize()} без автора: ни «я», ни «мы»")]


RULES = [
    Rule(
        code="VC101",
        name="voice.no-author",
        family="voice",
        severity="warning",
        message="Экспертный пост или пост доверия без автора: ни «я», ни «мы»",
        hint="Скажите от первого лица, что вы сами сделали, увидели или думаете: «Я проверила…», "
        "«Мы в студии делаем так…»",
        what="Находит экспертный пост или пост этапа доверия, где никто не говорит от первого лица: "
        "детектор голоса не нашёл ни «я», ни «мы» (ни местоимений, ни глаголов первого лица).",
        why="Экспертизе и доверию верят, когда за ними виден человек или команда с опытом. Безличный "
        "текст читается как пересказ из справочника: его не с кем связать, и он ничего не говорит "
        "о том, почему обращаться стоит именно к вам.",
        bad="Ошибка при выборе ламината — ориентироваться только на класс износостойкости. "
        "Для кухни важнее влагостойкость замка и пропитка кромок. Дешёвые панели разбухают "
        "за один сезон, и пол приходится менять целиком.",
        good="Я десять лет кладу полы и чаще всего переделываю одно и то же: ламинат на кухне, "
        "выбранный только по классу износостойкости. Для кухни я смотрю на влагостойкость "
        "замка и пропитку кромок: дешёвые панели у моих клиентов разбухали за сезон.",
        check=no_author,
        params={"stages": ["trust"], "types": ["expert"], "min_words": 20},
        param_docs={
            "stages": "этапы воронки, где автор обязателен",
            "types": "типы контента, где автор обязателен",
            "min_words": "короче этого (в словах) пост не проверяется",
        },
    ),
]
