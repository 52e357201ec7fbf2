"""Per-post output: a terminal table, CSV, JSON and JSONL, plus the summary line."""

import csv
import json
import shutil
from collections import Counter
from collections.abc import Iterable
from typing import TextIO

from .account.engagement import er_view
from .records import METRICS, PostResult
from .wording import STAGE_RU, TYPE_RU, percent

FORMATS = ("table", "csv", "json", "jsonl")
CSV_COLUMNS = (
    "index",
    "id",
    "status",
    "reason",
    "date",
    "views",
    "likes",
    "comments",
    "reposts",
    "clicks",
    "er_view",
    "words",
    "stage",
    "stage_probability",
    "stage_low_confidence",
    "stage_cues",
    "type",
    "type_probability",
    "type_low_confidence",
    "type_cues",
    "voice",
    "i_rate",
    "we_rate",
    "you_rate",
    "case",
    "case_score",
    "cta",
    "cta_asks",
    "offer",
    "deadline",
    "link",
    "impersonal",
    "impersonality",
    "evidence",
    "text",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TABLE_COLUMNS = (
    ("#", 5),
    ("этап", 11),
    ("тип", 16),
    ("голос", 5),
    ("кейс", 4),
    ("призыв", 6),
    ("безлик", 6),
    ("слов", 5),
    ("ERview", 7),
)
TABLE_VOICE = {"i": "я", "we": "мы", "none": "нет"}


def flat_row(result: PostResult) -> dict:
    """One CSV row: labels, scores and evidence as plain cells."""
    row = {key: getattr(result, key) for key in CSV_COLUMNS if hasattr(result, key)}
    row["er_view"] = _round(er_view(result), 5)
    row.update({metric: whole(getattr(result, metric)) for metric in METRICS})
    for name in ("stage", "type"):
        prediction = getattr(result, name)
        row[name] = prediction.label if prediction else ""
        row[f"{name}_probability"] = round(prediction.probability, 3) if prediction else ""
        row[f"{name}_low_confidence"] = int(prediction.low_confidence) if prediction else ""
        row[f"{name}_cues"] = "; ".join(prediction.cues) if prediction else ""
    row["evidence"] = "; ".join(
        f"{e.detector}:{e.label}@{e.start}-{e.end} «{e.text}»" for e in result.evidence
    )
    return {key: "" if row.get(key) is None else row.get(key) for key in CSV_COLUMNS}


def whole(value: float | None) -> float | int | None:
    """A count as it was written: 329, not 329.0; a real fraction (1.5) stays."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def safe_cell(value):
    """Neutralise spreadsheet formulas: a cell starting with = + - @ gets a leading quote."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_csv(results: Iterable[PostResult], out: TextIO) -> None:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for result in results:
        writer.writerow({k: safe_cell(v) for k, v in flat_row(result).items()})


def json_record(result: PostResult) -> dict:
    record = result.to_dict()
    record.update({metric: whole(record[metric]) for metric in METRICS})
    record["er_view"] = _round(er_view(result), 5)
    return record


def write_jsonl(results: Iterable[PostResult], out: TextIO) -> None:
    for result in results:
        out.write(json.dumps(json_record(result), ensure_ascii=False) + "\n")


def write_json(results: Iterable[PostResult], out: TextIO) -> None:
    out.write("[\n")
    for n, result in enumerate(results):
        out.write(",\n" if n else "")
        out.write(json.dumps(json_record(result), ensure_ascii=False))
    out.write("\n]\n")


def write_table(results: Iterable[PostResult], out: TextIO) -> None:
    width = shutil.get_terminal_size((120, 20)).columns
    fixed = sum(w + 1 for _, w in TABLE_COLUMNS)
    text_width = max(20, width - fixed - 1)
    header = " ".join(name.ljust(w) for name, w in TABLE_COLUMNS) + " text"
    out.write(header + "\n" + "-" * min(width, len(header) + text_width - 4) + "\n")
    for result in results:
        out.write(_table_line(result, text_width) + "\n")


def _table_line(result: PostResult, text_width: int) -> str:
    preview = " ".join(result.text.split())
    if not result.ok:
        cells = [result.id, f"[{result.status}]", "", "", "", "", "", "", ""]
        preview = result.reason
    else:
        er = er_view(result)
        cells = [
            result.id,
            _label(STAGE_RU, result.stage),
            _label(TYPE_RU, result.type),
            TABLE_VOICE.get(result.voice, result.voice),
            _yes(result.case),
            _yes(result.cta),
            _yes(result.impersonal),
            str(result.words),
            percent(er) if er is not None else "",
        ]
    line = " ".join(str(c)[:w].ljust(w) for c, (_, w) in zip(cells, TABLE_COLUMNS, strict=True))
    return line + " " + (preview[: text_width - 1] + "…" if len(preview) > text_width else preview)


def _label(names: dict[str, str], prediction) -> str:
    if prediction is None:
        return "-"
    return names.get(prediction.label, prediction.label) + ("?" if prediction.low_confidence else "")


def _yes(value: int | None) -> str:
    return "да" if value else "·"


WRITERS = {"table": write_table, "csv": write_csv, "json": write_json, "jsonl": write_jsonl}


def summary_line(results: list[PostResult]) -> str:
    """«posts read, analysed, skipped and why»."""
    statuses = Counter(r.status for r in results)
    analysed = statuses.pop("ok", 0)
    skipped = sum(statuses.values())
    why = ", ".join(f"{n} {status.replace('_', ' ')}" for status, n in statuses.most_common())
    posts = "post" if len(results) == 1 else "posts"
    line = f"{len(results):,} {posts} read, {analysed:,} analysed, {skipped:,} skipped"
    return line + (f" ({why})" if why else "")
