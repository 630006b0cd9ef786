"""The run's identity, outcomes and counters live in one object (crawlers/run.py), built by Scrapy
before the first request and read by the spider and the store pipeline alike."""

from __future__ import annotations

import pytest
from scrapy.crawler import Crawler
from scrapy.settings import Settings

from crawlers.run import CrawlRun
from crawlers.spiders.disclosure import DisclosureSpider


@pytest.fixture()
def sites(tmp_path):
    path = tmp_path / "sites.toml"
    path.write_text(
        '[[site]]\nid = "b"\nname = "乙"\nhomepage = "https://b.example.gov.cn/"\n\n'
        '[[site]]\nid = "a"\nname = "甲"\nhomepage = "https://a.example.gov.cn/"\n',
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    "reason, status, site_status",
    [
        ("finished", "finished", "unreachable"),  # nothing answered: named, not hidden
        ("shutdown", "interrupted", "interrupted"),  # Ctrl-C
        ("cancelled", "interrupted", "interrupted"),
        # any other reason stopped the run before its end: interrupted, run it again
        ("closespider_timeout", "interrupted", "interrupted"),
    ],
)
def test_a_runs_status_and_its_sites_rows_follow_the_close_reason(
    sites, reason, status, site_status
):
    run = CrawlRun(DisclosureSpider(sites=str(sites)).profiles, "20261202T000000Z-abcdef")
    assert run.close(reason) == status
    rows = run.site_rows()
    assert [(r["run_id"], r["site_id"], r["status"]) for r in rows] == [
        ("20261202T000000Z-abcdef", "a", site_status),
        ("20261202T000000Z-abcdef", "b", site_status),
    ]


def test_the_crawlers_run_is_built_before_the_engine_and_handed_to_the_spider(sites):
    settings = Settings()
    settings.setmodule("crawlers.settings", priority="project")
    settings.set("ZWGK_RUN_ID", "20261202T000000Z-123456")
    # an extension of the project: Scrapy builds extensions after the spider, before the engine
    assert "crawlers.run.CrawlRun" in settings.getdict("EXTENSIONS")
    crawler = Crawler(DisclosureSpider, settings)
    crawler.spider = crawler._create_spider(sites=str(sites))
    alone = crawler.spider.run
    run = CrawlRun.from_crawler(crawler)
    assert crawler.spider.run is run and run is not alone
    assert run.run_id == "20261202T000000Z-123456" and run.site_ids == ["a", "b"]
    assert crawler.spider.outcomes is run.outcomes  # the spider counts into the run


def test_a_run_status_is_checked_where_it_is_written(tmp_path):
    """A run's statuses have one list (crawlers.run.RUN_STATUSES): the store refuses to finish a
    run with one it does not hold ('failed' is a site's status, never a run's), and writes
    nothing."""
    import duckdb

    from crawlers.status import RUN_STATUSES, run_status
    from pipelines.store import Store

    assert set(RUN_STATUSES) == {"running", "finished", "interrupted", "crashed", "store_error"}
    assert run_status("store_error") == "store_error"
    store = Store(tmp_path / "audit.duckdb")
    try:
        run_id = store.start_run(["a"])
        with pytest.raises(ValueError, match="unknown run status 'failed'"):
            store.finish_run(run_id, status="failed", pages=0, errors=0, fallbacks=0)
        store.finish_run(run_id, status="finished", pages=3, errors=0, fallbacks=0)
    finally:
        store.close()
    con = duckdb.connect(str(tmp_path / "audit.duckdb"), read_only=True)
    assert con.execute("select status, pages from runs").fetchall() == [("finished", 3)]
    con.close()
