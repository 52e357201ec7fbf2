"""Reading feed exports: delimiters, encodings, headers, Excel, JSON, Telegram, VK, errors."""

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import DEMO_POSTS, require_shared
from openpyxl import Workbook

from voicecheck.feed import (
    Feed,
    FeedError,
    ReadOptions,
    excel_dates_warning,
    parse_number,
    posts_from_texts,
    read_date,
    read_feed,
)
from voicecheck.wording import excel_dates_note, input_notes, left_empty_note

ROWS = [
    ("1", "Первый пост, с запятой", "2025-01-01", "1 234", "10"),
    ("2", "Второй; с точкой с запятой", "2025-01-02", "1,2K", "3"),
    ("3", "Третий | с чертой\nи второй строкой", "2025-01-03", "12 тыс", ""),
    ("4", 'Четвёртый с "кавычками"\tи табом', "2025-01-04", "", "7"),
]


def write_delimited(path, rows, delimiter, header=("id", "text", "date", "views", "likes"), encoding="utf-8"):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return str(path)


@pytest.fixture(scope="module")
def demo():
    return read_feed(str(DEMO_POSTS))


# --- delimited text --------------------------------------------------------------------


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_any_delimiter(tmp_path, delimiter):
    feed = read_feed(write_delimited(tmp_path / "feed.csv", ROWS, delimiter))
    assert feed.delimiter == delimiter
    assert [p.text for p in feed.posts] == [r[1] for r in ROWS]
    assert [p.id for p in feed.posts] == ["1", "2", "3", "4"]
    assert [p.views for p in feed.posts] == [1234.0, 1200.0, 12000.0, None]
    assert [p.likes for p in feed.posts] == [10.0, 3.0, None, 7.0]
    assert [p.status for p in feed.posts] == ["ok"] * 4
    assert feed.format == ("tsv" if delimiter == "\t" else "csv")


def test_demo_feed(demo):
    assert len(demo.posts) == 60
    assert [p.id for p in demo.posts] == [str(i) for i in range(1, 61)]
    assert all(p.status == "ok" for p in demo.posts)
    assert demo.posts[16].views is None and demo.posts[16].likes is not None
    post_52 = demo.posts[51]
    assert (post_52.views, post_52.likes, post_52.comments, post_52.reposts) == (None, None, None, None)
    assert any("\n" in p.text for p in demo.posts)


def test_utf8_bom_copy_reads_the_same(tmp_path, demo):
    copy = tmp_path / "bom.csv"
    copy.write_bytes(b"\xef\xbb\xbf" + DEMO_POSTS.read_bytes())
    feed = read_feed(str(copy))
    assert feed.encoding == "utf-8-sig"
    assert feed.columns == demo.columns
    assert [p.text for p in feed.posts] == [p.text for p in demo.posts]
    assert [p.views for p in feed.posts] == [p.views for p in demo.posts]


def test_utf_16_exports_are_read_with_or_without_their_byte_order_mark(tmp_path):
    """Excel's «Unicode text» export is UTF-16 with a BOM; it was refused as a binary file."""
    rows = "id\ttext\tviews\r\n1\tПривет, мы студия\t100\r\n"
    marked, bare = tmp_path / "unicode.txt", tmp_path / "bare.tsv"
    marked.write_bytes(rows.encode("utf-16"))
    bare.write_bytes(rows.encode("utf-16-le"))
    feed = read_feed(str(marked))
    assert (feed.encoding, feed.posts[0].text, feed.posts[0].views) == ("utf-16", "Привет, мы студия", 100.0)
    with pytest.raises(FeedError, match=r"UTF-16 text with no byte order mark\. Pass --encoding utf-16-le"):
        read_feed(str(bare))
    forced = read_feed(str(bare), ReadOptions(encoding="utf-16-le"))
    assert (forced.encoding, forced.posts[0].text) == ("utf-16-le", "Привет, мы студия")


def test_wide_encodings_with_emoji_or_utf_32_are_told_apart_from_binary_files(tmp_path):
    rows = "id\ttext\tviews\n" + "".join(f"{i}\tПривет 😀 номер {i}\t12\n" for i in range(5))
    bare, wide = tmp_path / "emoji.tsv", tmp_path / "utf32.tsv"
    bare.write_bytes(rows.encode("utf-16-le"))  # 😀 puts a zero byte on the other side too
    wide.write_bytes(rows.encode("utf-32"))
    with pytest.raises(FeedError, match=r"UTF-16 text with no byte order mark\. Pass --encoding utf-16-le"):
        read_feed(str(bare))
    assert read_feed(str(wide)).posts[0].text == "Привет 😀 номер 0"


def test_a_utf_8_feed_with_a_bom_and_a_broken_byte_is_an_error_too(tmp_path):
    """The BOM's path replaced the byte with «�» and said nothing."""
    path = tmp_path / "posts.csv"
    path.write_bytes(b"\xef\xbb\xbf" + "id,text\n1,Привет\n".encode() + b"2,\xff\xff\n")
    with pytest.raises(FeedError, match=r"posts\.csv: line 3: byte 0xff is not UTF-8"):
        read_feed(str(path))


def test_a_utf_8_feed_with_one_broken_byte_is_an_error_that_says_where(tmp_path):
    """It was taken for another encoding and every Russian letter came out garbled."""
    path = tmp_path / "posts.csv"
    path.write_bytes("id,text\n1,Первый пост\n2,Второй пост\n".encode() + b"3,\xff\xfe\n")
    with pytest.raises(FeedError) as error:
        read_feed(str(path))
    assert str(error.value) == (
        f"{path}: line 4: byte 0xff is not UTF-8, though the rest of the file is; a character there is "
        "broken. Fix or delete it, or save the file as UTF-8 again, or pass --encoding."
    )


def test_windows_1251_copy_reads_the_same(tmp_path, demo):
    original = DEMO_POSTS.read_text(encoding="utf-8")
    copy = tmp_path / "cp1251.csv"
    copy.write_bytes(original.encode("cp1251", errors="replace"))  # emoji and ₽ have no cp1251 byte
    feed = read_feed(str(copy))
    assert feed.encoding == "cp1251"
    assert len(feed.posts) == 60
    expected = [p.text.encode("cp1251", errors="replace").decode("cp1251") for p in demo.posts]
    assert [p.text for p in feed.posts] == expected
    assert [p.likes for p in feed.posts] == [p.likes for p in demo.posts]


def test_windows_1251_excel_style_semicolons_and_russian_headers(tmp_path):
    text = (
        "Текст;Дата;Просмотры;Лайки;Комментарии;Репосты\n"
        '"Скидки на шторы, тюль; всё до пятницы";01.02.2025;1 234;12;3;1\n'
        "Второй пост про ёлку;02.02.2025;2 000;5;;\n"
    )
    path = tmp_path / "excel.csv"
    path.write_bytes(text.encode("cp1251"))
    feed = read_feed(str(path))
    assert (feed.encoding, feed.delimiter) == ("cp1251", ";")
    assert [p.text for p in feed.posts] == ["Скидки на шторы, тюль; всё до пятницы", "Второй пост про ёлку"]
    first = feed.posts[0]
    assert (first.views, first.likes, first.comments, first.reposts) == (1234.0, 12.0, 3.0, 1.0)
    assert first.date == "2025-02-01"  # read day first, written as ISO 8601


def test_russian_headers(tmp_path):
    header = ("текст", "дата", "просмотры", "лайки", "комментарии", "репосты")
    path = write_delimited(
        tmp_path / "ru.csv", [("Привет, мир", "2025-03-01", "100", "5", "2", "1")], ",", header
    )
    feed = read_feed(path)
    assert feed.columns == {
        "text": "текст",
        "date": "дата",
        "views": "просмотры",
        "likes": "лайки",
        "comments": "комментарии",
        "reposts": "репосты",
    }
    post = feed.posts[0]
    assert (post.text, post.date, post.views, post.likes, post.comments, post.reposts) == (
        "Привет, мир",
        "2025-03-01",
        100.0,
        5.0,
        2.0,
        1.0,
    )
    assert post.id == "1"


def test_english_export_headers(tmp_path):
    header = ("post_id", "published_at", "message", "views_count", "reactions", "comments_count", "forwards")
    row = ("77", "2025-03-01T10:00", "Текст поста", "1,5K", "40", "3", "2")
    feed = read_feed(write_delimited(tmp_path / "en.csv", [row], ",", header))
    post = feed.posts[0]
    assert feed.columns["text"] == "message"
    assert (post.id, post.date, post.text) == ("77", "2025-03-01T10:00", "Текст поста")
    assert (post.views, post.likes, post.comments, post.reposts) == (1500.0, 40.0, 3.0, 2.0)


def test_text_column_by_hand(tmp_path):
    header = ("Пост", "Автор", "Охват")
    path = write_delimited(tmp_path / "hand.csv", [("Текст поста", "Вера", "300")], ";", header)
    feed = read_feed(path, ReadOptions(columns={"text": "Пост"}))
    assert feed.columns["text"] == "Пост"
    assert feed.posts[0].text == "Текст поста"
    assert feed.posts[0].views == 300.0


def test_columns_by_hand_override_aliases(tmp_path):
    header = ("Заголовок", "Описание", "likes")
    path = write_delimited(tmp_path / "hand.csv", [("Шапка", "Тело поста", "4")], ",", header)
    feed = read_feed(path, ReadOptions(columns={"text": "Заголовок", "likes": "likes"}))
    assert feed.posts[0].text == "Шапка"
    assert read_feed(path).posts[0].text == "Тело поста"  # «описание» is a text alias


def test_by_hand_column_that_does_not_exist(tmp_path):
    path = write_delimited(tmp_path / "hand.csv", [("1", "Текст", "", "", "")], ",")
    with pytest.raises(FeedError, match=r"hand\.csv: no column named 'Пост' \(for text\)"):
        read_feed(path, ReadOptions(columns={"text": "Пост"}))


def test_newlines_inside_quoted_fields_with_crlf(tmp_path):
    path = tmp_path / "crlf.csv"
    path.write_bytes('id,text\r\n1,"Строка один\r\nстрока два"\r\n2,Второй\r\n'.encode())
    assert [p.text for p in read_feed(str(path)).posts] == ["Строка один\r\nстрока два", "Второй"]


def test_blank_lines_are_not_posts(tmp_path):
    path = tmp_path / "blank.csv"
    path.write_text("id,text\n1,Первый\n\n,\n2,Второй\n", encoding="utf-8")
    assert [p.text for p in read_feed(str(path)).posts] == ["Первый", "Второй"]


# --- row statuses ------------------------------------------------------------------------


def test_empty_text_row_is_empty(tmp_path):
    path = tmp_path / "e.csv"
    path.write_text('id,text\n1,Привет\n2,\n3,"   \n "\n4,Пока\n', encoding="utf-8")
    posts = read_feed(str(path)).posts
    assert [(p.id, p.status) for p in posts] == [("1", "ok"), ("2", "empty"), ("3", "empty"), ("4", "ok")]
    assert posts[1].reason


def _read_written(tmp_path: Path, content: str, name: str) -> tuple[Path, Feed]:
    """A feed file of ``content`` (UTF-8), and the feed read from it."""
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path, read_feed(str(path))


def test_a_one_column_file_keeps_each_line_whole_commas_and_all(tmp_path):
    """«Привет, друзья, …» was read as «Привет», the rest of the line taken for other fields."""
    path = tmp_path / "lines.csv"
    lines = ["Привет, друзья, сегодня о диванах", '"Атлант" открыл магазин; ждём']
    path.write_text("text\n" + "\n".join(lines) + "\n", encoding="utf-8")
    feed = read_feed(str(path))
    assert [p.text for p in feed.posts] == lines
    assert feed.warnings == []


def test_a_one_column_csv_a_csv_writer_made_is_read_as_csv(tmp_path):
    """Its quoted cells were kept with their quotes, read as quotations, and a cell with a
    line break became two posts."""
    posts = ["Я запустила рекламу, и пришло 120 заявок.", 'Строка\nс переносом и "кавычками"', "Простая"]
    path = tmp_path / "onecol.csv"
    with path.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file).writerows([["text"], *([post] for post in posts)])
    assert [p.text for p in read_feed(str(path)).posts] == posts


def test_rows_split_by_a_delimiter_in_an_unquoted_text_are_named_in_a_warning(tmp_path):
    rows = "id,text\n1,Привет, друзья\n2,Второй\n3,Мы, команда, студии\n"
    path, feed = _read_written(tmp_path, rows, "posts.csv")
    assert [p.text for p in feed.posts] == ["Привет", "Второй", "Мы"]
    assert feed.posts[0].reason == "row has 3 fields, the header has 2"
    (warning,) = feed.warnings
    assert warning.startswith(f"{path}: 2 rows have more fields than the header (rows 2, 4): a ','")
    assert input_notes(feed) == [
        "2 строки длиннее заголовка (строки 2, 4): текст с разделителем не в кавычках прочитан только "
        "до первого разделителя"
    ]


def test_a_column_name_the_header_repeats_is_read_first_and_said(tmp_path):
    path, feed = _read_written(tmp_path, "id,text,views,views\n1,Привет,10,20\n", "posts.csv")
    assert feed.posts[0].views == 10.0
    assert feed.warnings == [
        f"{path}: the header has more than one column named 'views'; the first is read as views. "
        "Rename or delete the other."
    ]
    assert input_notes(feed) == ["столбцов «views» в заголовке несколько; как просмотры прочитан первый"]


def test_a_row_cut_short_by_an_unquoted_line_break_is_named_for_what_it_is(tmp_path):
    path, feed = _read_written(tmp_path, "id,text,views\n1,Привет\nмир,12\n", "posts.csv")
    assert feed.posts[0].reason == "row has 2 fields, the header has 3"
    (warning,) = feed.warnings
    assert warning.startswith(f"{path}: 2 rows have fewer fields than the header (rows 2, 3): a line break")
    assert input_notes(feed)[0].startswith("2 строки короче заголовка (строки 2, 3): перенос строки")


def test_an_empty_id_cell_gets_an_id_no_real_id_clashes_with(tmp_path):
    """Row 3's empty id became «2», the id of row 2: findings and links named both posts."""
    _, feed = _read_written(tmp_path, "id,text\n2,Первый пост\n,Второй пост\n1,Третий пост\n", "ids.csv")
    assert [p.id for p in feed.posts] == ["2", "#2", "1"]
    _, bare = _read_written(tmp_path, "text\nПервый пост\nВторой пост\n", "bare.csv")
    assert [p.id for p in bare.posts] == ["1", "2"]


def test_a_row_with_no_text_says_so_first_whatever_else_is_wrong_with_it(tmp_path):
    _, feed = _read_written(tmp_path, "id,text,views,likes\n1,,10,много\n", "e.csv")
    (post,) = feed.posts
    assert post.status == "empty"
    assert post.reason == "no text in this post; likes 'много' is not a number, left empty"


def test_post_longer_than_max_chars_is_too_long(tmp_path):
    path = tmp_path / "long.csv"
    path.write_text("id,text\n1," + "а" * 200 + "\n2,Короткий\n", encoding="utf-8")
    posts = read_feed(str(path), ReadOptions(max_chars=100)).posts
    assert [p.status for p in posts] == ["too_long", "ok"]
    assert "200" in posts[0].reason and "100" in posts[0].reason
    assert posts[0].text == "а" * 200
    assert read_feed(str(path)).posts[0].status == "ok"


@pytest.mark.parametrize(
    ("value", "number"),
    [
        ("1 234", 1234.0),
        ("1\u00a0234", 1234.0),
        ("1 234 567", 1234567.0),
        ("12,345", 12345.0),  # grouped by thousands, as an English export writes them
        ("1.234", 1234.0),
        ("1,234,567", 1234567.0),
        ("1.234.567", 1234567.0),
        ("1,234K", 1234.0),  # with a suffix the digits after the comma are a fraction
        ("0,123", 0.123),  # no thousands group starts with 0
        ("+1,234", 1234.0),
        ("1,5", 1.5),
        ("1,2345", 1.2345),
        ("1,2K", 1200.0),
        ("1,2к", 1200.0),
        ("1.5k", 1500.0),
        ("12 тыс", 12000.0),
        ("12тыс.", 12000.0),
        ("3 млн", 3_000_000.0),
        ("2,5M", 2_500_000.0),
        ("0", 0.0),
        (" 42 ", 42.0),
        (7, 7.0),
        (7.5, 7.5),
        ("", None),
        (None, None),
        ("нет данных", None),
        (True, None),
    ],
)
def test_numbers_as_exports_write_them(value, number):
    assert parse_number(value) == number


# --- columns found under other names ---------------------------------------------------


def test_columns_whose_names_stretch_their_field_are_named_in_one_warning(tmp_path):
    path = tmp_path / "feed.csv"
    header = "Номер;Время;Описание;Охват;Реакции;Комментарии (все)"
    path.write_text(f"{header}\n1;2024-12-03;Пост;10;2;1\n", encoding="utf-8")
    feed = read_feed(str(path))
    assert feed.aliased == {
        "text": "Описание",
        "date": "Время",
        "views": "Охват",
        "likes": "Реакции",
        "comments": "Комментарии (все)",  # found by one word of a longer name
    }
    assert feed.warnings == [
        f"{path}: columns read: 'Описание' as text, 'Время' as date, 'Охват' as views, 'Реакции' as "
        "likes, 'Комментарии (все)' as comments; if one is wrong, name the right one with --column "
        "FIELD=NAME."
    ]


@pytest.mark.parametrize(
    "header",
    [
        "Номер;Текст;Дата;Просмотры;Лайки;Комментарии;Репосты;Клики",
        "ID;TEXT;Date;Views;Likes;Comments;Reposts;Clicks",
        "post_id;текст поста;Дата публикации;views_count;Нравится;комменты;Репостов;Переходы",
        "№;  Текст ;дата и время;просмотры;likes count;comments-count;reposts;link clicks",
    ],
)
def test_columns_that_say_their_field_in_either_language_are_read_silently(tmp_path, header):
    path = tmp_path / "feed.csv"
    path.write_text(f"{header}\n7;Пост;2024-12-03;10;2;1;0;3\n", encoding="utf-8")
    feed = read_feed(str(path))
    assert (len(feed.columns), feed.aliased, feed.warnings) == (8, {}, [])
    assert (feed.posts[0].id, feed.posts[0].date, feed.posts[0].clicks) == ("7", "2024-12-03", 3)


def test_the_real_exports_header_is_read_without_a_warning(tmp_path):
    with open(require_shared("real", "posts.csv"), encoding="utf-8", newline="") as file:
        header = next(csv.reader(file))
    path = tmp_path / "real.csv"
    row = ["2024-12-03" if name == "date" else "7" for name in header]
    path.write_text(",".join(header) + "\n" + ",".join(row) + "\n", encoding="utf-8")
    feed = read_feed(str(path))
    assert (feed.columns["id"], feed.aliased, feed.warnings) == ("post_id", {}, [])


def test_columns_named_by_hand_get_no_warning(tmp_path):
    path = tmp_path / "feed.csv"
    path.write_text("ID,Описание,Text,Охват\n1,Подпись,Пост,10\n", encoding="utf-8")
    feed = read_feed(str(path), ReadOptions(columns={"text": "Описание", "views": "Охват"}))
    assert (feed.posts[0].text, feed.aliased, feed.warnings) == ("Подпись", {}, [])


# --- values that cannot be used ------------------------------------------------------------


def write_counts(tmp_path, rows, header="id,text,views,likes"):
    path = tmp_path / "counts.csv"
    path.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_negative_and_non_numeric_counts_are_left_empty_with_one_warning_per_column(tmp_path):
    rows = ["1,Первый,329,2", "2,Второй,-5,2", "3,Третий,много,abc", "4,Четвёртый,100,1.5"]
    path = write_counts(tmp_path, rows)
    feed = read_feed(str(path))
    assert [(p.views, p.likes) for p in feed.posts] == [(329.0, 2.0), (None, 2.0), (None, None), (100.0, 1.5)]
    assert [p.status for p in feed.posts] == ["ok"] * 4  # every row is kept and analysed
    assert feed.posts[1].reason == "views '-5' is negative, left empty"
    assert feed.warnings == [
        f"{path}: views (column 'views'): 2 values are negative or not numbers (rows 3, 4: '-5', 'много'); "
        "left empty. A count is 0 or more, written like 1234, 1 234, 1,2K or 12 тыс: fix these cells in the "
        "export.",
        f"{path}: likes (column 'likes'): 1 value is not a number (row 4: 'abc'); left empty. A count is 0 "
        "or more, written like 1234, 1 234, 1,2K or 12 тыс: fix these cells in the export.",
    ]
    assert [(u.field, u.locations, u.values) for u in feed.unusable] == [
        ("views", ["row 3", "row 4"], ["-5", "много"]),
        ("likes", ["row 4"], ["abc"]),
    ]


def test_a_warning_shows_the_first_five_rows_and_counts_the_rest(tmp_path):
    path = write_counts(tmp_path, [f"{n},Пост,?,1" for n in range(1, 9)])
    (warning,) = read_feed(str(path)).warnings
    assert "8 values are not numbers (rows 2, 3, 4, 5, 6 and 3 more: '?', '?', '?', '?', '?')" in warning


def test_the_report_note_names_the_same_rows_in_russian(tmp_path):
    (unusable,) = read_feed(str(write_counts(tmp_path, [f"{n},Пост,?,1" for n in range(1, 9)]))).unusable
    assert left_empty_note(unusable) == (
        "просмотры (столбец «views»): 8 значений оставлены пустыми — не числа "
        "(строки 2, 3, 4, 5, 6 и ещё 3: «?», «?», «?», «?», «?»)"
    )


@pytest.mark.parametrize("mark", ["", "-", "—", "  "])
def test_no_value_marks_are_empty_without_a_warning(tmp_path, mark):
    feed = read_feed(str(write_counts(tmp_path, [f"1,Пост,{mark},3"])))
    assert (feed.posts[0].views, feed.warnings, feed.posts[0].reason) == (None, [], "")


def test_json_counts_name_the_item(tmp_path):
    path = tmp_path / "posts.json"
    records = [{"text": "Один", "views": 10}, {"text": "Два", "views": -1}, {"text": "Три", "views": True}]
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    feed = read_feed(str(path))
    assert [p.views for p in feed.posts] == [10.0, None, None]
    assert (
        "views (column 'views'): 2 values are negative or not numbers (items 2, 3: '-1', 'True')"
        in (feed.warnings[0])
    )


def test_json_numeric_dates_in_seconds_or_milliseconds_and_nonsense(tmp_path):
    """A date given as a JSON number in milliseconds raised «year out of range» (a
    traceback); a number too large for any date is now a value left empty, not a crash."""
    path = tmp_path / "posts.json"
    records = [
        {"text": "Один", "date": 1733220000},
        {"text": "Два", "date": 1733220000000},
        {"text": "Три", "date": 1e30},
    ]
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    feed = read_feed(str(path))
    assert [p.date for p in feed.posts] == ["2024-12-03T10:00:00+00:00"] * 2 + [""]
    assert [(u.field, u.locations) for u in feed.unusable] == [("date", ["item 3"])]


def test_telegram_counts_are_checked_too(tmp_path):
    export = telegram_export()
    export["messages"][2]["views"] = "много"
    path = tmp_path / "result.json"
    path.write_text(json.dumps(export, ensure_ascii=False), encoding="utf-8")
    feed = read_feed(str(path))
    assert feed.posts[2].views is None
    assert feed.warnings[0].startswith(f"{path}: views: 1 value is not a number (message 3: 'много')")


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("2024-12-03", "2024-12-03"),
        ("2024-12-03 10:00", "2024-12-03 10:00"),  # ISO 8601 is kept as written
        ("2024-12-03T10:00:00+03:00", "2024-12-03T10:00:00+03:00"),
        ("03.12.2024", "2024-12-03"),
        ("03.12.2024 10:05", "2024-12-03T10:05:00"),
        ("3.12.24", "2024-12-03"),
        ("03/12/2024", "2024-12-03"),  # day first
        ("3 декабря 2024", "2024-12-03"),
        ("3 Декабря 2024 г.", "2024-12-03"),
        ("3 дек. 2024 в 10:05", "2024-12-03T10:05:00"),
        ("15 мая 2024, 9:30", "2024-05-15T09:30:00"),
        ("1733220000", "2024-12-03T10:00:00+00:00"),
        ("1733220000000", "2024-12-03T10:00:00+00:00"),
        ("45629", "2024-12-03"),  # an Excel serial date: days since 1899-12-30
        ("45629.5", "2024-12-03T12:00:00"),
        ("45629,75", "2024-12-03T18:00:00"),
        ("45629.999999", "2024-12-03T23:59:59"),  # cut to the second, not rounded to the next day
        ("45629.42013888889", "2024-12-03T10:05:00"),  # 10:05 as Excel stores it
        ("45629.4201388888", "2024-12-03T10:05:00"),  # and with a digit fewer
        ("32874", "1990-01-01"),
        ("73050", "2099-12-31"),
        ("32873", None),  # before 1990 or after 2099: not taken for a date
        ("73051", None),
        ("вчера", None),
        ("2024-13-45", None),
        ("31.02.2024", None),
        ("3 декабрь 2024", None),
        ("12 2024", None),
    ],
)
def test_dates_as_exports_write_them(written, iso):
    assert read_date(written) == iso


def test_unreadable_dates_are_left_empty_with_a_warning(tmp_path):
    rows = [
        "1,Первый,2024-12-03",
        "2,Второй,вчера",
        "3,Третий,2024-13-45",
        "4,Четвёртый,3 декабря 2024",
        "5,Пятый,1733220000",
    ]
    path = write_counts(tmp_path, rows, header="id,text,Дата публикации")
    feed = read_feed(str(path))
    assert [p.date for p in feed.posts] == ["2024-12-03", "", "", "2024-12-03", "2024-12-03T10:00:00+00:00"]
    assert [p.status for p in feed.posts] == ["ok"] * 5
    (warning,) = feed.warnings  # «Дата публикации» says the field: no «column read» line
    assert warning.startswith(
        f"{path}: date (column 'Дата публикации'): 2 values are not dates (rows 3, 4: 'вчера', "
        "'2024-13-45'); left empty. Dates are read as 2024-12-03, 03.12.2024"
    )


def test_slashed_dates_are_month_first_only_when_the_column_shows_it(tmp_path):
    us = read_feed(str(write_counts(tmp_path, ["1,А,12/04/2024", "2,Б,12/25/2024"], header="id,text,date")))
    assert ([p.date for p in us.posts], us.warnings) == (["2024-12-04", "2024-12-25"], [])
    ru = read_feed(str(write_counts(tmp_path, ["1,А,12/04/2024", "2,Б,25/12/2024"], header="id,text,date")))
    assert ([p.date for p in ru.posts], ru.warnings) == (["2024-04-12", "2024-12-25"], [])


def test_slashed_dates_that_fit_both_orders_are_read_day_first_and_said_so(tmp_path):
    path = write_counts(tmp_path, ["1,А,12/04/2024", "2,Б,01/02/2024"], header="id,text,date")
    feed = read_feed(str(path))
    assert [p.date for p in feed.posts] == ["2024-04-12", "2024-02-01"]
    assert feed.warnings == [
        f"{path}: date (column 'date'): 2 dates with slashes, such as '12/04/2024', fit both day/month and "
        "month/day; read day first (12/04/2024 is 2024-04-12), as Russian exports write dates. "
        "If this export writes the month first, write its dates as YYYY-MM-DD."
    ]


def test_excel_serial_dates_are_read_and_said_so_once(tmp_path):
    rows = ["1,Первый,45629", '2,Второй,"45629,5"', "3,Третий,2024-12-05", "4,Четвёртый,12345"]
    path = write_counts(tmp_path, rows, header="id,text,date")
    feed = read_feed(str(path))
    assert [p.date for p in feed.posts] == ["2024-12-03", "2024-12-03T12:00:00", "2024-12-05", ""]
    assert feed.excel_dates == ["45629", "45629,5"]
    serials, out_of_range = feed.warnings
    assert serials == (
        f"{path}: date (column 'date'): 2 values are numbers, read as Excel serial dates, days since "
        "1899-12-30 (45629 is 2024-12-03). If this column does not hold dates, name the date column "
        "with --column date=NAME."
    )
    assert out_of_range.startswith(f"{path}: date (column 'date'): 1 value is not a date (row 5: '12345')")


@pytest.mark.parametrize(
    ("count", "russian", "english"),
    [
        (1, "1 число прочитано как дата Excel", "1 value is a number, read as an Excel serial date,"),
        (2, "2 числа прочитаны как даты Excel", "2 values are numbers, read as Excel serial dates,"),
        (5, "5 чисел прочитаны как даты Excel", "5 values are numbers, read as Excel serial dates,"),
        (21, "21 число прочитано как дата Excel", "21 values are numbers, read as Excel serial dates,"),
    ],
)
def test_excel_dates_are_counted_in_agreement(count, russian, english):
    serials = ["45629"] * count
    note = excel_dates_note("Дата", serials)
    assert note == f"дата (столбец «Дата»): {russian} (число дней после 30.12.1899: 45629 — 2024-12-03)"
    warning = excel_dates_warning("x", "Дата", serials)
    assert f"date (column 'Дата'): {english} days since 1899-12-30" in warning


def test_python_api_warns_about_an_excel_serial_date():
    with pytest.warns(UserWarning, match=r"1 value is a number, read as an Excel serial date, days since"):
        (post,) = posts_from_texts([{"text": "Пост", "date": 45629}])
    assert post.date == "2024-12-03"


def test_python_api_warns_about_a_value_it_leaves_empty():
    with pytest.warns(UserWarning, match=r"views \(column 'views'\): 1 value is negative \(item 1: '-5'\)"):
        (post,) = posts_from_texts([{"text": "Пост", "views": -5, "date": "3 декабря 2024"}])
    assert (post.views, post.date) == (None, "2024-12-03")


# --- Excel ------------------------------------------------------------------------------


@pytest.fixture
def workbook_path(tmp_path):
    workbook = Workbook()
    first = workbook.active
    first.title = "Посты"
    first.append(["Текст", "Дата", "Просмотры", "Лайки"])
    first.append(["Пост из Excel", "2025-01-01", 1500, "1,2K"])
    first.append([None, None, None, None])
    first.append(["Второй пост", None, "12 тыс", 3])
    second = workbook.create_sheet("Архив")
    second.append(["message", "views"])
    second.append(["Старый пост", 10])
    path = tmp_path / "export.xlsx"
    workbook.save(path)
    return str(path)


def test_xlsx_first_sheet(workbook_path):
    feed = read_feed(workbook_path)
    assert feed.format == "xlsx"
    assert [(p.text, p.views, p.likes) for p in feed.posts] == [
        ("Пост из Excel", 1500.0, 1200.0),
        ("Второй пост", 12000.0, 3.0),
    ]
    assert [p.id for p in feed.posts] == ["1", "2"]


@pytest.mark.parametrize("sheet", ["Архив", "2"])
def test_xlsx_named_or_numbered_sheet(workbook_path, sheet):
    feed = read_feed(workbook_path, ReadOptions(sheet=sheet))
    assert [(p.text, p.views) for p in feed.posts] == [("Старый пост", 10.0)]


def test_xlsx_missing_sheet_lists_the_sheets(workbook_path):
    with pytest.raises(FeedError, match=r"no sheet 'Итоги'\. Sheets: Посты, Архив"):
        read_feed(workbook_path, ReadOptions(sheet="Итоги"))


def test_xlsx_whose_first_sheet_has_no_posts_points_to_the_other_sheets(tmp_path):
    """A summary sheet first: the error named only --text-column, not the sheet with the posts."""
    workbook = Workbook()
    workbook.active.title = "Сводка"
    workbook.active.append(["Отчёт за период"])
    workbook.create_sheet("Посты").append(["Текст"])
    path = tmp_path / "export.xlsx"
    workbook.save(path)
    with pytest.raises(
        FeedError, match=r"first sheet of «Сводка», «Посты»: if the posts are on another, pass"
    ):
        read_feed(str(path))
    workbook.active.delete_rows(1)
    workbook.active.append(["Текст"])  # a header the posts could have, and no posts under it
    workbook.save(path)
    with pytest.raises(
        FeedError, match=r"header row and no posts\. .+ That was the first sheet of «Сводка», «Посты»"
    ):
        read_feed(str(path))


def test_xlsx_dates_become_iso(tmp_path):
    import datetime

    workbook = Workbook()
    workbook.active.append(["text", "date"])
    workbook.active.append(["Пост", datetime.datetime(2025, 3, 1, 10, 30)])
    path = tmp_path / "dates.xlsx"
    workbook.save(path)
    assert read_feed(str(path)).posts[0].date == "2025-03-01T10:30:00"


@pytest.mark.parametrize(
    ("system", "day", "counted"),
    [
        (1900, 45629, "days since 1899-12-30 (45629 is 2024-12-03)"),
        (
            1904,
            44167,
            "days since 1904-01-01 (the workbook is set to Excel's 1904 date system; 44167 is 2024-12-03)",
        ),
    ],
)
def test_xlsx_dates_formatted_as_numbers_are_excel_serial_dates(tmp_path, system, day, counted):
    """Of the workbook's date system: some workbooks made on a Mac count from 1904."""
    import datetime

    from openpyxl.utils.datetime import MAC_EPOCH, WINDOWS_EPOCH

    workbook = Workbook()
    workbook.epoch = MAC_EPOCH if system == 1904 else WINDOWS_EPOCH
    workbook.active.append(["text", "date"])
    for value in (day, day + 0.5, datetime.datetime(2025, 3, 1, 10, 30), 7):
        workbook.active.append(["Пост", value])
    path = tmp_path / "dates.xlsx"
    workbook.save(path)
    feed = read_feed(str(path))
    assert [p.date for p in feed.posts] == ["2024-12-03", "2024-12-03T12:00:00", "2025-03-01T10:30:00", ""]
    assert feed.excel_dates == [str(day), f"{day}.5"]
    serials, not_a_date = feed.warnings
    numbers = f"{path}: date (column 'date'): 2 values are numbers, read as Excel serial dates, "
    assert serials.startswith(f"{numbers}{counted}. ")
    assert not_a_date.startswith(f"{path}: date (column 'date'): 1 value is not a date (row 5: '7')")
    workbook_system = "книга в системе дат 1904 года, " if system == 1904 else ""
    day_zero = "01.01.1904" if system == 1904 else "30.12.1899"
    assert input_notes(feed) == [
        f"дата (столбец «date»): 2 числа прочитаны как даты Excel ({workbook_system}"
        f"число дней после {day_zero}: {day} — 2024-12-03)"
    ]


# --- JSON and JSONL ------------------------------------------------------------------------


def test_json_list_of_posts(tmp_path):
    records = [
        {"id": 5, "text": "Один", "likes": 3, "views": "1 200"},
        {"id": 6, "текст": "не тот ключ", "text": "Два", "comments": "2"},
    ]
    path = tmp_path / "posts.json"
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    feed = read_feed(str(path))
    assert feed.format == "json"
    assert [(p.id, p.text, p.likes, p.views, p.comments) for p in feed.posts] == [
        ("5", "Один", 3.0, 1200.0, None),
        ("6", "Два", None, None, 2.0),
    ]


def test_json_object_with_posts_list(tmp_path):
    path = tmp_path / "posts.json"
    path.write_text(json.dumps({"posts": [{"caption": "Подпись"}]}, ensure_ascii=False), encoding="utf-8")
    assert [p.text for p in read_feed(str(path)).posts] == ["Подпись"]


def test_jsonl_with_one_broken_line(tmp_path):
    path = tmp_path / "posts.jsonl"
    path.write_text('{"text": "Один"}\n{"text": "Два", oops}\n\n{"text": "Три"}\n', encoding="utf-8")
    feed = read_feed(str(path))
    assert feed.format == "jsonl"
    assert [(p.text, p.status) for p in feed.posts] == [("Один", "ok"), ("", "unreadable"), ("Три", "ok")]
    assert [p.location for p in feed.posts] == ["line 1", "line 2", "line 4"]  # the blank line counts
    quotes = "Expecting property name enclosed in double quotes"
    assert feed.posts[1].reason == f"invalid JSON: {quotes} at column 17"


def test_jsonl_warnings_name_the_line_past_a_blank_one(tmp_path):
    path = tmp_path / "posts.jsonl"
    path.write_text('{"text": "Один"}\n\n{"text": "Два", "views": "abc"}\n', encoding="utf-8")
    (warning,) = read_feed(str(path)).warnings
    assert "1 value is not a number (line 3: 'abc')" in warning


def test_a_jsonl_record_holding_a_raw_line_separator_stays_one_post(tmp_path):
    """U+2028 is allowed raw in a JSON string; it split the record and every line number after it."""
    path = tmp_path / "posts.jsonl"
    path.write_text('{"text": "Один\u2028два"}\n{"text": "Три", "views": "abc"}\n', encoding="utf-8")
    feed = read_feed(str(path))
    assert [(p.text, p.status, p.location) for p in feed.posts] == [
        ("Один\u2028два", "ok", "line 1"),
        ("Три", "ok", "line 2"),
    ]


def test_jsonl_first_line_broken(tmp_path):
    path = tmp_path / "posts.jsonl"
    path.write_text('{"text": "Один" сломано\n{"text": "Два"}\n', encoding="utf-8")
    assert [p.status for p in read_feed(str(path)).posts] == ["unreadable", "ok"]


def test_jsonl_with_a_single_post(tmp_path):
    path = tmp_path / "one.jsonl"
    path.write_text('{"text": "Единственный пост"}\n', encoding="utf-8")
    assert [p.text for p in read_feed(str(path)).posts] == ["Единственный пост"]


def test_invalid_json_names_the_line(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('[{"text": "a"},\n{"text": сломано}]', encoding="utf-8")
    with pytest.raises(FeedError, match=r"bad\.json: line 2, column \d+: invalid JSON"):
        read_feed(str(path))


# --- Telegram and VK ----------------------------------------------------------------------


def telegram_export() -> dict:
    return {
        "name": "Светлый дом",
        "type": "public_channel",
        "id": 100,
        "messages": [
            {
                "id": 1,
                "type": "service",
                "date": "2025-01-01T10:00:00",
                "action": "create_channel",
                "text": "",
            },
            {
                "id": 2,
                "type": "message",
                "date": "2025-01-02T10:00:00",
                "text": [
                    "Читайте ",
                    {"type": "bold", "text": "важное"},
                    " на ",
                    {"type": "link", "text": "example.ru"},
                ],
                "reactions": [
                    {"type": "emoji", "count": 5, "emoji": "👍"},
                    {"type": "emoji", "count": 2, "emoji": "❤"},
                ],
                "views": 120,
                "forwards": 3,
                "replies": {"count": 4},
            },
            {
                "id": 3,
                "type": "message",
                "date": "2025-01-03T10:00:00",
                "text": "Простой текст",
                "views": "1,2K",
            },
            {"id": 4, "type": "message", "date": "2025-01-04T10:00:00", "text": "", "photo": "photos/1.jpg"},
        ],
    }


def test_telegram_result_json(tmp_path):
    path = tmp_path / "result.json"
    path.write_text(json.dumps(telegram_export(), ensure_ascii=False), encoding="utf-8")
    feed = read_feed(str(path))
    assert (feed.format, feed.channel) == ("telegram", "Светлый дом")
    service, rich, plain, photo = feed.posts
    assert (service.status, service.id) == ("skipped", "1")
    assert "create_channel" in service.reason
    assert rich.text == "Читайте важное на example.ru"
    assert (rich.likes, rich.views, rich.reposts, rich.comments) == (7.0, 120.0, 3.0, 4.0)
    assert rich.status == "ok"
    assert (plain.text, plain.views, plain.likes) == ("Простой текст", 1200.0, None)
    assert photo.status == "empty"
    assert [p.date for p in feed.posts][:2] == ["2025-01-01T10:00:00", "2025-01-02T10:00:00"]


def test_vk_wall_get(tmp_path):
    answer = {
        "response": {
            "count": 3,
            "items": [
                {
                    "id": 10,
                    "owner_id": -1,
                    "from_id": -1,
                    "date": 1735725600,
                    "text": "Пост ВК",
                    "likes": {"count": 7},
                    "comments": {"count": 2},
                    "reposts": {"count": 1},
                    "views": {"count": 300},
                },
                {
                    "id": 11,
                    "owner_id": -1,
                    "date": 1735812000,
                    "text": "",
                    "copy_history": [{"text": "Текст репоста"}],
                },
                {"id": 12, "owner_id": -1, "date": 1735898400, "text": "   "},
            ],
        }
    }
    path = tmp_path / "wall.json"
    path.write_text(json.dumps(answer, ensure_ascii=False), encoding="utf-8")
    feed = read_feed(str(path))
    assert feed.format == "vk"
    first, repost, blank = feed.posts
    assert (first.id, first.text, first.likes, first.comments, first.reposts, first.views) == (
        "10",
        "Пост ВК",
        7.0,
        2.0,
        1.0,
        300.0,
    )
    assert first.date.startswith("2025-01-01T10:00:00")
    assert repost.text == "Текст репоста"
    assert blank.status == "empty"


def test_vk_items_without_response_wrapper(tmp_path):
    path = tmp_path / "wall.json"
    path.write_text(json.dumps({"items": [{"id": 1, "from_id": 5, "text": "Пост"}]}), encoding="utf-8")
    feed = read_feed(str(path))
    assert (feed.format, [p.text for p in feed.posts]) == ("vk", ["Пост"])


def test_a_trimmed_vk_answer_without_owner_ids_is_still_a_vk_wall(tmp_path):
    """It was refused as «not a list of posts, … or a VK wall.get answer», which it is."""
    item = {"id": 5, "text": "Пост", "likes": {"count": 3}, "views": {"count": 90}}
    path = tmp_path / "wall.json"
    path.write_text(json.dumps({"response": {"items": [item]}}), encoding="utf-8")
    feed = read_feed(str(path))
    assert feed.format == "vk"
    assert [(p.id, p.text, p.likes, p.views) for p in feed.posts] == [("5", "Пост", 3.0, 90.0)]


# --- in-memory posts ---------------------------------------------------------------------


def test_posts_from_texts():
    posts = posts_from_texts(["Текст", {"текст": "Из словаря", "лайки": "1,2K"}, "", None])
    assert [p.text for p in posts] == ["Текст", "Из словаря", "", ""]
    assert [p.status for p in posts] == ["ok", "ok", "empty", "empty"]
    assert posts[1].likes == 1200.0
    assert [p.index for p in posts] == [0, 1, 2, 3]


# --- whole-file errors -------------------------------------------------------------------


def test_missing_file(tmp_path):
    with pytest.raises(FeedError, match=r"nope\.csv: no such file"):
        read_feed(str(tmp_path / "nope.csv"))


def test_folder_is_not_a_feed(tmp_path):
    with pytest.raises(FeedError, match="is a folder"):
        read_feed(str(tmp_path))


@pytest.mark.parametrize("content", [b"", b"   \n\r\n\t"])
def test_empty_file(tmp_path, content):
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    with pytest.raises(FeedError, match=r"empty\.csv: the file is empty"):
        read_feed(str(path))


def header_only_xlsx(path):
    workbook = Workbook()
    workbook.active.append(["Текст", "Просмотры"])
    workbook.save(path)


@pytest.mark.parametrize(
    ("name", "content", "what"),
    [
        ("header.csv", "id,text,views\n", "a header row and no posts"),
        ("blank-rows.csv", "id,text\n\n,\n", "a header row and no posts"),
        ("header.tsv", "text\tviews\r\n", "a header row and no posts"),
        ("empty-list.json", "[]", "no posts"),
        ("posts.json", '{"posts": []}', "no posts"),
        ("result.json", '{"name": "Канал", "messages": []}', "no posts"),
        ("header.xlsx", None, "a header row and no posts"),
    ],
)
def test_a_file_without_posts_is_an_error_like_an_empty_one(tmp_path, name, content, what):
    path = tmp_path / name
    header_only_xlsx(path) if content is None else path.write_text(content, encoding="utf-8")
    with pytest.raises(FeedError) as error:
        read_feed(str(path))
    assert str(error.value) == f"{path}: the file has {what}. Export the feed again with its posts."


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("random.csv", bytes(range(256)) * 20),
        ("image.csv", b"\x89PNG\r\n\x1a\n" + b"data" * 100),
        ("doc.pdf", b"%PDF-1.7\n" + b"binary" * 100),
        ("archive.gz", b"\x1f\x8b\x08\x00" + b"\x00" * 100),
    ],
)
def test_binary_file(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(FeedError, match=rf"{name.replace('.', '[.]')}: this is a binary file"):
        read_feed(str(path))


def test_damaged_xlsx(tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"not really a zip" * 50)
    with pytest.raises(FeedError, match=r"broken\.xlsx: not a readable Excel workbook"):
        read_feed(str(path))


def test_no_text_column_lists_columns_and_the_option(tmp_path):
    path = tmp_path / "cols.csv"
    path.write_text("Заголовок,Автор,Охват\nШапка,Вера,100\n", encoding="utf-8")
    with pytest.raises(FeedError) as error:
        read_feed(str(path))
    message = str(error.value)
    assert message.startswith(f"{path}: no text column")
    assert "'Заголовок', 'Автор', 'Охват'" in message
    assert message.endswith("Name the column with the post text: --column text=NAME.")


@pytest.mark.parametrize("id_column", ["message_id", "post_id"])
def test_id_column_is_never_the_text(tmp_path, id_column):
    path = tmp_path / "ids.csv"
    path.write_text(f"{id_column},date,Запись\n101,2025-01-01,Текст поста\n", encoding="utf-8")
    with pytest.raises(FeedError, match="no text column"):
        read_feed(str(path))


@pytest.mark.parametrize(
    ("content", "line"),
    [
        ('id,text\n1,"ok"\n2,"broken "quote" here"\n3,"fine"\n', 3),
        ('id,text\n1,"ok"\n2,"never closed\n3,fine\n', 4),
    ],
)
def test_broken_csv_quoting_names_the_line(tmp_path, content, line):
    path = tmp_path / "quotes.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(FeedError) as error:
        read_feed(str(path))
    message = str(error.value)
    assert message.startswith(f"{path}: line {line}: broken CSV quoting")
    assert '""' in message


def test_wrong_explicit_encoding(tmp_path):
    path = tmp_path / "cp.csv"
    path.write_bytes("text\nПривет\n".encode("cp1251"))
    with pytest.raises(FeedError, match=r"cp\.csv: cannot be read as utf-8"):
        read_feed(str(path), ReadOptions(encoding="utf-8"))
    assert read_feed(str(path), ReadOptions(encoding="cp1251")).posts[0].text == "Привет"
