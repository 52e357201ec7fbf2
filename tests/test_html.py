"""The offline HTML report: one file, escaped post texts, the CLI options, CSV formulas,
progress, and the page itself in headless Chromium (skipped when there is none)."""

import csv
import io
import json
import re
import shutil
import sys
import types
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DEMO_POSTS, assert_clean_exit

from voicecheck.account import build_report
from voicecheck.analysis import analyze_posts
from voicecheck.cli import _run_analysis, main
from voicecheck.feed import read_feed
from voicecheck.html import HEADLESS_CHROMIUM_ARGS, _json_for_script, render_comparison_html, render_html
from voicecheck.report import er_view, write_csv

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = HEADLESS_CHROMIUM_ARGS
HOSTILE_NAME = '<script>alert("name")</script>'
HOSTILE_POSTS = [
    (
        '"><img src=x onerror=alert(11)>',
        '<script>alert("xss-1")</script> Мы открыли вторую студию и ждём вас.',
    ),
    ("2", 'Я сделала ремонт клиентке <img src=x onerror="window.__pwned=1;alert(2)"> за две недели.'),
    ("3", '<a href="javascript:alert(3)">Записаться</a> на консультацию можно по ссылке в профиле.'),
    ("4", '"><svg onload=alert(4)> Наш дизайнер рассказывает, как подобрать цвет стен.'),
    ("5", "</script><script>window.__pwned=5</script> Скидка 20% на проект до пятницы!"),
    ("6", "<!-- <script>alert(6)</script> --> Рекомендуется осуществлять проверку освещения."),
    ("7", '=HYPERLINK("http://example.invalid","нажми") формула в начале поста про шторы'),
    ("8", "+7 999 000-00-00 звоните нам, обсудим вашу кухню"),
    ("9", "-10% на все светильники, только сегодня"),
    ("@10", "@всем привет, мы покажем новую гостиную 🛋️ в пятницу"),
    ("11", "Я люблю светлые кухни: они кажутся больше, чем есть. А вы какие любите?"),
    ("12", "Мы закончили спальню для Анны: за месяц сделали из тёмной комнаты светлую."),
    ("13", "Почему плитка в ванной трескается и как этого избежать. Рассказываю по шагам."),
    ("14", "Сегодня без работы: кот спит на образцах ткани, и я его понимаю 😄"),
]


def _write_hostile(path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["id", "date", "text", "views", "likes", "comments"])
        for n, (post_id, text) in enumerate(HOSTILE_POSTS):
            writer.writerow(
                [post_id, f"2025-03-{n % 7 + 3:02d} {9 + n % 10:02d}:15", text, 500 + 37 * n, n, 1]
            )
    return path


def _audit(path: Path, account: str):
    results = list(analyze_posts(read_feed(str(path)).posts))
    return build_report(results, account=account), results


@pytest.fixture(scope="module")
def demo():
    report, results = _audit(DEMO_POSTS, "Светлый дом")
    return report, results, render_html(report, results)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    path = _write_hostile(tmp_path_factory.mktemp("hostile") / "hostile.csv")
    report, results = _audit(path, HOSTILE_NAME)
    return report, results, render_html(report, results), path


def _blob(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="vc-data">(.*?)</script>', page, re.S)
    assert match, "no data blob"
    return json.loads(match.group(1))


def _utf16_slice(text: str, start: int, end: int) -> str:
    return text.encode("utf-16-le")[2 * start : 2 * end].decode("utf-16-le")


# --- the page as a file ----------------------------------------------------------------------


def test_page_is_one_offline_file(demo):
    page = demo[2]
    assert page.startswith("<!DOCTYPE html>") and '<html lang="ru">' in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert not re.search(r"""\b(src|href)\s*=\s*["']?\s*(https?:|//)""", page, re.I)
    assert "<link" not in page and "@import" not in page and "url(" not in page
    assert "kozea.github.io" not in page and "googleapis" not in page
    assert page.count("<script") == 2  # the data blob and the report's own script, no chart scripts


def test_page_has_cards_charts_and_findings(demo):
    report, _, page = demo
    for label in ("Постов", "Период", "Индекс фокуса", "Медианный ERview", "Безликость"):
        assert label in page
    figure = r'<figure class="chart" data-chart="([\w-]+)">\s*<figcaption>[^<]*</figcaption>\s*<svg'
    charts = re.findall(figure, page)
    assert {"stage", "type", "topics", "drift", "heatmap"} <= set(charts)
    assert any(key.startswith("er-") for key in charts)
    assert page.count('class="ci"') >= 2  # confidence interval whiskers
    assert page.count('class="finding ') == 7
    for topic in report.focus.topics[:3]:
        assert topic.label.split(",")[0] in page


def test_post_data_and_span_offsets(demo):
    _, results, page = demo
    data = _blob(page)
    assert [p["id"] for p in data["posts"]] == [r.id for r in results]
    checked = 0
    for post, result in zip(data["posts"], results, strict=True):
        assert post["t"] == result.text
        for (start, end, _, label), evidence in zip(post["e"], result.evidence, strict=True):
            assert label == evidence.label
            assert _utf16_slice(post["t"], start, end) == evidence.text  # JS counts UTF-16 units
            checked += 1
    assert checked > 100
    assert any(max(r.text) >= "\U00010000" and r.evidence for r in results)  # emoji before spans


def test_json_blob_cannot_close_its_script():
    text = _json_for_script({"t": '</script><!-- <script>alert(1)</script> & "x"'})
    assert "</" not in text and "<!--" not in text and "<" not in text
    assert json.loads(text) == {"t": '</script><!-- <script>alert(1)</script> & "x"'}


def test_hostile_texts_are_escaped(hostile):
    _, results, page, _ = hostile
    assert page.count("<script") == 2
    assert "<img" not in page and "<svg onload" not in page and '<a href="javascript' not in page
    assert "javascript:" not in page.replace("javascript:alert(3)", "")  # only inside the escaped text
    assert HOSTILE_NAME not in page and "&lt;script&gt;alert(&#34;name&#34;)&lt;/script&gt;" in page
    assert [p["t"] for p in _blob(page)["posts"]] == [r.text for r in results]


def test_comparison_page(demo, hostile):
    page = render_comparison_html([demo[0], hostile[0]], [demo[1], hostile[1]])
    assert "Сравнение аккаунтов" in page and 'class="accounts cols-2"' in page
    assert "Главные различия" in page and 'id="f-account"' in page
    assert HOSTILE_NAME not in page
    data = _blob(page)
    assert data["accounts"] == ["Светлый дом", HOSTILE_NAME]
    assert {p["a"] for p in data["posts"]} == {0, 1}


def test_missing_metrics_are_named(tmp_path):
    path = tmp_path / "plain.csv"
    topics = [
        "кухни",
        "шторы",
        "плитку",
        "свет",
        "обои",
        "диваны",
        "ковры",
        "полки",
        "двери",
        "окна",
        "краску",
    ]
    lines = [f"Я пишу пост номер {n} про {topic}." for n, topic in enumerate(topics * 2)]
    path.write_text("text\n" + "\n".join(lines), "utf-8")
    report, results = _audit(path, "plain")
    page = render_html(report, results)
    assert "Что пропущено" in page
    assert "нет просмотров или реакций" in page and "в выгрузке нет дат" in page


def test_values_left_empty_are_in_what_was_skipped(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("text,views\nЯ пишу про шторы.,много\nМы шьём шторы.,120\n", "utf-8")
    page_path = tmp_path / "r.html"
    result = CliRunner().invoke(main, ["analyze", str(path), "--show", "account", "--html", str(page_path)])
    assert_clean_exit(result, 0)
    page = page_path.read_text(encoding="utf-8")
    skipped = page[page.index("Что пропущено") :]
    assert (
        "просмотры (столбец «views»): 1 значение оставлено пустым — не число (строка 2: «много»)" in skipped
    )


def test_heatmap_colours_by_erpost_when_the_feed_has_no_views(tmp_path):
    from voicecheck.html.charts import heatmap_chart

    path = tmp_path / "no_views.csv"
    rows = [
        f"2026-03-{day:02d}T{hour:02d}:15:00,Я пишу про ремонт кухни номер {day},{10 * day},{day}"
        for day in range(1, 15)
        for hour in (9, 18)
    ]
    path.write_text("date,text,likes,comments\n" + "\n".join(rows), "utf-8")
    results = list(analyze_posts(read_feed(str(path)).posts, classify=False))
    report = build_report(results, account="no_views", followers=2000)
    assert report.engagement.metric == "ERpost" and report.engagement.followers == 2000
    chart = heatmap_chart(report, results)
    assert "медианный ERpost" in chart.note and "медианный ERpost" in chart.svg
    assert "цвет не показан" not in chart.note
    page = render_html(report, results)  # and the posts table shows ERpost, not an empty ERview
    assert '<th data-sort="er">ERpost</th>' in page
    data = json.loads(re.search(r'id="vc-data">(.*?)</script>', page, re.S)[1])
    assert all(post["er"] > 0 for post in data["posts"])


# --- command line ----------------------------------------------------------------------------


def test_cli_analyze_and_compare_write_html(tmp_path, hostile):
    runner = CliRunner()
    single, both = tmp_path / "report.html", tmp_path / "compare.html"
    csv_out = str(tmp_path / "r.csv")
    result = runner.invoke(
        main, ["analyze", str(DEMO_POSTS), "--show", "posts", "-o", csv_out, "--html", str(single)]
    )
    assert_clean_exit(result, 0)
    assert "Аудит аккаунта «posts»" in single.read_text(encoding="utf-8")
    result = runner.invoke(main, ["compare", str(DEMO_POSTS), str(hostile[3]), "--html", str(both)])
    assert_clean_exit(result, 0)
    page = both.read_text(encoding="utf-8")
    assert "Сравнение аккаунтов" in page and "hostile" in page


def test_cli_html_unwritable(tmp_path):
    result = CliRunner().invoke(
        main, ["analyze", str(DEMO_POSTS), "--show", "account", "--html", str(tmp_path / "no" / "r.html")]
    )
    assert_clean_exit(result, 2)
    assert "cannot write" in result.stderr


def test_csv_export_neutralises_formulas(hostile):
    _, results, _, _ = hostile
    out = io.StringIO()
    write_csv(results, out)
    rows = {row["index"]: row for row in csv.DictReader(io.StringIO(out.getvalue()))}
    for index in ("6", "7", "8", "9"):
        assert rows[index]["text"].startswith("'") and rows[index]["text"][1] in "=+-@"
    assert rows["9"]["id"] == "'@10"
    assert rows["0"]["text"].startswith("<script>")  # the text itself is kept as it was


# --- progress --------------------------------------------------------------------------------


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _fake_analysis(posts, *, progress=None):
    posts = list(posts)
    for start in range(0, len(posts), 100):
        if progress is not None:
            progress(len(posts[start : start + 100]))
    return iter(posts)


CASES = [(True, False, True), (False, False, False), (True, True, False)]


@pytest.mark.parametrize(("tty", "quiet", "shown"), CASES)
def test_progress_bar_only_on_a_terminal(monkeypatch, tty, quiet, shown):
    import voicecheck.analysis

    monkeypatch.setattr(voicecheck.analysis, "analyze_posts", _fake_analysis)
    stderr = _Terminal() if tty else io.StringIO()
    monkeypatch.setattr(sys, "stderr", stderr)
    feed = types.SimpleNamespace(posts=list(range(1000)))
    assert _run_analysis(feed, quiet=quiet, whole=True) == list(range(1000))
    assert ("voicecheck" in stderr.getvalue()) is shown
    if not shown:
        assert stderr.getvalue() == ""


# --- in the browser --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if not CHROMIUM.exists() and not shutil.which("chromium"):
        pytest.skip("no chromium on this machine (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=str(CHROMIUM if CHROMIUM.exists() else shutil.which("chromium")),
            headless=True,
            args=LAUNCH_ARGS,
            java_script_enabled=True,
        )
        yield context
        context.close()


class Visit:
    """One page load, with every request, dialog and error it caused."""

    def __init__(self, context, path: Path):
        self.url = path.resolve().as_uri()
        self.requests, self.dialogs, self.errors = [], [], []
        self.page = context.new_page()
        self.page.route("**/*", self._route)
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.add_init_script(
            "document.addEventListener('securitypolicyviolation',"
            " e => (window.__csp = window.__csp || []).push(e.violatedDirective + ' ' + e.blockedURI));"
        )
        self.page.goto(self.url, wait_until="load")
        self.page.wait_for_function("window.__vcPainted !== undefined", timeout=10_000)

    def _route(self, route):
        if route.request.url == self.url:
            route.continue_()
        else:
            route.abort()

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def rows(self) -> int:
        return self.page.locator("#posts-table tbody tr").count()

    def close(self) -> None:
        self.page.close()


def _save(tmp_path: Path, page: str, name: str) -> Path:
    path = tmp_path / name
    path.write_text(page, encoding="utf-8")
    return path


def test_demo_report_in_chromium(browser, demo, tmp_path):
    _, results, page = demo
    visit = Visit(browser, _save(tmp_path, page, "report.html"))
    charts = visit.page.evaluate(
        """() => [...document.querySelectorAll('figure.chart svg')].map(svg => ({
            key: svg.closest('figure').dataset.chart,
            width: svg.getBoundingClientRect().width,
            shapes: svg.querySelectorAll('rect, path, circle').length}))"""
    )
    assert len(charts) >= 6
    assert all(c["width"] > 200 and c["shapes"] > 3 for c in charts), charts
    assert visit.rows() == 50
    assert "Показаны 1–50 из 60" in visit.page.inner_text("#vc-count")
    assert visit.page.locator("#posts-table mark.hl").count() > 20

    actions = sum(1 for r in results if r.stage and r.stage.label == "action")
    visit.page.select_option("#f-stage", "action")
    assert visit.rows() == actions > 0
    stages = visit.page.locator("#posts-table tbody tr td:nth-child(3)").all_inner_texts()
    assert all(stage.startswith("действие") for stage in stages), stages
    visit.page.click("#f-reset")
    visit.page.fill("#f-q", "id:7")
    assert visit.rows() == 1
    visit.page.fill("#f-q", "")
    visit.page.click("#posts-table th[data-sort=er]")
    visit.page.click("#posts-table th[data-sort=er]")
    top = visit.page.inner_text("#posts-table tbody tr:first-child td:nth-child(8)")
    best = max(er for r in results if (er := er_view(r)) is not None)
    assert "," in top and abs(float(top.rstrip("%").replace(",", ".")) - 100 * best) < 0.006

    screenshot = tmp_path / "report.png"
    visit.page.screenshot(path=str(screenshot), full_page=True)
    assert screenshot.stat().st_size > 20_000
    assert visit.dialogs == [] and visit.errors == []
    assert visit.page.evaluate("window.__csp || []") == []
    assert set(visit.requests) == {visit.url}, visit.requests
    visit.close()


def test_a_large_group_unranked_for_want_of_others_is_not_called_small():
    """«без кейса — … n=39; мало постов» for a group of 39: it was the rest of the feed that was small."""
    from voicecheck.account.engagement import GroupStat
    from voicecheck.html.charts import _group_value

    def tooltip(n: int) -> str:
        stat = GroupStat("case", "без кейса", n, 0.02, (0.01, 0.03), None, None, False)
        return _group_value(stat, "ERview", single=False)["tooltip"]

    assert tooltip(39).endswith("; остальных постов мало, не ранжируется")
    assert tooltip(3).endswith("; мало постов, не ранжируется")


def test_an_id_with_capitals_is_found_by_the_search_box(browser, tmp_path):
    """«id:Post-28» found nothing: the query was lower-cased and the id was not."""
    posts = [{"id": f"Post-{i}", "text": f"Я пишу пост номер {i} о ремонте кухни."} for i in range(27, 30)]
    results = list(analyze_posts(posts, classify=False))
    visit = Visit(
        browser, _save(tmp_path, render_html(build_report(results, account="ids"), results), "ids.html")
    )
    visit.page.fill("#f-q", "id:Post-28")
    assert visit.rows() == 1
    visit.close()


def test_hostile_report_runs_nothing(browser, demo, hostile, tmp_path):
    pages = {
        "hostile.html": hostile[2],
        "compare.html": render_comparison_html([demo[0], hostile[0]], [demo[1], hostile[1]]),
    }
    for name, page in pages.items():
        visit = Visit(browser, _save(tmp_path, page, name))
        visit.page.wait_for_timeout(300)
        assert visit.dialogs == [], visit.dialogs
        assert visit.errors == []
        assert visit.page.evaluate("window.__pwned === undefined")
        assert visit.page.evaluate("document.images.length") == 0
        assert visit.page.locator("a[href^='javascript']").count() == 0
        assert visit.page.evaluate("window.__csp || []") == []
        assert set(visit.requests) == {visit.url}
        visit.page.fill("#f-q", "onerror")
        assert visit.rows() == 1
        assert 'onerror="window.__pwned=1;alert(2)"' in visit.page.inner_text("#posts-table tbody")
        visit.page.fill("#f-q", "xss-1")
        assert '<script>alert("xss-1")</script>' in visit.page.inner_text("#posts-table tbody")
        assert HOSTILE_NAME in visit.page.inner_text("body")
        visit.close()
