"""Engagement, named as Russian SMM tools name it (Popsters, LiveDune, TGStat).

Per post: ERview = (likes + comments + reposts) / views; ERpost = (likes +
comments + reposts) / followers (needs ``--followers``); CTR = clicks / views.
For the account: medians, and a breakdown by stage, content type, voice, case,
impersonal tone, length, weekday and hour. Each group gets n, its median with a
bootstrap 95% confidence interval, and the ratio of its median to the rest of
the feed's median with its interval. Groups under ``MIN_GROUP`` posts are shown
but not ranked; a "what works here" statement is made only where the ratio's
interval excludes 1, strongest first; of a dimension with two groups (case, tone,
or any with two present) only the stronger is stated, the other being its mirror.
"""

import math
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np

from ..records import PostResult
from ..wording import STAGE_RU, TYPE_RU, VOICE_RU, decimal

MIN_GROUP = 8
BOOTSTRAP = 1000
BOOTSTRAP_CAP = 4000  # larger groups are subsampled (fixed seed) before resampling
SEED = 0
WEEKDAYS = ("пн", "вт", "ср", "чт", "пт", "сб", "вс")
LENGTHS = ((30, "короткие (<30 слов)"), (100, "средние (30–99)"), (250, "длинные (100–249)"))
LONGREAD = "лонгриды (250+)"
DATE_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y",
    "%Y-%m-%d",
)
GROUP_NAMES = {
    "stage": "стадия",
    "type": "тип контента",
    "voice": "голос",
    "case": "кейс",
    "impersonal": "безликий тон",
    "length": "длина",
    "weekday": "день недели",
    "hour": "время публикации",
}
CASE_GROUPS = ("с кейсом", "без кейса")
TONE_GROUPS = ("безликие", "живые")
GROUP_VALUES_RU = {"stage": STAGE_RU, "type": TYPE_RU, "voice": VOICE_RU}  # chart labels
ON_DAYS = ("в понедельник", "во вторник", "в среду", "в четверг", "в пятницу", "в субботу", "в воскресенье")
ON_WEEKDAYS = dict(zip(WEEKDAYS, ON_DAYS, strict=True))
VOICE_POSTS = {
    "i": "посты от первого лица («я»)",
    "we": "посты от лица команды («мы»)",
    "none": "посты без автора",
}
# each group named as posts, for a sentence that ends «…, чем у остальных постов»
GROUP_PHRASES = {
    "stage": lambda group: f"посты стадии «{STAGE_RU.get(group, group)}»",
    "type": lambda group: f"посты типа «{TYPE_RU.get(group, group)}»",
    "voice": lambda group: VOICE_POSTS.get(group, group),
    "case": lambda group: f"посты {group}",
    "impersonal": lambda group: f"{group} посты",
    "length": lambda group: group if group == LONGREAD else group.replace(" (", " посты (", 1),
    "weekday": lambda group: f"посты {ON_WEEKDAYS.get(group, group)}",
    "hour": lambda group: f"посты в {group}",
}


def reactions(result: PostResult) -> float | None:
    parts = [result.likes, result.comments, result.reposts]
    return None if all(p is None for p in parts) else sum(p or 0 for p in parts)


def er_view(result: PostResult) -> float | None:
    """ERview = (likes + comments + reposts) / views."""
    total = reactions(result)
    return total / result.views if total is not None and result.views else None


def er_post(result: PostResult, followers: int | None) -> float | None:
    """ERpost = (likes + comments + reposts) / followers."""
    total = reactions(result)
    return total / followers if total is not None and followers else None


def ctr(result: PostResult) -> float | None:
    """CTR = clicks / views."""
    return result.clicks / result.views if result.clicks is not None and result.views else None


def parse_datetime(value: str) -> datetime | None:
    """A post's date and time as written in the export (any UTC offset dropped, so dates
    with and without one compare, and weekday and hour are the channel's own)."""
    if not value:
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        return datetime.fromisoformat(text).replace(tzinfo=None)
    except ValueError:
        pass
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern)
        except ValueError:
            continue
    return None


@dataclass
class GroupStat:
    dimension: str
    group: str
    n: int
    median: float
    ci: tuple[float, float]
    ratio: float | None
    ratio_ci: tuple[float, float] | None
    ranked: bool


@dataclass
class EngagementReport:
    metric: str | None
    denominator: str
    posts_with_metric: int
    medians: dict[str, dict]
    groups: list[GroupStat] = field(default_factory=list)
    works: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    followers: int | None = None  # as given with --followers: ERpost's denominator

    def other_medians(self) -> list[tuple[str, dict, str]]:
        """The medians beside the report's metric (ERpost with --followers, CTR with clicks),
        each with what it is per: (name, median, note)."""
        notes = {
            "ERpost": "знаменатель: подписчики, " + f"{self.followers or 0:,}".replace(",", " "),
            "CTR": "переходы / просмотры",
        }
        return [
            (name, self.medians[name], notes[name])
            for name in notes
            if name in self.medians and name != self.metric
        ]

    def per_post(self, result: PostResult) -> float | None:
        """The report's metric (ERview or ERpost) for one post."""
        if self.metric == "ERpost":
            return er_post(result, self.followers)
        return er_view(result) if self.metric == "ERview" else None


def analyse_engagement(results: list[PostResult], *, followers: int | None = None) -> EngagementReport:
    posts = [r for r in results if r.ok]
    metrics = {
        "ERview": [er_view(r) for r in posts],
        "ERpost": [er_post(r, followers) for r in posts],
        "CTR": [ctr(r) for r in posts],
    }
    medians, skipped = _medians(metrics, followers)
    primary = next((m for m in ("ERview", "ERpost") if m in medians), None)
    if primary is None:
        return EngagementReport(None, "", 0, medians, skipped=skipped, followers=followers)
    values = metrics[primary]
    groups = _group_stats(posts, values)
    return EngagementReport(
        metric=primary,
        denominator="просмотры" if primary == "ERview" else "подписчики",
        posts_with_metric=sum(v is not None for v in values),
        medians=medians,
        groups=groups,
        works=[_statement(g, primary) for g in notable(groups)],
        skipped=skipped,
        followers=followers,
    )


def _medians(metrics: dict[str, list], followers: int | None) -> tuple[dict, list[str]]:
    medians, skipped = {}, []
    reasons = {
        "ERview": "нет просмотров или реакций в выгрузке: ERview не посчитан",
        "ERpost": "не задано число подписчиков (--followers): ERpost не посчитан",
        "CTR": "нет переходов (clicks) в выгрузке: CTR не посчитан",
    }
    for name, values in metrics.items():
        present = [v for v in values if v is not None]
        if present:
            zero = sum(1 for v in present if v == 0)  # posts with no reaction (no click, for CTR)
            medians[name] = {"median": float(np.median(present)), "n": len(present), "zero": zero}
        else:
            skipped.append(reasons[name])
    return medians, skipped


def dimensions(result: PostResult) -> dict[str, str]:
    """The groups a post belongs to, by dimension."""
    when = parse_datetime(result.date)
    return {
        "stage": result.stage.label if result.stage else "",
        "type": result.type.label if result.type else "",
        "voice": result.voice,
        "case": CASE_GROUPS[0] if result.case else CASE_GROUPS[1],
        "impersonal": TONE_GROUPS[0] if result.impersonal else TONE_GROUPS[1],
        "length": _length_bucket(result.words),
        "weekday": WEEKDAYS[when.weekday()] if when else "",
        "hour": f"{when.hour // 3 * 3:02d}–{when.hour // 3 * 3 + 3:02d} ч"
        if when and has_time(result.date)
        else "",
    }


def has_time(date: str) -> bool:
    """A settled date with its time (2024-12-03T10:00:00), not a day alone (2024-12-03), which
    would read as midnight."""
    return len(date.strip()) > len("2024-12-03")


def _length_bucket(words: int) -> str:
    return next((name for limit, name in LENGTHS if words < limit), LONGREAD)


def _group_stats(posts: list[PostResult], values: list[float | None]) -> list[GroupStat]:
    rng = np.random.default_rng(SEED)
    labelled = [(dimensions(p), v) for p, v in zip(posts, values, strict=True) if v is not None]
    stats = []
    for dimension in GROUP_NAMES:
        groups = sorted({d[dimension] for d, _ in labelled if d[dimension]})
        if not groups:
            continue
        for group in groups:
            inside = np.array([v for d, v in labelled if d[dimension] == group])
            rest = np.array([v for d, v in labelled if d[dimension] != group])
            stats.append(_group_stat(dimension, group, inside, rest, rng))
    return stats


def _group_stat(dimension: str, group: str, inside: np.ndarray, rest: np.ndarray, rng) -> GroupStat:
    inside_medians = _bootstrap_medians(inside, rng)
    median = float(np.median(inside))
    ranked = len(inside) >= MIN_GROUP and len(rest) >= MIN_GROUP
    ratio = ratio_ci = None
    rest_median = float(np.median(rest)) if len(rest) else 0.0
    if len(rest) and rest_median > 0:
        ratio = median / rest_median
        rest_medians = _bootstrap_medians(rest, rng)
        ratios = inside_medians / np.where(rest_medians > 0, rest_medians, np.nan)
        ratio_ci = _interval(ratios[~np.isnan(ratios)])
    return GroupStat(
        dimension, group, len(inside), median, _interval(inside_medians), ratio, ratio_ci, ranked
    )


def _bootstrap_medians(values: np.ndarray, rng) -> np.ndarray:
    if len(values) > BOOTSTRAP_CAP:
        values = rng.choice(values, BOOTSTRAP_CAP, replace=False)
    samples = rng.choice(values, size=(BOOTSTRAP, len(values)), replace=True)
    return np.median(samples, axis=1)


def _interval(samples: np.ndarray) -> tuple[float, float]:
    if len(samples) == 0:
        return (math.nan, math.nan)
    low, high = np.percentile(samples, [2.5, 97.5])
    return (float(low), float(high))


def notable(groups: list[GroupStat]) -> list[GroupStat]:
    """Groups whose ratio to the rest of the feed is clear of 1, the strongest effect first.
    Of a dimension with two groups only the stronger is kept: the other is its mirror."""
    by_dimension: dict[str, list[GroupStat]] = {}
    for stat in groups:
        by_dimension.setdefault(stat.dimension, []).append(stat)
    clear = []
    for stats in by_dimension.values():
        found = sorted((stat for stat in stats if _clear_of_one(stat)), key=_strength, reverse=True)
        clear += found[:1] if len(stats) == 2 else found
    return sorted(clear, key=_strength, reverse=True)


def _strength(stat: GroupStat) -> float:
    return abs(math.log(max(stat.ratio, 1e-9)))


def _clear_of_one(stat: GroupStat) -> bool:
    return (
        stat.ranked
        and stat.ratio is not None
        and stat.ratio_ci is not None
        and (stat.ratio_ci[0] > 1 or stat.ratio_ci[1] < 1)
    )


def group_name(dimension: str, group: str) -> str:
    """The group as a Russian reader knows it: «действие», not «action»."""
    return GROUP_VALUES_RU.get(dimension, {}).get(group, group)


def group_phrase(dimension: str, group: str) -> str:
    """The group named as posts in a sentence: «посты стадии «действие»», «безликие посты»."""
    return GROUP_PHRASES[dimension](group)


def _statement(stat: GroupStat, metric: str) -> str:
    low, high = stat.ratio_ci
    if low > 1:
        verdict, change = "работает", f"в {decimal(stat.ratio)} раза выше"
    else:
        verdict, change = "не работает", f"на {100 * (1 - stat.ratio):.0f}% ниже"
    return (
        f"{verdict}: {group_phrase(stat.dimension, stat.group)} — медианный {metric} {change}, "
        f"чем у остальных постов (отношение {decimal(stat.ratio)}, "
        f"95% ДИ {decimal(low)}–{decimal(high)}; n={stat.n})"
    )
