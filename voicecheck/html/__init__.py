"""The offline HTML report: one self-contained file, in Russian, that opens from file://.

``render_html(report, results)`` and ``render_comparison_html(reports, results)``
return the page as a string. Charts are inline SVG drawn by pygal in Python
(``charts.py``); styles and the one small script are inlined from ``static/``;
the posts go in as one JSON blob that the script turns into a sortable,
filterable table, writing every text with ``textContent``. A Content Security
Policy lets no request leave the page and no script run but the report's own.
"""

import base64
import hashlib
import json
import math
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from .. import __version__
from ..account import AccountReport
from ..account.findings import Finding
from ..account.render import SEVERITY_RU, comparison_rows, differences, quoted_signatures
from ..records import PostResult
from ..report import er_view
from ..wording import percent, posts_count, share_percent
from . import charts

# Flags for opening the report in headless Chromium on a machine with no network
# (the browser tests and bench/html_report.py use them).
HEADLESS_CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DETECTOR_CATEGORY = {"voice": "voice", "cases": "case", "cta": "cta", "tone": "imp"}
WEAK_LABELS = {"GENERIC_WE", "QUOTED", "HYPOTHETICAL"}
LABEL_RU = {
    "I": "голос: я",
    "WE": "голос: мы",
    "YOU": "обращение к читателю",
    "I_IMPLIED": "голос: я (по глаголу)",
    "WE_IMPLIED": "голос: мы (по глаголу)",
    "GENERIC_WE": "обобщённое «мы» (не считается)",
    "QUOTED": "первое лицо в цитате (не считается)",
    "WE_INCLUSIVE": "«мы» вместе с читателем",
    "CLIENT": "кейс: клиент",
    "PERSON": "кейс: конкретный человек",
    "ACTION": "кейс: действие автора",
    "RESULT": "кейс: результат",
    "NUMBER": "кейс: число",
    "TIMEFRAME": "кейс: срок",
    "BEFORE_AFTER": "кейс: до и после",
    "REVIEW": "кейс: отзыв",
    "CASE_TAG": "кейс: помечен автором (#кейс)",
    "HYPOTHETICAL": "гипотетическая рамка (отменяет кейс)",
    "ASK": "призыв: купить, записаться",
    "ENGAGE": "призыв к реакции",
    "PRICE": "цена",
    "PROMO": "промокод, скидка",
    "DEADLINE": "срок предложения",
    "LINK": "ссылка",
    "FREE": "бесплатно",
    "NOMINAL_CHAIN": "безлично: цепочка существительных",
    "BUREAUCRATIC": "безлично: канцелярит",
    "SPLIT_PREDICATE": "безлично: расщеплённое сказуемое",
    "PASSIVE": "безлично: пассив",
    "IMPERSONAL_MODAL": "безлично: «рекомендуется» + инфинитив",
    "STAMP": "безлично: штамп",
}
STATUS_RU = {
    "empty": "пустой пост",
    "too_long": "слишком длинный",
    "unreadable": "не прочитан",
    "skipped": "служебное сообщение",
}


@dataclass
class AccountView:
    name: str
    cards: list[tuple[str, str, str]]
    findings: list[Finding]
    topics: charts.Chart
    heatmap: charts.Chart
    read: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    works: list[str] = field(default_factory=list)


def render_html(report: AccountReport, results: list[PostResult]) -> str:
    """The account report and its posts as one offline HTML page."""
    return _render([report], [results], compare=False)


def render_comparison_html(reports: list[AccountReport], results: list[list[PostResult]]) -> str:
    """Several accounts side by side, the first being ours, as one offline HTML page."""
    return _render(reports, results, compare=True)


def _render(reports: list[AccountReport], results: list[list[PostResult]], *, compare: bool) -> str:
    script = _static("report.js")
    names = charts.account_names(reports)
    context = {
        "title": _title(names, compare),
        "compare": compare,
        "version": __version__,
        "accounts": [_account_view(n, r, p) for n, r, p in zip(names, reports, results, strict=True)],
        "stage_chart": charts.share_chart(reports, kind="stage"),
        "type_chart": charts.share_chart(reports, kind="type"),
        "drift_chart": charts.drift_chart(reports),
        "er_charts": charts.engagement_charts(reports),
        "rows": comparison_rows(reports) if compare else [],
        "differences": differences(reports) if compare else [],
        "severity_ru": SEVERITY_RU,
        "style": _static("report.css"),
        "script": script,
        "script_hash": base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii"),
        "data": _json_for_script(_posts_data(names, reports, results)),
        "er_column": _er_column(reports),
    }
    return _environment().get_template("report.html.j2").render(context)


def _title(names: list[str], compare: bool) -> str:
    if compare:
        return "Сравнение аккаунтов: " + " — ".join(names)
    return f"Аудит аккаунта «{names[0]}»"


def _account_view(name: str, report: AccountReport, results: list[PostResult]) -> AccountView:
    heatmap = charts.heatmap_chart(report, results)
    return AccountView(
        name=name,
        cards=_cards(report),
        findings=report.findings,
        topics=charts.topics_chart(report),
        heatmap=heatmap,
        read=report.input_notes,
        skipped=_skipped(report, results, heatmap),
        works=report.engagement.works,
    )


def _cards(report: AccountReport) -> list[tuple[str, str, str]]:
    period, focus, trust, engagement = report.period, report.focus, report.trust, report.engagement
    median = engagement.medians.get(engagement.metric or "")
    return [
        ("Постов", f"{report.posts_analysed:,}".replace(",", " "), f"из {report.posts_read} прочитанных"),
        (
            "Период",
            f"{period['from']} — {period['to']}" if period.get("from") else "—",
            f"дата есть у {posts_count(period['posts_with_dates'], 'gent')}"
            if period.get("from")
            else "нет дат",
        ),
        (
            "Индекс фокуса",
            f"{focus.focus_index:.0f}/100" if focus.focus_index is not None else "—",
            f"вне ядра {len(focus.off_core)} из {posts_count(focus.posts, 'gent')}{_signature_note(focus)}"
            if focus.focus_index is not None
            else focus.note,
        ),
        (
            f"Медианный {engagement.metric}" if median else "Медианный ER",
            percent(median["median"]) if median else "—",
            f"знаменатель: {engagement.denominator}; n={median['n']}" if median else "нет метрик в выгрузке",
        ),
        *(
            (f"Медианный {name}", percent(other["median"]), f"{note}; n={other['n']}")
            for name, other, note in engagement.other_medians()
        ),
        (
            "Безликость",
            f"{trust.impersonality_index:.0f}/100",
            f"безликих постов {share_percent(trust.impersonal_share)} (n={trust.posts})",
        ),
    ]


def _signature_note(focus) -> str:
    """The signature lines left out of the topics, so a reader knows why they are missing."""
    if not focus.signature_texts:
        return ""
    return "; подпись постов не считается темой: " + ", ".join(quoted_signatures(focus, 2))


def _skipped(report: AccountReport, results: list[PostResult], heatmap: charts.Chart) -> list[str]:
    notes = [*report.left_empty, *report.engagement.skipped]
    statuses = Counter(STATUS_RU.get(r.status, r.status) for r in results if not r.ok)
    if statuses:
        why = ", ".join(f"{status} — {n}" for status, n in statuses.most_common())
        skipped = posts_count(sum(statuses.values()))
        notes.append(f"не проанализировано: {skipped} ({why}); они есть в таблице")
    if not heatmap.svg:
        notes.append(heatmap.note)
    if report.focus.focus_index is None:
        notes.append(f"смысловое ядро не посчитано: {report.focus.note}")
    return notes


def _er_column(reports: list[AccountReport]) -> str:
    """The posts table's ER: ERpost when every account is measured by it (no views, and
    --followers given), else ERview."""
    return "ERpost" if all(r.engagement.metric == "ERpost" for r in reports) else "ERview"


def _posts_data(names: list[str], reports: list[AccountReport], results: list[list[PostResult]]) -> dict:
    posts, topics = [], []
    for account, (report, account_results) in enumerate(zip(reports, results, strict=True)):
        topics.append([{"id": t.id, "label": t.label, "core": t.core} for t in report.focus.topics])
        off_core = set(report.focus.off_core)
        er = report.engagement.per_post if _er_column(reports) == "ERpost" else er_view
        for result in account_results:
            posts.append(post_record(result, account, report.focus.topic_of, off_core, er))
    return {"accounts": names, "topics": topics, "labels": LABEL_RU, "statuses": STATUS_RU, "posts": posts}


def post_record(result: PostResult, account: int, topic_of: dict, off_core: set, er=er_view) -> dict:
    """One post for the table, with short keys; span offsets in UTF-16 code units, as JS counts;
    ``er``: the post's ER by the table's metric."""
    record = {"i": result.index, "id": result.id, "a": account, "d": result.date, "t": result.text}
    if not result.ok:
        return record | {"s": result.status, "r": result.reason}
    stage, kind = result.stage, result.type
    return record | {
        "st": stage.label if stage else "",
        "sp": _number(stage.probability, 2) if stage else None,
        "sl": int(stage.low_confidence) if stage else 0,
        "ty": kind.label if kind else "",
        "v": result.voice,
        "c": result.case or 0,
        "cta": result.cta or 0,
        "of": result.offer or 0,
        "imp": result.impersonal or 0,
        "is": result.impersonality,
        "er": _number(er(result), 5),
        "w": result.words,
        "tp": topic_of.get(result.id),
        "oc": int(result.id in off_core),
        "e": _spans(result),
    }


def _number(value: float | None, digits: int) -> float | None:
    return None if value is None or not math.isfinite(value) else round(float(value), digits)


def _spans(result: PostResult) -> list[list]:
    units = _utf16_offsets(result.text)
    return [
        [
            units[e.start] if units else e.start,
            units[e.end] if units else e.end,
            DETECTOR_CATEGORY.get(e.detector, e.detector) + (" weak" if e.label in WEAK_LABELS else ""),
            e.label,
        ]
        for e in result.evidence
        if 0 <= e.start < e.end <= len(result.text)
    ]


def _utf16_offsets(text: str) -> list[int] | None:
    """Python counts code points, JavaScript UTF-16 units: they differ after an emoji."""
    if not text or max(text) < "\U00010000":
        return None
    offsets = [0]
    for char in text:
        offsets.append(offsets[-1] + (2 if char >= "\U00010000" else 1))
    return offsets


def _json_for_script(data: dict) -> str:
    """JSON safe inside <script type="application/json">: no "</", no "<!--", no markup at all."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False, default=_plain)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _plain(value):
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def _static(name: str) -> str:
    return resources.files(__package__).joinpath("static", name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _environment():
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader(__package__, "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


__all__ = ["render_comparison_html", "render_html"]
