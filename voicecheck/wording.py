"""Russian wording for reports: the labels' names, decimal commas, a number with the noun
agreeing with it."""

from functools import lru_cache

from .taggers import morph_analyzer

STAGE_RU = {"awareness": "знакомство", "interest": "интерес", "trust": "доверие", "action": "действие"}
TYPE_RU = {"expert": "экспертный", "entertainment": "развлекательный", "other": "прочее"}
VOICE_RU = {"i": "я", "we": "мы", "none": "без автора"}


def posts_count(number: int, case: str = "nomn") -> str:
    """The number with «пост» agreeing with it: «1 пост», «3 поста», «25 постов»; with
    ``case="gent"`` «из 1 поста», «из 3 постов»."""
    return f"{number} {_post_form(number, case)}"


@lru_cache(maxsize=512)
def _post_form(number: int, case: str) -> str:
    post = next(p for p in morph_analyzer().parse("пост") if p.tag.POS == "NOUN" and "nomn" in p.tag)
    return post.inflect({case}).make_agree_with_number(number).word


def decimal(value: float, digits: int = 2) -> str:
    """A number as Russian text writes it: «1,79», not «1.79»."""
    return f"{value:.{digits}f}".replace(".", ",")


def share_percent(share: float | None) -> str:
    """A share of posts in whole percent, never rounded to a figure the counts contradict:
    1 post of 200 is «<1%», not «0%»; 199 of 200 is «>99%», not «100%»; none is «—»."""
    if share is None:
        return "—"
    whole = f"{100 * share:.0f}"
    if whole == "0" and share > 0:
        return "<1%"
    if whole == "100" and share < 1:
        return ">99%"
    return f"{whole}%"


def percent(share: float) -> str:
    """A share (0.0448) as a percentage with two decimals: «4,48%»."""
    return f"{decimal(100 * share)}%"
