"""The national view at 3,000 commissions (the synthetic audit of bench/score.py, with China's
levels and regions): the overview at 1280 px without sideways scrolling, its first screen the
view by level and region, every province a group that opens to its commissions. Opened in
Debian's headless Chromium; the screenshot is kept in output/screenshots/."""

from __future__ import annotations

import datetime as dt

import pytest

from analysis.scoring import score
from bench.score import START, generate, setup
from pipelines.store import Store
from reports.render import GROUP_ROWS

from .conftest import run_zwgk
from .test_report import first_screen, open_page

SITES = 3000


@pytest.fixture(scope="module")
def national(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("national")
    db = tmp / "audit.duckdb"
    store = Store(db, threads=2)
    setup(store, SITES)
    generate(store, SITES, 0, 40, 40, 364)  # 40 documents a site: the view, not the scoring
    score(store.con, as_of=START + dt.timedelta(370), weeks=52)
    store.close()
    result = run_zwgk("report", "--db", str(db), "--out", str(tmp / "report"))
    assert result.returncode == 0, result.stderr[-2000:]
    return tmp / "report"


def test_3000_commissions_open_by_level_and_region_at_1280_px(national, browser):
    screen = first_screen(browser, national / "index.html", "overview-3000-sites")
    assert screen == {"sideways": False, "level": True, "region": True, "ranking": False}
    levels = browser.find_elements("css selector", "#by-level details")
    assert [d.get_attribute("data-group") for d in levels] == ["国家级", "省级", "市级", "县级"]
    sizes = [int(d.find_element("css selector", "summary .n").text) for d in levels]
    assert sum(sizes) == SITES
    provinces = browser.find_elements("css selector", "#by-region details")
    names = [d.get_attribute("data-group") for d in provinces]
    assert names[0] == "国家卫生健康委" and "广东省" in names and "省份未识别" not in names
    assert sum(int(d.find_element("css selector", "summary .n").text) for d in provinces) == SITES
    guangdong = provinces[names.index("广东省")]
    size = int(guangdong.find_element("css selector", "summary .n").text)
    guangdong.click()  # a province opens to its commissions (the first GROUP_ROWS of them)
    members = guangdong.find_elements("css selector", "table.members tbody tr")
    assert len(members) == min(size, GROUP_ROWS) and all(m.is_displayed() for m in members)
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []


def test_the_full_ranking_stays_for_search_and_filter(national, browser):
    open_page(browser, national / "index.html")
    browser.find_element("id", "region-filter").send_keys("广东省")
    shown = [
        r for r in browser.find_elements("css selector", "#ranking tbody tr") if r.is_displayed()
    ]
    provinces = browser.find_elements("css selector", "#by-region details")
    guangdong = next(d for d in provinces if d.get_attribute("data-group") == "广东省")
    assert len(shown) == int(guangdong.find_element("css selector", "summary .n").text)
