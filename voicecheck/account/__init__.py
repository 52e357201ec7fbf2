"""The account audit: topic focus, funnel, trust, engagement and findings.

``build_report(results)`` reads only ``PostResult`` records (no Docs), so it runs
after the per-post pass and its memory is that of the results.
"""

from dataclasses import asdict, dataclass, field

from ..records import PostResult
from .engagement import EngagementReport, analyse_engagement, parse_datetime
from .findings import Finding, all_findings
from .focus import FocusReport, analyse_focus
from .funnel import FunnelReport, TrustReport, analyse_funnel, analyse_trust

SCHEMA_VERSION = 3
FUNNEL_ROLE_STAGES = ("trust", "action")


@dataclass
class AccountReport:
    account: str
    posts_read: int
    posts_analysed: int
    period: dict
    focus: FocusReport
    funnel: FunnelReport
    trust: TrustReport
    engagement: EngagementReport
    findings: list[Finding]
    left_empty: list[str] = field(default_factory=list)  # input values that could not be used
    input_notes: list[str] = field(default_factory=list)  # how the input was read, where unexpected

    def to_dict(self) -> dict:
        data = asdict(self)
        data["focus"].pop("topic_of", None)
        return {"schema_version": SCHEMA_VERSION, **data}


def build_report(
    results: list[PostResult],
    *,
    account: str = "",
    followers: int | None = None,
    left_empty: list[str] | None = None,
    input_notes: list[str] | None = None,
) -> AccountReport:
    """The account's audit; ``left_empty`` notes the input values that could not be used
    (``wording.left_empty_note`` of each ``Feed.unusable``), for the "what was skipped" notes;
    ``input_notes`` how the input was read where the user may not expect it
    (``wording.input_notes`` of the feed: columns found under other names, Excel dates)."""
    from ..nlp import natasha_models

    results = list(results)  # analyze_posts hands out an iterator; the report reads the posts several times
    focus = analyse_focus(results, natasha_models().embedding)
    funnel = analyse_funnel(results)
    trust = analyse_trust(results)
    engagement = analyse_engagement(results, followers=followers)
    return AccountReport(
        account=account,
        posts_read=len(results),
        posts_analysed=sum(1 for r in results if r.ok),
        period=_period(results),
        focus=focus,
        funnel=funnel,
        trust=trust,
        engagement=engagement,
        findings=all_findings(focus, funnel, trust, engagement, _proof_and_offers(results)),
        left_empty=list(left_empty or []),
        input_notes=list(input_notes or []),
    )


def _proof_and_offers(results: list[PostResult]) -> set[str]:
    """Ids of the trust and action posts: cases, reviews and offers serve the funnel even
    when their words stand apart from the account's topics."""
    return {r.id for r in results if r.ok and r.stage and r.stage.label in FUNNEL_ROLE_STAGES}


def _period(results: list[PostResult]) -> dict:
    dates = sorted(d for d in (parse_datetime(r.date) for r in results if r.ok) if d is not None)
    if not dates:
        return {"from": None, "to": None, "posts_with_dates": 0}
    return {
        "from": dates[0].date().isoformat(),
        "to": dates[-1].date().isoformat(),
        "posts_with_dates": len(dates),
    }


__all__ = ["AccountReport", "build_report"]
