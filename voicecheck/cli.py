"""The ``voicecheck`` command: parse options, call the library, write output, exit.

Exit codes: 0 done, 2 a user error (bad input, bad option). Heavy imports
(spaCy, natasha, scikit-learn) happen inside commands, so ``--help`` is instant.
"""

import collections
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from . import __version__

FIELD_NAMES = ("text", "id", "date", "views", "likes", "comments", "reposts", "clicks")
NO_EXCEL = "voicecheck writes no Excel workbook; write a .csv (Excel opens it) or .json."
NO_HTML_TABLE = "-o writes the per-post table; for the HTML report, use --html FILE.html."
NOT_WRITTEN = {".xlsx": NO_EXCEL, ".xls": NO_EXCEL, ".html": NO_HTML_TABLE, ".htm": NO_HTML_TABLE}
EXTENSION_FORMATS = {
    ".csv": "csv",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".txt": "table",
}


class UserError(click.ClickException):
    """A mistake in the input or the options: one line on stderr, exit code 2."""

    exit_code = 2

    def show(self, file=None) -> None:
        click.echo(f"voicecheck: error: {self.format_message()}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="voicecheck")
def main() -> None:
    """Does a Russian post have a voice, a positioning and a place in the funnel?

    Offline audit of social-media feeds and drafts: funnel stage, content type,
    first-person voice, real cases, calls to action and impersonal tone.
    """


def _parse_columns(text_column: str | None, pairs: tuple[str, ...]) -> dict[str, str]:
    columns = {}
    for pair in pairs:
        field, sep, name = pair.partition("=")
        if not sep or field not in FIELD_NAMES or not name:
            raise UserError(
                f"--column takes FIELD=NAME with FIELD one of {', '.join(FIELD_NAMES)}; got {pair!r}."
            )
        columns[field] = name
    if text_column:
        columns["text"] = text_column
    return columns


def _output_format(fmt: str | None, output: str | None) -> str:
    if output and Path(output).suffix.lower() in NOT_WRITTEN:
        raise UserError(f"{output}: {NOT_WRITTEN[Path(output).suffix.lower()]}")
    if fmt:
        return fmt
    if output and output != "-":
        return EXTENSION_FORMATS.get(Path(output).suffix.lower(), "csv")
    return "table" if sys.stdout.isatty() else "csv"


def _check_writable(*paths: str | None) -> None:
    """Output files that could not be written are refused before the analysis, which can
    take minutes, and not after it."""
    for path in paths:
        if not path or path == "-":
            continue
        folder = Path(path).absolute().parent
        if not folder.is_dir():
            raise UserError(f"{path}: cannot write (there is no folder {folder}).")
        if not os.access(folder, os.W_OK) or (Path(path).exists() and not os.access(path, os.W_OK)):
            raise UserError(f"{path}: cannot write (permission denied).")


@main.command()
@click.argument("feed", metavar="FILE")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json", "jsonl"]),
    help="Output format. Default: a table on a terminal, else by the -o extension, else CSV.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    help="Write the per-post results to this file instead of standard output.",
)
@click.option("--text-column", help="Column that holds the post text, when it is not found by name.")
@click.option(
    "--column",
    "columns",
    multiple=True,
    metavar="FIELD=NAME",
    help=f"Name a column by hand; FIELD is {', '.join(FIELD_NAMES[:-1])} or {FIELD_NAMES[-1]}. Repeatable.",
)
@click.option("--sheet", help="Excel: the sheet to read (name or 1-based number). Default: the first.")
@click.option("--encoding", help="Text encoding of a CSV file, when it is neither UTF-8 nor Windows-1251.")
@click.option(
    "--max-chars",
    type=click.IntRange(min=1),
    default=100_000,
    show_default=True,
    help="Longer posts are not analysed and get the status too_long.",
)
@click.option(
    "--show",
    type=click.Choice(["both", "posts", "account"]),
    default="both",
    show_default=True,
    help="What to print: the per-post results, the account report, or both.",
)
@click.option(
    "--report",
    "report_path",
    type=click.Path(dir_okay=False, writable=True),
    help="Write the account report as JSON to this file (schema: voicecheck/data/report.schema.json).",
)
@click.option("--followers", type=click.IntRange(min=1), help="Follower count, for ERpost.")
@click.option(
    "--html",
    "html_path",
    type=click.Path(dir_okay=False, writable=True),
    help="Write the account report and the posts as one self-contained HTML page (works offline).",
)
@click.option("--account", "account_name", help="The account's name in the report. Default: from the file.")
@click.option("--quiet", "-q", is_flag=True, help="No summary line or progress on stderr.")
def analyze(
    feed, fmt, output, text_column, columns, sheet, encoding, max_chars, show, report_path, followers,
    account_name, quiet, html_path,
) -> None:  # fmt: skip
    """Analyse every post of a feed export: stage, type, voice, cases, calls to action, tone.

    FILE is a CSV/TSV (any delimiter; UTF-8, UTF-8 with BOM or Windows-1251), an Excel
    .xlsx, a JSON or JSONL list of posts, a Telegram Desktop result.json, a VK wall.get
    JSON, or - for standard input. One output row per input post, in input order; a
    post that cannot be analysed keeps its row, with a status and a reason.

    Example:

        voicecheck analyze corpora/demo/posts.csv

        voicecheck analyze export.xlsx --sheet Посты --format csv -o result.csv

        voicecheck analyze corpora/demo/posts.csv --html report.html
    """
    from .feed import ReadOptions

    options = ReadOptions(_parse_columns(text_column, columns), sheet, max_chars, encoding)
    fmt = _output_format(fmt, output)
    _check_writable(output, report_path, html_path)
    loaded = _load(feed, options)
    printing = show in ("both", "posts") or bool(output and output != "-")  # -o FILE: whatever --show prints
    results: list = []  # what the account report needs; every post's text only for --html
    no_bar = quiet or (printing and not output and sys.stdout.isatty())  # the rows show the progress
    stream = _kept(_analysed(loaded, quiet=no_bar), results, whole=bool(html_path))
    if printing:
        _write(stream, fmt, output)
    else:
        collections.deque(stream, maxlen=0)
    if show in ("both", "account") or report_path or html_path:
        report = _account_report(results, account_name or _account_name(loaded), followers, loaded)
        if report_path:
            _write_json(report.to_dict(), report_path)
        if html_path:
            _write_html(html_path, report, results)
        if show in ("both", "account"):
            _print_account(report, to_stderr=show == "both" and fmt != "table" and not output)
    if not quiet:
        from .report import summary_line

        click.echo(f"voicecheck: {loaded.name}: {summary_line(results)}", err=True)


def _load(path: str, options):
    """The feed, read; a problem with the whole file exits with code 2, and each column
    with values that could not be used gets one warning on stderr, as do columns read under
    names that stretch their field («Охват» as views) and dates read as Excel serial numbers."""
    from .feed import FeedError, read_feed

    try:
        loaded = read_feed(path, options)
    except FeedError as error:
        raise UserError(str(error)) from error
    for warning in loaded.warnings:
        _warn(warning)
    return loaded


def _warn(warning: str) -> None:
    click.echo(f"voicecheck: warning: {warning}", err=True)


def _account_name(loaded) -> str:
    return loaded.channel or ("stdin" if loaded.name == "<stdin>" else Path(loaded.name).stem)


def _nothing_to_analyse(name: str, summary: str) -> str:
    return (
        f"{name}: no post could be analysed ({summary}), so there is no account report. "
        f"`voicecheck analyze {name} --show posts` lists each row's status and reason."
    )


def _account_report(results, name: str, followers: int | None, loaded):
    from .account import build_report
    from .report import summary_line
    from .wording import input_notes, left_empty_note

    if not any(r.ok for r in results):
        raise UserError(_nothing_to_analyse(loaded.name, summary_line(results)))
    notes = [left_empty_note(unusable) for unusable in loaded.unusable]
    return build_report(
        results, account=name, followers=followers, left_empty=notes, input_notes=input_notes(loaded)
    )


def _print_account(report, *, to_stderr: bool) -> None:
    """The account report goes after the per-post table; when the per-post output is a
    machine format on standard output, the report goes to stderr so a pipe stays clean."""
    from .account.render import render_report

    click.echo("\n" + render_report(report), err=to_stderr)


def _write_html(path: str, reports, results, *, compare: bool = False) -> None:
    """The offline HTML report: one account, or several side by side (lists, ``compare``)."""
    from .html import render_comparison_html, render_html

    page = render_comparison_html(reports, results) if compare else render_html(reports, results)
    try:
        with open(path, "w", encoding="utf-8") as out:
            out.write(page)
    except OSError as error:
        raise UserError(f"{path}: cannot write ({error.strerror}).") from error


def _write_json(data: dict, path: str) -> None:
    try:
        with open(path, "w", encoding="utf-8") as out:
            json.dump(data, out, ensure_ascii=False, indent=2, default=_json_default)
            out.write("\n")
    except OSError as error:
        raise UserError(f"{path}: cannot write ({error.strerror}).") from error


def _json_default(value):
    if hasattr(value, "item"):
        return value.item()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def _analysed(loaded, *, quiet: bool = False) -> Iterator:
    """The feed's results as they come, a chunk at a time; the feed lets go of each post
    once it is read (a progress bar on a terminal for long feeds, unless ``quiet``)."""
    from .taggers import preload

    preload()  # the models load while spaCy is imported
    from .analysis import analyze_posts
    from .feed import drain

    total = len(loaded.posts)
    if quiet or not sys.stderr.isatty() or total <= 200:
        yield from analyze_posts(drain(loaded.posts))
        return
    with click.progressbar(length=total, label="voicecheck", file=sys.stderr) as bar:
        yield from analyze_posts(drain(loaded.posts), progress=bar.update)


def _kept(stream: Iterator, kept: list, *, whole: bool) -> Iterator:
    """Pass the results on, keeping each in ``kept``: whole, or without its text and
    evidence (all the account report reads), so memory stays flat on a long feed."""
    for result in stream:
        kept.append(result if whole else result.for_account())
        yield result


def _run_analysis(loaded, *, quiet: bool = False, whole: bool = False) -> list:
    kept: list = []
    collections.deque(_kept(_analysed(loaded, quiet=quiet), kept, whole=whole), maxlen=0)
    return kept


def _write(results, fmt: str, output: str | None) -> None:
    from .report import WRITERS

    if output and output != "-":
        try:
            with open(output, "w", encoding="utf-8", newline="") as out:
                WRITERS[fmt](results, out)
        except OSError as error:
            raise UserError(f"{output}: cannot write ({error.strerror}).") from error
    else:
        WRITERS[fmt](results, sys.stdout)


@main.command()
@click.argument("feeds", nargs=-1, required=True, metavar="OURS THEIRS [MORE...]")
@click.option(
    "--report",
    "report_path",
    type=click.Path(dir_okay=False, writable=True),
    help="Write all the accounts' reports and their differences as JSON to this file.",
)
@click.option("--text-column", help="Column that holds the post text, when it is not found by name.")
@click.option(
    "--column",
    "columns",
    multiple=True,
    metavar="FIELD=NAME",
    help="Name a column of every feed by hand, as analyze does (text=Описание). Repeatable.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress on stderr.")
@click.option(
    "--html",
    "html_path",
    type=click.Path(dir_okay=False, writable=True),
    help="Write the accounts side by side as one self-contained HTML page (works offline).",
)
def compare(feeds, report_path, text_column, columns, quiet, html_path) -> None:
    """Audit several accounts' feed exports and put them side by side.

    The first feed is yours; the differences that matter (focus, stage mix, trust signals,
    engagement overall and by content type) are called out against it.

    Example:

        voicecheck compare ours.csv competitor.json

        voicecheck compare ours.csv competitor.json --html compare.html
    """
    from .account.render import differences, render_comparison
    from .feed import ReadOptions
    from .report import summary_line

    if len(feeds) < 2:
        raise UserError("compare needs at least two feeds: yours first, then the others.")
    if feeds.count("-") > 1:
        raise UserError("standard input (-) can be only one of the feeds; give the others as files.")
    _check_writable(report_path, html_path)
    reports, all_results = [], []
    options = ReadOptions(_parse_columns(text_column, columns))
    every_feed = [_load(path, options) for path in feeds]  # errors first
    for loaded in every_feed:  # a feed none of whose posts can be analysed, before any is
        if not any(post.status == "ok" for post in loaded.posts):
            raise UserError(_nothing_to_analyse(loaded.name, summary_line(loaded.posts)))
    for loaded in every_feed:
        results = _run_analysis(loaded, quiet=quiet, whole=bool(html_path))
        reports.append(_account_report(results, _account_name(loaded), None, loaded))
        all_results.append(results)
    _dedupe_names(reports)
    click.echo(render_comparison(reports))
    if report_path:
        data = {"accounts": [r.to_dict() for r in reports], "differences": differences(reports)}
        _write_json(data, report_path)
    if html_path:
        _write_html(html_path, reports, all_results, compare=True)


def _dedupe_names(reports) -> None:
    seen: dict[str, int] = {}
    for report in reports:
        seen[report.account] = seen.get(report.account, 0) + 1
        if seen[report.account] > 1:
            report.account = f"{report.account} ({seen[report.account]})"


@main.command()
@click.argument("labels", metavar="LABELS.csv...", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--only", help="Comma-separated labels to score (default: all present).")
def evaluate(labels, fmt, only) -> None:
    """Score the pipeline on posts labelled by the labelling guide.

    LABELS.csv has id,text and any of stage,type,voice,case,impersonal (or JSONL with the
    same fields; several files are scored together). Prints, for each label, accuracy,
    per-class precision/recall/F1, macro-F1 and the confusion matrix.

    Example:

        voicecheck evaluate ../shared/eval/dev.csv

        voicecheck evaluate corpora/posts/*.jsonl --only voice,case,impersonal
    """
    from dataclasses import asdict

    from .evaluate import evaluate_file
    from .feed import FeedError

    chosen = _labels_option(only)
    try:
        scores = evaluate_file(list(labels), only=chosen)
    except FeedError as error:
        raise UserError(str(error)) from error
    missing = [label for label in chosen if only and label not in {score.label for score in scores}]
    if missing:
        raise UserError(f"--only {', '.join(missing)}: no such label column in {', '.join(labels)}.")
    if fmt == "json":
        click.echo(json.dumps([asdict(s) for s in scores], ensure_ascii=False, indent=2))
        return
    for score in scores:
        click.echo(_format_score(score))


def _labels_option(only: str | None) -> tuple[str, ...]:
    from .evaluate import LABELS

    if not only:
        return LABELS
    chosen = tuple(label.strip() for label in only.split(",") if label.strip())
    unknown = [label for label in chosen if label not in LABELS]
    if unknown:
        raise UserError(f"--only: unknown label(s) {', '.join(unknown)}; use {', '.join(LABELS)}.")
    return chosen


def _format_score(score) -> str:
    lines = [f"{score.label}: n={score.n}  accuracy={score.accuracy:.3f}  macro-F1={score.macro_f1:.3f}"]
    lines.append(f"  {'class':<14}{'precision':>10}{'recall':>9}{'F1':>7}{'support':>9}")
    for name, c in score.classes.items():
        lines.append(
            f"  {name:<14}{c['precision']:>10.3f}{c['recall']:>9.3f}{c['f1']:>7.3f}{int(c['support']):>9}"
        )
    lines.append("  confusion (rows: truth, columns: predicted)")
    lines.append("  " + " " * 14 + "".join(f"{name[:9]:>10}" for name in score.order))
    for name, row in zip(score.order, score.confusion, strict=True):
        lines.append(f"  {name:<14}" + "".join(f"{n:>10}" for n in row))
    return "\n".join(lines) + "\n"


@main.command()
@click.option(
    "--corpus",
    default="corpora",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Folder with posts/*.jsonl, the authored and labelled corpus.",
)
@click.option(
    "--out",
    default=None,
    type=click.Path(file_okay=False),
    help="Where to write the models and model cards. Default: the package's models folder.",
)
def train(corpus, out) -> None:
    """Rebuild the stage and type models from the authored corpus.

    Cross-validation is grouped by account; the same corpus gives the same models
    and scores. Writes stage.skops, type.skops and a JSON model card beside each.

    Example:

        voicecheck train --corpus corpora
    """
    from .paths import MODELS_DIR
    from .train import train as run_training

    try:
        run_training(Path(corpus), Path(out) if out else MODELS_DIR, log=lambda m: click.echo(m, err=True))
    except FileNotFoundError as error:
        raise UserError(str(error)) from error


# --- the draft checker -------------------------------------------------------------------------


@main.command()
@click.argument("drafts", nargs=-1, required=True, metavar="DRAFT...")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github"]),
    help="text: path:line:col: CODE message; json; github: workflow annotations. Default: text.",
)
@click.option("--select", help="Comma-separated rule code prefixes to run (default: all), e.g. VC3,VC401.")
@click.option("--ignore", help="Comma-separated rule code prefixes not to run, e.g. VC302.")
@click.option(
    "--min-severity",
    type=click.Choice(["suggestion", "warning", "error"]),
    help="Report only findings of this severity or higher.",
)
@click.option(
    "--account",
    "account_feed",
    metavar="FEED",
    help="The account's feed export: adds the off-topic rule (the topic profile is cached).",
)
@click.option(
    "--column",
    "account_columns",
    multiple=True,
    metavar="FIELD=NAME",
    help="Name a column of the --account feed by hand, as analyze does (text=Описание). Repeatable.",
)
@click.option(
    "--stage",
    type=click.Choice(["awareness", "interest", "trust", "action"]),
    help="The funnel stage of drafts that declare none; default: predicted.",
)
@click.option("--config", "config_path", metavar="FILE", help="Settings file instead of the nearest one.")
@click.option("--stdin-filename", default="-", help="The name to show for a draft read from standard input.")
@click.option("--exit-zero", is_flag=True, help="Exit with 0 even when there are findings.")
def check(
    drafts, fmt, select, ignore, min_severity, account_feed, account_columns, stage, config_path,
    stdin_filename, exit_zero,
) -> None:  # fmt: skip
    """Check drafts (.txt, .md, folders of them, or - for standard input) before posting.

    Prints findings as path:line:col: CODE message with a hint, then each draft's stage,
    type, voice, impersonality score and a verdict. Settings come from voicecheck.toml or
    [tool.voicecheck] in pyproject.toml (the nearest above the current folder).
    <!-- voicecheck: disable=CODE --> in a draft silences CODE for the next paragraph.
    Exit codes: 0 clean, 1 findings, 2 error.

    Example:

        voicecheck check draft.md

        cat draft.txt | voicecheck check - --format json --account posts.csv
    """
    from .config import ConfigError, check_selectors, load_settings, split_list
    from .lint import LintError, check_drafts, exit_code, render
    from .taggers import import_spacy_without_its_cli, preload

    preload()  # natasha and pymorphy3 load while spaCy is imported
    import_spacy_without_its_cli()
    try:
        settings = load_settings(explicit=config_path).override(
            select=check_selectors(split_list(select), "--select"),
            ignore=check_selectors(split_list(ignore), "--ignore"),
            min_severity=min_severity,
            format=fmt,
        )
        reports = check_drafts(
            list(drafts),
            settings,
            account=account_feed,
            stage=stage,
            stdin_name=stdin_filename,
            account_columns=_parse_columns(None, account_columns),
            warn=_warn,
        )
    except (ConfigError, LintError) as error:
        raise UserError(str(error)) from error
    click.echo(render(reports, settings.format), nl=False)
    _LEAVE_AT_ONCE.append(True)
    sys.exit(0 if exit_zero else exit_code(reports))


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules_command(fmt) -> None:
    """List the draft checker's rules: code, name, severity and what each finds.

    Example:

        voicecheck rules
    """
    from .rules import FAMILIES, RULES, SEVERITY_RU

    if fmt == "json":
        fields = ("code", "name", "family", "severity", "message", "params")
        rows = [{k: getattr(r, k) for k in fields} for r in RULES]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for family, title in FAMILIES.items():
        click.echo(f"{family}: {title}")
        for rule in (r for r in RULES if r.family == family):
            click.echo(f"  {rule.code}  {rule.name:<30} {SEVERITY_RU[rule.severity]:<15} {rule.message}")


@main.command("rule")
@click.argument("code")
def rule_command(code) -> None:
    """Explain one rule: what it finds, why it hurts, a bad and a good example, parameters.

    Example:

        voicecheck rule VC301
    """
    from .rules import SEVERITY_RU, find_rule

    rule = find_rule(code)
    if rule is None:
        raise UserError(f"no rule {code!r}; `voicecheck rules` lists them.")
    lines = [
        f"{rule.code} {rule.name} ({SEVERITY_RU[rule.severity]})",
        "",
        f"Что находит. {rule.what}",
        "",
        f"Чем вредит. {rule.why}",
        "",
        "Плохо:",
        *(f"    {line}" for line in rule.bad.splitlines()),
        "",
        "Хорошо:",
        *(f"    {line}" for line in rule.good.splitlines()),
        "",
        f"Подсказка: {rule.hint}",
    ]
    if rule.params:
        lines += ["", f"Параметры ([tool.voicecheck.rules.{rule.code}] или [rules.{rule.code}]):"]
        for name, value in rule.params.items():
            shown = json.dumps(value, ensure_ascii=False)
            lines.append(f"    {name} = {shown}  # {rule.param_docs.get(name, '')}")
    click.echo("\n".join(lines))


_LEAVE_AT_ONCE: list[bool] = []  # set by a command whose process may skip the interpreter's teardown


def entry() -> None:
    """The ``voicecheck`` console script: ``main``; after a draft check, the process ends
    without tearing down the interpreter (freeing spaCy's, natasha's and pymorphy3's
    millions of objects one by one took about 0.2 s of a 2 s check), once the output
    is flushed. Every other command, and any error, ends the usual way."""
    try:
        main()
    except SystemExit as done:
        if _LEAVE_AT_ONCE and isinstance(done.code, int | None):
            _flush_and_leave(done.code or 0)
        raise


def _flush_and_leave(code: int) -> None:
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a closed pipe: nothing more to say
        pass
    os._exit(code)


if __name__ == "__main__":
    entry()
