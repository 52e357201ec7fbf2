"""The draft checker: ``voicecheck check``, ``rules`` and ``rule`` through click's CliRunner,
plus line:col, settings files, suppressions, the account cache and a light start-up."""

import csv
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DEMO_POSTS, REPO, assert_clean_exit

from voicecheck import lint
from voicecheck.cli import main
from voicecheck.config import ConfigError, Settings, find_config, load_settings
from voicecheck.lint import Source, check_sources, position
from voicecheck.rules import RULES

# A draft with two findings of known place: an impersonal modal (line 3) and a stamp (line 5).
DRAFT = (
    "Как я выбираю краску для детской\n"
    "\n"
    "Перед покупкой рекомендуется проверить состав краски.\n"
    "\n"
    "Я сама крашу стены уже шесть лет и гарантирую высокое качество работы.\n"
)
CLEAN = "Я вчера впервые испекла хлеб на закваске! Корочка хрустит, мякиш пористый, я счастлива.\n"
LINE = re.compile(r"^(?P<path>[^\n]+?):(?P<line>\d+):(?P<col>\d+): (?P<code>VC\d{3}) (?P<message>.+)$")


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def draft(tmp_path) -> Path:
    path = tmp_path / "draft.md"
    path.write_text(DRAFT, encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def no_settings_file(tmp_path, monkeypatch):
    """Tests run in a folder with no voicecheck.toml above it, and a private cache."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("VOICECHECK_CACHE_DIR", str(tmp_path / "cache"))


def run(runner, *args, **kwargs):
    return runner.invoke(main, [str(a) for a in args], **kwargs)


def finding_lines(output: str) -> list[dict]:
    return [m.groupdict() for line in output.splitlines() if (m := LINE.match(line))]


# --- text format, line:col, exit codes --------------------------------------------------------


def test_check_text_format_and_positions(runner, draft):
    result = run(runner, "check", draft, "--select", "VC301,VC305")
    assert_clean_exit(result, 1)
    found = {f["code"]: f for f in finding_lines(result.stdout)}
    assert set(found) == {"VC301", "VC305"}
    modal = found["VC301"]
    assert (modal["path"], modal["line"], modal["col"]) == (
        str(draft),
        "3",
        str(DRAFT.split("\n")[2].index("рекомендуется") + 1),
    )
    assert "«рекомендуется проверить»" in modal["message"]
    stamp = found["VC305"]
    assert stamp["line"] == "5" and int(stamp["col"]) == DRAFT.split("\n")[4].index("высокое") + 1
    assert "tone.impersonal-modal (предупреждение):" in result.stdout  # the hint line
    lines = result.stdout.splitlines()
    assert (
        lines[-2].startswith(f"{draft}: этап «") and "безличность" in lines[-2] and "голос «я»" in lines[-2]
    )
    assert lines[-1] == f"{draft}: Стоит поправить: 2 предупреждения."


def test_clean_draft_exits_zero(runner, tmp_path):
    path = tmp_path / "clean.txt"
    path.write_text(CLEAN, encoding="utf-8")
    result = run(runner, "check", path, "--select", "VC3")
    assert_clean_exit(result, 0)
    assert finding_lines(result.stdout) == []
    assert result.stdout.splitlines()[-1] == f"{path}: Можно публиковать: замечаний нет."


def test_exit_zero(runner, draft):
    result = run(runner, "check", draft, "--exit-zero")
    assert_clean_exit(result, 0)
    assert finding_lines(result.stdout)


def test_position_is_one_based_in_the_original_text():
    text = "первая\nвторая строка\n\nчетвёртая"
    assert position(text, 0) == (1, 1)
    assert position(text, text.index("строка")) == (2, 8)
    assert position(text, text.index("четвёртая")) == (4, 1)


def test_positions_survive_markdown_and_emoji(tmp_path):
    text = "**Важно** 🔥 [сайт](https://example.com)\n\nРекомендуется заполнить анкету 😊 заранее."
    report = check_sources([Source("d.md", text)], Settings(select=("VC301",)))[0]
    (finding,) = report.findings
    assert (finding.line, finding.col) == (3, 1)
    assert (finding.end_line, finding.end_col) == (3, len("Рекомендуется заполнить") + 1)


# --- json and github ----------------------------------------------------------------------------


def test_json_format(runner, draft):
    result = run(runner, "check", draft, "--format", "json", "--select", "VC301,VC305")
    assert_clean_exit(result, 1)
    data = json.loads(result.stdout)
    (report,) = data["drafts"]
    assert report["path"] == str(draft)
    assert report["stage"]["label"] in ("awareness", "interest", "trust", "action")
    assert report["type"]["label"] in ("expert", "entertainment", "other")
    assert report["voice"] == "i" and 0 <= report["impersonality"] <= 100 and report["verdict"]
    codes = [f["code"] for f in report["findings"]]
    assert codes == ["VC301", "VC305"]
    first = report["findings"][0]
    assert set(first) == {
        "code", "name", "severity", "path", "line", "col", "end_line", "end_col", "message", "hint",
    }  # fmt: skip
    assert first["line"] == 3 and first["name"] == "tone.impersonal-modal" and first["severity"] == "warning"
    assert data["summary"] == {
        "drafts": 1,
        "findings": 2,
        "by_severity": {"suggestion": 0, "warning": 2, "error": 0},
    }


def test_github_format(runner, draft):
    result = run(runner, "check", draft, "--format", "github", "--select", "VC301")
    assert_clean_exit(result, 1)
    annotation = result.stdout.splitlines()[0]
    assert annotation.startswith(f"::warning file={draft},line=3,col=")
    assert ",title=VC301::" in annotation
    assert "%0A" in annotation  # the hint follows on its own line


def test_github_levels_and_escaping():
    text = "Новая коллекция свечей уже на складе, 100% воск, цена 900 рублей."
    report = check_sources([Source("a,b.md", text)], Settings(select=("VC401",)), stage="action")[0]
    output = lint.render([report], "github")
    assert output.startswith("::error file=a%2Cb.md,line=1,col=1,")


# --- select, ignore, min-severity ------------------------------------------------------------


def test_select_and_ignore_by_prefix(runner, draft):
    result = run(runner, "check", draft, "--select", "VC3", "--ignore", "VC305")
    assert {f["code"] for f in finding_lines(result.stdout)} == {"VC301"}
    result = run(runner, "check", draft, "--select", "tone", "--ignore", "VC30")
    assert_clean_exit(result, 0)


def test_more_specific_select_wins_over_ignore():
    settings = Settings(select=("VC305",), ignore=("VC3",))
    assert [r.code for r in settings.active_rules()] == ["VC305"]


def test_min_severity(runner, tmp_path):
    path = tmp_path / "passive.txt"
    path.write_text("Вчера был сдан новый объект. Были покрашены стены, уложен паркет.", encoding="utf-8")
    result = run(runner, "check", path, "--select", "VC302")
    assert {f["code"] for f in finding_lines(result.stdout)} == {"VC302"}
    result = run(runner, "check", path, "--select", "VC302", "--min-severity", "warning")
    assert_clean_exit(result, 0)


def test_unknown_selector_is_an_error(runner, draft):
    result = run(runner, "check", draft, "--select", "VC9")
    assert_clean_exit(result, 2)
    assert "VC9" in result.stderr and result.stderr.startswith("voicecheck: error:")


# --- settings files ----------------------------------------------------------------------------


def test_voicecheck_toml_is_found_walking_up(runner, draft, tmp_path, monkeypatch):
    (tmp_path / "voicecheck.toml").write_text('select = ["VC3"]\nignore = ["VC301"]\n', encoding="utf-8")
    inner = tmp_path / "posts" / "june"
    inner.mkdir(parents=True)
    monkeypatch.chdir(inner)
    result = run(runner, "check", draft)
    assert {f["code"] for f in finding_lines(result.stdout)} == {"VC305"}
    assert find_config(inner)[0] == tmp_path / "voicecheck.toml"


def test_pyproject_tool_table_and_rule_params(runner, draft, tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.voicecheck]\nselect = ["VC3"]\nmin-severity = "warning"\n'
        'format = "json"\n\n[tool.voicecheck.rules.VC305]\nmax_count = 3\n',
        encoding="utf-8",
    )
    result = run(runner, "check", draft)
    data = json.loads(result.stdout)
    assert [f["code"] for f in data["drafts"][0]["findings"]] == ["VC301"]
    settings = load_settings(tmp_path)
    assert settings.params == {"VC305": {"max_count": 3}} and settings.source == tmp_path / "pyproject.toml"
    override = run(runner, "check", draft, "--format", "text")  # the command line wins
    assert finding_lines(override.stdout)


def test_pyproject_without_the_table_is_skipped(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert load_settings(tmp_path) == Settings()


@pytest.mark.parametrize(
    "content, words",
    [
        ("selekt = ['VC3']\n", "unknown key"),
        ("min-severity = 'fatal'\n", "min-severity"),
        ("[rules.VC999]\nmax_count = 1\n", "VC999"),
        ("[rules.VC305]\nmax_cnt = 1\n", "max_cnt"),
        ("[rules.VC305]\nmax_count = 'many'\n", "max_count"),
        ("select = [\n", "cannot read"),
    ],
)
def test_broken_settings_exit_2(runner, draft, tmp_path, content, words):
    (tmp_path / "voicecheck.toml").write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError):
        load_settings(tmp_path)
    result = run(runner, "check", draft)
    assert_clean_exit(result, 2)
    assert words in result.stderr


def test_explicit_config_option(runner, draft, tmp_path):
    other = tmp_path / "elsewhere.toml"
    other.write_text('select = ["VC305"]\n', encoding="utf-8")
    result = run(runner, "check", draft, "--config", other)
    assert {f["code"] for f in finding_lines(result.stdout)} == {"VC305"}


# --- suppressions -------------------------------------------------------------------------------


def test_suppression_covers_the_next_paragraph(runner, tmp_path):
    path = tmp_path / "suppressed.md"
    text = (
        "<!-- voicecheck: disable=VC305 -->\n"
        + DRAFT.split("\n", 4)[4]
        + "\nМы гарантируем высокое качество.\n"
    )
    path.write_text(text, encoding="utf-8")
    result = run(runner, "check", path, "--select", "VC305,VC001")
    found = finding_lines(result.stdout)
    # the stamp right after the comment is silenced; the one in the next paragraph is not
    assert [(f["code"], f["line"]) for f in found] == [("VC305", "4")]


def test_unused_suppression_is_reported(runner, tmp_path):
    path = tmp_path / "unused.md"
    path.write_text(
        "Я люблю свою работу.\n\n<!-- voicecheck: disable=VC301,VC777 -->\nЯ крашу стены сама.\n",
        encoding="utf-8",
    )
    result = run(runner, "check", path, "--select", "VC3,VC001")
    assert_clean_exit(result, 1)
    (found,) = finding_lines(result.stdout)
    assert (found["code"], found["line"], found["col"]) == ("VC001", "3", "1")
    assert "VC301" in found["message"] and "VC777 (нет такого правила)" in found["message"]


def test_suppression_of_an_unselected_rule_is_not_reported():
    text = "<!-- voicecheck: disable=VC305 -->\nЯ крашу стены сама."
    report = check_sources([Source("d.md", text)], Settings(select=("VC001", "VC301")))[0]
    assert report.findings == []


FACELESS = (
    "В рамках реализации проекта осуществляется контроль качества. Рекомендуется своевременно "
    "осуществлять проверку документации. Необходимо обеспечить соблюдение требований."
)


def test_a_finding_on_the_whole_draft_points_past_a_comment_and_can_be_suppressed():
    """VC306 pointed at the comment line itself, outside the paragraph the comment covers,
    so «disable=VC306» suppressed nothing and drew VC001 as well."""
    alone = check_sources([Source("d.md", FACELESS)], Settings(select=("VC306",)))[0]
    assert [(f.code, f.line, f.col) for f in alone.findings] == [("VC306", 1, 1)]
    declared = check_sources(
        [Source("d.md", f"<!-- voicecheck: stage=trust -->\n{FACELESS}")], Settings(select=("VC306",))
    )
    assert [(f.line, f.col) for f in declared[0].findings] == [(2, 1)]
    quiet = f"<!-- voicecheck: disable=VC306 -->\n{FACELESS}"
    assert check_sources([Source("d.md", quiet)], Settings(select=("VC306", "VC001")))[0].findings == []


def test_a_whole_line_finding_ends_before_a_crlf():
    report = check_sources(
        [Source("d.txt", f"{FACELESS}\r\nВторая строка.\r\n")], Settings(select=("VC306",))
    )
    (finding,) = report[0].findings
    assert (finding.end_line, finding.end_col) == (1, len(FACELESS) + 1)


def test_markdown_marks_front_matter_and_code_are_not_the_post(runner, tmp_path):
    """«**индивидуальный** подход» hid the stamp, and the front matter and code were checked as text."""
    path = tmp_path / "post.md"
    path.write_text(
        "---\ntitle: В рамках реализации проекта\n---\n"
        "Мы предлагаем **индивидуальный** подход и _высокое_ качество.\n\n"
        "```\nв рамках = 1\n```\n",
        encoding="utf-8",
    )
    found = [
        (f["code"], f["line"], f["col"], f["message"].split(": ")[-1]) for f in _json_findings(runner, path)
    ]
    assert found == [
        ("VC305", 4, 17, "«индивидуальный подход»"),
        ("VC305", 4, 44, "«высокое качество»"),
    ]


def test_a_markdown_link_is_still_the_call_to_action_it_makes():
    """Blanking the whole link target took away the address that made «Записаться» a call."""
    text = (
        "<!-- voicecheck: stage=action -->\nКурс акварели: восемь занятий, 12 000 ₽.\n\n"
        "Записаться на курс: [форма](https://studio.ru/kurs?utm_source=tg)\n"
    )
    for name in ("a.md", "a.txt"):
        assert check_sources([Source(name, text)], Settings(select=("VC401",)))[0].findings == [], name


def test_a_rule_line_that_opens_a_draft_is_not_front_matter():
    prose = "---\nМы предлагаем индивидуальный подход.\n---\nЕщё текст.\n"
    assert lint.markdown_as_prose(prose) == prose
    yaml = "---\ntitle: В рамках проекта\ntags:\n  - акварель\n---\nТекст.\n"
    assert lint.markdown_as_prose(yaml).strip() == "Текст."


def test_backticks_inside_words_open_no_code_span():
    assert lint.markdown_as_prose("Let`s go, don`t.") == "Let`s go, don`t."
    assert lint.markdown_as_prose("Код `x = 1` внутри.") == "Код         внутри."


def _json_findings(runner, path, *options) -> list[dict]:
    result = run(runner, "check", path, "--format", "json", "--select", "VC304,VC305", *options)
    return json.loads(result.stdout)["drafts"][0]["findings"]


def test_declared_stage_in_the_draft():
    text = (
        "<!-- voicecheck: stage=awareness -->\nПривет! Я шью сумки. Купите сумку со скидкой 20% до пятницы!"
    )
    report = check_sources([Source("d.md", text)], Settings(select=("VC403",)))[0]
    assert report.stage.label == "awareness" and report.stage_declared
    assert [f.code for f in report.findings] == ["VC403"]


def test_unknown_directive_is_an_error(runner, tmp_path):
    path = tmp_path / "bad.md"
    path.write_text("<!-- voicecheck: stage=launch -->\nЯ шью сумки.", encoding="utf-8")
    result = run(runner, "check", path)
    assert_clean_exit(result, 2)
    assert f"{path}:1:" in result.stderr


# --- inputs -------------------------------------------------------------------------------------


def test_stdin(runner):
    result = run(runner, "check", "-", "--select", "VC301", input=DRAFT.encode("utf-8"))
    assert_clean_exit(result, 1)
    (found,) = finding_lines(result.stdout)
    assert (found["path"], found["line"]) == ("-", "3")
    named = run(runner, "check", "-", "--select", "VC301", "--stdin-filename", "post.md", input=DRAFT)
    assert finding_lines(named.stdout)[0]["path"] == "post.md"


def test_several_drafts_and_a_folder(runner, tmp_path):
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "a.md").write_text(DRAFT, encoding="utf-8")
    (folder / "b.txt").write_text(CLEAN, encoding="utf-8")
    (folder / "notes.csv").write_text("text\nне черновик\n", encoding="utf-8")
    result = run(runner, "check", folder, "--select", "VC3", "--format", "json")
    data = json.loads(result.stdout)
    assert [Path(d["path"]).name for d in data["drafts"]] == ["a.md", "b.txt"]
    assert data["drafts"][1]["findings"] == []


def test_a_folder_leaves_out_hidden_folders_and_installed_packages(runner, tmp_path):
    folder = tmp_path / "repo"
    for hidden in (".venv/lib", "node_modules/pkg", "drafts"):
        (folder / hidden).mkdir(parents=True)
    (folder / ".venv/lib/LICENSE.txt").write_text(DRAFT, encoding="utf-8")
    (folder / "node_modules/pkg/README.md").write_text(DRAFT, encoding="utf-8")
    (folder / "drafts/post.md").write_text(DRAFT, encoding="utf-8")
    data = json.loads(run(runner, "check", folder, "--format", "json").stdout)
    assert [Path(d["path"]).relative_to(folder).as_posix() for d in data["drafts"]] == ["drafts/post.md"]


@pytest.mark.parametrize("name", ["empty", "only_other_files"])
def test_a_folder_without_drafts_is_an_error_not_a_pass(runner, tmp_path, name):
    folder = tmp_path / name
    folder.mkdir()
    if name == "only_other_files":
        (folder / "post.docx").write_bytes(b"PK")
    result = run(runner, "check", folder)
    assert_clean_exit(result, 2)
    assert f"{folder}: no drafts in this folder or under it (files ending .txt, .md" in result.stderr


def test_an_empty_path_is_an_error_not_the_current_folder(runner):
    result = runner.invoke(main, ["check", ""])
    assert_clean_exit(result, 2)
    assert "an empty path" in result.stderr


def test_koi8_r_and_utf_16_drafts_are_read_as_written(runner, tmp_path):
    for encoding in ("koi8_r", "utf-16"):
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes(DRAFT.encode(encoding))
        result = run(runner, "check", path, "--select", "VC301")
        assert_clean_exit(result, 1)
        assert finding_lines(result.stdout)[0]["line"] == "3", encoding


def test_a_utf_8_draft_with_a_broken_byte_is_an_error_not_mojibake(runner, tmp_path):
    """It was read as Windows-1251 and checked as gibberish, with an error for a missing call."""
    path = tmp_path / "stray.txt"
    line = DRAFT.count("\n") + 1
    for bom in (b"", b"\xef\xbb\xbf"):
        path.write_bytes(bom + DRAFT.encode("utf-8") + b"\xff")
        result = run(runner, "check", path)
        assert_clean_exit(result, 2)
        assert f"{path}: line {line}: byte 0xff is not UTF-8, though the rest of the file is" in result.stderr


def test_windows_1251_and_empty_drafts(runner, tmp_path):
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes(DRAFT.encode("cp1251"))
    empty = tmp_path / "empty.md"
    empty.write_text("\n\n", encoding="utf-8")
    result = run(runner, "check", legacy, empty, "--select", "VC301")
    assert_clean_exit(result, 1)
    assert finding_lines(result.stdout)[0]["line"] == "3"
    assert f"{empty}: Пустой черновик: проверять нечего." in result.stdout


@pytest.mark.parametrize(
    "name, content, words",
    [
        ("missing.md", None, "no such file"),
        ("feed.csv", "a", "not a draft"),
        ("bin.txt", b"\x00\x01", "binary"),
    ],
)
def test_bad_inputs_exit_2(runner, tmp_path, name, content, words):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    result = run(runner, "check", path)
    assert_clean_exit(result, 2)
    assert words in result.stderr


# --- the account's topics -------------------------------------------------------------------------


OFF_TOPIC = (
    "Курс биткоина за неделю вырос на 8%. Я разбираю, стоит ли сейчас покупать криптовалюту "
    "и как не потерять деньги на бирже при резком падении."
)
ON_TOPIC = (
    "Сегодня расскажу, как мы подбираем цвет стен и мебель для маленькой гостиной, чтобы "
    "комната казалась светлее и просторнее. Диван ставим у окна, а на стены — тёплый бежевый."
)


def test_account_off_topic_and_cache(runner, tmp_path, monkeypatch):
    off = tmp_path / "off.md"
    off.write_text(OFF_TOPIC, encoding="utf-8")
    on = tmp_path / "on.md"
    on.write_text(ON_TOPIC, encoding="utf-8")
    result = run(runner, "check", off, on, "--account", DEMO_POSTS, "--select", "VC404", "--format", "json")
    assert_clean_exit(result, 1)
    drafts = json.loads(result.stdout)["drafts"]
    assert [f["code"] for f in drafts[0]["findings"]] == ["VC404"]
    assert drafts[1]["findings"] == []
    assert drafts[1]["account"]["similarity"] > 2 * drafts[0]["account"]["similarity"]
    cached = list((tmp_path / "cache").glob("account-*.json"))
    assert len(cached) == 1
    profile = json.loads(cached[0].read_text(encoding="utf-8"))
    assert profile["posts"] == 60 and any(t["core"] for t in profile["topics"])
    assert 0 < profile["typical_similarity"] < 1

    def no_rebuild(*args, **kwargs):
        raise AssertionError("the account profile was rebuilt instead of read from the cache")

    monkeypatch.setattr(lint, "build_profile", no_rebuild)
    again = run(runner, "check", off, "--account", DEMO_POSTS, "--select", "VC404")
    assert_clean_exit(again, 1)
    assert [f["code"] for f in finding_lines(again.stdout)] == ["VC404"]


SIGNATURE_LINE = (
    "\n\nПодписывайтесь на канал студии «Светлый дом», читайте статьи на сайте и присылайте "
    "вопросы редакции!"
)  # longer than the six content words a signature is first looked for in


def test_a_signature_the_account_and_the_draft_share_does_not_make_the_draft_fit(runner, tmp_path):
    """Every post of the account ends with the same long line, and so does an off-topic
    draft: the line is left out of the account's topics and off the draft, so the draft is as
    far from the account as without it."""
    with DEMO_POSTS.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    signed_feed = tmp_path / "signed.csv"
    with signed_feed.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows({**row, "text": row["text"] + SIGNATURE_LINE} for row in rows)
    plain, signed = tmp_path / "plain.md", tmp_path / "signed.md"
    plain.write_text(OFF_TOPIC, encoding="utf-8")
    signed.write_text(OFF_TOPIC + SIGNATURE_LINE, encoding="utf-8")
    args = ["--account", signed_feed, "--select", "VC404", "--format", "json"]
    result = run(runner, "check", plain, signed, *args)
    assert_clean_exit(result, 1)
    drafts = json.loads(result.stdout)["drafts"]
    assert [[f["code"] for f in d["findings"]] for d in drafts] == [["VC404"], ["VC404"]]
    assert drafts[1]["account"]["similarity"] == pytest.approx(drafts[0]["account"]["similarity"], abs=0.02)
    (profile_file,) = (tmp_path / "cache").glob("account-*.json")
    profile = json.loads(profile_file.read_text(encoding="utf-8"))
    topic_words = " ".join(t["label"] for t in profile["topics"])
    assert not {"подписываться", "присылать", "редакция"} & set(topic_words.replace(",", " ").split())


def test_the_account_feed_is_said_how_it_was_read_on_every_check(runner, tmp_path):
    """The text column found under «Описание» decides which topics a draft is checked
    against, so ``check --account`` says so, as ``analyze`` does, and again from the cache."""
    with DEMO_POSTS.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    feed = tmp_path / "described.csv"
    with feed.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=["Описание"])
        writer.writeheader()
        writer.writerows({"Описание": row["text"]} for row in rows)
    draft = tmp_path / "on.md"
    draft.write_text(ON_TOPIC, encoding="utf-8")
    warning = (
        f"voicecheck: warning: {feed}: column read: 'Описание' as text; if one is wrong, name the right "
        "one with --column FIELD=NAME."
    )
    for _ in range(2):
        result = run(runner, "check", draft, "--account", feed, "--select", "VC404")
        assert_clean_exit(result, 0)
        assert result.stderr.splitlines() == [warning]
    copy = tmp_path / "copy.csv"  # the cached profile, said under the path checked against
    copy.write_bytes(feed.read_bytes())
    result = run(runner, "check", draft, "--account", copy, "--select", "VC404")
    assert result.stderr.splitlines() == [warning.replace(str(feed), str(copy))]
    named = run(runner, "check", draft, "--account", feed, "--column", "text=Описание", "--select", "VC404")
    assert_clean_exit(named, 0)
    assert named.stderr == ""  # a column named by hand is no guess to warn about


def test_account_feed_missing(runner, draft):
    result = run(runner, "check", draft, "--account", "nowhere.csv")
    assert_clean_exit(result, 2)


def test_an_account_feed_without_a_text_column_names_the_option_check_has(runner, draft, tmp_path):
    feed = tmp_path / "export.csv"
    feed.write_text("Заголовок,Автор\nПривет,Вера\n", encoding="utf-8")
    result = run(runner, "check", draft, "--account", feed)
    assert_clean_exit(result, 2)
    assert "Name the column with the post text: --column text=NAME." in result.stderr


# --- the fast stage and type models -------------------------------------------------------------


def test_fast_classifier_answers_as_the_shipped_models(nlp):
    """The arrays shipped beside the .skops models give the same labels, probabilities
    and cues as the scikit-learn pipelines they were exported from."""
    from conftest import parse_all

    from voicecheck.analysis import classifier_input
    from voicecheck.classify import load_pipelines
    from voicecheck.linear import LinearModels
    from voicecheck.paths import MODELS_DIR

    docs = parse_all(nlp, {"a": DRAFT, "b": CLEAN, "c": OFF_TOPIC, "d": "Запишитесь на примерку до пятницы!"})
    inputs = [classifier_input(doc) for doc in docs.values()]
    fast = LinearModels.load(MODELS_DIR)
    assert fast is not None, "models/*.arrays.* are missing or stale: run voicecheck train"
    for slow, quick in zip(load_pipelines().predict(inputs), fast.predict(inputs), strict=True):
        for a, b in zip(slow, quick, strict=True):
            assert (a.label, a.cues, a.low_confidence) == (b.label, b.cues, b.low_confidence)
            assert abs(a.probability - b.probability) < 1e-9


def test_stale_arrays_are_not_used(tmp_path):
    from voicecheck.linear import LinearModels
    from voicecheck.paths import MODELS_DIR

    for path in MODELS_DIR.glob("*.skops"):
        (tmp_path / path.name).write_bytes(path.read_bytes() + b"changed")
    for path in MODELS_DIR.glob("*.arrays.*"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    assert LinearModels.load(tmp_path) is None
    assert LinearModels.load(MODELS_DIR) is not None


# --- rules and rule -----------------------------------------------------------------------------


def test_rules_lists_every_rule(runner):
    result = run(runner, "rules")
    assert_clean_exit(result, 0)
    for rule in RULES:
        assert rule.code in result.stdout and rule.name in result.stdout
    data = json.loads(run(runner, "rules", "--format", "json").stdout)
    assert [r["code"] for r in data] == [r.code for r in RULES]


@pytest.mark.parametrize("key", ["VC301", "vc301", "tone.impersonal-modal"])
def test_rule_explains_one(runner, key):
    result = run(runner, "rule", key)
    assert_clean_exit(result, 0)
    for part in (
        "VC301 tone.impersonal-modal",
        "Что находит.",
        "Чем вредит.",
        "Плохо:",
        "Хорошо:",
        "max_count = 0",
    ):
        assert part in result.stdout


def test_rule_unknown_code(runner):
    result = run(runner, "rule", "VC999")
    assert_clean_exit(result, 2)


# --- start-up and packaging ---------------------------------------------------------------------


HEAVY = ("spacy", "natasha", "slovnet", "sklearn", "navec", "pymorphy3", "numpy")


def test_help_rules_and_rule_import_no_nlp():
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from voicecheck.cli import main\n"
        "for args in (['--help'], ['check', '--help'], ['rules'], ['rule', 'VC301']):\n"
        "    assert CliRunner().invoke(main, args).exit_code == 0, args\n"
        f"heavy = [m for m in {HEAVY!r} if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO)


def test_a_check_imports_spacy_without_its_command_line_which_still_works_later():
    code = (
        "import sys\n"
        "from voicecheck.taggers import import_spacy_without_its_cli\n"
        "import_spacy_without_its_cli()\n"
        "import spacy\n"
        "from spacy.tokens import Doc\n"
        "assert not [m for m in ('typer', 'weasel', 'requests') if m in sys.modules]\n"
        "assert spacy.info(markdown=False)['spacy_version'] == spacy.__version__\n"
        "import spacy.cli\n"
        "assert callable(spacy.cli.download) and 'typer' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO)


def test_pre_commit_hook_is_declared():
    text = (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "id: voicecheck" in text and "entry: voicecheck check" in text


def test_the_console_script_flushes_everything_before_it_leaves(tmp_path):
    """``voicecheck check`` ends its process without the interpreter's teardown: every
    finding and the verdict still reach a pipe, and the exit code is kept."""
    draft = tmp_path / "draft.md"
    draft.write_text(DRAFT, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "voicecheck.cli", "check", str(draft), "--format", "json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert run.returncode == 1
    report = json.loads(run.stdout)
    (checked,) = report["drafts"]
    assert any(f["code"] == "VC301" for f in checked["findings"]) and checked["verdict"]


def test_bureaucratic_words_come_with_their_plain_counterpart(runner, tmp_path):
    path = tmp_path / "notice.txt"
    path.write_text(
        "В рамках акции в целях удобства осуществляется доставка. При наличии вопросов звоните.\n",
        encoding="utf-8",
    )
    result = run(runner, "check", path, "--format", "json", "--select", "VC304")
    assert_clean_exit(result, 1)
    hints = {
        f["message"].split(": ")[-1]: f["hint"] for f in json.loads(result.stdout)["drafts"][0]["findings"]
    }
    assert hints["«в целях»"] == "Скажите проще: «чтобы»"
    assert hints["«При наличии»"] == "Скажите проще: «если есть»"
    assert hints["«осуществляется доставка»"].startswith("Назовите действие одним глаголом")


def test_data_is_no_bureaucratic_word_and_a_predicative_gets_a_predicative(runner, tmp_path):
    """«данные» (data) was flagged as «данный» with «Скажите проще: «этот»», and «Необходимо»
    was told to become the adjective «нужный»."""
    path = tmp_path / "notice.txt"
    path.write_text(
        "Все данные клиентов я храню на сервере, а по данным налоговой треть ошибок из-за опечаток. "
        "Необходимо отметить, что в данном случае необходимые документы готовы.\n",
        encoding="utf-8",
    )
    result = run(runner, "check", path, "--format", "json", "--select", "VC304")
    findings = json.loads(result.stdout)["drafts"][0]["findings"]
    hints = {f["message"].split(": ")[-1]: f["hint"] for f in findings}
    assert hints == {
        "«Необходимо»": "Скажите проще: «нужно»",
        "«данном»": "Скажите проще: «этот»",
        "«необходимые»": "Скажите проще: «нужный»",
    }


def test_a_stamp_a_line_wraps_keeps_the_text_format_two_lines_a_finding(runner, tmp_path):
    path = tmp_path / "wrapped.md"
    wrapped = "Мы в студии предлагаем каждому клиенту индивидуальный\r\nподход и честные сроки.\r\n"
    path.write_bytes(wrapped.encode())
    result = run(runner, "check", path, "--select", "VC305")
    finding, hint = result.stdout.splitlines()[:2]
    assert finding.endswith("VC305 Штамп или утверждение без доказательства: «индивидуальный подход»")
    assert hint.strip().startswith("tone.stamp (предупреждение): Замените «индивидуальный подход» фактом")


def test_a_draft_of_a_word_or_two_is_not_judged_by_its_guessed_stage(runner, tmp_path):
    """«Ура» came out as an offer at 99.7%, so the check called it a sales post with no call
    to action; now the summary says the stage and type were not assessed, and no stage rule
    fires unless the author declares the stage."""
    short = tmp_path / "short.md"
    short.write_text("Ура\n", encoding="utf-8")
    result = run(runner, "check", short)
    assert_clean_exit(result, 0)
    assert "VC401" not in result.stdout
    assert "этап и тип не оценены: пост короче 8 слов" in result.stdout
    report = json.loads(run(runner, "check", short, "--format", "json").stdout)["drafts"][0]
    assert report["stage"]["low_confidence"] and report["type"]["low_confidence"]
    declared = run(runner, "check", short, "--stage", "action")
    assert_clean_exit(declared, 1)
    assert "VC401" in declared.stdout and "этап «действие» (задан), тип не оценён" in declared.stdout


@pytest.mark.parametrize(
    "text", ["Hello everyone! Our new collection drops on Friday, grab yours before it sells out.", "🔥🔥🔥"]
)
def test_a_draft_that_is_not_russian_is_said_to_be_unchecked(runner, tmp_path, text):
    """An English draft drew «продающий пост без призыва» (an error); an emoji-only one was
    called ready to publish. Neither was checked in any real sense, and the verdict says so."""
    path = tmp_path / "draft.txt"
    path.write_text(text, encoding="utf-8")
    result = run(runner, "check", path)
    assert_clean_exit(result, 0)
    assert finding_lines(result.stdout) == []
    assert "Не проверено: в тексте почти нет русских слов" in result.stdout


def test_a_russian_draft_with_a_long_link_is_checked(runner, tmp_path):
    """The Latin letters of a UTM link outnumbered the Russian ones: the draft went unchecked."""
    path = tmp_path / "draft.md"
    link = "https://example.com/landing/autumn?utm_source=telegram&utm_medium=post&utm_campaign=autumn_sale"
    path.write_text(f"Мы предлагаем индивидуальный подход.\n\n[Ещё]({link}) или {link}\n", encoding="utf-8")
    result = run(runner, "check", path, "--select", "VC305")
    assert_clean_exit(result, 1)
    assert "Не проверено" not in result.stdout
    assert [f["code"] for f in finding_lines(result.stdout)] == ["VC305"]


# --- VC401 and a call line ---------------------------------------------------------------------

SALES_POST = (
    "До 20 апреля — консультация дизайнера со скидкой 30%.\n"
    "\n"
    "За 2 часа разберём планировку, составим список материалов и ответим на вопросы по смете.\n"
    "Обычная цена — 7 000 ₽, до 20 апреля — 4 900 ₽.\n"
)


@pytest.mark.parametrize(
    "ending",
    ["Записаться: t.me/svetlydom_vera или svetlydom.ru/consult", "Для записи пишите в личные сообщения."],
)
def test_a_call_line_is_a_call_to_action(runner, tmp_path, ending):
    """The draft ends with the call: VC401 must not say there is none (it did, pointing at it)."""
    path = tmp_path / "sale.md"
    path.write_text(SALES_POST + "\n" + ending + "\n", encoding="utf-8")
    result = run(runner, "check", path, "--select", "VC401", "--stage", "action")
    assert result.exit_code == 0, result.output
    assert "VC401" not in result.output


def test_vc401s_own_example_fires_with_the_stage_predicted_as_a_user_runs_it():
    """The rule's «Плохо» example was read as a trust post, so `voicecheck check` on it said nothing."""
    rule = lint.BY_CODE["VC401"]
    only = Settings(select=("VC401",))
    bad, good = (check_sources([Source("d.txt", text)], only)[0] for text in (rule.bad, rule.good))
    assert bad.stage.label == "action" and [f.code for f in bad.findings] == ["VC401"]
    assert good.findings == []


def test_a_sales_post_without_the_call_still_gets_vc401(runner, tmp_path):
    path = tmp_path / "sale.md"
    path.write_text(SALES_POST, encoding="utf-8")
    result = run(runner, "check", path, "--select", "VC401", "--stage", "action")
    assert result.exit_code == 1
    assert [f["code"] for f in finding_lines(result.output)] == ["VC401"]


def competing_asks(runner, tmp_path, text: str) -> list[str]:
    """The VC402 messages ``check`` prints for a draft."""
    path = tmp_path / "asks.md"
    path.write_text(text, encoding="utf-8")
    result = run(runner, "check", path, "--select", "VC402")
    assert result.exit_code in (0, 1), result.output
    return [f["message"] for f in finding_lines(result.output)]


def test_four_asks_compete(runner, tmp_path):
    messages = competing_asks(
        runner,
        tmp_path,
        "Запишитесь на консультацию по ссылке в профиле, поставьте лайк этому посту и перешлите его "
        "подруге.\n\nА ещё подпишитесь на канал\n",
    )
    assert len(messages) == 2 and all("разных действий в одном посте — 4" in m for m in messages), messages


def test_both_aspects_of_one_verb_are_one_ask(runner, tmp_path):
    """«Записывайтесь … запишитесь» asks once: with a subscribe ask that makes two, not three."""
    text = (
        "Записывайтесь на курс по ссылке. Места ещё есть, запишитесь до пятницы!\n\nИ подпишитесь на канал.\n"
    )
    assert competing_asks(runner, tmp_path, text) == []


def test_an_opened_step_and_the_ask_to_take_it_are_one_ask(runner, tmp_path):
    """«Открыли запись … Записывайтесь … подписывайтесь» counted three different asks."""
    text = (
        "Открыли запись на весенний курс по акварели! Восемь занятий, материалы включены. "
        "Записывайтесь по ссылке в профиле, а чтобы не пропустить новости — подписывайтесь на канал.\n"
    )
    assert competing_asks(runner, tmp_path, text) == []


def test_a_call_label_for_an_application_is_not_an_ask_to_leave_a_review(runner, tmp_path):
    text = "Курс по акварели.\nЗаявка: t.me/vera\nОставьте отзыв о прошлом курсе и подпишитесь на канал!\n"
    assert competing_asks(runner, tmp_path, text) == [
        "Призывы спорят друг с другом: разных действий в одном посте — 3: «подпишитесь»"
    ]


def test_aspect_pairs_fold_but_different_asks_still_compete(runner, tmp_path):
    text = "Переходите по ссылке и оставляйте заявку. Перейдите и оставьте её сегодня, и подписывайтесь!\n"
    assert competing_asks(runner, tmp_path, text) == [
        "Призывы спорят друг с другом: разных действий в одном посте — 3: «подписывайтесь»"
    ]
