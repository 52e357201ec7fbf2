"""What a rule is and what it reads: ``Rule``, the ``Draft`` a check looks at, ``Hit``.

Nothing here imports spaCy, so the rule docs (``voicecheck rules``, ``voicecheck rule
CODE``) load instantly. A check reads a parsed Doc only through ``Draft``: the
detectors' spans (``doc.spans``) and features (``doc._.features``), the draft's
stage and type, and, with an account feed, how the draft fits the account's topics.
A rule never holds a pattern or a word list: those belong to the detectors.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..records import SEVERITIES

# The detectors' span keys (``voicecheck.detectors.common.SPAN_KEYS``, which imports
# spaCy); a test keeps the two equal.
SPAN_KEYS = {"voice": "vc_voice", "cases": "vc_cases", "cta": "vc_cta", "tone": "vc_tone"}
FAMILIES = {
    "voice": "голос автора",
    "cases": "кейсы",
    "tone": "тон и канцелярит",
    "funnel": "воронка и призывы к действию",
    "lint": "сами подавления",
}
SEVERITY_RU = {"error": "ошибка", "warning": "предупреждение", "suggestion": "совет"}


@dataclass(frozen=True, slots=True)
class Hit:
    """Where a rule fired (character offsets in the draft) and, optionally, a message
    and hint more specific than the rule's own."""

    start: int
    end: int
    message: str = ""
    hint: str = ""
    quote: str = ""  # the text the finding is about, quoted after the message


@dataclass(slots=True)
class AccountFit:
    """How a draft sits among the account's topics (see ``lint.account_fit``)."""

    topic: str  # the nearest core topic's label
    similarity: float  # cosine to the nearest core topic's centre
    typical: float  # the same cosine for the feed's own posts, 10th percentile
    core_topics: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Draft:
    """What a check reads: the text, its parsed Doc, the stage and type (declared or
    predicted, "" when unknown) and the account fit (None without ``--account``)."""

    text: str
    doc: object
    stage: str = ""
    type: str = ""
    account: AccountFit | None = None

    @property
    def features(self) -> dict:
        return self.doc._.features or {}

    def spans(self, detector: str, *labels: str) -> list:
        """The detector's spans, only of ``labels`` when given, in text order."""
        found = self.doc.spans.get(SPAN_KEYS[detector], [])
        return [s for s in found if not labels or s.label_ in labels]

    def opening(self) -> tuple[int, int]:
        """The first non-empty line (comments and markup blanked): where a finding about the
        whole draft points; its end before a CRLF's «\r»."""
        start = len(self.text) - len(self.text.lstrip())
        end = self.text.find("\n", start)
        line = self.text[start : len(self.text) if end < 0 else end]
        return start, start + len(line.rstrip())

    def closing(self) -> tuple[int, int]:
        """The last non-empty line: where a missing call to action belongs."""
        end = len(self.text.rstrip())
        start = self.text.rfind("\n", 0, end) + 1
        return start, end


Check = Callable[[Draft, dict], Iterable[Hit]]


@dataclass(slots=True)
class Rule:
    """A rule: a stable code and dotted name, a family and severity, its parameters
    (defaults; ``voicecheck.toml`` overrides them) and its docs in Russian."""

    code: str
    name: str
    family: str
    severity: str
    message: str  # what the finding says (may use {placeholders} filled by the check)
    hint: str  # what to do about it
    what: str  # docs: what it finds
    why: str  # docs: why it hurts
    bad: str  # docs: a draft it fires on
    good: str  # docs: the same draft fixed
    check: Check | None = None  # None: the rule is applied by ``lint`` itself
    params: dict = field(default_factory=dict)
    param_docs: dict[str, str] = field(default_factory=dict)
    needs: frozenset[str] = frozenset()  # "account": runs only with --account

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"{self.code}: unknown severity {self.severity!r}")


def labels_count(draft: Draft, detector: str, *labels: str) -> int:
    return len(draft.spans(detector, *labels))


def per_100_words(count: int, draft: Draft) -> float:
    words = draft.features.get("voice", {}).get("words", 0)
    return 100.0 * count / words if words else 0.0


def span_hits(spans: Iterable) -> list[Hit]:
    """One hit per span, at the span's characters, quoting it."""
    return [Hit(s.start_char, s.end_char, quote=s.text) for s in spans]
