"""Funnel coverage, content mix and the trust profile of an account."""

from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise

from ..records import PostResult

STAGES = ("awareness", "interest", "trust", "action")
TYPES = ("expert", "entertainment", "other")
THIN_SHARE = 0.10  # a stage under this share of posts is thin
TRUST_WINDOW = 5  # an offer with no trust post among the posts before it
FACELESS_EXAMPLES = 5


@dataclass
class FunnelReport:
    posts: int
    stage_share: dict[str, float]
    type_share: dict[str, float]
    missing_stages: list[str]
    thin_stages: list[str]
    offers: int
    offers_without_trust: list[str]  # ids of action posts with no trust post among the N before
    longest_runs: list[dict]
    expert_entertainment_switch_rate: float | None
    low_confidence_share: float


@dataclass
class TrustReport:
    posts: int
    voice_share: dict[str, float]
    first_person_share: float
    case_share: float
    cta_share: float
    impersonal_share: float
    impersonality_index: float
    most_faceless: list[dict] = field(default_factory=list)


def in_time_order(results: list[PostResult]) -> list[PostResult]:
    """Posts oldest first when every analysed post has a date, else in input order."""
    posts = [r for r in results if r.ok]
    if posts and all(r.date for r in posts):
        return sorted(posts, key=lambda r: (r.date, r.index))
    return posts


def post_share(count: int, total: int) -> float:
    """``count`` of ``total`` posts as a share rounded to 3 decimals, except where that
    would contradict the counts: 1 post of 2,500 is 0.0004, not 0, and 2,499 of them
    0.9996, not 1 (0 for no posts at all)."""
    if not total:
        return 0.0
    rounded = round(count / total, 3)
    if (rounded == 0 and count) or (rounded == 1 and count < total):
        return round(count / total, 6)
    return rounded


def _shares(values: list[str], labels: tuple[str, ...]) -> dict[str, float]:
    counts = Counter(values)
    return {label: post_share(counts.get(label, 0), len(values)) for label in labels}


def analyse_funnel(results: list[PostResult]) -> FunnelReport:
    posts = in_time_order(results)
    stages = [r.stage.label for r in posts if r.stage]
    types = [r.type.label for r in posts if r.type]
    stage_share = _shares(stages, STAGES)
    return FunnelReport(
        posts=len(posts),
        stage_share=stage_share,
        type_share=_shares(types, TYPES),
        missing_stages=[s for s in STAGES if stages and s not in stages],
        thin_stages=[s for s in STAGES if 0 < stage_share[s] < THIN_SHARE],
        offers=stages.count("action"),
        offers_without_trust=_offers_without_trust(posts),
        longest_runs=_longest_runs(posts),
        expert_entertainment_switch_rate=_switch_rate(types),
        low_confidence_share=post_share(
            len([r for r in posts if r.stage and r.stage.low_confidence]), len(posts)
        ),
    )


def _offers_without_trust(posts: list[PostResult]) -> list[str]:
    stages = [r.stage.label if r.stage else "" for r in posts]
    found = []
    for i, stage in enumerate(stages):
        before = stages[max(0, i - TRUST_WINDOW) : i]
        if stage == "action" and before and "trust" not in before:
            found.append(posts[i].id)
    return found


def _longest_runs(posts: list[PostResult], top: int = 3) -> list[dict]:
    runs: list[dict] = []
    start = 0
    stages = [r.stage.label if r.stage else "" for r in posts]
    for i in range(1, len(stages) + 1):
        if i == len(stages) or stages[i] != stages[start]:
            if stages[start]:
                runs.append(
                    {
                        "stage": stages[start],
                        "length": i - start,
                        "from": posts[start].id,
                        "to": posts[i - 1].id,
                    }
                )
            start = i
    return sorted(runs, key=lambda run: -run["length"])[:top]


def _switch_rate(types: list[str]) -> float | None:
    """How often consecutive expert/entertainment posts change between the two."""
    sequence = [t for t in types if t in ("expert", "entertainment")]
    if len(sequence) < 2:
        return None
    switches = sum(1 for a, b in pairwise(sequence) if a != b)
    return round(switches / (len(sequence) - 1), 3)


def analyse_trust(results: list[PostResult]) -> TrustReport:
    posts = [r for r in results if r.ok]
    n = len(posts) or 1
    voices = _shares([r.voice for r in posts], ("i", "we", "none"))
    first_person = sum(1 for r in posts if r.voice in ("i", "we"))
    faceless = sorted(posts, key=lambda r: -(r.impersonality or 0))[:FACELESS_EXAMPLES]
    return TrustReport(
        posts=len(posts),
        voice_share=voices,
        first_person_share=post_share(first_person, len(posts)),
        case_share=post_share(sum(1 for r in posts if r.case), len(posts)),
        cta_share=post_share(sum(1 for r in posts if r.cta), len(posts)),
        impersonal_share=post_share(sum(1 for r in posts if r.impersonal), len(posts)),
        impersonality_index=round(sum(r.impersonality or 0 for r in posts) / n, 1),
        most_faceless=[{"id": r.id, "impersonality": r.impersonality} for r in faceless if r.impersonal],
    )
