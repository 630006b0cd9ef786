"""The scorecard opened in a real headless Chromium (Debian's), the workbook in openpyxl, the
PDF through pdftotext. Screenshots of the overview and a site page are written to
output/screenshots/ for a person to look at."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import duckdb
import pytest

from analysis.indicators import INDICATORS
from analysis.rules import load_rules
from analysis.workdays import BASIS_LABELS
from pipelines.publish import working_path
from reports.report_data import LABELS

from .conftest import ROOT, SAMPLE_SITES, indicator_rows, judged_everywhere_rows, run_zwgk

SCREENSHOTS = ROOT / "output" / "screenshots"
HOSTILE = ("<img src=x onerror=alert(1)>", "<script>alert(1)</script>")


@pytest.fixture(scope="module")
def rendered(crawled_db, tmp_path_factory):
    db = tmp_path_factory.mktemp("report") / "audit.duckdb"
    shutil.copy(crawled_db[0], db)
    scored = run_zwgk("score", "--db", str(db), "--as-of", "2026-11-20", "--weeks", "106")
    assert scored.returncode == 0, scored.stderr[-2000:]
    out = db.parent / "report"
    result = run_zwgk(
        "report", "--db", str(db), "--out", str(out),
        "--xlsx", str(db.parent / "evidence.xlsx"), "--pdf", str(db.parent / "scorecard.pdf"),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    return db, out, result


def open_page(driver, path: Path) -> str:
    driver.get_log("browser")  # drop what earlier pages logged
    driver.get_log("performance")
    driver.get(path.resolve().as_uri())
    return driver.find_element("tag name", "body").get_attribute("textContent")


def requests_of(driver) -> list[str]:
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def no_dialog(driver) -> bool:
    from selenium.common.exceptions import NoAlertPresentException

    try:
        _ = driver.switch_to.alert
    except NoAlertPresentException:
        return True
    return False


def pages(out: Path) -> list[Path]:
    return [out / "index.html", out / "methodology.html", *sorted((out / "sites").glob("*.html"))]


def test_every_page_opens_clean_from_disk(rendered, browser):
    _, out, _ = rendered
    for path in pages(out):
        open_page(browser, path)
        assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == [], path
        assert all(u.startswith(("file://", "data:")) for u in requests_of(browser)), path
        assert no_dialog(browser), path


# what a reader may see in Latin letters besides URLs and what the sites themselves published:
# units and codes
LATIN_ALLOWED = {"UTC", "HTTP", "chinese-calendar"}
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z_\-]*[A-Za-z]|[A-Za-z]")


def test_every_word_the_report_itself_says_is_chinese(rendered, browser):
    """The text of every page, less the sites' own words (titles, names, link texts)
    and URLs, has no Latin word but units and codes (the chart's axis, interpretation forms and
    working-day bases were English once)."""
    db, out, _ = rendered
    con = duckdb.connect(str(db), read_only=True)
    try:
        quoted = [
            t
            for (t,) in con.execute(
                "select title from documents union select title from listings "
                "union select name from columns union select name from sites "
                "union select anchor_text from document_links"
            ).fetchall()
            if t and LATIN_WORD.search(t)
        ]
    finally:
        con.close()
    latin = {}
    # every page the scorecard writes (archived copies are the sites' own pages), all of its text,
    # what a reader opens too (the folded list of documents held English type codes once)
    written = [p for p in sorted(out.rglob("*.html")) if "archive" not in p.relative_to(out).parts]
    assert {p.name for p in pages(out)} <= {p.name for p in written}
    for path in written:
        open_page(browser, path)
        text = browser.execute_script(
            "const b = document.body.cloneNode(true);"
            "b.querySelectorAll('script, style').forEach(e => e.remove());"
            "return b.textContent;"
        )
        for words in sorted(quoted, key=len, reverse=True):
            text = text.replace(words, " ")
        text = re.sub(r"(?:https?|file)://\S+", " ", text)
        found = set(LATIN_WORD.findall(text)) - LATIN_ALLOWED
        if found:
            latin[path.name] = sorted(found)
    assert latin == {}


def test_each_finding_names_its_page_by_title_and_links_to_it(rendered, browser):
    db, out, _ = rendered
    con = duckdb.connect(str(db), read_only=True)
    titles = dict(con.execute("select url, title from documents").fetchall())
    con.close()
    checked = 0
    for path in (out / "sites").glob("*.html"):
        open_page(browser, path)
        for a in browser.find_elements("css selector", "table.findings a.evidence"):
            url = a.get_attribute("title")  # the URL stays on the link, shown on hover
            assert a.get_attribute("href") == url
            if titles.get(url):
                assert a.text == titles[url].strip(), url
                checked += 1
            else:  # an attachment, a list page: no title to show but its address
                assert a.text == url
    assert checked > 100


def test_hostile_titles_are_text(rendered, browser):
    _, out, _ = rendered
    text = "".join(open_page(browser, p) for p in (out / "sites").glob("*.html"))
    for payload in HOSTILE:
        assert payload in text  # shown as the characters the site published
    assert no_dialog(browser)


def test_the_numbers_are_the_databases(rendered, browser):
    """Every indicator cell (each dimension opened to show them) holds the stored value, and each
    composite is the dimensions' weighted pass shares worked out here from the stored verdicts."""
    db, out, _ = rendered
    rules = load_rules()
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute("select site_id, indicator, value, passed from indicators").fetchall()
    con.close()
    stored = {(s, i): v for s, i, v, _ in rows}
    open_page(browser, out / "index.html")
    for button in browser.find_elements("css selector", "button.open-dim"):
        button.click()  # a dimension opens to its indicators
    names = [
        th.get_attribute("data-indicator")
        for th in browser.find_elements("css selector", "#ranking th[data-indicator]")
    ]
    assert sorted(names) == sorted(INDICATORS)
    shown = {}
    for row in browser.find_elements("css selector", "#ranking tbody tr"):
        site = row.get_attribute("data-site")
        cells = row.find_elements("css selector", "td[data-v]")
        for name, cell in zip(names, cells, strict=True):
            value = cell.get_attribute("data-v")
            shown[(site, name)] = float(value) if value else None
            expected = stored.get((site, name))  # none where the rule does not ask it
            if name == "interpretation_rate" and expected is not None:
                assert f"{expected * 100:.1f}%" in cell.text  # the visible text says the same
        passed = {i: p for s, i, _, p in rows if s == site}
        got, total = 0.0, 0.0
        for d in rules.dimensions:
            judged = [
                (rules[n]["weight"], passed[n])
                for n in d.indicators
                if passed.get(n) is not None and rules[n]["counts"]
            ]
            if judged:
                share = sum(w for w, ok in judged if ok) / sum(w for w, _ in judged)
                got, total = got + d.weight * share, total + d.weight
        composite = row.find_element("css selector", "td.score").text
        assert composite == f"{got / total * 100:.0f}", site
    assert {k: v for k, v in shown.items() if k in stored or v is not None} == stored


def test_each_site_page_says_how_its_pairs_were_made(rendered, browser):
    db, out, _ = rendered
    con = duckdb.connect(str(db), read_only=True)
    counts = dict(
        con.execute(
            "select site_id, count(*) filter (method = 'link' and reviewed is null) from pairs "
            "group by all"
        ).fetchall()
    )
    con.close()
    for site, linked in counts.items():
        open_page(browser, out / "sites" / f"{site}.html")
        line = browser.find_element("css selector", "p.pairing").text
        assert f"页面相互链接 {linked} 对" in line, (site, line)
    assert counts["nhc"] > 0


def test_every_evidence_link_points_at_the_crawled_site(rendered, browser):
    db, out, _ = rendered
    con = duckdb.connect(str(db), read_only=True)
    hosts = {urlsplit(h).netloc for (h,) in con.execute("select homepage from sites").fetchall()}
    con.close()
    links = []
    for path in sorted((out / "sites").glob("*.html")):
        open_page(browser, path)
        links += [
            a.get_attribute("href") for a in browser.find_elements("css selector", "a.evidence")
        ]
    assert len(links) > 2000  # the findings and the newest documents of six sites
    assert {urlsplit(u).netloc for u in links} <= hosts


def test_screenshots_for_a_person(rendered, browser):
    _, out, _ = rendered
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    open_page(browser, out / "index.html")
    assert browser.save_screenshot(str(SCREENSHOTS / "overview.png"))
    open_page(browser, out / "sites" / "jiangan.html")
    assert browser.save_screenshot(str(SCREENSHOTS / "site-jiangan.png"))
    # the CJK font is there, so Chinese renders as Chinese, not boxes
    fonts = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout
    assert "Noto Sans CJK" in fonts


def test_the_workbook_rows_are_the_findings(rendered):
    from openpyxl import load_workbook

    db, _, _ = rendered
    book = load_workbook(db.parent / "evidence.xlsx")
    sheet = book["问题清单"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    header, *rows = list(sheet.values)
    assert header[:5] == ("网站代码", "网站名称", "评估日", "指标", "页面")
    con = duckdb.connect(str(db), read_only=True)
    findings, pending = con.execute(
        "select count(*) filter (status = 'finding'), count(*) filter (status = 'pending') "
        "from findings"
    ).fetchall()[0]
    urls = {
        u
        for (u,) in con.execute(
            "select url from findings where url is not null and status = 'finding'"
        ).fetchall()
    }
    con.close()
    assert len(rows) == findings
    # the items not yet due are listed apart, counted in no figure
    assert pending > 0 and book["未到期事项"].max_row - 1 == pending
    assert {r[4] for r in rows if r[4]} == urls
    linked = [c for c in sheet["E"][1:] if c.value]
    assert all(c.hyperlink and c.hyperlink.target == c.value for c in linked)
    con = duckdb.connect(str(db), read_only=True)
    (stored,) = con.execute("select count(*) from indicators").fetchone()
    con.close()
    assert book["指标"].max_row - 1 == stored
    assert judged_everywhere_rows(db) == indicator_rows()
    header, *rows = list(book["指标"].values)
    basis = header.index("工作日依据")
    assert {r[basis] for r in rows} <= set(BASIS_LABELS.values()), "in Chinese"
    assert (
        "待复核配对" in book.sheetnames
    )  # the assessors' review sheet (tests/test_review_sheet.py)


def test_the_pdf_has_every_site_and_its_verdict(rendered):
    db, _, _ = rendered
    pdf = db.parent / "scorecard.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    pages_count = int(
        next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages"))
    )
    assert pages_count >= 6 + 1
    # -layout keeps a table row on one line; the site's heading is the first line that is its
    # whole name and nothing else (the ranking's row has its marks beside it)
    lines = pdf_text(pdf).splitlines()
    con = duckdb.connect(str(db), read_only=True)
    failed = dict(
        con.execute(
            "select s.name, count(*) filter (not i.passed) from sites s "
            "join indicators i using (site_id) group by all"
        ).fetchall()
    )
    con.close()
    for name, failures in failed.items():
        heading = next(i for i, line in enumerate(lines) if line.strip() == name)
        end = next(i for i in range(heading, len(lines)) if lines[i].strip() == "问题清单")
        section = "\n".join(lines[heading:end])
        # the site's page states its verdict: its score, and exactly its failing indicators ✗
        assert "综合得分" in section
        assert section.count("✗") == failures, name


def pdf_text(pdf: Path, first: int | None = None, last: int | None = None) -> str:
    """The PDF's text laid out as printed (-layout keeps a table row on one line)."""
    pages = [*(("-f", str(first)) if first else ()), *(("-l", str(last)) if last else ())]
    return subprocess.run(
        ["pdftotext", "-layout", *pages, str(pdf), "-"], capture_output=True, text=True
    ).stdout


def test_the_print_opens_with_the_overall_page_then_the_ranking_landscape_and_whole(rendered):
    db, _, _ = rendered
    pdf = db.parent / "scorecard.pdf"
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "3", str(pdf)], capture_output=True, text=True
    ).stdout
    sizes = [tuple(map(float, s)) for s in re.findall(r"size:\s+([\d.]+) x ([\d.]+)", info)]
    portrait = [w < h for w, h in sizes]
    assert portrait == [True, False, True], (
        "总体情况 portrait, the ranking landscape, a site portrait"
    )
    assert "总体情况" in pdf_text(pdf, 1, 1)
    ranking = pdf_text(pdf, 2, 2)
    con = duckdb.connect(str(db), read_only=True)
    names = [n for (n,) in con.execute("select name from sites").fetchall()]
    con.close()
    rows = [  # a ranking row: its rank, name, level and scores, ending with its crawl date
        line
        for line in ranking.splitlines()
        if re.match(r"\s*\d+ ", line) and re.search(r"\d{4}-\d{2}-\d{2}\s*$", line)
    ]
    assert len(rows) == len(names)
    # every column fits the landscape page: each row ends with its last column, 最近抓取
    assert all(re.search(r"\d{4}-\d{2}-\d{2}\s*$", row) for row in rows), rows
    for name in names:  # the whole name in its row, never one character a line
        assert any(name in row for row in rows), name
    # the filter form (层级 [全部▾] 地区 [____]) and the show-all button stay on screen
    assert not re.search(r"层级\s*全部|地区|显示全部", ranking), "no form or button on paper"
    assert "未\n" not in ranking.replace(" ", ""), "the level column is not wrapped either"


def test_the_overall_page_is_written_from_the_figures(rendered, browser):
    db, out, _ = rendered
    open_page(browser, out / "index.html")
    said = browser.find_element("id", "summary").text
    rules = load_rules()
    counting = [n for n in INDICATORS if rules[n].get("counts", True)]
    con = duckdb.connect(str(db), read_only=True)
    as_of = con.execute("select max(as_of) from indicators").fetchone()[0]
    sites, passing = con.execute(
        "select count(*), count(*) filter (failed = 0) from (select site_id, count(*) filter "
        "(not passed and list_contains(?, indicator)) as failed from indicators "
        "where as_of = ? group by all)",
        [counting, as_of],
    ).fetchone()
    failing = con.execute(
        "select indicator, count(*) from indicators where as_of = ? and not passed "
        "and list_contains(?, indicator) group by all",
        [as_of, counting],
    ).fetchall()
    con.close()
    assert f"本次共评估 {sites} 个网站：{passing} 个全部指标达标" in said
    most = max(n for _, n in failing)
    assert any(f"{LABELS[name]}（{most} 个网站）" in said for name, n in failing if n == most)
    top = browser.find_element("css selector", "#ranking tbody tr td.name").text
    assert said.split("综合得分最高：")[1].startswith(top)


def test_a_long_ranking_opens_with_its_head_and_shows_the_rest_on_request(
    rendered, browser, tmp_path, monkeypatch
):
    """Thousands of sites: the first rows are laid out, the rest wait in a <template>."""
    from analysis.rules import load_rules
    from reports import render
    from reports.report_data import load_report

    db, _, _ = rendered
    monkeypatch.setattr(render, "SHOWN_ROWS", 2)
    con = duckdb.connect(str(db), read_only=True)
    index = render.render_report(load_report(con, load_rules()), tmp_path / "r")
    con.close()
    open_page(browser, index)
    assert len(browser.find_elements("css selector", "#ranking tbody tr")) == 2
    # a dimension opened before the rest are shown: the rows shown later open with it
    first = load_rules().dimensions[0]
    browser.find_element("css selector", "button.open-dim").click()
    browser.find_element("id", "show-all").click()
    rows = browser.find_elements("css selector", "#ranking tbody tr")
    assert [r.find_element("css selector", "td").text for r in rows] == [
        str(n) for n in range(1, len(SAMPLE_SITES) + 1)
    ]
    assert all(
        len(r.find_elements("css selector", "td.k1[data-v]")) == len(first.indicators) for r in rows
    )
    assert browser.find_elements("css selector", "td.k2") == []  # not opened, not drawn
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []


def test_a_site_whose_latest_crawl_was_not_ok_is_flagged_on_the_scorecard(crawled_db, tmp_path):
    db = tmp_path / "audit.duckdb"
    shutil.copy(crawled_db[0], db)
    assert run_zwgk("score", "--db", str(db), "--as-of", "2026-11-20").returncode == 0
    con = duckdb.connect(str(working_path(db)))
    con.execute(
        "update site_runs set status = 'partial', reason = '<script>alert(1)</script> 37 requests failed' "
        "where site_id = 'nhc'"
    )
    con.close()
    assert run_zwgk("publish", "--db", str(db)).returncode == 0
    assert run_zwgk("report", "--db", str(db)).returncode == 0
    out = tmp_path / "report"  # no --out: report/ beside --db, as `zwgk run` writes it
    overview = (out / "index.html").read_text(encoding="utf-8")
    assert overview.count("⚠ 部分页面未取到") == 1
    assert "&lt;script&gt;alert(1)&lt;/script&gt; 37 requests failed" in overview
    assert "<script>alert(1)</script>" not in overview
    site_pages = [p.read_text(encoding="utf-8") for p in out.rglob("*.html") if "nhc" in p.name]
    assert any("最近一次抓取：部分页面未取到" in page for page in site_pages)


def first_screen(browser, path: Path, name: str) -> dict:
    """The page at 1280 × 800: whether it scrolls sideways, what its first screen shows, and a
    screenshot kept for a person (output/screenshots/<name>.png)."""
    browser.set_window_size(1280, 800)
    open_page(browser, path)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    assert browser.save_screenshot(str(SCREENSHOTS / f"{name}.png"))
    return browser.execute_script(
        "var h = window.innerHeight;"
        "function top(id) { return document.getElementById(id).getBoundingClientRect().top; }"
        "return {sideways: document.scrollingElement.scrollWidth > window.innerWidth,"
        " level: top('by-level') < h, region: top('by-region') < h, ranking: top('ranking') < h};"
    )


def test_the_overview_opens_by_level_and_region_at_1280_px(rendered, browser):
    db, out, _ = rendered
    screen = first_screen(browser, out / "index.html", "overview-6-sites")
    browser.set_window_size(1440, 900)
    assert screen == {"sideways": False, "level": True, "region": True, "ranking": False}
    rules = load_rules()
    con = duckdb.connect(str(db), read_only=True)
    as_of = con.execute("select max(as_of) from indicators").fetchone()[0]
    levels = dict(con.execute("select level, count(*) from sites group by all").fetchall())
    vetoed = dict(
        con.execute(
            "select s.level, count(distinct s.site_id) from sites s join indicators i using "
            "(site_id) where i.as_of = ? and not i.passed and list_contains(?, i.indicator) "
            "group by all",
            [as_of, list(rules.vetoes)],
        ).fetchall()
    )
    con.close()
    from reports.report_data import LEVELS

    for level, count in levels.items():
        group = browser.find_element(
            "css selector", f'#by-level details[data-group="{LEVELS[level]}"]'
        )
        figures = group.find_element("tag name", "summary").text.split()
        assert figures[1] == str(count), level
        assert figures[-1] == str(vetoed.get(level, 0)), level
        group.click()  # a level opens to its commissions
        assert len(group.find_elements("css selector", "table.members tbody tr")) == count


def test_the_bulletin_ranks_by_composite_and_lists_vetoed_sites_apart(rendered, browser):
    db, out, _ = rendered
    open_page(browser, out / "bulletin.html")
    ranked = browser.find_elements("css selector", "#bulletin-ranking tbody tr")
    apart = browser.find_elements("css selector", "#bulletin-vetoes table.vetoes tbody tr")
    rules = load_rules()
    con = duckdb.connect(str(db), read_only=True)
    vetoed = {
        s
        for (s,) in con.execute(
            "select distinct site_id from indicators where as_of = (select max(as_of) from "
            "indicators) and not passed and list_contains(?, indicator)",
            [list(rules.vetoes)],
        ).fetchall()
    }
    con.close()
    assert vetoed, "the samples plant a site with a single veto (石岭's homepage)"
    assert {r.get_attribute("data-site") for r in apart} == vetoed
    assert not vetoed & {r.get_attribute("data-site") for r in ranked}
    scores = [float(r.find_elements("css selector", "td")[4].text) for r in ranked]
    assert scores == sorted(scores, reverse=True) and len(ranked) + len(apart) == len(SAMPLE_SITES)
    assert [r.find_element("css selector", "td").text for r in ranked] == [
        str(n) for n in range(1, len(ranked) + 1)
    ]
    assert "首页更新" in apart[0].text


def test_findings_past_excels_last_row_continue_on_sheets_of_their_own(rendered, tmp_path):
    """Excel refuses a sheet of more than 1,048,576 rows (3,000 sites give over a million
    findings): the rest continue on 问题清单（续2）…, each with its header, none lost. Here with
    sheets of 50 rows."""
    from openpyxl import load_workbook

    from analysis.rules import load_rules
    from reports.report_data import load_report
    from reports.workbook import write_workbook

    db, _, _ = rendered
    con = duckdb.connect(str(db), read_only=True)
    (findings,) = con.execute("select count(*) from findings where status = 'finding'").fetchone()
    path = write_workbook(load_report(con, load_rules()), tmp_path / "w.xlsx", rows_per_sheet=50)
    con.close()
    book = load_workbook(path, read_only=True)
    parts = [n for n in book.sheetnames if n.startswith("问题清单")]
    assert parts[:2] == ["问题清单", "问题清单（续2）"] and len(parts) == -(-findings // 49)
    sheets = [list(book[n].values) for n in parts]
    assert all(len(s) <= 50 and s[0][:2] == ("网站代码", "网站名称") for s in sheets)
    assert sum(len(s) - 1 for s in sheets) == findings
