"""The draft checker's rules, one module per family; importing them needs no NLP.

A rule reads the detectors' spans and features through ``Draft`` and returns
``Hit`` records; ``voicecheck.lint`` turns them into findings. ``VC001`` (an
unused suppression) is applied by ``lint`` itself.
"""

from . import cases, funnel, tone, voice
from .base import FAMILIES, SEVERITY_RU, AccountFit, Draft, Hit, Rule

UNUSED_SUPPRESSION = Rule(
    code="VC001",
    name="lint.unused-suppression",
    family="lint",
    severity="warning",
    message="Подавление ничего не подавило",
    hint="Удалите комментарий или поправьте код правила",
    what="Находит комментарий <!-- voicecheck: disable=КОД --> , который не подавил ни одного "
    "замечания в следующем абзаце: правило там не срабатывает или код написан с ошибкой.",
    why="Забытые подавления копятся и однажды спрячут настоящую проблему; неверный код "
    "создаёт ложное чувство, что замечание учтено.",
    bad="<!-- voicecheck: disable=VC305 -->\nЯ сама выбираю каждую ткань и шью по вашим меркам.",
    good="<!-- voicecheck: disable=VC305 -->\nЯ обещаю индивидуальный подход к каждому заказу.",
)

RULES: list[Rule] = [UNUSED_SUPPRESSION, *voice.RULES, *cases.RULES, *tone.RULES, *funnel.RULES]
BY_CODE = {rule.code: rule for rule in RULES}


def find_rule(key: str) -> Rule | None:
    """A rule by its code (any case) or its dotted name."""
    key = key.strip()
    return BY_CODE.get(key.upper()) or next((r for r in RULES if r.name == key.lower()), None)


__all__ = ["BY_CODE", "FAMILIES", "RULES", "SEVERITY_RU", "AccountFit", "Draft", "Hit", "Rule", "find_rule"]
