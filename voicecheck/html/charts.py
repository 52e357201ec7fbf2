"""Charts of the HTML report, drawn by pygal as inline SVG.

pygal writes the SVG in Python (no JavaScript is needed to draw it) and escapes
every label through ElementTree. Its tooltip script is loaded from a CDN by
default, so ``js=[]`` turns it off and ``_offline_svg`` strips the config
script and comments; each value carries a native SVG ``<title>`` tooltip instead.
"""

from collections import defaultdict
from dataclasses import dataclass

from ..account import AccountReport
from ..account.engagement import (
    GROUP_NAMES,
    LENGTHS,
    LONGREAD,
    MIN_GROUP,
    WEEKDAYS,
    group_name,
    has_time,
    parse_datetime,
)
from ..account.focus import MIN_MONTH_POSTS
from ..account.funnel import STAGES, TYPES
from ..records import PostResult
from ..wording import STAGE_RU, TYPE_RU, decimal, percent, posts_count, share_percent

FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", Arial, sans-serif'
PALETTE = ("#2f6db5", "#e07b39", "#3a9a5b", "#b84a7a", "#7a5cc4", "#8a7b3a")
MUTED = "#b9c0c8"
HEAT_LOW, HEAT_HIGH = (222, 235, 247), (8, 69, 148)
HEAT_NONE = "#c5c9ce"
WIDTH = 640
HEAT_WIDTH = 1000
TOPIC_LABEL_CHARS = 42


@dataclass
class Chart:
    key: str
    title: str
    svg: str
    note: str = ""


def _style():
    from pygal.style import Style

    return Style(
        font_family=FONT,
        background="transparent",
        plot_background="transparent",
        foreground="#222",
        foreground_strong="#111",
        foreground_subtle="#666",
        colors=PALETTE,
        opacity=".85",
        opacity_hover="1",
        label_font_size=12,
        major_label_font_size=12,
        value_font_size=12,
        legend_font_size=13,
        tooltip_font_size=13,
        no_data_font_size=20,
    )


def _config(**options) -> dict:
    base = {
        "style": _style(),
        "js": [],
        "disable_xml_declaration": True,
        "width": WIDTH,
        "height": 320,
        "margin": 12,
        "legend_at_bottom": True,
        "no_data_text": "нет данных",
        "print_values": False,
    }
    return base | options


def _offline_svg(chart, title: str) -> str:
    """Render with no script, no comment and the chart's own title."""

    def clean(root):
        for parent in list(root.iter()):
            for child in list(parent):
                tag = child.tag if isinstance(child.tag, str) else ""
                if not tag or tag.rsplit("}", 1)[-1] == "script":
                    parent.remove(child)
                elif tag.rsplit("}", 1)[-1] == "title" and parent is root:
                    child.text = title
        root.set("role", "img")
        root.set("aria-label", title)
        return root

    chart.add_xml_filter(clean)
    return chart.render()


def account_names(reports: list[AccountReport]) -> list[str]:
    return [r.account or f"аккаунт {n + 1}" for n, r in enumerate(reports)]


def share_chart(reports: list[AccountReport], *, kind: str) -> Chart:
    """Stage mix (kind="stage") or content mix (kind="type"), a series per account."""
    import pygal

    labels, names = (STAGES, STAGE_RU) if kind == "stage" else (TYPES, TYPE_RU)
    title = "Стадии воронки" if kind == "stage" else "Типы контента"
    chart = pygal.Bar(
        **_config(show_legend=len(reports) > 1, print_values=True, value_formatter=lambda v: f"{v:.0f}%")
    )
    chart.x_labels = [names[label] for label in labels]
    for name, report in zip(account_names(reports), reports, strict=True):
        shares = report.funnel.stage_share if kind == "stage" else report.funnel.type_share
        posts = report.funnel.posts
        chart.add(
            name,
            [
                {
                    "value": 100 * shares.get(label, 0.0),
                    "tooltip": f"{name}: {names[label]} — {share_percent(shares.get(label))} "
                    f"({round(shares.get(label, 0.0) * posts)} из {posts})",
                }
                for label in labels
            ],
        )
    return Chart(kind, title, _offline_svg(chart, title))


def topics_chart(report: AccountReport) -> Chart:
    """The account's topics by share of posts; core topics in colour, the rest grey."""
    import pygal

    title = "Темы и смысловое ядро"
    focus = report.focus
    if not focus.topics:
        return Chart("topics", title, "", note=focus.note or "тем нет")
    topics = focus.topics[:12]
    chart = pygal.HorizontalBar(
        **_config(
            show_legend=False,
            print_values=True,
            value_formatter=lambda v: f"{v:.0f}%",
            height=max(200, 34 * len(topics) + 60),
            truncate_label=TOPIC_LABEL_CHARS,
        )
    )
    chart.x_labels = [("● " if t.core else "○ ") + t.label for t in reversed(topics)]
    chart.add(
        "доля постов",
        [
            {
                "value": 100 * t.share,
                "color": PALETTE[0] if t.core else MUTED,
                "tooltip": f"{'ядро' if t.core else 'вне ядра'}: {t.label} — {share_percent(t.share)} "
                f"({posts_count(t.posts)}; примеры: {', '.join(t.examples)})",
            }
            for t in reversed(topics)
        ],
    )
    return Chart("topics", title, _offline_svg(chart, title), note="● — тема ядра, ○ — вне ядра")


def engagement_charts(reports: list[AccountReport]) -> list[Chart]:
    """Median ER by group with its bootstrap 95% interval, one chart per dimension."""
    charts = []
    for dimension, label in GROUP_NAMES.items():
        chart = _group_chart(reports, dimension, label)
        if chart is not None:
            charts.append(chart)
    return charts


def _group_chart(reports: list[AccountReport], dimension: str, label: str) -> Chart | None:
    import pygal

    per_account = [{g.group: g for g in r.engagement.groups if g.dimension == dimension} for r in reports]
    groups = sorted({name for stats in per_account for name in stats}, key=_group_order(dimension))
    if not groups:
        return None
    metric = next((r.engagement.metric for r in reports if r.engagement.metric), "ER")
    single = len(reports) == 1
    title = f"Медианный {metric} по группе «{label}»"
    series = [
        (name, [_group_value(stats.get(g), name, single) for g in groups])
        for name, stats in zip(account_names(reports), per_account, strict=True)
    ]
    top = max(max(v["value"], v.get("ci", {}).get("high", 0)) for _, vs in series for v in vs if v)
    chart = pygal.Bar(
        **_config(
            show_legend=not single,
            height=280,
            truncate_label=-1,
            range=(0, 1.05 * top if top > 0 else 1),
            value_formatter=lambda v: f"{decimal(v)}%",
        )
    )
    chart.x_labels = [group_name(dimension, g) for g in groups]
    for name, values in series:
        chart.add(name, values)
    note = (
        "усы — 95% доверительный интервал медианы (бутстрэп); серые столбцы не ранжируются: "
        "в группе или среди остальных постов меньше 8"
    )
    return Chart(f"er-{dimension}", title, _offline_svg(chart, title), note=note)


def _group_order(dimension: str):
    lengths = (*(name for _, name in LENGTHS), LONGREAD)
    order = {"stage": STAGES, "type": TYPES, "weekday": WEEKDAYS, "length": lengths}.get(dimension)
    if order:
        return lambda g: (order.index(g) if g in order else len(order), g)
    return lambda g: g


# Why a group is shown but not ranked: too few posts in it, or too few in the rest of the feed.
UNRANKED = {False: "; мало постов, не ранжируется", True: "; остальных постов мало, не ранжируется"}


def _group_value(stat, name: str, single: bool) -> dict | None:
    if stat is None:
        return None
    value: dict = {"value": 100 * stat.median}
    low, high = stat.ci
    if low == low and high == high:  # not NaN
        value["ci"] = {"low": 100 * low, "high": 100 * high}
    ratio = (
        f"; к остальным ×{decimal(stat.ratio)}"
        + (f" (95% ДИ {decimal(stat.ratio_ci[0])}–{decimal(stat.ratio_ci[1])})" if stat.ratio_ci else "")
        if stat.ratio is not None
        else ""
    )
    ranked = "" if stat.ranked else UNRANKED[stat.n >= MIN_GROUP]
    interval = f"95% ДИ {decimal(100 * low)}–{percent(high)}; " if "ci" in value else ""
    value["tooltip"] = (
        f"{name}: {group_name(stat.dimension, stat.group)} — медиана {percent(stat.median)} "
        f"({interval}n={stat.n}){ratio}{ranked}"
    )
    if single and not stat.ranked:
        value["color"] = MUTED
    return value


def heatmap_chart(report: AccountReport, results: list[PostResult]) -> Chart:
    """Weekday × hour: the dot's size is the number of posts, its colour the median of the
    report's metric (ERview, or ERpost when the feed has no views but --followers is given)."""
    import pygal

    title = "Когда публикуются посты и как на них реагируют"
    metric = report.engagement.metric or "ERview"
    cells, with_time = _heat_cells(results, report.engagement.per_post)
    if not cells:
        return Chart("heatmap", title, "", note="в выгрузке нет дат: карта не построена")
    hours = list(range(24)) if with_time else [0]
    medians = [m for cell in cells.values() if (m := _median(cell[1])) is not None]
    low, high = (min(medians), max(medians)) if medians else (0.0, 0.0)
    chart = pygal.Dot(**_config(show_legend=False, width=HEAT_WIDTH, height=300, x_label_rotation=0))
    chart.x_labels = [str(h) for h in hours] if with_time else ["весь день"]
    for day, name in enumerate(WEEKDAYS):
        chart.add(
            name, [_heat_value(cells.get((day, h)), name, h, with_time, low, high, metric) for h in hours]
        )
    note = f"размер точки — число постов, цвет — медианный {metric} (светлее — ниже, темнее — выше)"
    if not with_time:
        note += "; в датах нет времени: только дни недели"
    if not medians:
        note += "; нет ни просмотров, ни --followers: цвет не показан"
    else:
        note += f"; шкала {percent(low)} — {percent(high)}"
    return Chart("heatmap", title, _offline_svg(chart, title), note=note)


def _heat_cells(results: list[PostResult], metric) -> tuple[dict, bool]:
    cells: dict[tuple[int, int], tuple[int, list]] = {}
    counts: dict = defaultdict(int)
    values: dict = defaultdict(list)
    stamps = [(r, when) for r in results if r.ok and (when := parse_datetime(r.date)) is not None]
    with_time = any(when.hour or when.minute for _, when in stamps)
    if with_time:  # posts with a day alone have no hour to sit in, not midnight
        stamps = [(r, when) for r, when in stamps if has_time(r.date)]
    for result, when in stamps:
        key = (when.weekday(), when.hour if with_time else 0)
        counts[key] += 1
        if (value := metric(result)) is not None:
            values[key].append(value)
    for key, n in counts.items():
        cells[key] = (n, values[key])
    return cells, with_time


def _median(values: list[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def _heat_value(
    cell, day: str, hour: int, with_time: bool, low: float, high: float, metric: str
) -> dict | None:
    if cell is None:
        return None
    n, values = cell
    median = _median(values)
    when = f"{day}, {hour:02d}:00–{hour:02d}:59" if with_time else day
    er = f", медианный {metric} {percent(median)} (n={len(values)})" if median is not None else ""
    return {"value": n, "color": _heat_colour(median, low, high), "tooltip": f"{when}: {posts_count(n)}{er}"}


def _heat_colour(value: float | None, low: float, high: float) -> str:
    if value is None:
        return HEAT_NONE
    share = 0.5 if high <= low else (value - low) / (high - low)
    r, g, b = (round(a + (z - a) * share) for a, z in zip(HEAT_LOW, HEAT_HIGH, strict=True))
    return f"#{r:02x}{g:02x}{b:02x}"


def drift_chart(reports: list[AccountReport]) -> Chart:
    """The focus index of each month with at least 5 posts, a line per account."""
    import pygal

    title = "Дрейф фокуса по месяцам"
    months = sorted({d["month"] for r in reports for d in r.focus.drift})
    if not months:
        return Chart("drift", title, "", note="в выгрузке нет дат по месяцам: дрейф не посчитан")
    chart = pygal.Line(
        **_config(
            show_legend=len(reports) > 1,
            height=280,
            range=(0, 100),
            allow_interruptions=True,
            x_label_rotation=-30 if len(months) > 8 else 0,
            show_minor_x_labels=len(months) <= 24,
            x_labels_major_every=max(1, len(months) // 12),
        )
    )
    chart.x_labels = months
    for name, report in zip(account_names(reports), reports, strict=True):
        by_month = {d["month"]: d for d in report.focus.drift}
        chart.add(name, [_drift_value(by_month.get(m), name) for m in months])
    note = f"индекс фокуса 0–100 за месяц; месяцы, где меньше {MIN_MONTH_POSTS} постов, пропущены"
    return Chart("drift", title, _offline_svg(chart, title), note=note)


def _drift_value(point: dict | None, name: str) -> dict | None:
    if point is None or point["focus_index"] is None:
        return None
    return {
        "value": point["focus_index"],
        "tooltip": f"{name}, {point['month']}: индекс фокуса {point['focus_index']:.0f} "
        f"({posts_count(point['posts'])})",
    }
