"""The ``voicecheck`` command: parse options, call the library, write output, exit.

Exit codes: 0 done, 2 a user error (bad input, bad option). Heavy imports
(spaCy, natasha, scikit-learn) happen inside commands, so ``--help`` is instant.
"""

import json
import sys
from pathlib import Path

import click

from . import __version__

FIELD_NAMES = ("text", "id", "date", "views", "likes", "comments", "reposts", "clicks")
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
    if fmt:
        return fmt
    if output and output != "-":
        return EXTENSION_FORMATS.get(Path(output).suffix.lower(), "csv")
    return "table" if sys.stdout.isatty() else "csv"


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
    help="Name a column by hand: id, date, views, likes, comments, reposts, clicks. Repeatable.",
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
@click.option("--quiet", "-q", is_flag=True, help="No summary line on stderr.")
def analyze(feed, fmt, output, text_column, columns, sheet, encoding, max_chars, quiet) -> None:
    """Analyse every post of a feed export: stage, type, voice, cases, calls to action, tone.

    FILE is a CSV/TSV (any delimiter; UTF-8, UTF-8 with BOM or Windows-1251), an Excel
    .xlsx, a JSON or JSONL list of posts, a Telegram Desktop result.json, a VK wall.get
    JSON, or - for standard input. One output row per input post, in input order; a
    post that cannot be analysed keeps its row, with a status and a reason.

    Example:

        voicecheck analyze corpora/demo/posts.csv

        voicecheck analyze export.xlsx --sheet Посты --format csv -o result.csv
    """
    from .feed import FeedError, ReadOptions, read_feed

    options = ReadOptions(_parse_columns(text_column, columns), sheet, max_chars, encoding)
    try:
        loaded = read_feed(feed, options)
    except FeedError as error:
        raise UserError(str(error)) from error
    results = _run_analysis(loaded.posts)
    _write(results, _output_format(fmt, output), output)
    if not quiet:
        from .report import summary_line

        click.echo(f"voicecheck: {loaded.name}: {summary_line(results)}", err=True)


def _run_analysis(posts):
    from .analysis import analyze_posts

    return list(analyze_posts(posts))


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
@click.argument("labels", metavar="LABELS.csv")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def evaluate(labels, fmt) -> None:
    """Score the pipeline on posts labelled by the labelling guide.

    LABELS.csv has id,text and any of stage,type,voice,case,impersonal. Prints, for each
    label, accuracy, per-class precision/recall/F1, macro-F1 and the confusion matrix.

    Example:

        voicecheck evaluate ../shared/eval/dev.csv
    """
    from dataclasses import asdict

    from .evaluate import evaluate_file
    from .feed import FeedError

    try:
        scores = evaluate_file(labels)
    except FeedError as error:
        raise UserError(str(error)) from error
    if fmt == "json":
        click.echo(json.dumps([asdict(s) for s in scores], ensure_ascii=False, indent=2))
        return
    for score in scores:
        click.echo(_format_score(score))


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


if __name__ == "__main__":
    main()
