"""The draft checker, top to bottom: drafts -> Docs -> rules -> findings -> text / json / github.

1. Read drafts (.txt, .md, folders of them, or ``-`` for standard input).
2. Read the ``<!-- voicecheck: ... -->`` comments (suppressions, a declared stage) and
   blank every HTML comment with spaces, so offsets stay those of the original text.
3. Parse with the voicecheck pipeline; predict stage and type; with an account feed,
   place the draft among the account's topics (the profile is cached by the feed's sha256).
4. Run the selected rules; drop what a suppression covers, report suppressions that
   covered nothing (VC001), drop what is under ``min_severity``.
5. ``Finding`` records with 1-based line:col in the original text, rendered as text,
   JSON or GitHub workflow annotations.

Heavy imports (spaCy, natasha, scikit-learn) happen inside the functions that need them.
"""

import hashlib
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .classify import SHORT_POST, too_short_to_classify
from .config import Settings
from .records import SEVERITIES, Finding, Prediction
from .rules import BY_CODE, RULES, SEVERITY_RU, UNUSED_SUPPRESSION, AccountFit, Draft, Hit, Rule
from .taggers import preload as preload_models
from .wording import STAGE_RU, TYPE_RU, decimal

DRAFT_SUFFIXES = (".txt", ".md", ".markdown")
NOT_DRAFT_FOLDERS = frozenset({"node_modules", "site-packages", "__pycache__"})
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
DIRECTIVE = re.compile(r"<!--\s*voicecheck\s*:\s*([\w-]+)\s*=\s*(.*?)\s*-->", re.DOTALL)
PARAGRAPH_END = re.compile(r"\n[ \t\r]*\n")
MARKDOWN_SUFFIXES = (".md", ".markdown")
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?=\r?\n|\Z)", re.DOTALL)
YAML_LINE = re.compile(r"[\w-]+[ \t]*:|[ \t]+\S|-[ \t]|#|[ \t]*$")  # key:, continuation, list item, comment
LINK = re.compile(r'(!?\[)([^\]\n]*)(\]\()([^)\s]*)((?:\s+"[^"\n]*")?\))')  # [text](target "title")
MARKDOWN_MARKUP = (
    re.compile(r"^[ \t]*(```|~~~).*?^[ \t]*\1[^\n]*$", re.DOTALL | re.MULTILINE),  # a fenced code block
    re.compile(r"(?<!\w)`(?=\S)[^`\n]*(?<=\S)`(?!\w)"),  # inline code («don`t», «let`s» open none)
    re.compile(r"^[ \t]{0,3}#{1,6}(?=[ \t])", re.MULTILINE),  # a heading's marks
    re.compile(r"(?<![\w*_])[*_]{1,3}(?=[^\s*_])|(?<=[^\s*_])[*_]{1,3}(?![\w*_])"),  # emphasis marks
)
NOT_PROSE = re.compile(r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.]+|\]\([^)\s]*\)")
QUOTE_CHARS = 60
MIN_FEED_POSTS = 10
PROFILE_VERSION = 10
NOT_RUSSIAN = "Не проверено: в тексте почти нет русских слов, а правила voicecheck — для русского текста."
TYPICAL_PERCENTILE = 10
VOICE_RU = {"i": "«я»", "we": "«мы»", "none": "нет"}


class LintError(Exception):
    """A problem with the input as a whole (no such file, not a draft, a broken
    directive, an unusable account feed): one line for the user, exit code 2."""


@dataclass(slots=True)
class Source:
    path: str  # as shown in findings; "-" (or --stdin-filename) for standard input
    text: str


@dataclass(slots=True)
class Suppression:
    codes: tuple[str, ...]
    start: int  # the comment
    end: int
    scope: tuple[int, int]  # the paragraph it covers
    used: set[str] = field(default_factory=set)


@dataclass(slots=True)
class Prepared:
    source: Source
    text: str  # comments blanked
    suppressions: list[Suppression]
    stage: str  # declared in the draft, or ""


@dataclass(slots=True)
class DraftReport:
    path: str
    findings: list[Finding]
    words: int = 0
    voice: str = ""
    impersonality: int | None = None
    stage: Prediction | None = None
    type: Prediction | None = None
    stage_declared: bool = False
    account: AccountFit | None = None
    verdict: str = ""

    def to_dict(self) -> dict:
        data = asdict(self)
        data["findings"] = [f.to_dict() for f in self.findings]
        return data


# --- 1. read drafts -------------------------------------------------------------------------


def read_sources(paths: list[str], *, stdin_name: str = "-") -> list[Source]:
    sources = []
    for path in paths:
        if not path.strip():
            raise LintError("an empty path; name a draft, a folder of drafts, or - for standard input.")
        if path == "-":
            sources.append(Source(stdin_name, decode(_stdin_bytes(), stdin_name)))
        else:
            sources.extend(Source(str(p), decode(_read(p), str(p))) for p in _draft_files(Path(path)))
    return sources


def _stdin_bytes() -> bytes:
    stream = getattr(sys.stdin, "buffer", None)
    return stream.read() if stream is not None else sys.stdin.read().encode("utf-8")


def _draft_files(path: Path) -> list[Path]:
    if path.is_dir():
        return _folder_drafts(path)
    if not path.exists():
        raise LintError(f"{path}: no such file. Check the path, or pass - to read standard input.")
    if path.suffix.lower() not in DRAFT_SUFFIXES:
        raise LintError(f"{path}: not a draft; name a .txt or .md file, a folder of them, or -.")
    return [path]


def _folder_drafts(folder: Path) -> list[Path]:
    """The drafts in a folder and its subfolders, leaving out hidden folders (.git, .venv)
    and installed packages (node_modules, site-packages): their READMEs are no drafts."""
    files = (p for p in folder.rglob("*") if p.suffix.lower() in DRAFT_SUFFIXES and p.is_file())
    found = sorted(p for p in files if not _in_skipped_folder(p.relative_to(folder)))
    if not found:
        suffixes = ", ".join(DRAFT_SUFFIXES)
        raise LintError(f"{folder}: no drafts in this folder or under it (files ending {suffixes}).")
    return found


def _in_skipped_folder(relative: Path) -> bool:
    return any(part.startswith(".") or part in NOT_DRAFT_FOLDERS for part in relative.parts[:-1])


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise LintError(f"{path}: cannot be read ({error.strerror}).") from error


def decode(data: bytes, name: str) -> str:
    """UTF-8 (a BOM is dropped), UTF-16 with its BOM (Notepad's «Unicode»), else the
    Cyrillic single-byte encoding the text fits (Windows-1251 unless it is surely KOI8-R
    or another). A UTF-8 draft with a broken character and a binary file are errors."""
    from .feed import BrokenUtf8, guess_encoding, read_utf8, wide_bom

    if wide := wide_bom(data):
        return data.decode(wide, errors="replace")
    if b"\x00" in data:
        raise LintError(f"{name}: looks binary, not a text draft.")
    try:
        found = read_utf8(name, data)
    except BrokenUtf8 as error:
        raise LintError(f"{error}.") from error
    return found[0] if found else data.decode(guess_encoding(data), errors="replace")


# --- 2. comments: suppressions and directives ------------------------------------------------


def prepare(source: Source) -> Prepared:
    text = COMMENT.sub(_blank, source.text)
    if source.path.lower().endswith(MARKDOWN_SUFFIXES):
        text = markdown_as_prose(text)
    suppressions, stage = [], ""
    for match in DIRECTIVE.finditer(source.text):
        key, value = match.group(1).lower(), match.group(2)
        if key == "disable":
            codes = tuple(c.strip() for c in value.split(",") if c.strip())
            suppressions.append(
                Suppression(codes, match.start(), match.end(), _next_paragraph(text, match.end()))
            )
        elif key == "stage" and value.strip().lower() in STAGE_RU:
            stage = value.strip().lower()
        else:
            line, _ = position(source.text, match.start())
            raise LintError(
                f"{source.path}:{line}: unknown directive {match.group()!r}; use "
                f"disable=CODE[,CODE] or stage={'|'.join(STAGE_RU)}."
            )
    return Prepared(source, text, suppressions, stage)


def _blank(match: re.Match) -> str:
    """The match as spaces, its line breaks kept: offsets stay those of the original text."""
    return re.sub(r"[^\n\r]", " ", match.group())


def markdown_as_prose(text: str) -> str:
    """The draft's words as a reader sees them, with spaces for front matter, code, a
    link's brackets and title, and the marks of headings and emphasis («**индивидуальный**
    подход» reads as the stamp it is, «title: В рамках проекта» is no sentence of the post).
    A link's text and address stay: the address may be the post's call to action."""
    text = FRONT_MATTER.sub(_blank_yaml, text)
    text = LINK.sub(_link_text_and_address, text)
    for pattern in MARKDOWN_MARKUP:
        text = pattern.sub(_blank, text)
    return text


def _blank_yaml(match: re.Match) -> str:
    """Front matter, when every line between the two «---» reads as YAML; else a thematic
    break and the prose after it, kept."""
    lines = match.group(1).splitlines()
    return _blank(match) if all(YAML_LINE.match(line) for line in lines) else match.group()


def _link_text_and_address(match: re.Match) -> str:
    opening, words, middle, address, closing = match.groups()
    return " " * len(opening) + words + " " * len(middle) + address + " " * len(closing)


def _next_paragraph(text: str, after: int) -> tuple[int, int]:
    """The paragraph after a comment: from the next non-blank character to a blank line."""
    start = after + (len(text[after:]) - len(text[after:].lstrip()))
    end = PARAGRAPH_END.search(text, start)
    return start, end.start() if end else len(text)


# --- 3. parse, predict, place among the account's topics ---------------------------------------


def check_drafts(
    paths: list[str],
    settings: Settings,
    *,
    account: str | None = None,
    stage: str | None = None,
    stdin_name: str = "-",
    account_columns: dict[str, str] | None = None,
    warn: Callable[[str], None] | None = None,
) -> list[DraftReport]:
    """Check drafts at ``paths``; ``stage`` is for drafts that declare none. The ``account``
    feed's columns are found by name, or named in ``account_columns`` (field -> column), and
    ``warn`` gets each line on how it was read (columns under other names, dates, values left
    empty), as ``analyze`` prints them."""
    single_threaded_blas()
    sources = read_sources(paths, stdin_name=stdin_name)
    account_feed = AccountFeed(account, account_columns or {}, warn) if account else None
    return check_sources(sources, settings, account=account_feed, stage=stage)


def single_threaded_blas() -> None:
    """One OpenBLAS thread, unless the user chose otherwise: a few drafts make small
    matrices, and starting and syncing BLAS threads costs more than it saves (about
    0.3 s of a 2 s check). Works only before numpy is imported, as on the CLI path."""
    if "numpy" not in sys.modules:
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def check_sources(
    sources: list[Source],
    settings: Settings,
    *,
    account: "AccountFeed | str | None" = None,
    stage: str | None = None,
) -> list[DraftReport]:
    prepared = [prepare(s) for s in sources]
    live = [p for p in prepared if p.text.strip()]
    if live or account:
        preload_models()  # natasha and pymorphy3 load while spaCy is imported
    profile = account_profile(account) if account else None
    docs = parse_drafts([p.text for p in live])
    predictions = predict(docs)
    reports = {
        id(p): DraftReport(p.source.path, [], verdict="Пустой черновик: проверять нечего.") for p in prepared
    }
    for item, doc, (stage_prediction, type_prediction) in zip(live, docs, predictions, strict=True):
        declared = item.stage or stage or ""
        if declared:
            stage_prediction = Prediction(declared, 1.0, False, ["задан автором"])
        fit = account_fit(doc, profile) if profile else None
        stage_for_rules = _label(stage_prediction) if declared or not _too_short(doc) else ""
        draft = Draft(item.text, doc, stage_for_rules, _label(type_prediction), fit)
        reports[id(item)] = report_draft(
            item, draft, settings, stage_prediction, type_prediction, bool(declared)
        )
    return [reports[id(p)] for p in prepared]


def parse_drafts(texts: list[str]) -> list:
    if not texts:
        return []
    from .nlp import parse_texts, shared_nlp

    return list(parse_texts(shared_nlp(), texts))


def predict(docs: list) -> list[tuple[Prediction | None, Prediction | None]]:
    """Stage and type of each Doc, or None when no models are shipped."""
    if not docs:
        return []
    from .analysis import classifier_input
    from .classify import load_classifier, predict_posts

    classifier = load_classifier()
    if classifier is None:
        return [(None, None)] * len(docs)
    return predict_posts(classifier, [classifier_input(doc) for doc in docs])


def _too_short(doc) -> bool:
    """A draft of a few words gets no rule that hangs on its predicted stage: «Ура» is not
    an offer without a call to action, whatever the model says."""
    return too_short_to_classify(doc._.features["voice"]["words"])


def _label(prediction: Prediction | None) -> str:
    return prediction.label if prediction is not None else ""


def cache_dir() -> Path:
    """``$VOICECHECK_CACHE_DIR``, else ``$XDG_CACHE_HOME/voicecheck``, else ``~/.cache/voicecheck``."""
    if os.environ.get("VOICECHECK_CACHE_DIR"):
        return Path(os.environ["VOICECHECK_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "voicecheck"


@dataclass
class AccountFeed:
    """The feed a draft is checked against: its path, the columns named by hand, and where
    to say how it was read."""

    path: str
    columns: dict[str, str] = field(default_factory=dict)
    warn: Callable[[str], None] | None = None

    def said(self, warnings: list[str]) -> None:
        """Each warning, under this path (the cache may have been filled from another)."""
        for warning in warnings if self.warn else []:
            self.warn(f"{self.path}: {warning}")


def account_profile(account: "AccountFeed | str") -> dict:
    """The account's topics (labels, core flags, unit centre vectors), cached as JSON
    under the sha256 of the feed file and of the columns named by hand, so a second check
    against the same feed is fast; how the feed was read is said from the cache too."""
    account = account if isinstance(account, AccountFeed) else AccountFeed(account)
    path = account.path
    if not Path(path).is_file():
        raise LintError(f"{path}: no such account feed.")
    named = json.dumps(account.columns, sort_keys=True).encode() if account.columns else b""
    digest = hashlib.sha256(_read(Path(path)) + named).hexdigest()
    cached = cache_dir() / f"account-v{PROFILE_VERSION}-{digest}.json"
    try:
        profile = json.loads(cached.read_text(encoding="utf-8"))
        account.said(profile["feed_warnings"])
        return profile
    except (OSError, ValueError, KeyError):
        pass
    profile = build_profile(account, digest)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(json.dumps(profile, ensure_ascii=False), encoding="utf-8")
        os.replace(partial, cached)
    except OSError:
        pass  # the cache is a convenience: a read-only home still checks drafts
    return profile


def build_profile(account: AccountFeed, digest: str) -> dict:
    """Topics of the account's feed (as ``account.focus`` finds them), the unit centre of
    each, which are core, and how close the feed's own posts sit to their nearest core
    topic (the 10th percentile: the scale a draft is measured against)."""
    import numpy as np

    from .account.focus import (
        cluster,
        largest_first,
        post_vectors,
        strip_signatures,
        topic_count,
        topic_labels,
    )
    from .analysis import analyze_posts
    from .feed import FeedError, ReadOptions, read_feed
    from .nlp import natasha_models

    path = account.path
    try:
        feed = read_feed(path, ReadOptions(columns=account.columns))
    except FeedError as error:
        raise LintError(str(error)) from error
    warnings = [warning.removeprefix(f"{feed.name}: ") for warning in feed.warnings]
    account.said(warnings)  # before the topics, which a wrong text column may leave too few
    results = [r for r in analyze_posts(feed.posts, classify=False) if r.ok and r.topic_lemmas]
    if len(results) < MIN_FEED_POSTS:
        raise LintError(
            f"{path}: {len(results)} posts with text; the account's topics need {MIN_FEED_POSTS}."
        )
    lemma_lists, signatures = strip_signatures([r.topic_lemmas.split() for r in results])
    vectors = post_vectors(lemma_lists, natasha_models().embedding)
    labels, centres = cluster(vectors, topic_count(len(results)))
    labelled = topic_labels(results, lemma_lists, labels)
    topics = [
        {
            "label": labelled[label][0],
            "posts": size,
            "core": core,
            "centre": [round(float(x), 5) for x in centres[label]],
        }
        for label, size, core in largest_first(labels)
    ]
    core_centres = np.asarray([t["centre"] for t in topics if t["core"]], dtype=np.float32)
    typical = float(np.percentile((vectors @ core_centres.T).max(axis=1), TYPICAL_PERCENTILE))
    return {
        "version": PROFILE_VERSION,
        "sha256": digest,
        "feed": path,
        "posts": len(results),
        "typical_similarity": round(typical, 4),
        "signatures": [list(ending) for ending in signatures],
        "topics": topics,
        "feed_warnings": warnings,
    }


def account_fit(doc, profile: dict) -> AccountFit | None:
    """The draft's nearest core topic and its cosine; None for a draft with no content words."""
    import numpy as np

    from .account.focus import post_vectors, without_signature
    from .analysis import topic_lemmas
    from .nlp import natasha_models

    signatures = [tuple(ending) for ending in profile["signatures"]]
    lemmas = without_signature(topic_lemmas(doc).split(), signatures)
    vector = post_vectors([lemmas], natasha_models().embedding)[0]
    if not vector.any():
        return None
    core = [t for t in profile["topics"] if t["core"]]
    similarity = np.asarray([t["centre"] for t in core], dtype=np.float32) @ vector
    best = int(np.argmax(similarity))
    return AccountFit(
        topic=core[best]["label"],
        similarity=round(float(similarity[best]), 3),
        typical=profile["typical_similarity"],
        core_topics=[t["label"] for t in core],
    )


# --- 4. rules, suppressions, severity ---------------------------------------------------------


def report_draft(
    item: Prepared, draft: Draft, settings: Settings, stage, kind, declared: bool
) -> DraftReport:
    russian = _mostly_russian(item.text)
    active = settings.active_rules() if russian else []
    rules = [r for r in active if r.check is not None and _ready(r, draft)]
    findings = []
    for rule in rules:
        for hit in rule.check(draft, settings.params_of(rule)):
            if not _suppressed(rule, hit, item.suppressions):
                findings.append(to_finding(rule, hit, item.source))
    if any(r.code == UNUSED_SUPPRESSION.code for r in active):
        findings.extend(_unused(item, active))
    threshold = SEVERITIES.index(settings.min_severity)
    findings = sorted(
        (f for f in findings if SEVERITIES.index(f.severity) >= threshold),
        key=lambda f: (f.line, f.col, f.code),
    )
    features = draft.features
    return DraftReport(
        path=item.source.path,
        findings=findings,
        words=features["voice"]["words"],
        voice=features["voice"]["voice"],
        impersonality=features["tone"]["score"],
        stage=stage,
        type=kind,
        stage_declared=declared,
        account=draft.account,
        verdict=verdict(findings) if russian else NOT_RUSSIAN,
    )


def _mostly_russian(text: str) -> bool:
    """At least half of the draft's letters are Cyrillic, leaving out links, e-mail
    addresses and link targets (a long UTM link is no English text). Other drafts get no
    rule: an English one drew «продающий пост без призыва», an emoji-only one «можно публиковать»."""
    letters = [c for c in NOT_PROSE.sub(" ", text) if c.isalpha()]
    cyrillic = sum(1 for c in letters if "а" <= c.lower() <= "я" or c in "ёЁ")
    return bool(letters) and cyrillic * 2 >= len(letters)


def _ready(rule: Rule, draft: Draft) -> bool:
    return "account" not in rule.needs or draft.account is not None


def _suppressed(rule: Rule, hit: Hit, suppressions: list[Suppression]) -> bool:
    for suppression in suppressions:
        start, end = suppression.scope
        if not start <= hit.start < end:
            continue
        for code in suppression.codes:
            if _names_rule(code, rule):
                suppression.used.add(code)
                return True
    return False


def _names_rule(code: str, rule: Rule) -> bool:
    return code.upper() == "ALL" or rule.code.startswith(code.upper()) or rule.name == code.lower()


def _unused(item: Prepared, active: list[Rule]) -> list[Finding]:
    """VC001 for every code of a comment that suppressed nothing (codes of rules that
    are not selected are left alone: they cannot fire here)."""
    findings = []
    for suppression in item.suppressions:
        unused = [
            code
            for code in suppression.codes
            if code not in suppression.used
            and (
                not any(_names_rule(code, r) for r in RULES)
                or any(_names_rule(code, r) for r in active if r is not UNUSED_SUPPRESSION)
            )
        ]
        if unused:
            message = f"{UNUSED_SUPPRESSION.message}: {', '.join(_describe(c) for c in unused)}"
            hit = Hit(suppression.start, suppression.end, message)
            findings.append(to_finding(UNUSED_SUPPRESSION, hit, item.source))
    return findings


def _describe(code: str) -> str:
    known = any(_names_rule(code, r) for r in RULES)
    return code if known else f"{code} (нет такого правила)"


def to_finding(rule: Rule, hit: Hit, source: Source) -> Finding:
    line, col = position(source.text, hit.start)
    end_line, end_col = position(source.text, hit.end)
    message = hit.message or rule.message
    if hit.quote:
        message += f": «{_short(hit.quote)}»"
    return Finding(
        code=rule.code,
        name=rule.name,
        severity=rule.severity,
        path=source.path,
        line=line,
        col=col,
        end_line=end_line,
        end_col=end_col,
        message=message,
        hint=hit.hint or rule.hint,
    )


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of ``offset`` in ``text``."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1] + "…"


def verdict(findings: list[Finding]) -> str:
    counts = Counter(f.severity for f in findings)
    if not findings:
        return "Можно публиковать: замечаний нет."
    parts = ", ".join(
        f"{counts[s]} {plural(counts[s], PLURALS[s])}" for s in reversed(SEVERITIES) if counts[s]
    )
    if counts["error"]:
        return f"Доработать перед публикацией: {parts}."
    if counts["warning"]:
        return f"Стоит поправить: {parts}."
    return f"Можно публиковать, но есть что улучшить: {parts}."


PLURALS = {
    "error": ("ошибка", "ошибки", "ошибок"),
    "warning": ("предупреждение", "предупреждения", "предупреждений"),
    "suggestion": ("совет", "совета", "советов"),
}


def plural(n: int, forms: tuple[str, str, str]) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return forms[0]
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return forms[1]
    return forms[2]


# --- 5. output ----------------------------------------------------------------------------------


def render(reports: list[DraftReport], fmt: str) -> str:
    return RENDERERS[fmt](reports)


def render_text(reports: list[DraftReport]) -> str:
    lines = []
    for report in reports:
        for f in report.findings:
            lines.append(f"{f.path}:{f.line}:{f.col}: {f.code} {f.message}")
            lines.append(f"    {f.name} ({SEVERITY_RU[f.severity]}): {f.hint}")
        lines.append(f"{report.path}: {summary(report)}")
        lines.append(f"{report.path}: {report.verdict}")
    return "\n".join(lines) + "\n"


def summary(report: DraftReport) -> str:
    if report.stage is None and report.words == 0:
        return "пустой черновик"
    labels = [
        _prediction("этап", report.stage, STAGE_RU, report.stage_declared),
        _prediction("тип", report.type, TYPE_RU, False),
    ]
    if report.type is not None and too_short_to_classify(report.words):
        labels = (
            [labels[0], f"тип не оценён: {SHORT_POST}"]
            if report.stage_declared
            else [f"этап и тип не оценены: {SHORT_POST}"]
        )
    parts = [
        *labels,
        f"голос {VOICE_RU.get(report.voice, report.voice)}",
        f"безличность {report.impersonality}/100",
    ]
    if report.account is not None:
        fit = report.account
        parts.append(
            f"ближайшая тема ядра «{fit.topic}» "
            f"(сходство {decimal(fit.similarity)} при обычных {decimal(fit.typical)})"
        )
    return ", ".join(p for p in parts if p)


def _prediction(name: str, prediction: Prediction | None, names: dict, declared: bool) -> str:
    if prediction is None:
        return ""
    label = names.get(prediction.label, prediction.label)
    if declared:
        return f"{name} «{label}» (задан)"
    return f"{name} «{label}» ({round(100 * prediction.probability)}%)"


def render_json(reports: list[DraftReport]) -> str:
    counts = Counter(f.severity for r in reports for f in r.findings)
    data = {
        "version": 1,
        "drafts": [r.to_dict() for r in reports],
        "summary": {
            "drafts": len(reports),
            "findings": sum(counts.values()),
            "by_severity": {s: counts[s] for s in SEVERITIES},
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


GITHUB_LEVELS = {"error": "error", "warning": "warning", "suggestion": "notice"}


def render_github(reports: list[DraftReport]) -> str:
    """GitHub workflow commands: one annotation a finding, then a plain summary line."""
    lines = []
    for report in reports:
        for f in report.findings:
            properties = ",".join(
                f"{key}={_escape_property(str(value))}"
                for key, value in (
                    ("file", f.path),
                    ("line", f.line),
                    ("col", f.col),
                    ("endLine", f.end_line),
                    ("endColumn", f.end_col),
                    ("title", f.code),
                )
            )
            data = _escape_data(f.message + "\n" + f.hint)
            lines.append(f"::{GITHUB_LEVELS[f.severity]} {properties}::{data}")
        lines.append(f"{report.path}: {summary(report)}. {report.verdict}")
    return "\n".join(lines) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


RENDERERS = {"text": render_text, "json": render_json, "github": render_github}


def exit_code(reports: list[DraftReport]) -> int:
    return 1 if any(r.findings for r in reports) else 0


__all__ = [
    "BY_CODE",
    "DraftReport",
    "LintError",
    "Source",
    "check_drafts",
    "check_sources",
    "exit_code",
    "position",
    "render",
]
