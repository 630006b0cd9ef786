"""Crawled text stays text in the evidence workbook (issue 24).

A small site served on 127.0.0.1 titles its pages as spreadsheet formulas: `=HYPERLINK(…)`, the
DDE form `=cmd|…`, `+…`, `-…`, `@…`. It is crawled, scored and exported; no sheet of the workbook
may hold a formula (read from the sheets' XML), every title is shown as the page wrote it, and
an assessor's review of a formula-titled policy goes through `zwgk review import` and comes back
in the next workbook with its titles unchanged.
"""

from __future__ import annotations

import html
import re
import zipfile

import pytest
from openpyxl import load_workbook

from reports.review_sheet import HEADERS, SHEET

from .conftest import run_zwgk
from .support.db import query
from .support.pages_server import serve_pages

POLICIES = {
    "/zcwj/1.html": ('=HYPERLINK("http://127.0.0.1:9/","点此查看")', "2026-11-02"),
    "/zcwj/2.html": ("=cmd|' /C calc'!A0", "2026-11-03"),
    "/zcwj/3.html": ("+关于印发医疗机构管理办法的通知", "2026-11-04"),
}
INTERPRETATIONS = {
    "/zcjd/1.html": ("-专家谈基层卫生服务能力提升", "2026-11-05"),
    "/zcjd/2.html": ("@全体医疗机构：传染病报告问答", "2026-11-06"),
}
TITLES = {title for title, _ in (*POLICIES.values(), *INTERPRETATIONS.values())}


def detail_page(title: str, day: str) -> str:
    t = html.escape(title)
    return (
        f'<html><head><meta charset="utf-8"><title>{t}</title>'
        f'<meta name="ArticleTitle" content="{t}"><meta name="PubDate" content="{day} 09:00">'
        f'</head><body><div class="article"><h1>{t}</h1><p class="info">发布日期：{day}</p>'
        '<div class="content"><p>为进一步做好相关工作，现将有关事项通知如下。</p>'
        "<p>一、总体要求。二、主要任务。三、保障措施。</p></div></div></body></html>"
    )


def list_page(name: str, items: dict) -> str:
    rows = "".join(
        f'<li><a href="{path}">{html.escape(title)}</a><span>{day}</span></li>'
        for path, (title, day) in items.items()
    )
    return f'<html><head><meta charset="utf-8"><title>{name}</title></head><body><ul class="list">{rows}</ul></body></html>'


PAGES = {
    "/": '<html><head><meta charset="utf-8"><title>某卫健委</title></head><body>'
    '<a href="/zcwj/">政策文件</a><a href="/zcjd/">政策解读</a></body></html>',
    "/zcwj/": list_page("政策文件", POLICIES),
    "/zcjd/": list_page("政策解读", INTERPRETATIONS),
    **{path: detail_page(*page) for path, page in {**POLICIES, **INTERPRETATIONS}.items()},
}


def formulas(path) -> list[str]:
    """Every formula element in every sheet of a workbook, read from its XML."""
    with zipfile.ZipFile(path) as book:
        return [
            f"{name}: {m}"
            for name in book.namelist()
            if name.startswith("xl/worksheets/")
            for m in re.findall(r"<f[ >].*?</f>|<f/>", book.read(name).decode("utf-8"))
        ]


def review_rows(path) -> list[dict]:
    book = load_workbook(path, read_only=True)
    rows = list(book[SHEET].iter_rows(values_only=True))
    book.close()
    return [dict(zip(HEADERS, (*r, *[None] * len(HEADERS)), strict=False)) for r in rows[1:]]


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    httpd = serve_pages(PAGES.get)
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    sites = tmp / "sites.toml"
    sites.write_text(
        f'[[site]]\nid = "hostile"\nname = "某卫生健康委员会"\nhomepage = "{base}/"\n'
        f'private_network = true\ncolumns = {{ "政策文件" = "{base}/zcwj/", "政策解读" = "{base}/zcjd/" }}\n',
        encoding="utf-8",
    )
    db, book = tmp / "audit.duckdb", tmp / "evidence.xlsx"
    try:
        crawl = run_zwgk("crawl", "--sites", str(sites), "--db", str(db), "--no-progress")
    finally:
        httpd.shutdown()
    assert crawl.returncode == 0, crawl.stderr[-2000:]
    for args in (
        ("score", "--db", str(db), "--as-of", "2026-11-20", "--weeks", "8"),
        ("report", "--db", str(db), "--out", str(tmp / "report"), "--xlsx", str(book)),
    ):
        result = run_zwgk(*args)
        assert result.returncode == 0, result.stderr[-2000:]
    return base, db, book, tmp


def test_the_crawl_stores_the_titles_as_written(exported):
    base, db, _, _ = exported
    stored = dict(query(db, "select url, title from documents"))
    assert {stored.get(base + path) for path in {**POLICIES, **INTERPRETATIONS}} == TITLES


def test_no_sheet_of_the_workbook_holds_a_formula(exported):
    _, _, book, _ = exported
    assert formulas(book) == []
    shown = {r["政策标题"] for r in review_rows(book)} | {r["解读标题"] for r in review_rows(book)}
    assert TITLES <= shown


def test_a_review_round_trip_keeps_the_titles(exported):
    base, db, book, tmp = exported
    filled = tmp / "filled.xlsx"
    wb = load_workbook(book)  # as an assessor's spreadsheet program opens and saves it
    sheet = wb[SHEET]
    verdict, target = HEADERS.index("复核") + 1, HEADERS.index("改配页面") + 1
    policy = base + "/zcwj/1.html"
    for row in sheet.iter_rows(min_row=2):
        if row[HEADERS.index("政策页面")].value == policy:
            row[verdict - 1].value = "改配"
            row[target - 1].value = base + "/zcjd/1.html"
    wb.save(filled)
    assert formulas(filled) == []
    result = run_zwgk("review", "import", str(filled), "--db", str(db))
    assert result.returncode == 0, result.stderr[-2000:]
    again = tmp / "again.xlsx"
    for args in (
        ("score", "--db", str(db), "--as-of", "2026-11-20", "--weeks", "8"),
        ("report", "--db", str(db), "--out", str(tmp / "report2"), "--xlsx", str(again)),
    ):
        result = run_zwgk(*args)
        assert result.returncode == 0, result.stderr[-2000:]
    assert formulas(again) == []
    pairs = query(db, "select policy_url, interpretation_url from pairs where counted")
    assert (policy, base + "/zcjd/1.html") in pairs  # the assessor's 改配 took effect
    left = review_rows(again)
    titles = {r["政策标题"] for r in left} | {r["解读标题"] for r in left}
    assert TITLES - {POLICIES["/zcwj/1.html"][0], INTERPRETATIONS["/zcjd/1.html"][0]} <= titles
