"""Read feed exports into ``Post`` records.

Formats are sniffed here, not in the CLI: CSV/TSV with any delimiter (UTF-8,
UTF-8 with BOM or Windows-1251), Excel workbooks, JSON lists of posts, JSONL,
Telegram Desktop's ``result.json`` and VK ``wall.get`` JSON. Column names may be
Russian or English. A problem with the whole file raises ``FeedError`` with one
line to show the user; a problem with one row gives that row a status; a value that
cannot be used (a count that is not a number or is negative, a date that is not a
date) is left empty, and ``Feed.warnings`` says so once per column.
"""

import codecs
import csv
import io
import json
import math
import re
import sys
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from .records import (
    METRICS,
    STATUS_EMPTY,
    STATUS_SKIPPED,
    STATUS_TOO_LONG,
    STATUS_UNREADABLE,
    Post,
    UnusableValues,
)

FIELDS = ("text", "id", "date", *METRICS)


@dataclass(frozen=True, slots=True)
class Names:
    """A field's column names, tried in order: the ``plain`` ones say the field (in English
    or Russian) and are read silently; the ``other`` ones stretch or change its meaning
    («Охват» for views), so the user is told which column was read as what."""

    plain: tuple[str, ...]
    other: tuple[str, ...] = ()

    @property
    def every(self) -> tuple[str, ...]:
        return self.plain + self.other


ALIASES = {
    "text": Names(
        ("text", "текст", "текст поста", "текст публикации", "post_text"),
        (
            "message",
            "сообщение",
            "caption",
            "post",
            "пост",
            "content",
            "контент",
            "body",
            "содержание",
            "описание",
            "подпись",
        ),
    ),
    "id": Names(("id", "post_id", "message_id", "ид", "номер", "№", "id поста")),
    "date": Names(
        ("date", "дата", "datetime", "дата публикации", "дата и время"),
        ("published", "published_at", "created_at", "time", "время", "timestamp"),
    ),
    "views": Names(
        ("views", "просмотры", "views_count", "просмотров"), ("охват", "reach", "impressions", "показы")
    ),
    "likes": Names(("likes", "лайки", "нравится", "likes_count", "лайков"), ("reactions", "реакции")),
    "comments": Names(("comments", "комментарии", "комменты", "comments_count", "комментариев")),
    "reposts": Names(
        ("reposts", "репосты", "reposts_count", "репостов"), ("shares", "forwards", "пересылки", "поделились")
    ),
    "clicks": Names(("clicks", "клики", "переходы", "link_clicks", "переходов", "кликов")),
}
DELIMITERS = ",;\t|"
ID_WORDS = frozenset({"id", "ид", "номер", "№"})
MAX_POST_CHARS = 100_000
SNIFF_BYTES = 64 * 1024
BINARY_SIGNATURES = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b", b"PK\x03\x04")
NUMBER_SUFFIXES = {"k": 1e3, "к": 1e3, "тыс": 1e3, "m": 1e6, "м": 1e6, "млн": 1e6}
NUMBER = re.compile(r"^([+-]?\d+(?:[.,]\d+)?)\s*(k|к|тыс|m|м|млн)?\.?$", re.IGNORECASE)
THOUSANDS = re.compile(r"^[+-]?[1-9]\d{0,2}([.,])\d{3}(?:\1\d{3})*$")  # not 0,123
QUOTE_OPENS_LINE = re.compile(r'^"', re.MULTILINE)
ONE_COLUMN = "\x1f"  # the delimiter of a file with one column: the unit separator, which no text holds
# Rows with more or fewer fields than the header: what the warning says about each kind.
RAGGED_CAUSES = {
    "more": (
        "more fields than the header",
        "a {delimiter!r} inside a text that is not in quotes splits it, and only its first part is read",
    ),
    "fewer": (
        "fewer fields than the header",
        "a line break inside a text that is not in quotes ends the row early, or fields are missing",
    ),
}
UTF16_MIN_ZEROS = 8  # a header row's worth of ASCII letters
NO_VALUE_MARKS = frozenset({"", "-", "–", "—"})  # how exports write "no data"
NEGATIVE = "negative"
NOT_A_NUMBER = "not a number"
NOT_A_DATE = "not a date"
PROBLEM_PLURALS = {NEGATIVE: "negative", NOT_A_NUMBER: "not numbers", NOT_A_DATE: "not dates"}
WHAT_TO_DO = {
    "date": "Dates are read as 2024-12-03, 03.12.2024, 03.12.24, 03/12/2024, 3 декабря 2024 "
    "(each with a time or not), a Unix time or an Excel serial date of 1990–2099: "
    "fix these cells in the export.",
    "count": "A count is 0 or more, written like 1234, 1 234, 1,2K or 12 тыс: fix these cells in the export.",
}
SHOWN_PROBLEMS = 5  # row numbers and values quoted in a warning
LOCATION_UNITS = {unit: (unit, f"{unit}s") for unit in ("row", "line", "item", "message")}
UNIX_TIME = re.compile(r"^(\d{9,10})(?:\.\d+)?$")
UNIX_TIME_MS = re.compile(r"^\d{13}$")
EXCEL_SERIAL = re.compile(r"^\d{5}(?:[.,]\d+)?$")  # 45629, 45629.5: a number-formatted date cell
EXCEL_DAY_ZERO = datetime(1899, 12, 30)  # of Excel's 1900 date system (its 29 Feb 1900 included)
MAC_DAY_ZERO = datetime(1904, 1, 1)  # of Excel's 1904 date system, which a workbook may be set to
MS_A_DAY = 86_400_000
EXCEL_SERIALS = range(32874, 73051)  # 1990-01-01 to 2099-12-31; a Unix time has 9 digits or more
TIME = r"(?:(?:\s*,\s*|\s+в\s+|\s+|T)(\d{1,2}):(\d{2})(?::(\d{2}))?)?"
NUMERIC_DATE = re.compile(rf"^(\d{{1,2}})([./])(\d{{1,2}})\2(\d{{4}}|\d{{2}}){TIME}$")
WORD_DATE = re.compile(rf"^(\d{{1,2}})\s+([а-яё]{{3,}})\.?\s+(\d{{4}})(?:\s*(?:г\.?|года?))?{TIME}$", re.I)
MONTHS_GENITIVE = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)  # fmt: skip

csv.field_size_limit(1 << 30)


class FeedError(Exception):
    """A problem with the whole input: shown to the user as one line, exit code 2."""


@dataclass(slots=True)
class ReadOptions:
    columns: dict[str, str] = field(default_factory=dict)  # field -> column name, by hand
    sheet: str | None = None
    max_chars: int = MAX_POST_CHARS
    encoding: str | None = None


@dataclass(slots=True)
class Feed:
    """What was read: the posts, and how the file was understood."""

    name: str
    format: str
    posts: list[Post]
    encoding: str = ""
    delimiter: str = ""
    columns: dict[str, str] = field(default_factory=dict)  # field -> column used
    channel: str = ""
    aliased: dict[str, str] = field(default_factory=dict)  # field -> column whose name does not say it
    excel_dates: list[str] = field(default_factory=list)  # dates written as Excel serial numbers
    excel_day_zero: datetime = EXCEL_DAY_ZERO  # what those numbers count from: the workbook's date system
    day_first_dates: list[str] = field(default_factory=list)  # slashed dates that fit both orders
    ragged_rows: dict[str, list[str]] = field(default_factory=dict)  # "more"/"fewer" fields: row locations
    repeated_columns: dict[str, str] = field(default_factory=dict)  # field -> a name the header repeats
    unusable: list[UnusableValues] = field(default_factory=list)  # values left empty, by column
    warnings: list[str] = field(default_factory=list)  # one line each, for stderr


class ValueLog:
    """The values that could not be used, by field, as rows are read: each post's
    ``reason`` names its own, and the feed gets one warning per column at the end."""

    def __init__(self) -> None:
        self.found: dict[str, list[tuple[str, str, str]]] = {}  # field -> (location, value, problem)

    def add(self, post: Post, field_name: str, value, problem: str) -> None:
        shown = _shown_value(value)
        self.found.setdefault(field_name, []).append((post.location, shown, problem))
        note = f"{field_name} {shown!r} is {problem}, left empty"
        post.reason = f"{post.reason}; {note}" if post.reason else note

    def unusable(self, columns: dict[str, str]) -> list[UnusableValues]:
        return [
            UnusableValues(
                field=field_name,
                column=columns.get(field_name, ""),
                problems=list(dict.fromkeys(problem for _, _, problem in found)),
                locations=[location for location, _, _ in found],
                values=[value for _, value, _ in found],
            )
            for field_name, found in sorted(self.found.items(), key=lambda item: FIELDS.index(item[0]))
        ]


def read_feed(path: str, options: ReadOptions | None = None) -> Feed:
    """Read a feed export from ``path`` (``-`` for standard input)."""
    options = options or ReadOptions()
    name = "<stdin>" if path == "-" else path
    data, wide = _from_wide_encoding(name, _read_bytes(path), options.encoding)
    if wide:
        options = replace(options, encoding=None)  # the bytes are UTF-8 from here on
    kind = _sniff_kind(name, data)
    log = ValueLog()
    if kind == "xlsx":
        feed = _read_excel(name, data, options, log)
    elif kind == "json":
        feed = _read_json(name, _decode(name, data, options)[0], options, log)
    else:
        text, encoding = _decode(name, data, options)
        feed = _read_delimited(name, text, options, log)
        feed.encoding = wide or encoding
    _require_posts(feed)
    feed.aliased = _aliased(feed.columns, options.columns)
    if feed.excel_day_zero == EXCEL_DAY_ZERO:  # a 1904 workbook's serials are read with its rows
        feed.excel_dates = [post.date for post in feed.posts if excel_serial_date(post.date)]
    feed.day_first_dates = settle_dates(feed.posts, log)
    for post in feed.posts:
        _check_post(post, options)
    feed.unusable = log.unusable(feed.columns)
    feed.warnings = _feed_warnings(feed)
    return feed


def _feed_warnings(feed: Feed) -> list[str]:
    """How the file was read where the user may not expect it, then the values left empty."""
    found = [aliased_warning(feed.name, feed.aliased)] if feed.aliased else []
    found += [
        f"{feed.name}: the header has more than one column named {column!r}; the first is read as "
        f"{field_name}. Rename or delete the other."
        for field_name, column in feed.repeated_columns.items()
    ]
    if feed.excel_dates:
        found.append(
            excel_dates_warning(feed.name, feed.columns.get("date"), feed.excel_dates, feed.excel_day_zero)
        )
    found += [
        ragged_rows_warning(feed.name, kind, rows, feed.delimiter) for kind, rows in feed.ragged_rows.items()
    ]
    found += [unusable_warning(feed.name, values) for values in feed.unusable]
    if feed.day_first_dates:
        found.append(day_first_warning(feed.name, feed.columns.get("date"), feed.day_first_dates))
    return found


def _require_posts(feed: Feed) -> None:
    """A file with a header (or an empty list) and no posts is as useless as an empty one."""
    if feed.posts:
        return
    what = "a header row and no posts" if feed.format in ("csv", "tsv", "xlsx") else "no posts"
    raise FeedError(f"{feed.name}: the file has {what}. Export the feed again with its posts.")


def _read_bytes(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    file = Path(path)
    if not file.exists():
        raise FeedError(f"{path}: no such file. Check the path, or pass - to read standard input.")
    if file.is_dir():
        raise FeedError(f"{path}: is a folder, not a feed export. Name a .csv, .xlsx, .json or .jsonl file.")
    try:
        return file.read_bytes()
    except OSError as error:
        raise FeedError(f"{path}: cannot be read ({error.strerror}).") from error


def _from_wide_encoding(name: str, data: bytes, encoding: str | None) -> tuple[bytes, str]:
    """A UTF-16 file (Excel's «Unicode text» export starts with its byte order mark), or
    one in UTF-16/32 named by --encoding, as UTF-8 bytes, and the encoding it was in; any
    other file as it is, with ""."""
    wide = encoding if encoding and re.match(r"(?i)utf[-_]?(16|32)", encoding) else wide_bom(data)
    if not wide:
        return data, ""
    try:
        return data.decode(wide).encode("utf-8"), wide
    except (UnicodeDecodeError, LookupError) as error:
        raise FeedError(f"{name}: cannot be read as {wide} ({error}). Save the file as CSV UTF-8.") from error


def _utf16_without_bom(head: bytes) -> str:
    """ "le" or "be" when nearly every zero byte sits on one side of a byte pair, as the
    ASCII characters of UTF-16 text put them (a binary file has them on both; an emoji
    such as 😀 puts one on the other side); else ""."""
    even, odd = head[0::2].count(0), head[1::2].count(0)
    enough = max(UTF16_MIN_ZEROS, len(head) // 20)  # spaces, digits, tabs: 1 character in 10 at least
    if odd >= enough and even * 5 <= odd:
        return "le"
    return "be" if even >= enough and odd * 5 <= even else ""


def _sniff_kind(name: str, data: bytes) -> str:
    if not data.strip():
        raise FeedError(f"{name}: the file is empty. Export the feed again with its posts.")
    if data.startswith(b"PK\x03\x04") and (
        name.lower().endswith((".xlsx", ".xlsm")) or b"xl/" in data[:4096]
    ):
        return "xlsx"
    head = data[:SNIFF_BYTES]
    if not data.startswith(BINARY_SIGNATURES) and (order := _utf16_without_bom(head)):
        raise FeedError(
            f"{name}: this looks like UTF-16 text with no byte order mark. "
            f"Pass --encoding utf-16-{order}, or save the file as CSV UTF-8."
        )
    if data.startswith(BINARY_SIGNATURES) or b"\x00" in head:
        raise FeedError(
            f"{name}: this is a binary file, not a feed export. "
            "Give a CSV/TSV, Excel .xlsx, JSON or JSONL file."
        )
    if name.lower().endswith((".json", ".jsonl", ".ndjson")):
        return "json"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return "json" if stripped[:1] in (b"{", b"[") else "delimited"


def _decode(name: str, data: bytes, options: ReadOptions) -> tuple[str, str]:
    """Text and the encoding it was in: UTF-8 (with or without BOM), else Windows-1251."""
    if options.encoding:
        try:
            return data.decode(options.encoding), options.encoding
        except (UnicodeDecodeError, LookupError) as error:
            raise FeedError(f"{name}: cannot be read as {options.encoding} ({error}).") from error
    try:
        found = read_utf8(name, data)
    except BrokenUtf8 as error:
        raise FeedError(f"{error}, or pass --encoding.") from error
    if found:
        return found
    guess = guess_encoding(data)
    try:
        return data.decode(guess), guess
    except (UnicodeDecodeError, LookupError) as error:
        raise FeedError(
            f"{name}: the text encoding is neither UTF-8 nor Windows-1251. "
            "Save the file as CSV UTF-8, or pass --encoding."
        ) from error


UTF8_CYRILLIC = re.compile(rb"[\xd0\xd1][\x80-\xbf]")
NOT_ASCII = re.compile(rb"[\x80-\xff]")


def mostly_utf8(data: bytes) -> bool:
    """Most of the bytes that are not ASCII make UTF-8 Cyrillic letters: a file that does
    not decode as UTF-8 then has a broken character, and is not in another encoding
    (in Windows-1251 text those byte pairs are rare: «Р» or «С» before a dash or quote)."""
    return 4 * len(UTF8_CYRILLIC.findall(data)) >= len(NOT_ASCII.findall(data))


class BrokenUtf8(ValueError):
    """A UTF-8 file with a broken character: the message names its line."""


def read_utf8(name: str, data: bytes) -> tuple[str, str] | None:
    """The text of a UTF-8 file, its BOM dropped, and "utf-8" or "utf-8-sig"; None for a
    file in another encoding. A file with a UTF-8 BOM, or otherwise mostly UTF-8, that
    does not decode raises ``BrokenUtf8``: it is not in another encoding."""
    bom = data.startswith(codecs.BOM_UTF8)
    body = data[len(codecs.BOM_UTF8) :] if bom else data
    try:
        return body.decode("utf-8"), "utf-8-sig" if bom else "utf-8"
    except UnicodeDecodeError as error:
        if bom or mostly_utf8(body):
            raise BrokenUtf8(broken_utf8(name, body, error)) from error
    return None


def wide_bom(data: bytes) -> str:
    """ "utf-32" or "utf-16" for a file that starts with that byte order mark, else ""."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    return "utf-16" if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else ""


def broken_utf8(name: str, data: bytes, error: UnicodeDecodeError) -> str:
    """«posts.csv: line 3: byte 0xff is not UTF-8 ...»: where the broken character is."""
    line = data.count(b"\n", 0, error.start) + 1
    return (
        f"{name}: line {line}: byte 0x{data[error.start]:02x} is not UTF-8, though the rest of the "
        "file is; a character there is broken. Fix or delete it, or save the file as UTF-8 again"
    )


def guess_encoding(data: bytes) -> str:
    """Windows-1251 unless charset-normalizer is sure of something else Cyrillic."""
    from charset_normalizer import from_bytes

    best = from_bytes(
        data[: 4 * SNIFF_BYTES], cp_isolation=["cp1251", "koi8_r", "cp866", "mac_cyrillic"]
    ).best()
    return best.encoding if best is not None else "cp1251"


# --- delimited text -------------------------------------------------------------


def _read_delimited(name: str, text: str, options: ReadOptions, log: ValueLog) -> Feed:
    delimiter = _sniff_delimiter(text)
    quoting = csv.QUOTE_NONE if delimiter == ONE_COLUMN and not _quotes_cells(text) else csv.QUOTE_MINIMAL
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True, quoting=quoting)
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as error:
        raise FeedError(f"{name}: no header row could be read ({error}).") from error
    columns = resolve_columns(name, header, options.columns)
    ragged: dict[str, list[str]] = {}
    posts = list(_delimited_posts(name, reader, header, columns, log, ragged))
    shown = "" if delimiter == ONE_COLUMN else delimiter
    feed = Feed(name, "csv" if delimiter != "\t" else "tsv", posts, delimiter=shown, columns=columns)
    feed.ragged_rows = ragged
    feed.repeated_columns = _repeated(header, columns)
    return feed


def _quotes_cells(text: str) -> bool:
    """Whether a one-column file is CSV that puts cells in quotes, as a CSV writer quotes a
    post with a comma or a line break: some line opens with a quote and the whole file reads
    as such CSV. Lines of text where «"Атлант" открыл …» is a name in quotes do not."""
    if not QUOTE_OPENS_LINE.search(text):
        return False
    try:
        for _ in csv.reader(io.StringIO(text, newline=""), delimiter=ONE_COLUMN, strict=True):
            pass
    except csv.Error:
        return False
    return True


def _sniff_delimiter(text: str) -> str:
    """The delimiter of the header row; for a header of one column (no delimiter in it),
    a character no text holds, so each line is one whole post, commas and all."""
    first_line = text.split("\n", 1)[0]
    if not any(d in first_line for d in DELIMITERS):
        return ONE_COLUMN
    try:
        return csv.Sniffer().sniff(text[:SNIFF_BYTES], delimiters=DELIMITERS).delimiter
    except csv.Error:
        counts = {d: first_line.count(d) for d in DELIMITERS}
        best = max(counts, key=counts.get)
        return best if counts[best] else ","


def _delimited_posts(
    name: str, reader, header: list[str], columns: dict[str, str], log: ValueLog, ragged: dict
) -> Iterator[Post]:
    """The rows' posts; ``ragged`` gets the places of rows with more or fewer fields than the header."""
    index_of = {field: header.index(column) for field, column in columns.items()}
    row_number = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise FeedError(
                f"{name}: line {reader.line_num}: broken CSV quoting ({error}). A quote inside a field "
                'must be doubled (""); re-export the file as CSV, or fix that line.'
            ) from error
        row_number += 1
        if not any(cell.strip() for cell in row):
            continue
        values = {f: row[i] if i < len(row) else None for f, i in index_of.items()}
        post = _post_from_values(row_number - 2, values, f"row {row_number}", log)
        if len(row) != len(header) and not post.status:
            ragged.setdefault("more" if len(row) > len(header) else "fewer", []).append(post.location)
            fields = f"row has {len(row)} field{'s' if len(row) > 1 else ''}, the header has {len(header)}"
            post.reason = f"{fields}; {post.reason}" if post.reason else fields
        yield post


def _repeated(header: list, columns: dict[str, str]) -> dict[str, str]:
    """The fields read from a column whose name the header has more than once (the first is read)."""
    return {field_name: column for field_name, column in columns.items() if header.count(column) > 1}


def resolve_columns(name: str, header: list[str], by_hand: dict[str, str]) -> dict[str, str]:
    """Map fields (text, date, views, ...) to column names found in ``header``."""
    columns: dict[str, str] = {}
    for field_name, column in by_hand.items():
        if column not in header:
            raise FeedError(
                f"{name}: no column named {column!r} (for {field_name}). "
                f"Columns found: {_list_columns(header)}."
            )
        columns[field_name] = column
    for field_name in FIELDS:
        if field_name not in columns:
            found = _find_alias(header, ALIASES[field_name].every, set(columns.values()))
            if found is not None:
                columns[field_name] = found
    if "text" not in columns:
        raise FeedError(
            f"{name}: no text column. Columns found: {_list_columns(header)}. "
            "Name the column with the post text: --column text=NAME."
        )
    return columns


def _aliased(columns: dict[str, str], by_hand: dict[str, str]) -> dict[str, str]:
    """The columns whose name does not plainly say their field («Охват» for views, «Время»
    for date, «Текст поста (полный)» found by one word), in field order; those named by
    hand are left out, the user knows them."""
    found = {f: c for f, c in columns.items() if f not in by_hand and not _says_field(c, f)}
    return dict(sorted(found.items(), key=lambda item: FIELDS.index(item[0])))


def _says_field(column: str, field_name: str) -> bool:
    return _normal_header(column) in {_normal_header(name) for name in ALIASES[field_name].plain}


def _normal_header(name: str) -> str:
    return re.sub(r"[\s_\-]+", " ", str(name).strip().lower().replace("ё", "е"))


def _find_alias(header: list[str], aliases: tuple[str, ...], taken: set[str]) -> str | None:
    normal = {column: _normal_header(column) for column in header if column not in taken}
    wanted = [_normal_header(a) for a in aliases]
    for alias in wanted:
        for column, value in normal.items():
            if value == alias:
                return column
    for alias in wanted:
        if len(alias) < 4:
            continue
        for column, value in normal.items():
            words = value.split()
            if alias in words and not ID_WORDS & set(words):
                return column
    return None


def _list_columns(header: list[str]) -> str:
    shown = ", ".join(repr(c) for c in header[:20])
    return shown + (f" and {len(header) - 20} more" if len(header) > 20 else "") if header else "none"


def _post_from_values(index: int, values: dict, location: str, log: ValueLog) -> Post:
    text = values.get("text")
    post = Post(index=index, text="" if text is None else str(text), location=location)
    # no id column: the post's number; an empty cell of one: «#2», which no id of the column clashes with
    post.id = _clean_cell(values.get("id")) or f"{'#' if 'id' in values else ''}{index + 1}"
    _set_date_and_counts(post, values, log)
    post.status = ""
    return post


def _set_date_and_counts(post: Post, values: dict, log: ValueLog) -> None:
    """The date as found (``settle_dates`` reads it once the whole column is known) and
    the counts present in ``values``; a count that cannot be used is left empty."""
    post.date = _format_date(values.get("date"))
    for metric in METRICS:
        if metric in values:
            setattr(post, metric, _count(post, metric, values[metric], log))


def _count(post: Post, field_name: str, value, log: ValueLog) -> float | None:
    number = parse_number(value)
    if number is not None and math.isfinite(number) and number >= 0:
        return number
    if number is None and _no_value(value):
        return None
    log.add(post, field_name, value, NEGATIVE if number is not None and number < 0 else NOT_A_NUMBER)
    return None


def _no_value(value) -> bool:
    return value is None or (isinstance(value, str) and value.strip() in NO_VALUE_MARKS)


def _shown_value(value) -> str:
    text = str(value).strip()
    return text if len(text) <= 40 else text[:39] + "…"


def _clean_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def parse_number(value) -> float | None:
    """Counts as exports write them: 1234, "1 234", "12,345", "1.234.567", "1,2K", "12 тыс";
    None when absent. Three digits after a comma or point are thousands («12,345» views),
    not a fraction of a view; with K or тыс after them they are a fraction («1,234K»)."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip().replace("\u00a0", "").replace(" ", "")
    if THOUSANDS.match(text):  # 12,345 or 1.234.567: a count grouped by thousands, no fraction
        return float(re.sub(r"[.,]", "", text))
    match = NUMBER.match(text)
    if not match:
        return None
    number = float(match.group(1).replace(",", "."))
    suffix = (match.group(2) or "").lower()
    return number * NUMBER_SUFFIXES.get(suffix, 1)


def _format_date(value) -> str:
    if _no_value(value):
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if number and math.isfinite(value) and value > 10**8:
        return str(int(value))  # a Unix time in seconds or milliseconds, read as the text is
    return str(value).strip()


# --- dates --------------------------------------------------------------------------


def settle_dates(posts: list[Post], log: ValueLog) -> list[str]:
    """Each post's date as ISO 8601, or empty (and logged) when it is not a date. Dates
    with slashes are read day first unless the column shows otherwise; returns those
    dates when that could not be told (none when they all read the same either way)."""
    written = [post.date for post in posts if post.date]
    month_first = _slashes_are_month_first(written)
    for post in posts:
        if not post.date:
            continue
        iso = read_date(post.date, month_first=month_first)
        if iso is None:
            log.add(post, "date", post.date, NOT_A_DATE)
        post.date = iso or ""
    return _read_day_first_by_default(written)


def read_date(text: str, *, month_first: bool = False) -> str | None:
    """A date as ISO 8601, or None. ISO dates are kept as written; a Unix time (seconds
    or milliseconds), an Excel serial date (45629, 45629.5), 03.12.2024, 03/12/2024 and
    «3 декабря 2024», each with an optional time, are converted. ``month_first`` reads
    12/03/2024 as 3 December."""
    text = text.strip()
    if UNIX_TIME.match(text) or UNIX_TIME_MS.match(text):
        seconds = float(text) / (1000 if UNIX_TIME_MS.match(text) else 1)
        return datetime.fromtimestamp(seconds, tz=UTC).isoformat()
    if _is_iso(text):
        return text
    return excel_serial_date(text) or _numeric_date(text, month_first) or _word_date(text)


def excel_serial_date(text: str, day_zero: datetime = EXCEL_DAY_ZERO) -> str | None:
    """A number of days since 1899-12-30 (``day_zero``), the fraction being the time of day,
    as a sheet writes a date cell formatted as a number: 45629 is 2024-12-03, 45629.5 its
    noon. Only the days of ``EXCEL_SERIALS``: other numbers are not taken for dates. The
    time is cut to the second, never rounded up: 45629.999999 is 23:59:59, not the next day."""
    if not EXCEL_SERIAL.match(text):
        return None
    serial = float(text.replace(",", "."))
    if int(serial) + (day_zero - EXCEL_DAY_ZERO).days not in EXCEL_SERIALS:
        return None
    seconds = round(serial * MS_A_DAY) // 1000  # to the millisecond, as Excel keeps time; then cut
    when = day_zero + timedelta(seconds=seconds)
    return when.isoformat() if serial % 1 else when.date().isoformat()


def _is_iso(text: str) -> bool:
    try:
        datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def _numeric_date(text: str, month_first: bool) -> str | None:
    match = NUMERIC_DATE.match(text)
    if not match:
        return None
    first, separator, second, year = match.group(1, 2, 3, 4)
    day, month = (second, first) if separator == "/" and month_first else (first, second)
    return _iso(_full_year(int(year)), int(month), int(day), match.groups()[4:])


def _full_year(year: int) -> int:
    return 2000 + year if year < 100 else year


def _word_date(text: str) -> str | None:
    match = WORD_DATE.match(text)
    month = _month_number(match.group(2).lower()) if match else None
    if month is None:
        return None
    return _iso(int(match.group(3)), month, int(match.group(1)), match.groups()[3:])


def _month_number(word: str) -> int | None:
    """«декабря», «дек» or «дек.» -> 12; a month's name in the genitive or cut short."""
    return next((n for n, name in enumerate(MONTHS_GENITIVE, start=1) if name.startswith(word)), None)


def _iso(year: int, month: int, day: int, time: tuple) -> str | None:
    hour, minute, second = (int(part or 0) for part in time)
    try:
        when = datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None
    return when.isoformat() if time[0] is not None else when.date().isoformat()


def _slash_dates(written: list[str]) -> list[tuple[str, int, int]]:
    """Dates written with slashes: (as written, first number, second number)."""
    matches = (NUMERIC_DATE.match(text.strip()) for text in written)
    return [(m.group(0), int(m.group(1)), int(m.group(3))) for m in matches if m and m.group(2) == "/"]


def _slashes_are_month_first(written: list[str]) -> bool:
    """Month first only when some date cannot be day first (04/25/2024) and none
    cannot be month first (25/04/2024)."""
    slashed = _slash_dates(written)
    return any(b > 12 for _, _, b in slashed) and not any(a > 12 for _, a, _ in slashed)


def _read_day_first_by_default(written: list[str]) -> list[str]:
    """The dates with slashes, when none of them tells the order (all are like 12/04/2024)
    and one of them would read otherwise month first."""
    slashed = _slash_dates(written)
    if any(a > 12 or b > 12 for _, a, b in slashed) or all(a == b for _, a, b in slashed):
        return []
    return [text for text, _, _ in slashed]


# --- warnings -------------------------------------------------------------------------


def ragged_rows_warning(name: str, kind: str, rows: list[str], delimiter: str) -> str:
    """«posts.csv: 2 rows have more fields than the header (rows 2, 3): a ',' inside ...»"""
    fields, cause = RAGGED_CAUSES[kind]
    count = "1 row has" if len(rows) == 1 else f"{len(rows)} rows have"
    return (
        f"{name}: {count} {fields} ({row_range(rows)}): {cause.format(delimiter=delimiter)}. "
        "Put such texts in double quotes, or export the file again."
    )


def unusable_warning(name: str, unusable: UnusableValues) -> str:
    """«posts.csv: views (column 'Охват'): 2 values are not numbers (rows 4, 9: 'много',
    'abc'); left empty. A count is 0 or more ...»"""
    count = len(unusable.values)
    what = " or ".join(problem if count == 1 else PROBLEM_PLURALS[problem] for problem in unusable.problems)
    shown = ", ".join(repr(value) for value in unusable.values[:SHOWN_PROBLEMS])
    column = _column_note(unusable.column)
    advice = WHAT_TO_DO["date" if unusable.field == "date" else "count"]
    return (
        f"{name}: {unusable.field}{column}: {count} {'value is' if count == 1 else 'values are'} {what} "
        f"({row_range(unusable.locations)}: {shown}); left empty. {advice}"
    )


def aliased_warning(name: str, aliased: dict[str, str]) -> str:
    """«posts.csv: columns read: 'Текст поста' as text, 'Охват' as views; if one is wrong, ...»"""
    read = ", ".join(f"{column!r} as {field_name}" for field_name, column in aliased.items())
    return (
        f"{name}: column{'s' if len(aliased) > 1 else ''} read: {read}; "
        "if one is wrong, name the right one with --column FIELD=NAME."
    )


def excel_dates_warning(
    name: str, column: str | None, serials: list[str], day_zero: datetime = EXCEL_DAY_ZERO
) -> str:
    """«posts.csv: date (column 'Дата'): 3 values are numbers, read as Excel serial dates ...»"""
    count, example = len(serials), serials[0]
    numbers = "1 value is a number" if count == 1 else f"{count} values are numbers"
    dates = "an Excel serial date" if count == 1 else "Excel serial dates"
    system = "" if day_zero == EXCEL_DAY_ZERO else "the workbook is set to Excel's 1904 date system; "
    return (
        f"{name}: date{_column_note(column)}: {numbers}, read as {dates}, days since "
        f"{day_zero.date().isoformat()} ({system}{example} is {excel_serial_date(example, day_zero)}). "
        "If this column does not hold dates, name the date column with --column date=NAME."
    )


def day_first_warning(name: str, column: str | None, slashed: list[str]) -> str:
    """«posts.csv: date (column 'date'): 2 dates with slashes, such as '12/04/2024', fit both ...»"""
    example = first_ambiguous(slashed)
    dates = (
        f"{example!r} fits"
        if len(slashed) == 1
        else f"{len(slashed)} dates with slashes, such as {example!r}, fit"
    )
    return (
        f"{name}: date{_column_note(column)}: {dates} both day/month and month/day; read day first "
        f"({example} is {read_date(example)}), as Russian exports write dates. "
        "If this export writes the month first, write its dates as YYYY-MM-DD."
    )


def first_ambiguous(slashed: list[str]) -> str:
    """The first of these dates that reads otherwise month first (12/04/2024, not 05/05/2024)."""
    return next((text for text, a, b in _slash_dates(slashed) if a != b), slashed[0] if slashed else "")


def _column_note(column: str | None) -> str:
    return f" (column {column!r})" if column else ""


def row_range(
    locations: list[str], *, units: dict[str, tuple[str, str]] = LOCATION_UNITS, more: str = " and {} more"
) -> str:
    """«row 4», «rows 4, 9, 12, 15, 20 and 3 more»: the unit once, in ``units``' word for one
    or for several, the first few numbers, and ``more`` for the rest (``wording`` passes
    Russian ones: «строки 4, 9, 12, 15, 20 и ещё 3»)."""
    unit = locations[0].split(" ", 1)[0]
    one, many = units.get(unit, (unit, unit))
    numbers = ", ".join(location.split(" ", 1)[-1] for location in locations[:SHOWN_PROBLEMS])
    rest = more.format(len(locations) - SHOWN_PROBLEMS) if len(locations) > SHOWN_PROBLEMS else ""
    return f"{many if len(locations) > 1 else one} {numbers}{rest}"


def _check_post(post: Post, options: ReadOptions) -> None:
    """Give a post its status: ok, or why it cannot be analysed."""
    if post.status and post.status != "ok":
        return
    if not post.text.strip():
        post.status = STATUS_EMPTY
        post.reason = "; ".join(filter(None, ("no text in this post", post.reason)))
    elif len(post.text) > options.max_chars:
        post.status = STATUS_TOO_LONG
        post.reason = f"{len(post.text):,} characters; the limit is {options.max_chars:,} (--max-chars)"
    else:
        post.status = "ok"


# --- Excel ------------------------------------------------------------------------


def _read_excel(name: str, data: bytes, options: ReadOptions, log: ValueLog) -> Feed:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        raise FeedError(f"{name}: not a readable Excel workbook ({error}).") from error
    sheet = _pick_sheet(name, workbook, options.sheet)
    rows = sheet.iter_rows(values_only=True)
    try:
        header = _excel_header(name, rows)
        columns = resolve_columns(name, header, options.columns)
    except FeedError as error:
        raise FeedError(_other_sheets_hint(str(error), workbook, options.sheet)) from error
    index_of = {field: header.index(column) for field, column in columns.items()}
    feed = Feed(name, "xlsx", [], columns=columns, excel_day_zero=_day_zero(workbook))
    feed.repeated_columns = _repeated(header, columns)
    for row_number, row in enumerate(rows, start=2):
        if not any(cell not in (None, "") for cell in row):
            continue
        values = {f: row[i] if i < len(row) else None for f, i in index_of.items()}
        feed.posts.append(_post_from_values(len(feed.posts), values, f"row {row_number}", log))
        _read_1904_serial(feed)
    workbook.close()
    if not feed.posts:
        message = f"{name}: the file has a header row and no posts. Export the feed again with its posts."
        raise FeedError(_other_sheets_hint(message, workbook, options.sheet))
    return feed


def _day_zero(workbook) -> datetime:
    """What the workbook's numbers for dates count from: most count from 1899-12-30, some
    workbooks made on a Mac from 1904-01-01 (openpyxl already reads date-formatted cells so)."""
    from openpyxl.utils.datetime import MAC_EPOCH

    return MAC_DAY_ZERO if workbook.epoch == MAC_EPOCH else EXCEL_DAY_ZERO


def _read_1904_serial(feed: Feed) -> None:
    """The last post's date, if a number-formatted date of a 1904 workbook, read now and
    kept for the warning, since the dates are otherwise read as days since 1899-12-30."""
    post = feed.posts[-1]
    if feed.excel_day_zero != EXCEL_DAY_ZERO and (when := excel_serial_date(post.date, feed.excel_day_zero)):
        feed.excel_dates.append(post.date)
        post.date = when


def _pick_sheet(name: str, workbook, wanted: str | None):
    if wanted is None:
        return workbook.worksheets[0]
    if wanted in workbook.sheetnames:
        return workbook[wanted]
    if wanted.isdigit() and 1 <= int(wanted) <= len(workbook.worksheets):
        return workbook.worksheets[int(wanted) - 1]
    raise FeedError(f"{name}: no sheet {wanted!r}. Sheets: {', '.join(workbook.sheetnames)}.")


def _other_sheets_hint(message: str, workbook, wanted: str | None) -> str:
    """The posts may be on another sheet: the first one was read since none was named."""
    if wanted is not None or len(workbook.sheetnames) < 2:
        return message
    sheets = ", ".join(f"«{s}»" for s in workbook.sheetnames)
    return f"{message} That was the first sheet of {sheets}: if the posts are on another, pass --sheet NAME."


def _excel_header(name: str, rows) -> list[str]:
    for row in rows:
        if any(cell not in (None, "") for cell in row):
            return ["" if cell is None else str(cell) for cell in row]
    raise FeedError(f"{name}: the sheet is empty.")


# --- JSON ---------------------------------------------------------------------------


def _read_json(name: str, text: str, options: ReadOptions, log: ValueLog) -> Feed:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        if "\n" in text.strip() and text.lstrip().startswith("{"):
            return _read_jsonl(name, text, options, log)
        raise FeedError(
            f"{name}: line {error.lineno}, column {error.colno}: invalid JSON ({error.msg})."
        ) from error
    if isinstance(data, dict) and isinstance(data.get("messages"), list):
        return _read_telegram(name, data, log)
    if isinstance(data, dict) and _find_alias(list(data), ALIASES["text"].every, set()) is not None:
        data = [data]  # a single post (a one-line JSONL file)
    items = _vk_items(data)
    if items is not None:
        return _read_vk(name, items, log)
    if isinstance(data, dict):
        data = next(
            (v for k, v in data.items() if k in ("posts", "items", "data") and isinstance(v, list)),
            None,
        )
    if not isinstance(data, list):
        raise FeedError(
            f"{name}: JSON is not a list of posts, a Telegram result.json or a VK wall.get answer."
        )
    return _records_feed(name, "json", data, options, "item", log)


def _read_jsonl(name: str, text: str, options: ReadOptions, log: ValueLog) -> Feed:
    records: list = []
    numbers: list[int] = []  # each record's line in the file, blank lines counted
    for line_number, line in enumerate(text.split("\n"), start=1):  # JSON may hold a raw U+2028
        if not line.strip():
            continue
        numbers.append(line_number)
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError as error:
            records.append(_BadLine(_json_problem(error)))
    return _records_feed(name, "jsonl", records, options, "line", log, numbers)


def _json_problem(error: json.JSONDecodeError) -> str:
    """«Unterminated string starting at column 10»: json's own message leaves the place out."""
    joint = " " if error.msg.endswith(" at") else " at "
    return f"{error.msg}{joint}column {error.colno}"


@dataclass(slots=True)
class _BadLine:
    message: str


def _records_feed(
    name: str, fmt: str, records: list, options: ReadOptions, unit: str, log: ValueLog, numbers=None
) -> Feed:
    """Posts of JSON records; ``numbers``: each record's line, where the unit is a line."""
    if not records:
        return Feed(name, fmt, [])
    keys = list(dict.fromkeys(k for r in records if isinstance(r, dict) for k in r))
    columns = resolve_columns(name, keys, options.columns)
    posts = []
    for number, record in zip(numbers or range(1, len(records) + 1), records, strict=True):
        location = f"{unit} {number}"
        if not isinstance(record, dict):
            reason = (
                f"invalid JSON: {record.message}" if isinstance(record, _BadLine) else "not a JSON object"
            )
            posts.append(
                Post(
                    len(posts),
                    "",
                    id=str(len(posts) + 1),
                    location=location,
                    status=STATUS_UNREADABLE,
                    reason=reason,
                )
            )
            continue
        values = {
            f: _flatten_text(record.get(c)) if f == "text" else record.get(c) for f, c in columns.items()
        }
        posts.append(_post_from_values(len(posts), values, location, log))
    return Feed(name, fmt, posts, columns=columns)


def _read_telegram(name: str, data: dict, log: ValueLog) -> Feed:
    posts = []
    for number, message in enumerate(data["messages"], start=1):
        post = Post(
            len(posts),
            _flatten_text(message.get("text")),
            id=str(message.get("id", number)),
            location=f"message {message.get('id', number)}",
            status="",
        )
        _set_date_and_counts(post, _telegram_values(message), log)
        if message.get("type", "message") != "message":
            post.status, post.reason = (
                STATUS_SKIPPED,
                f"service message ({message.get('action', message.get('type'))})",
            )
        posts.append(post)
    return Feed(name, "telegram", posts, channel=str(data.get("name", "")))


def _telegram_values(message: dict) -> dict:
    replies = message.get("replies")
    return {
        "date": message.get("date"),
        "views": message.get("views"),
        "likes": _telegram_reactions(message.get("reactions")),
        "comments": replies.get("count") if isinstance(replies, dict) else replies,
        "reposts": message.get("forwards"),
    }


def _telegram_reactions(reactions) -> float | None:
    if not isinstance(reactions, list):
        return None
    return float(sum(r.get("count", 0) for r in reactions if isinstance(r, dict)))


def _flatten_text(value) -> str:
    """Telegram's text: a string, or a list of strings and entity objects with ``text``."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "".join(_flatten_text(part) for part in value)
    if isinstance(value, dict):
        return str(value.get("text", ""))
    return str(value)


def _vk_items(data) -> list | None:
    """The posts of a VK wall.get answer: items under «response» (a trimmed export may drop
    their owner_id), or top-level items that carry an owner_id or from_id."""
    wrapped = isinstance(data, dict) and isinstance(data.get("response"), dict)
    if wrapped:
        data = data["response"]
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        items = data["items"]
        owned = any("owner_id" in i or "from_id" in i for i in items if isinstance(i, dict))
        if all(isinstance(i, dict) for i in items) and (wrapped or owned):
            return items
    return None


def _read_vk(name: str, items: list, log: ValueLog) -> Feed:
    posts = []
    for number, item in enumerate(items, start=1):
        text = item.get("text") or ""
        if not text.strip() and item.get("copy_history"):
            text = item["copy_history"][0].get("text") or ""
        post = Post(len(posts), text, id=str(item.get("id", number)), location=f"item {number}", status="")
        values = {"date": item.get("date"), **{key: _vk_count(item, key) for key in VK_COUNTS}}
        _set_date_and_counts(post, values, log)
        posts.append(post)
    return Feed(name, "vk", posts)


VK_COUNTS = ("views", "likes", "comments", "reposts")


def _vk_count(item: dict, key: str):
    value = item.get(key)
    return value.get("count") if isinstance(value, dict) else value


def _post_from_dict(index: int, item: dict) -> Post:
    """A post of the Python API's input, read alone; a value that cannot be used is left
    empty, with a ``UserWarning`` that names it."""
    log = ValueLog()
    post, columns = _unsettled_post(index, item, log)
    _settle_api_dates([post], columns, log)
    return post


def _unsettled_post(index: int, item: dict, log: ValueLog) -> tuple[Post, dict[str, str]]:
    """A dict's post with its date as written, and the keys read as its fields."""
    columns = resolve_columns("<posts>", list(item), {})
    values = {f: _flatten_text(item.get(c)) if f == "text" else item.get(c) for f, c in columns.items()}
    return _post_from_values(index, values, f"item {index + 1}", log), columns


def _settle_api_dates(posts: list[Post], columns: dict[str, str], log: ValueLog) -> None:
    """The dates of the Python API's dicts read together, as a file's column is, with one
    ``UserWarning`` for each kind of value left empty, for Excel serial dates and for
    slashed dates read day first where they could not tell."""
    serials = [post.date for post in posts if excel_serial_date(post.date)]
    day_first = settle_dates(posts, log)
    found = [unusable_warning("<posts>", unusable) for unusable in log.unusable(columns)]
    if serials:
        found.append(excel_dates_warning("<posts>", columns.get("date"), serials))
    if day_first:
        found.append(day_first_warning("<posts>", columns.get("date"), day_first))
    for message in found:
        warnings.warn(message, stacklevel=4)


def posts_from_texts(items) -> list[Post]:
    """The Python API's input read whole (strings, dicts, ``Post`` records): the dicts'
    dates are settled together, so a slashed date is read month first when another one
    of them can only be (12/25/2024), and each warning is given once for the list. One
    string or dict is a ``TypeError``: it would be read a character or a key a post."""
    if isinstance(items, str | bytes | dict):
        raise TypeError(f"a list of posts is expected, not one {type(items).__name__}: wrap it in [ ]")
    log, columns, posts, dicts = ValueLog(), {}, [], []
    for index, item in enumerate(items):
        if isinstance(item, dict):
            post, found = _unsettled_post(index, item, log)
            columns = {**found, **columns}
            dicts.append(post)
        else:
            post = _plain_post(index, item)
        posts.append(post)
    _settle_api_dates(dicts, columns, log)
    for post in dicts:
        _check_post(post, ReadOptions())
    return posts


def drain(posts: list[Post]) -> Iterator[Post]:
    """The posts in order, each removed from the list as it is handed out, so a long
    feed's texts are not all held until the end of the analysis."""
    posts.reverse()
    while posts:
        yield posts.pop()


def post_from_item(index: int, item) -> Post:
    """The ``index``-th post of the Python API's input: a ``Post``, a dict or a string."""
    if isinstance(item, dict):
        post = _post_from_dict(index, item)
        _check_post(post, ReadOptions())
        return post
    return _plain_post(index, item)


def _plain_post(index: int, item) -> Post:
    """A ``Post`` record or a string of the Python API's input, numbered and checked; bytes
    are read as UTF-8."""
    text = "" if item is None else str(item)
    if isinstance(item, bytes):
        text = item.decode("utf-8", errors="replace")
    post = item if isinstance(item, Post) else Post(index, text, id=str(index + 1))
    post.index = index
    _check_post(post, ReadOptions())
    return post


__all__ = [
    "STATUS_EMPTY",
    "STATUS_SKIPPED",
    "STATUS_TOO_LONG",
    "STATUS_UNREADABLE",
    "Feed",
    "FeedError",
    "ReadOptions",
    "parse_number",
    "posts_from_texts",
    "read_date",
    "read_feed",
]
