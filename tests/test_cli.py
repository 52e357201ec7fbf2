"""The ``voicecheck`` command: analyze and evaluate through click's CliRunner."""

import csv
import io
import json

import pytest
from click.testing import CliRunner
from conftest import DEMO_POSTS, REPO, assert_clean_exit
from openpyxl import Workbook

from voicecheck.cli import main
from voicecheck.report import CSV_COLUMNS
from voicecheck.wording import STAGE_RU, TYPE_RU

DEMO_IDS = [str(i) for i in range(1, 61)]


@pytest.fixture
def runner():
    return CliRunner()


def run(runner, *args, **kwargs):
    return runner.invoke(main, [str(a) for a in args], **kwargs)


def csv_rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def error_line(result) -> str:
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("voicecheck: error: ")
    return lines[0]


# --- analyze: output ------------------------------------------------------------------------


def test_analyze_demo_csv_to_file(runner, tmp_path):
    out = tmp_path / "result.csv"
    result = run(runner, "analyze", DEMO_POSTS, "--format", "csv", "-o", out)
    assert_clean_exit(result, 0)
    rows = csv_rows(out.read_text(encoding="utf-8"))
    assert len(rows) == 60
    assert [r["id"] for r in rows] == DEMO_IDS
    assert [r["index"] for r in rows] == [str(i) for i in range(60)]
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert {r["status"] for r in rows} == {"ok"}
    assert {r["voice"] for r in rows} <= {"i", "we", "none"}
    assert all(r["case"] in ("0", "1") and r["impersonal"] in ("0", "1") for r in rows)
    assert "stage_probability" not in result.stdout  # the rows went to the file
    assert "Аудит аккаунта" in result.stdout  # the account report follows on the terminal
    assert result.stderr.strip() == f"voicecheck: {DEMO_POSTS}: 60 posts read, 60 analysed, 0 skipped"


def small_feed(tmp_path):
    path = tmp_path / "small.csv"
    path.write_text("text\nМы открыли студию!\nЯ пишу этот пост сама.\n", encoding="utf-8")
    return path


def test_analyze_quiet_has_no_summary(runner, tmp_path):
    result = run(runner, "analyze", small_feed(tmp_path), "-q", "-o", tmp_path / "r.csv")
    assert_clean_exit(result, 0)
    assert result.stderr == ""
    assert len(csv_rows((tmp_path / "r.csv").read_text(encoding="utf-8"))) == 2


def test_analyze_json_to_file(runner, tmp_path):
    out = tmp_path / "result.json"
    result = run(runner, "analyze", DEMO_POSTS, "--format", "json", "-o", out)
    assert_clean_exit(result, 0)
    records = json.loads(out.read_text(encoding="utf-8"))
    assert [r["id"] for r in records] == DEMO_IDS
    first = records[0]
    assert first["status"] == "ok"
    assert first["er_view"] == pytest.approx(
        (first["likes"] + first["comments"] + first["reposts"]) / first["views"], abs=1e-5
    )
    for record in records:
        for item in record["evidence"]:
            assert record["text"][item["start"] : item["end"]] == item["text"]


def test_analyze_jsonl_to_stdout(runner):
    result = run(runner, "analyze", DEMO_POSTS, "--format", "jsonl")
    assert_clean_exit(result, 0)
    lines = result.stdout.splitlines()
    assert len(lines) == 60
    assert [json.loads(line)["id"] for line in lines] == DEMO_IDS


def test_analyze_table(runner, tmp_path):
    out = tmp_path / "table.txt"
    result = run(runner, "analyze", DEMO_POSTS, "-o", out)  # .txt means a table
    assert_clean_exit(result, 0)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].split()[:4] == ["#", "этап", "тип", "голос"]
    body = lines[2:]
    assert len(body) == 60
    assert [line.split()[0] for line in body] == DEMO_IDS


@pytest.mark.parametrize(("suffix", "first"), [(".jsonl", "{"), (".json", "["), (".csv", "index,id,status")])
def test_output_format_follows_the_extension(runner, tmp_path, suffix, first):
    out = tmp_path / f"result{suffix}"
    assert_clean_exit(run(runner, "analyze", small_feed(tmp_path), "-o", out), 0)
    assert out.read_text(encoding="utf-8").startswith(first)


def test_analyze_stdin(runner):
    data = 'text,likes\n"Я веду блог, и мне это нравится.",5\nВторой пост без запятых,1\n'
    result = run(runner, "analyze", "-", "--format", "csv", input=data.encode("utf-8"))
    assert_clean_exit(result, 0)
    rows = csv_rows(result.stdout)
    assert [r["text"] for r in rows] == ["Я веду блог, и мне это нравится.", "Второй пост без запятых"]
    assert rows[0]["voice"] == "i"
    assert "voicecheck: <stdin>: 2 posts read, 2 analysed, 0 skipped" in result.stderr


def test_rows_that_cannot_be_analysed_keep_their_place(runner, tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text('{"text": "Первый"}\n{"text": ""}\nсломано\n{"text": "Четвёртый"}\n', encoding="utf-8")
    result = run(runner, "analyze", path, "--format", "csv")
    assert_clean_exit(result, 0)
    rows = csv_rows(result.stdout)
    assert [r["status"] for r in rows] == ["ok", "empty", "unreadable", "ok"]
    assert rows[2]["reason"].startswith("invalid JSON")
    assert rows[1]["voice"] == ""
    assert "4 posts read, 2 analysed, 2 skipped (1 empty, 1 unreadable)" in result.stderr


def test_five_megabyte_post_is_too_long(runner, tmp_path):
    path = tmp_path / "huge.csv"
    huge = "Очень длинный пост, без конца и края. " * 140_000
    assert len(huge.encode("utf-8")) > 5_000_000
    path.write_text(f'id,text\n1,"{huge}"\n2,Короткий пост\n', encoding="utf-8")
    result = run(runner, "analyze", path, "--format", "csv")
    assert_clean_exit(result, 0)
    rows = csv_rows(result.stdout)
    assert [(r["id"], r["status"]) for r in rows] == [("1", "too_long"), ("2", "ok")]
    assert "--max-chars" in rows[0]["reason"]
    assert "1 too long" in result.stderr


def test_max_chars_option(runner, tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("text\nКороткий\nЧуть длиннее пост\n", encoding="utf-8")
    result = run(runner, "analyze", path, "--max-chars", "10", "--format", "csv")
    assert_clean_exit(result, 0)
    assert [r["status"] for r in csv_rows(result.stdout)] == ["ok", "too_long"]


@pytest.mark.parametrize("text_option", [("--text-column", "Заголовок"), ("--column", "text=Заголовок")])
def test_text_column_and_column_options(runner, tmp_path, text_option):
    path = tmp_path / "p.csv"
    path.write_text("Заголовок;Нравится;Охват\nМы открыли студию!;12;300\n", encoding="utf-8")
    result = run(runner, "analyze", path, *text_option, "--column", "likes=Нравится", "--format", "csv")
    assert_clean_exit(result, 0)
    row = csv_rows(result.stdout)[0]
    assert (row["text"], row["likes"], row["views"]) == ("Мы открыли студию!", "12", "300")
    assert row["er_view"] == "0.04"


def test_sheet_option(runner, tmp_path):
    workbook = Workbook()
    workbook.active.append(["Сводка"])
    sheet = workbook.create_sheet("Посты")
    sheet.append(["Текст", "Лайки"])
    sheet.append(["Пост из второго листа", 4])
    path = tmp_path / "export.xlsx"
    workbook.save(path)
    result = run(runner, "analyze", path, "--sheet", "Посты", "--format", "csv")
    assert_clean_exit(result, 0)
    assert [r["text"] for r in csv_rows(result.stdout)] == ["Пост из второго листа"]


# --- analyze: user errors ------------------------------------------------------------------


def make_binary(tmp_path):
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10)
    return path


def make_empty(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    return path


def make_no_text(tmp_path):
    path = tmp_path / "cols.csv"
    path.write_text("Заголовок,Автор\nШапка,Вера\n", encoding="utf-8")
    return path


def make_header_only(tmp_path):
    path = tmp_path / "h.csv"
    path.write_text("id,text,views\n", encoding="utf-8")
    return path


def make_broken_quotes(tmp_path):
    path = tmp_path / "quotes.csv"
    path.write_text('id,text\n1,"ok"\n2,"broken "quote" here"\n', encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda tmp: tmp / "missing.csv", "missing.csv: no such file"),
        (make_empty, "empty.csv: the file is empty"),
        (make_header_only, "h.csv: the file has a header row and no posts. Export the feed again"),
        (make_binary, "photo.csv: this is a binary file"),
        (make_no_text, "cols.csv: no text column. Columns found: 'Заголовок', 'Автор'"),
        (make_broken_quotes, "quotes.csv: line 3: broken CSV quoting"),
    ],
    ids=["missing", "empty", "header-only", "binary", "no-text-column", "broken-quoting"],
)
def test_bad_input_exits_2_with_one_line(runner, tmp_path, make, expected):
    path = make(tmp_path)
    result = run(runner, "analyze", path, "--format", "csv")
    assert_clean_exit(result, 2)
    assert expected in error_line(result)
    assert result.stdout == ""


@pytest.mark.parametrize(
    "command",
    [
        ["analyze", "{feed}"],
        ["compare", DEMO_POSTS, "{feed}"],
        ["compare", "{feed}", DEMO_POSTS],
        ["check", "{draft}", "--account", "{feed}"],
    ],
    ids=["analyze", "compare-second", "compare-first", "check-account"],
)
def test_a_feed_with_a_header_and_no_posts_exits_2_in_every_command(runner, tmp_path, monkeypatch, command):
    monkeypatch.setenv("VOICECHECK_CACHE_DIR", str(tmp_path / "cache"))
    draft = tmp_path / "draft.txt"
    draft.write_text("Я пишу черновик о шторах.", encoding="utf-8")
    feed = make_header_only(tmp_path)
    result = run(runner, *(str(a).format(feed=feed, draft=draft) for a in command))
    assert_clean_exit(result, 2)
    assert error_line(result) == (
        f"voicecheck: error: {feed}: the file has a header row and no posts. "
        "Export the feed again with its posts."
    )
    assert result.stdout == ""


def write_bad_values(tmp_path):
    path = tmp_path / "bad.csv"
    rows = [
        "id,text,date,views,likes",
        "1,Я открыла студию интерьера.,2024-12-03 10:00,329,2",
        "2,Мы сделали ремонт кухни.,вчера,-5,2",
        "3,Третий пост про шторы.,2024-13-45,много,abc",
        "4,Четвёртый пост.,3 декабря 2024,100,1.5",
        "5,Пятый пост.,1733220000,200,3",
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_values_that_cannot_be_used_are_left_empty_and_named_on_stderr(runner, tmp_path):
    path, out, report = write_bad_values(tmp_path), tmp_path / "out.csv", tmp_path / "report.json"
    result = run(runner, "analyze", path, "-o", out, "--report", report)
    assert_clean_exit(result, 0)
    warnings = [line for line in result.stderr.splitlines() if line.startswith("voicecheck: warning: ")]
    assert [line.split(": ")[2:5] for line in warnings] == [
        [str(path), "date (column 'date')", "2 values are not dates (rows 3, 4"],
        [str(path), "views (column 'views')", "2 values are negative or not numbers (rows 3, 4"],
        [str(path), "likes (column 'likes')", "1 value is not a number (row 4"],
    ]
    assert "(rows 3, 4: '-5', 'много'); left empty. A count is 0 or more" in warnings[1]
    assert "5 posts read, 5 analysed, 0 skipped" in result.stderr
    rows = csv_rows(out.read_text(encoding="utf-8"))
    assert [r["status"] for r in rows] == ["ok"] * 5  # every row is there, and analysed
    assert [(r["views"], r["likes"], r["er_view"]) for r in rows[1:3]] == [("", "2", ""), ("", "", "")]
    assert rows[1]["reason"] == "views '-5' is negative, left empty; date 'вчера' is not a date, left empty"
    dates = ["2024-12-03 10:00", "", "", "2024-12-03", "2024-12-03T10:00:00+00:00"]
    assert [r["date"] for r in rows] == dates
    notes = json.loads(report.read_text(encoding="utf-8"))["left_empty"]
    assert notes[1] == (
        "просмотры (столбец «views»): 2 значения оставлены пустыми — меньше нуля или не числа "
        "(строки 3, 4: «-5», «много»)"
    )
    first_note = "дата (столбец «date»): 2 значения оставлены пустыми — не даты"
    assert f"Пропущено при чтении:\n  {first_note}" in result.stdout


def test_the_columns_read_and_excel_dates_are_named_on_stderr_and_in_the_report(runner, tmp_path):
    workbook = Workbook()
    workbook.active.append(["№", "Описание", "Дата", "Просмотры"])
    workbook.active.append([1, "Я открыла студию интерьера.", 45629, 120])
    workbook.active.append([2, "Мы сделали ремонт кухни.", 45630.5, 90])
    path, report = tmp_path / "export.xlsx", tmp_path / "report.json"
    workbook.save(path)
    result = run(runner, "analyze", path, "--format", "csv", "-o", tmp_path / "out.csv", "--report", report)
    assert_clean_exit(result, 0)
    assert result.stderr.splitlines()[:2] == [
        f"voicecheck: warning: {path}: column read: 'Описание' as text; if one is wrong, name the right "
        "one with --column FIELD=NAME.",
        f"voicecheck: warning: {path}: date (column 'Дата'): 2 values are numbers, read as Excel serial "
        "dates, days since 1899-12-30 (45629 is 2024-12-03). If this column does not hold dates, name the "
        "date column with --column date=NAME.",
    ]
    dates = [r["date"] for r in csv_rows((tmp_path / "out.csv").read_text(encoding="utf-8"))]
    assert dates == ["2024-12-03", "2024-12-04T12:00:00"]
    notes = [
        "прочитан столбец: «Описание» как текст",
        "дата (столбец «Дата»): 2 числа прочитаны как даты Excel (число дней после 30.12.1899: "
        "45629 — 2024-12-03)",
    ]
    assert json.loads(report.read_text(encoding="utf-8"))["input_notes"] == notes
    assert "Как прочитан файл:\n  " + "\n  ".join(notes) in result.stdout


def test_slashed_dates_read_day_first_are_named_in_the_report_too(runner, tmp_path):
    path, report = tmp_path / "export.csv", tmp_path / "report.json"
    rows = ["1,Я открыла студию интерьера.,12/04/2024", "2,Мы сделали ремонт кухни.,05/05/2024"]
    path.write_text("id,text,date\n" + "\n".join(rows) + "\n", encoding="utf-8")
    result = run(runner, "analyze", path, "--format", "csv", "-o", tmp_path / "out.csv", "--report", report)
    assert_clean_exit(result, 0)
    assert "2 dates with slashes, such as '12/04/2024', fit both day/month" in result.stderr
    note = (
        "дата (столбец «date»): 2 даты с косой чертой (как 12/04/2024) подходят и как день/месяц, и как "
        "месяц/день; прочитаны как день/месяц, как пишут российские выгрузки: 12/04/2024 — 2024-04-12. "
        "Если в выгрузке сначала месяц, запишите даты как ГГГГ-ММ-ДД"
    )
    assert json.loads(report.read_text(encoding="utf-8"))["input_notes"] == [note]
    assert f"Как прочитан файл:\n  {note}" in result.stdout


def test_an_ordinary_russian_export_is_read_without_a_warning_or_a_note(runner, tmp_path):
    path, report = tmp_path / "export.csv", tmp_path / "report.json"
    header = "Номер;Текст;Дата публикации;Просмотры;Лайки;Комментарии;Репосты"
    path.write_text(f"{header}\n1;Я открыла студию интерьера.;03.12.2024;120;4;1;0\n", encoding="utf-8")
    result = run(runner, "analyze", path, "--format", "csv", "-o", tmp_path / "out.csv", "--report", report)
    assert_clean_exit(result, 0)
    assert result.stderr == f"voicecheck: {path}: 1 post read, 1 analysed, 0 skipped\n"  # no warning
    assert json.loads(report.read_text(encoding="utf-8"))["input_notes"] == []
    assert "Как прочитан файл" not in result.stdout


def test_csv_counts_are_whole_numbers_unless_they_are_not(runner, tmp_path):
    result = run(runner, "analyze", write_bad_values(tmp_path), "--format", "csv", "--show", "posts")
    assert_clean_exit(result, 0)
    rows = csv_rows(result.stdout)
    counts = [("329", "2"), ("", "2"), ("", ""), ("100", "1.5"), ("200", "3")]
    assert [(r["views"], r["likes"]) for r in rows] == counts


def test_no_text_column_error_names_the_option(runner, tmp_path):
    result = run(runner, "analyze", make_no_text(tmp_path))
    assert_clean_exit(result, 2)
    assert "--column text=NAME" in error_line(result)


@pytest.mark.parametrize("option", ["--report", "--html", "-o"])
def test_an_unwritable_output_is_refused_before_the_analysis(runner, tmp_path, monkeypatch, option):
    """A full export takes minutes to analyse; the path was found unwritable only after."""
    import voicecheck.cli

    def no_analysis(*args, **kwargs):
        raise AssertionError("the analysis ran")

    monkeypatch.setattr(voicecheck.cli, "_load", no_analysis)
    target = tmp_path / "no-such-folder" / "out.json"
    result = run(runner, "analyze", DEMO_POSTS, option, target)
    assert_clean_exit(result, 2)
    assert f"{target}: cannot write (there is no folder {target.parent})" in error_line(result)


def test_a_feed_with_no_post_to_analyse_keeps_its_rows_and_gets_no_confident_report(runner, tmp_path):
    """Every share was 0%, finding 1 said «в порядке» and finding 6 «нет просмотров»."""
    path = tmp_path / "empty.csv"
    path.write_text("id,text,views\n1,,10\n2,  ,20\n", encoding="utf-8")
    result = run(runner, "analyze", path, "--format", "csv")
    assert_clean_exit(result, 2)
    assert [row["status"] for row in csv_rows(result.stdout)] == ["empty", "empty"]
    assert "no post could be analysed (2 posts read, 0 analysed, 2 skipped (2 empty))" in error_line(result)
    assert "Аудит аккаунта" not in result.output
    posts_only = run(runner, "analyze", path, "--format", "csv", "--show", "posts")
    assert_clean_exit(posts_only, 0)


def test_compare_refuses_a_feed_with_no_post_to_analyse_before_analysing_any(runner, tmp_path, monkeypatch):
    import voicecheck.cli

    monkeypatch.setattr(voicecheck.cli, "_run_analysis", lambda *args, **kwargs: pytest.fail("analysed"))
    path = tmp_path / "empty.csv"
    path.write_text("id,text\n1,\n2,  \n", encoding="utf-8")
    result = run(runner, "compare", DEMO_POSTS, path)
    assert_clean_exit(result, 2)
    assert f"{path}: no post could be analysed" in error_line(result)
    assert f"voicecheck analyze {path} --show posts" in error_line(result)


def test_compare_refuses_an_unwritable_report_before_the_analysis(runner, tmp_path, monkeypatch):
    import voicecheck.cli

    monkeypatch.setattr(voicecheck.cli, "_load", lambda *args: pytest.fail("the analysis ran"))
    target = tmp_path / "no-such-folder" / "compare.json"
    result = run(runner, "compare", DEMO_POSTS, DEMO_POSTS, "--report", target)
    assert_clean_exit(result, 2)
    assert "cannot write (there is no folder" in error_line(result)


@pytest.mark.parametrize("suffix, words", [(".xlsx", "no Excel workbook"), (".html", "use --html")])
def test_an_output_extension_there_is_no_writer_for_is_refused(runner, tmp_path, suffix, words):
    result = run(runner, "analyze", DEMO_POSTS, "-o", tmp_path / f"result{suffix}")
    assert_clean_exit(result, 2)
    assert words in error_line(result)
    assert not (tmp_path / f"result{suffix}").exists()


def test_output_file_is_written_when_only_the_account_report_is_shown(runner, tmp_path):
    out = tmp_path / "posts.csv"
    result = run(runner, "analyze", DEMO_POSTS, "--show", "account", "-o", out)
    assert_clean_exit(result, 0)
    assert "Аудит аккаунта" in result.stdout
    assert len(list(csv.DictReader(out.open(encoding="utf-8")))) == 60


@pytest.mark.parametrize("value", ["bogus", "views", "colour=Цвет", "likes="])
def test_bad_column_value_exits_2(runner, value):
    result = run(runner, "analyze", DEMO_POSTS, "--column", value)
    assert_clean_exit(result, 2)
    assert "--column takes FIELD=NAME" in error_line(result)
    assert repr(value) in error_line(result)


def test_column_naming_a_missing_column_exits_2(runner):
    result = run(runner, "analyze", DEMO_POSTS, "--column", "likes=Нравится")
    assert_clean_exit(result, 2)
    assert "no column named 'Нравится' (for likes)" in error_line(result)


def test_missing_sheet_exits_2(runner, tmp_path):
    workbook = Workbook()
    workbook.active.append(["text"])
    path = tmp_path / "w.xlsx"
    workbook.save(path)
    result = run(runner, "analyze", path, "--sheet", "Нет")
    assert_clean_exit(result, 2)
    assert "no sheet 'Нет'" in error_line(result)


def test_bad_option_values_are_usage_errors(runner):
    for args in (["--format", "xml"], ["--max-chars", "0"]):
        result = run(runner, "analyze", DEMO_POSTS, *args)
        assert_clean_exit(result, 2)


# --- evaluate ---------------------------------------------------------------------------------

LABELLED = [
    (
        "1",
        "Я веду этот блог третий год. Сегодня расскажу, как я выбираю ткани и почему мне нравится лён.",
        "i",
        "0",
        "0",
    ),
    (
        "2",
        "Мы открыли вторую пекарню на Садовой! Наши булочки теперь можно купить и там. Ждём вас.",
        "we",
        "0",
        "0",
    ),
    (
        "3",
        "Осуществляется предоставление услуг высокого качества с индивидуальным подходом к каждому клиенту. "
        "Рекомендуется проверить наличие документов заранее.",
        "none",
        "0",
        "1",
    ),
    (
        "4",
        "Кейс: клиентка Марина пришла ко мне с магазином свечей. Я переписала карточки товаров. "
        "За 3 месяца выручка выросла с 80 000 до 240 000 ₽.",
        "i",
        "1",
        "0",
    ),
    ("5", "В Казани открылся новый мост через реку. Движение по нему запустят в апреле.", "none", "0", "1"),
    ("6", "Честно, я обожаю этот момент! Мы с Машей наконец доделали кухню 😍 Спасибо всем!", "i", "0", "0"),
]


def write_labelled(path, rows=LABELLED, header=("id", "text", "voice", "case", "impersonal")):
    with open(path, "w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def test_evaluate_prints_accuracy_and_macro_f1_per_label(runner, tmp_path):
    result = run(runner, "evaluate", write_labelled(tmp_path / "labels.csv"))
    assert_clean_exit(result, 0)
    for label in ("voice", "case", "impersonal"):
        line = next(line for line in result.stdout.splitlines() if line.startswith(f"{label}:"))
        assert "n=6" in line and "accuracy=" in line and "macro-F1=" in line
    assert "confusion (rows: truth, columns: predicted)" in result.stdout
    assert "stage:" not in result.stdout


def test_evaluate_json(runner, tmp_path):
    result = run(runner, "evaluate", write_labelled(tmp_path / "labels.csv"), "--format", "json")
    assert_clean_exit(result, 0)
    scores = json.loads(result.stdout)
    assert [s["label"] for s in scores] == ["voice", "case", "impersonal"]
    for score in scores:
        assert score["n"] == 6
        assert 0.0 <= score["accuracy"] <= 1.0
        assert 0.0 <= score["macro_f1"] <= 1.0
        matrix = score["confusion"]
        assert len(matrix) == len(score["order"])
        assert sum(map(sum, matrix)) == 6
        assert score["accuracy"] == pytest.approx(sum(matrix[i][i] for i in range(len(matrix))) / 6)
    voice = scores[0]
    assert voice["order"] == ["i", "we", "none"]
    assert voice["classes"]["we"]["support"] == 1


def test_evaluate_perfect_predictions_score_one(runner, tmp_path):
    rows = [LABELLED[0], LABELLED[1], LABELLED[2]]
    result = run(
        runner,
        "evaluate",
        write_labelled(tmp_path / "l.csv", rows, ("id", "text", "voice")),
        "--format",
        "json",
    )
    assert_clean_exit(result, 0)
    (voice,) = json.loads(result.stdout)
    assert (voice["accuracy"], voice["macro_f1"]) == (1.0, 1.0)


def test_evaluate_without_label_columns_exits_2(runner, tmp_path):
    path = tmp_path / "nolabels.csv"
    path.write_text("id,text\n1,Текст\n", encoding="utf-8")
    result = run(runner, "evaluate", path)
    assert_clean_exit(result, 2)
    assert "no label columns" in error_line(result)


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        (
            "bad.csv",
            "id,text,voice\n1,Я пишу пост,i\n2,Мы пишем,WE\n",
            "row 3: voice 'WE' is not a label of the guide",
        ),
        ("bad.jsonl", '{"id": 1, "text": "Я пишу", "voice": "i"}\n[1, 2]\n', "line 2: not a JSON object"),
        ("empty.csv", "id,text,stage\n1,Я пишу пост,\n", "no post with text has a stage label"),
    ],
)
def test_evaluate_refuses_labels_it_could_not_score_honestly(runner, tmp_path, name, content, words):
    """A misspelt label counted against accuracy and in no class; a JSONL array gave a traceback;
    an empty column printed n=0 as a score."""
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = run(runner, "evaluate", path)
    assert_clean_exit(result, 2)
    assert words in error_line(result)


def test_evaluate_reads_semicolons_and_labels_beyond_the_first_file(runner, tmp_path):
    first = tmp_path / "voice.csv"
    first.write_text("id;text;voice\n1;Я веду блог о ремонте.;i\n", encoding="utf-8")
    second = tmp_path / "both.csv"
    second.write_text("id,text,voice,case\n2,Мы открыли пекарню.,we,0\n", encoding="utf-8")
    result = run(runner, "evaluate", first, second, "--format", "json")
    assert_clean_exit(result, 0)
    assert [(score["label"], score["n"]) for score in json.loads(result.stdout)] == [
        ("voice", 2),
        ("case", 1),
    ]
    absent = run(runner, "evaluate", first, "--only", "case")
    assert_clean_exit(absent, 2)
    assert "--only case: no such label column" in error_line(absent)


def test_evaluate_missing_file_exits_2(runner, tmp_path):
    result = run(runner, "evaluate", tmp_path / "nope.csv")
    assert_clean_exit(result, 2)
    assert "no such file" in error_line(result)


def test_evaluate_skips_unlabelled_cells(runner, tmp_path):
    rows = [LABELLED[0], LABELLED[1], LABELLED[2], ("9", "Я люблю этот город и пишу о нём.", "")]
    path = write_labelled(tmp_path / "l.csv", rows, ("id", "text", "voice"))
    result = run(runner, "evaluate", path, "--format", "json")
    assert_clean_exit(result, 0)
    (voice,) = json.loads(result.stdout)
    assert voice["n"] == 3
    assert voice["accuracy"] == 1.0


def test_evaluate_short_row_is_not_a_crash(runner, tmp_path):
    path = tmp_path / "short.csv"
    path.write_text("id,text,voice,case\n1,Я веду блог.,i,0\n2,Мы открыли пекарню.,we\n", encoding="utf-8")
    result = run(runner, "evaluate", path)
    assert result.exit_code in (0, 2)
    assert result.exception is None or isinstance(result.exception, SystemExit)


# --- help -------------------------------------------------------------------------------------


@pytest.mark.parametrize("args", [[], ["analyze"], ["evaluate"]])
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help(runner, args, flag):
    result = run(runner, *args, flag)
    assert_clean_exit(result, 0)
    assert "Usage: " in result.output
    if args:
        assert "Example:" in result.output


def test_column_help_and_the_readme_name_every_field_including_text(runner):
    fields = "text, id, date, views, likes, comments, reposts or clicks"
    help_text = " ".join(run(runner, "analyze", "--help").output.split())
    readme = " ".join((REPO / "README.md").read_text(encoding="utf-8").split())
    assert f"FIELD is {fields}." in help_text
    assert f"FIELD being {fields}" in readme


def test_group_help_lists_commands(runner):
    result = run(runner, "--help")
    assert "analyze" in result.output and "evaluate" in result.output


def test_version(runner):
    result = run(runner, "--version")
    assert_clean_exit(result, 0)
    assert "voicecheck, version 0.1.0" in result.output


def test_the_post_table_reads_as_russian_with_decimal_commas(runner):
    """The terminal table used «awareness», «i» and «6.06%» beside a report in Russian."""
    result = run(runner, "analyze", DEMO_POSTS, "--show", "posts", "--format", "table")
    assert_clean_exit(result, 0)
    lines = result.stdout.splitlines()
    assert lines[0].split()[:4] == ["#", "этап", "тип", "голос"]
    first = lines[2].split()
    assert first[1] in STAGE_RU.values() and first[2] in TYPE_RU.values() and first[3] == "я"
    assert first[8] == "6,06%"  # (36 + 11 + 3) / 825
    assert lines[4].split()[1].endswith("?")  # a post of 7 words: low confidence
