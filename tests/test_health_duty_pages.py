"""Real shapes of the health duties' pages (tests/files/disclosures/, facts and sources in its
SOURCES.md): each page's title, 发布日期, the month its body states (the fact
int_title_periods.sql falls back on where the title names no month; the samples' key test covers
that SQL), and the rule's own title words finding it."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from analysis.rules import load_rules
from crawlers.extract.detail import extract_page
from crawlers.items import DocumentItem
from pipelines.normalize import normalize_document

FILES = Path(__file__).parent / "files" / "disclosures"
D = dt.date

CASES = [
    # file, url, rule, title, published, the month the body states (year, month) or None
    ("hainan_2020_10_epidemic.html", "https://wst.hainan.gov.cn/sjkzx/info/1053/1469.htm",
     "epidemic_reports", "海南省2020年法定传染病疫情概况", D(2021, 1, 5), (2020, 10)),
    ("anhui_2023_01_epidemic.html", "https://wjw.ah.gov.cn/ywdt/yqxx/56611111.html",
     "epidemic_reports", "1月全省法定报告传染病疫情情况", D(2023, 2, 14), (2023, 1)),
    ("nhc_2019_01_epidemic.html", "http://www.nhc.gov.cn/jkj/s3578/201902/a1b2c3.shtml",
     "epidemic_reports", "2019年1月全国法定传染病疫情概况", D(2019, 2, 20), (2019, 1)),
    ("qujiang_2024_catalogue.html", "http://www.qjq.gov.cn/art/2024/3/13/art_1229844853_59028762.html",
     "decision_catalogue", "衢江区卫生健康局关于公布2024年度重大行政决策事项目录的通知", D(2024, 3, 13), None),
    ("dongtou_2024_catalogue.html", "http://www.dongtou.gov.cn/art/2024/2/27/art_1229441855_4223001.html",
     "decision_catalogue", "温州市洞头区卫生健康局关于公布2024年度重大行政决策目录的通知", D(2024, 2, 27), None),
]  # fmt: skip


@pytest.mark.parametrize("name, url, rule, title, published, of", CASES, ids=[c[0] for c in CASES])
def test_each_page_is_found_and_dated_and_its_period_read(name, url, rule, title, published, of):
    html = (FILES / name).read_text(encoding="utf-8")
    page = extract_page(html, url)
    item = DocumentItem(site_id="t", url=url, page=page.to_dict(), fetched_at="2026-12-01T08:00:00")
    row = normalize_document(item).row
    assert (row["title"], row["published_date"]) == (title, published)
    stated = page.facts.get("stated_month")
    assert ((stated["year"], stated["month"]) if stated else None) == of
    words = "|".join(load_rules()[rule]["titles"])
    assert re.search(words, row["title"]), "the rule's title words find the page"
