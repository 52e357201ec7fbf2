"""The account report and the comparison of accounts, as text for a terminal."""

from ..wording import STAGE_RU, TYPE_RU, decimal, one_line, percent, posts_count, share_percent
from . import AccountReport
from .engagement import MIN_GROUP, GroupStat
from .focus import MIN_MONTH_POSTS, FocusReport

SEVERITY_RU = {
    "high": "серьёзно",
    "medium": "заметно",
    "low": "слабо",
    "ok": "в порядке",
    "n/a": "не видно по постам",
}
FOCUS_GAP = 10  # focus index points
SHARE_GAP = 0.10  # shares
ER_GAP = 1.3  # ratio of median ER


def render_report(report: AccountReport) -> str:
    lines = [_header(report), ""]
    lines += _note_lines("Как прочитан файл", report.input_notes)
    lines += _note_lines("Пропущено при чтении", report.left_empty)
    lines += _focus_lines(report)
    lines += _funnel_lines(report)
    lines += _trust_lines(report)
    lines += _engagement_lines(report)
    lines += _finding_lines(report)
    return "\n".join(lines) + "\n"


def _header(report: AccountReport) -> str:
    period = report.period
    when = f", {period['from']} — {period['to']}" if period.get("from") else ""
    name = f"«{report.account}»: " if report.account else ""
    read = posts_count(report.posts_read, "gent")
    return f"== Аудит аккаунта {name}{report.posts_analysed} из {read}{when}"


def _note_lines(title: str, notes: list[str]) -> list[str]:
    return [f"{title}:", *(f"  {note}" for note in notes), ""] if notes else []


def _focus_lines(report: AccountReport) -> list[str]:
    focus = report.focus
    if focus.focus_index is None:
        return ["Смысловое ядро: " + focus.note, ""]
    off_core = posts_count(len(focus.off_core))
    lines = [f"Смысловое ядро: индекс фокуса {focus.focus_index:.0f}/100, вне ядра {off_core}"]
    for topic in focus.topics[:8]:
        mark = "ядро" if topic.core else "    "
        lines.append(
            f"  {mark} {share_percent(topic.share):>4}  {topic.label}  (примеры: {', '.join(topic.examples)})"
        )
    if focus.signature_texts:
        lines.append("  подписи постов (не тема): " + "; ".join(quoted_signatures(focus, 3)))
    drift = [d for d in focus.drift if d["focus_index"] is not None]
    if drift:
        lines.append("  по месяцам: " + ", ".join(f"{d['month']} {d['focus_index']:.0f}" for d in drift))
    thin = [d["month"] for d in focus.drift if d["focus_index"] is None]
    if thin:
        lines.append(f"  не оценены, меньше {MIN_MONTH_POSTS} постов: " + ", ".join(thin))
    return [*lines, ""]


def quoted_signatures(focus: FocusReport, count: int) -> list[str]:
    """The first ``count`` signature lines as the feed writes them, each on one line, quoted."""
    return [f"«{one_line(text)}»" for text in focus.signature_texts[:count]]


def _funnel_lines(report: AccountReport) -> list[str]:
    funnel = report.funnel
    stages = ", ".join(f"{STAGE_RU[s]} {share_percent(v)}" for s, v in funnel.stage_share.items())
    types = ", ".join(f"{TYPE_RU[t]} {share_percent(v)}" for t, v in funnel.type_share.items())
    lines = [f"Воронка: {stages}", f"Контент: {types}"]
    if funnel.offers:
        lines.append(
            f"  продающих без доверия перед ними: {len(funnel.offers_without_trust)} из {funnel.offers}"
        )
    return [*lines, ""]


def _trust_lines(report: AccountReport) -> list[str]:
    trust = report.trust
    return [
        f"Доверие: я {share_percent(trust.voice_share['i'])}, мы {share_percent(trust.voice_share['we'])}, "
        f"кейсы {share_percent(trust.case_share)}, призывы {share_percent(trust.cta_share)}, "
        f"безликие {share_percent(trust.impersonal_share)} "
        f"(индекс безликости {trust.impersonality_index:.0f}/100)",
        "",
    ]


def _engagement_lines(report: AccountReport) -> list[str]:
    engagement = report.engagement
    if engagement.metric is None:
        return ["Вовлечённость: пропущено — " + "; ".join(engagement.skipped), ""]
    median = engagement.medians[engagement.metric]
    lines = [
        f"Вовлечённость: медианный {engagement.metric} {percent(median['median'])} "
        f"(знаменатель: {engagement.denominator}; n={median['n']})",
        *_no_reaction_lines(median),
        *(
            f"  медианный {name} {percent(other['median'])} ({note}; n={other['n']})"
            for name, other, note in engagement.other_medians()
        ),
    ]
    lines += [f"  {statement}" for statement in engagement.works[:6]]
    lines += [f"  пропущено: {reason}" for reason in engagement.skipped]
    return [*lines, ""]


def _no_reaction_lines(median: dict) -> list[str]:
    """How many posts drew no reaction at all: with most of them silent, a median of 0 hides
    how much the rest earn."""
    zero = median.get("zero", 0)
    if not zero:
        return []
    share = share_percent(zero / median["n"])
    lines = [f"  без единой реакции: {posts_count(zero)} из {median['n']} ({share})"]
    if median["median"] == 0:
        lines.append("  медиана 0: больше половины постов без реакций, сравнивайте долю постов с реакциями")
    return lines


def _finding_lines(report: AccountReport) -> list[str]:
    lines = ["Выводы (семь ошибок SMM):"]
    for finding in report.findings:
        lines.append(f"  {finding.mistake}. [{SEVERITY_RU[finding.severity]}] {finding.title}")
        lines += [f"     — {item}" for item in finding.evidence]
        if finding.examples:
            lines.append(f"     посты: {', '.join(finding.examples)}")
        if finding.recommendation:
            lines.append(f"     → {finding.recommendation}")
    return lines


def comparison_rows(reports: list[AccountReport]) -> list[tuple[str, list[str]]]:
    rows = [
        ("постов", [str(r.posts_analysed) for r in reports]),
        ("индекс фокуса", [_number(r.focus.focus_index) for r in reports]),
    ]
    for stage, name in STAGE_RU.items():
        rows.append((f"стадия: {name}", [share_percent(r.funnel.stage_share.get(stage)) for r in reports]))
    for kind, name in TYPE_RU.items():
        rows.append((f"тип: {name}", [share_percent(r.funnel.type_share.get(kind)) for r in reports]))
    rows += [
        ("от первого лица", [share_percent(r.trust.first_person_share) for r in reports]),
        ("с кейсами", [share_percent(r.trust.case_share) for r in reports]),
        ("безликие", [share_percent(r.trust.impersonal_share) for r in reports]),
        ("медианный ERview", [_er(r, "ERview") for r in reports]),
        ("без реакций", [share_percent(_no_reaction_share(r)) for r in reports]),
    ]
    metric = _group_metric(reports)
    if metric:
        rows += [
            (f"{metric}: {name}", [_type_er(r, kind, metric) for r in reports])
            for kind, name in TYPE_RU.items()
        ]
    return rows


def _group_metric(reports: list[AccountReport]) -> str | None:
    """The metric the accounts' groups were measured by, if those with metrics share one."""
    metrics = {r.engagement.metric for r in reports} - {None}
    return metrics.pop() if len(metrics) == 1 else None


def _type_group(report: AccountReport, kind: str) -> GroupStat | None:
    return next((g for g in report.engagement.groups if g.dimension == "type" and g.group == kind), None)


def _type_er(report: AccountReport, kind: str, metric: str) -> str:
    stat = _type_group(report, kind) if report.engagement.metric == metric else None
    return "—" if stat is None else f"{percent(stat.median)} n={stat.n}"


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


def _no_reaction_share(report: AccountReport) -> float | None:
    """Share of the posts with views that drew no reaction; None without ERview."""
    median = report.engagement.medians.get("ERview")
    return median["zero"] / median["n"] if median and "zero" in median else None


def _er(report: AccountReport, metric: str) -> str:
    median = report.engagement.medians.get(metric)
    return "—" if median is None else percent(median["median"])


def differences(reports: list[AccountReport]) -> list[str]:
    """What differs enough to matter between the first account and each of the others."""
    ours, notes = reports[0], []
    for theirs in reports[1:]:
        notes += _focus_gap(ours, theirs) + _share_gaps(ours, theirs) + _er_gap(ours, theirs)
        notes += _type_er_gaps(ours, theirs)
    return notes


def _focus_gap(ours: AccountReport, theirs: AccountReport) -> list[str]:
    a, b = ours.focus.focus_index, theirs.focus.focus_index
    if a is None or b is None or not _apart(a, b, FOCUS_GAP):
        return []
    better = ours.account if a > b else theirs.account
    return [f"фокус: {ours.account} {a:.0f} против {theirs.account} {b:.0f} — ядро яснее у «{better}»"]


def _share_gaps(ours: AccountReport, theirs: AccountReport) -> list[str]:
    pairs = [
        *(
            (f"доля стадии «{STAGE_RU[s]}»", ours.funnel.stage_share[s], theirs.funnel.stage_share[s])
            for s in STAGE_RU
        ),
        *(
            (f"доля типа «{TYPE_RU[t]}»", ours.funnel.type_share[t], theirs.funnel.type_share[t])
            for t in TYPE_RU
        ),
        ("посты от первого лица", ours.trust.first_person_share, theirs.trust.first_person_share),
        ("посты с кейсами", ours.trust.case_share, theirs.trust.case_share),
        ("безликие посты", ours.trust.impersonal_share, theirs.trust.impersonal_share),
    ]
    return [
        f"{name}: {ours.account} {share_percent(a)} против {theirs.account} {share_percent(b)}"
        for name, a, b in pairs
        if _apart(a, b, SHARE_GAP)
    ]


def _apart(a: float, b: float, gap: float) -> bool:
    """At least ``gap`` apart, a gap that floating point leaves a hair short included
    (0.9 − 0.8 is 0.0999…, and 80% against 90% is 10 points)."""
    return abs(a - b) >= gap - 1e-9


def _er_gap(ours: AccountReport, theirs: AccountReport) -> list[str]:
    a = ours.engagement.medians.get("ERview")
    b = theirs.engagement.medians.get("ERview")
    if not a or not b:
        return []
    notes = _median_gap("медианный ERview", ours.account, a["median"], theirs.account, b["median"])
    silent_a, silent_b = _no_reaction_share(ours), _no_reaction_share(theirs)
    if silent_a is not None and silent_b is not None and _apart(silent_a, silent_b, SHARE_GAP):
        notes.append(
            f"посты без реакций: {ours.account} {share_percent(silent_a)} против {theirs.account} "
            f"{share_percent(silent_b)} (метрики сняты в разное время)"
        )
    return notes


def _type_er_gaps(ours: AccountReport, theirs: AccountReport) -> list[str]:
    """Content types whose median engagement differs by ``ER_GAP`` or more, where both
    accounts were measured by the same metric and have at least ``MIN_GROUP`` such posts."""
    metric = ours.engagement.metric
    if metric is None or metric != theirs.engagement.metric:
        return []
    notes = []
    for kind, name in TYPE_RU.items():
        a, b = _type_group(ours, kind), _type_group(theirs, kind)
        if a and b and min(a.n, b.n) >= MIN_GROUP:
            label = f"{metric} постов типа «{name}» (n={a.n} и {b.n})"
            notes += _median_gap(label, ours.account, a.median, theirs.account, b.median)
    return notes


def _median_gap(label: str, ours: str, a: float, theirs: str, b: float) -> list[str]:
    """A note when two medians are ``ER_GAP`` or more apart (or one of them is 0)."""
    if a == b or (a and b and not _apart(max(a, b) / min(a, b), 1.0, ER_GAP - 1)):  # 0.013 / 0.01 is 1.2999…
        return []
    times = f"в {decimal(max(a / b, b / a), 1)} раза; " if a and b else ""
    return [
        f"{label}: {ours} {percent(a)} против {theirs} {percent(b)} ({times}метрики сняты в разное время)"
    ]


def render_comparison(reports: list[AccountReport]) -> str:
    names, rows = [r.account for r in reports], comparison_rows(reports)
    width = max(12, *(len(n) for n in names))
    labels = max(len(label) for label, _ in rows) + 1
    lines = ["== Сравнение аккаунтов", " " * labels + "".join(f"{n[:width]:>{width + 2}}" for n in names)]
    for label, values in rows:
        lines.append(f"{label:<{labels}}" + "".join(f"{v:>{width + 2}}" for v in values))
    notes = differences(reports)
    lines += ["", "Главные различия:" if notes else "Существенных различий нет."]
    lines += [f"  — {note}" for note in notes]
    return "\n".join(lines) + "\n"
