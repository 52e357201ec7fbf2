"""Read feed exports into ``Post`` records.

Formats are sniffed here, not in the CLI: CSV/TSV with any delimiter (UTF-8,
UTF-8 with BOM or Windows-1251), Excel workbooks, JSON lists of posts, JSONL,
Telegram Desktop's ``result.json`` and VK ``wall.get`` JSON. Column names may be
Russian or English. A problem with the whole file raises ``FeedError`` with one
line to show the user; a problem with one row gives that row a status.
"""

import csv
import io
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from .records import (
    METRICS,
    STATUS_EMPTY,
    STATUS_SKIPPED,
    STATUS_TOO_LONG,
    STATUS_UNREADABLE,
    Post,
)

FIELDS = ("text", "id", "date", *METRICS)
ALIASES = {
    "text": (
        "text",
        "текст",
        "message",
        "сообщение",
        "caption",
        "post",
        "пост",
        "content",
        "контент",
        "body",
        "содержание",
        "текст поста",
        "текст публикации",
        "post_text",
        "описание",
        "подпись",
    ),
    "id": ("id", "post_id", "message_id", "ид", "номер", "№", "post id", "id поста"),
    "date": (
        "date",
        "дата",
        "datetime",
        "published",
        "published_at",
        "created_at",
        "time",
        "время",
        "дата публикации",
        "дата и время",
        "timestamp",
    ),
    "views": (
        "views",
        "просмотры",
        "охват",
        "reach",
        "impressions",
        "показы",
        "views_count",
        "просмотров",
    ),
    "likes": ("likes", "лайки", "reactions", "реакции", "нравится", "likes_count", "лайков"),
    "comments": ("comments", "комментарии", "комменты", "comments_count", "комментариев"),
    "reposts": (
        "reposts",
        "репосты",
        "shares",
        "forwards",
        "пересылки",
        "поделились",
        "reposts_count",
        "репостов",
    ),
    "clicks": ("clicks", "переходы", "клики", "link_clicks", "переходов", "кликов"),
}
DELIMITERS = ",;\t|"
ID_WORDS = frozenset({"id", "ид", "номер", "№"})
MAX_POST_CHARS = 100_000
SNIFF_BYTES = 64 * 1024
BINARY_SIGNATURES = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b", b"PK\x03\x04")
NUMBER_SUFFIXES = {"k": 1e3, "к": 1e3, "тыс": 1e3, "m": 1e6, "м": 1e6, "млн": 1e6}
NUMBER = re.compile(r"^([+-]?\d+(?:[.,]\d+)?)\s*(k|к|тыс|m|м|млн)?\.?$", re.IGNORECASE)

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


def read_feed(path: str, options: ReadOptions | None = None) -> Feed:
    """Read a feed export from ``path`` (``-`` for standard input)."""
    options = options or ReadOptions()
    name = "<stdin>" if path == "-" else path
    data = _read_bytes(path)
    kind = _sniff_kind(name, data)
    if kind == "xlsx":
        feed = _read_excel(name, data, options)
    elif kind == "json":
        feed = _read_json(name, _decode(name, data, options)[0], options)
    else:
        text, encoding = _decode(name, data, options)
        feed = _read_delimited(name, text, options)
        feed.encoding = encoding
    for post in feed.posts:
        _check_post(post, options)
    return feed


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


def _sniff_kind(name: str, data: bytes) -> str:
    if not data.strip():
        raise FeedError(f"{name}: the file is empty. Export the feed again with its posts.")
    if data.startswith(b"PK\x03\x04") and (
        name.lower().endswith((".xlsx", ".xlsm")) or b"xl/" in data[:4096]
    ):
        return "xlsx"
    head = data[:SNIFF_BYTES]
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
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    guess = _guess_encoding(data)
    try:
        return data.decode(guess), guess
    except (UnicodeDecodeError, LookupError) as error:
        raise FeedError(
            f"{name}: the text encoding is neither UTF-8 nor Windows-1251. "
            "Save the file as CSV UTF-8, or pass --encoding."
        ) from error


def _guess_encoding(data: bytes) -> str:
    """Windows-1251 unless charset-normalizer is sure of something else Cyrillic."""
    from charset_normalizer import from_bytes

    best = from_bytes(
        data[: 4 * SNIFF_BYTES], cp_isolation=["cp1251", "koi8_r", "cp866", "mac_cyrillic"]
    ).best()
    return best.encoding if best is not None else "cp1251"


# --- delimited text -------------------------------------------------------------


def _read_delimited(name: str, text: str, options: ReadOptions) -> Feed:
    delimiter = _sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as error:
        raise FeedError(f"{name}: no header row could be read ({error}).") from error
    columns = resolve_columns(name, header, options.columns)
    posts = list(_delimited_posts(name, reader, header, columns))
    return Feed(name, "csv" if delimiter != "\t" else "tsv", posts, delimiter=delimiter, columns=columns)


def _sniff_delimiter(text: str) -> str:
    first_line = text.split("\n", 1)[0]
    try:
        return csv.Sniffer().sniff(text[:SNIFF_BYTES], delimiters=DELIMITERS).delimiter
    except csv.Error:
        counts = {d: first_line.count(d) for d in DELIMITERS}
        best = max(counts, key=counts.get)
        return best if counts[best] else ","


def _delimited_posts(name: str, reader, header: list[str], columns: dict[str, str]) -> Iterator[Post]:
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
        post = _post_from_values(row_number - 2, values, f"row {row_number}")
        if len(row) != len(header) and not post.status:
            post.reason = f"row has {len(row)} fields, the header has {len(header)}"
        yield post


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
            found = _find_alias(header, ALIASES[field_name], set(columns.values()))
            if found is not None:
                columns[field_name] = found
    if "text" not in columns:
        raise FeedError(
            f"{name}: no text column. Columns found: {_list_columns(header)}. "
            "Name the column with the post text: --text-column NAME."
        )
    return columns


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


def _post_from_values(index: int, values: dict, location: str) -> Post:
    text = values.get("text")
    post = Post(index=index, text="" if text is None else str(text), location=location)
    post.id = _clean_cell(values.get("id")) or str(index + 1)
    post.date = _format_date(values.get("date"))
    for metric in METRICS:
        setattr(post, metric, parse_number(values.get(metric)))
    post.status = ""
    return post


def _clean_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def parse_number(value) -> float | None:
    """Counts as exports write them: 1234, "1 234", "1,2K", "12 тыс"; None when absent."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip().replace("\u00a0", "").replace(" ", "")
    match = NUMBER.match(text)
    if not match:
        return None
    number = float(match.group(1).replace(",", "."))
    suffix = (match.group(2) or "").lower()
    return number * NUMBER_SUFFIXES.get(suffix, 1)


def _format_date(value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, int | float) and value > 10**8:
        return datetime.fromtimestamp(value, tz=UTC).isoformat()
    return str(value).strip()


def _check_post(post: Post, options: ReadOptions) -> None:
    """Give a post its status: ok, or why it cannot be analysed."""
    if post.status and post.status != "ok":
        return
    if not post.text.strip():
        post.status, post.reason = STATUS_EMPTY, post.reason or "no text in this post"
    elif len(post.text) > options.max_chars:
        post.status = STATUS_TOO_LONG
        post.reason = f"{len(post.text):,} characters; the limit is {options.max_chars:,} (--max-chars)"
    else:
        post.status = "ok"


# --- Excel ------------------------------------------------------------------------


def _read_excel(name: str, data: bytes, options: ReadOptions) -> Feed:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        raise FeedError(f"{name}: not a readable Excel workbook ({error}).") from error
    sheet = _pick_sheet(name, workbook, options.sheet)
    rows = sheet.iter_rows(values_only=True)
    header = _excel_header(name, rows)
    columns = resolve_columns(name, header, options.columns)
    index_of = {field: header.index(column) for field, column in columns.items()}
    posts = []
    for row_number, row in enumerate(rows, start=2):
        if not any(cell not in (None, "") for cell in row):
            continue
        values = {f: row[i] if i < len(row) else None for f, i in index_of.items()}
        posts.append(_post_from_values(len(posts), values, f"row {row_number}"))
    workbook.close()
    return Feed(name, "xlsx", posts, columns=columns)


def _pick_sheet(name: str, workbook, wanted: str | None):
    if wanted is None:
        return workbook.worksheets[0]
    if wanted in workbook.sheetnames:
        return workbook[wanted]
    if wanted.isdigit() and 1 <= int(wanted) <= len(workbook.worksheets):
        return workbook.worksheets[int(wanted) - 1]
    raise FeedError(f"{name}: no sheet {wanted!r}. Sheets: {', '.join(workbook.sheetnames)}.")


def _excel_header(name: str, rows) -> list[str]:
    for row in rows:
        if any(cell not in (None, "") for cell in row):
            return ["" if cell is None else str(cell) for cell in row]
    raise FeedError(f"{name}: the sheet is empty.")


# --- JSON ---------------------------------------------------------------------------


def _read_json(name: str, text: str, options: ReadOptions) -> Feed:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        if "\n" in text.strip() and text.lstrip().startswith("{"):
            return _read_jsonl(name, text, options)
        raise FeedError(
            f"{name}: line {error.lineno}, column {error.colno}: invalid JSON ({error.msg})."
        ) from error
    if isinstance(data, dict) and isinstance(data.get("messages"), list):
        return _read_telegram(name, data)
    if isinstance(data, dict) and _find_alias(list(data), ALIASES["text"], set()) is not None:
        data = [data]  # a single post (a one-line JSONL file)
    items = _vk_items(data)
    if items is not None:
        return _read_vk(name, items)
    if isinstance(data, dict):
        data = next(
            (v for k, v in data.items() if k in ("posts", "items", "data") and isinstance(v, list)),
            None,
        )
    if not isinstance(data, list):
        raise FeedError(
            f"{name}: JSON is not a list of posts, a Telegram result.json or a VK wall.get answer."
        )
    return _records_feed(name, "json", data, options, "item")


def _read_jsonl(name: str, text: str, options: ReadOptions) -> Feed:
    records: list = []
    for line_number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError as error:
            records.append(_BadLine(line_number, error.msg))
    return _records_feed(name, "jsonl", records, options, "line")


@dataclass(slots=True)
class _BadLine:
    line: int
    message: str


def _records_feed(name: str, fmt: str, records: list, options: ReadOptions, unit: str) -> Feed:
    keys = list(dict.fromkeys(k for r in records if isinstance(r, dict) for k in r))
    columns = resolve_columns(name, keys, options.columns)
    posts = []
    for number, record in enumerate(records, start=1):
        location = f"{unit} {record.line if isinstance(record, _BadLine) else number}"
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
        posts.append(_post_from_values(len(posts), values, location))
    return Feed(name, fmt, posts, columns=columns)


def _read_telegram(name: str, data: dict) -> Feed:
    posts = []
    for number, message in enumerate(data["messages"], start=1):
        post = Post(
            len(posts),
            _flatten_text(message.get("text")),
            id=str(message.get("id", number)),
            date=_format_date(message.get("date")),
            views=parse_number(message.get("views")),
            likes=_telegram_reactions(message.get("reactions")),
            comments=parse_number(
                (message.get("replies") or {}).get("count")
                if isinstance(message.get("replies"), dict)
                else message.get("replies")
            ),
            reposts=parse_number(message.get("forwards")),
            location=f"message {message.get('id', number)}",
            status="",
        )
        if message.get("type", "message") != "message":
            post.status, post.reason = (
                STATUS_SKIPPED,
                f"service message ({message.get('action', message.get('type'))})",
            )
        posts.append(post)
    return Feed(name, "telegram", posts, channel=str(data.get("name", "")))


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
    if isinstance(data, dict) and isinstance(data.get("response"), dict):
        data = data["response"]
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        items = data["items"]
        if all(isinstance(i, dict) for i in items) and any("owner_id" in i or "from_id" in i for i in items):
            return items
    return None


def _read_vk(name: str, items: list) -> Feed:
    posts = []
    for number, item in enumerate(items, start=1):
        text = item.get("text") or ""
        if not text.strip() and item.get("copy_history"):
            text = item["copy_history"][0].get("text") or ""
        posts.append(
            Post(
                len(posts),
                text,
                id=str(item.get("id", number)),
                date=_format_date(item.get("date")),
                views=_vk_count(item, "views"),
                likes=_vk_count(item, "likes"),
                comments=_vk_count(item, "comments"),
                reposts=_vk_count(item, "reposts"),
                location=f"item {number}",
                status="",
            )
        )
    return Feed(name, "vk", posts)


def _vk_count(item: dict, key: str) -> float | None:
    value = item.get(key)
    return parse_number(value.get("count")) if isinstance(value, dict) else parse_number(value)


def drain(posts: list[Post]) -> Iterator[Post]:
    """The posts in order, each removed from the list as it is handed out, so a long
    feed's texts are not all held until the end of the analysis."""
    posts.reverse()
    while posts:
        yield posts.pop()


def posts_from_texts(texts) -> list[Post]:
    """Posts from an in-memory list of strings or dicts (the Python API's input)."""
    return [post_from_item(index, item) for index, item in enumerate(texts)]


def post_from_item(index: int, item) -> Post:
    """The ``index``-th post of the Python API's input: a ``Post``, a dict or a string."""
    if isinstance(item, Post):
        post = item
    elif isinstance(item, dict):
        columns = resolve_columns("<posts>", list(item), {})
        values = {f: _flatten_text(item.get(c)) if f == "text" else item.get(c) for f, c in columns.items()}
        post = _post_from_values(index, values, f"item {index + 1}")
    else:
        post = Post(index, "" if item is None else str(item), id=str(index + 1), status="")
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
    "read_feed",
]
