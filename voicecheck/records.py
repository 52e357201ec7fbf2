"""The records that flow between stages: feed -> Post -> PostResult."""

from dataclasses import asdict, dataclass, field, replace

METRICS = ("views", "likes", "comments", "reposts", "clicks")

STATUS_OK = "ok"
STATUS_EMPTY = "empty"
STATUS_TOO_LONG = "too_long"
STATUS_UNREADABLE = "unreadable"
STATUS_SKIPPED = "skipped"
ENDING_SEPARATOR = "\x1f"  # between the pieces of ``PostResult.topic_ending``
PHRASE_SEPARATOR = ";"  # between the key phrases of ``PostResult.topic_phrases``
ADJECTIVE_PHRASE, GENITIVE_PHRASE = "a", "g"  # «тазовое дно», «сроки работ»
ACCOUNT_ONLY = ("topic_lemmas", "topic_names", "topic_ending", "topic_greetings", "topic_phrases")


@dataclass(frozen=True, slots=True)
class KeyPhrase:
    """Two topic words that make one term: an adjective and its noun (``ADJECTIVE_PHRASE``)
    or a noun and the noun in the genitive after it (``GENITIVE_PHRASE``); ``first`` and
    ``second`` are their places among the post's topic lemmas, ``words`` as written.
    ``number`` and ``gender`` are the phrase's as the parser read them in context
    (pymorphy3's grammemes: sing/plur, masc/femn/neut; "" when it gave none): «ставки»
    alone may be either number."""

    kind: str
    first: int
    second: int
    words: tuple[str, str]
    number: str = ""
    gender: str = ""

    def encoded(self) -> str:
        grammar = (self.number or "-", self.gender or "-")
        return " ".join((self.kind, str(self.first), str(self.second), *grammar, *self.words))

    @classmethod
    def decoded(cls, text: str) -> "KeyPhrase":
        kind, first, second, number, gender, *words = text.split(" ")
        return cls(kind, int(first), int(second), (words[0], words[1]), number.strip("-"), gender.strip("-"))


def key_phrases_of(post: "PostResult") -> list[KeyPhrase]:
    return [KeyPhrase.decoded(text) for text in post.topic_phrases.split(PHRASE_SEPARATOR) if text]


@dataclass(slots=True)
class Post:
    """One post as read from a feed; ``status`` is set when it cannot be analysed."""

    index: int  # 0-based position in the input
    text: str
    id: str = ""
    date: str = ""
    views: float | None = None
    likes: float | None = None
    comments: float | None = None
    reposts: float | None = None
    clicks: float | None = None
    location: str = ""  # where it came from: "row 12", "line 7", "message 345"
    status: str = STATUS_OK
    reason: str = ""


@dataclass(slots=True)
class UnusableValues:
    """The values of one input column that could not be used: each was left empty."""

    field: str  # date, views, likes, comments, reposts, clicks
    column: str  # the column as the file names it ("" when the format fixes it)
    problems: list[str]  # each kind once, in order of first sight: "negative", "not a number", ...
    locations: list[str]  # "row 4", "line 7", "message 345", in input order
    values: list[str]  # as written, one per location


@dataclass(slots=True)
class Evidence:
    """A detector span: which detector, what it found, and where (character offsets)."""

    detector: str
    label: str
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Prediction:
    label: str
    probability: float
    low_confidence: bool
    cues: list[str] = field(default_factory=list)


@dataclass(slots=True)
class PostResult:
    index: int
    id: str
    status: str
    reason: str = ""
    text: str = ""
    date: str = ""
    views: float | None = None
    likes: float | None = None
    comments: float | None = None
    reposts: float | None = None
    clicks: float | None = None
    words: int = 0
    voice: str = ""
    i_rate: float | None = None
    we_rate: float | None = None
    you_rate: float | None = None
    case: int | None = None
    case_score: float | None = None
    cta: int | None = None
    cta_asks: int | None = None
    offer: int | None = None
    deadline: int | None = None
    link: int | None = None
    impersonal: int | None = None
    impersonality: int | None = None
    stage: Prediction | None = None
    type: Prediction | None = None
    evidence: list[Evidence] = field(default_factory=list)
    topic_lemmas: str = field(default="", repr=False)  # content lemmas, for the account's topics
    topic_names: str = field(default="", repr=False)  # those that are names, spelled as names
    # the post's last lines as written, a piece per topic lemma, <= 500 chars (``analysis.written_ending``)
    topic_ending: str = field(default="", repr=False)
    topic_greetings: str = field(default="", repr=False)  # topic lemmas it greets or addresses readers with
    topic_phrases: str = field(default="", repr=False)  # its key phrases (``KeyPhrase``), as written

    @property
    def ok(self) -> bool:
        return self.status == STATUS_OK

    def to_dict(self) -> dict:
        record = asdict(self)
        for account_only in ACCOUNT_ONLY:
            record.pop(account_only)
        return record

    def for_account(self) -> "PostResult":
        """A copy without the text, the evidence and the cues, which the account report
        does not read: what is kept of each post of a long feed stays small."""
        return replace(
            self,
            text="",
            evidence=[],
            stage=replace(self.stage, cues=[]) if self.stage else None,
            type=replace(self.type, cues=[]) if self.type else None,
        )


SEVERITIES = ("suggestion", "warning", "error")  # in rising order


@dataclass(slots=True)
class Finding:
    """One finding of the draft checker: a rule, where it fired (1-based line and
    column in the original text; the end is exclusive), and what to tell the editor."""

    code: str
    name: str
    severity: str
    path: str
    line: int
    col: int
    end_line: int
    end_col: int
    message: str
    hint: str = ""

    def to_dict(self) -> dict:
        return asdict(self)
