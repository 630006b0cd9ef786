"""A profile's `delay` is honoured under AutoThrottle: never less, and 0 means none."""

from __future__ import annotations

import pytest
from scrapy.utils.test import get_crawler

from crawlers.throttle import ProfileAutoThrottle


@pytest.fixture
def throttle():
    crawler = get_crawler(
        settings_dict={
            "AUTOTHROTTLE_ENABLED": True,
            "DOWNLOAD_DELAY": 0.5,
            "AUTOTHROTTLE_MAX_DELAY": 30.0,
            "DOWNLOAD_SLOTS": {"mirror": {"delay": 0}, "slow-site": {"delay": 5.0}},
        }
    )
    return ProfileAutoThrottle.from_crawler(crawler)


@pytest.mark.parametrize(
    "slot, current, latency, status, expected",
    [
        ("mirror", 0.0, 0.2, 200, 0.0),  # delay = 0: no delay, whatever the latency
        ("mirror", 0.0, 3.0, 200, 0.0),
        ("slow-site", 5.0, 0.1, 200, 5.0),  # never below the profile's 5 s
        ("slow-site", 5.0, 12.0, 200, 12.0),  # a slow answer still slows the crawl down
        ("slow-site", 5.0, 0.1, 404, 5.0),
        ("unprofiled", 0.5, 0.1, 200, 0.5),  # AutoThrottle's own floor (DOWNLOAD_DELAY)
        ("unprofiled", 1.0, 3.0, 200, 3.0),
        (None, 0.5, 0.2, 200, 0.5),
    ],
)
def test_the_profile_delay_is_the_floor(throttle, slot, current, latency, status, expected):
    assert throttle.delay_after(slot, current, latency, status) == pytest.approx(expected)


def test_the_crawl_uses_it():
    from scrapy.settings import Settings

    from crawlers import settings as project_settings

    extensions = Settings(vars(project_settings)).getdict("EXTENSIONS")
    assert extensions["scrapy.extensions.throttle.AutoThrottle"] is None
    assert "crawlers.throttle.ProfileAutoThrottle" in extensions


@pytest.mark.slow
def test_a_site_is_never_sent_more_requests_at_once_than_its_profile_allows(tmp_path):
    """Measured at the server. (Scrapy 2.19 sends a slot's whole queue at once when the slot has
    no delay, whatever its concurrency: 32 at a time were seen against 2.)"""
    from samples import server

    from .conftest import run_zwgk

    [site] = server.start(server.load_sites(only=["shiling"]), port=0, latency_ms=10)
    try:
        sites = tmp_path / "sites.toml"
        sites.write_text(
            f'[[site]]\nid = "shiling"\nname = "石岭"\nhomepage = "{site.homepage_url}"\n'
            "private_network = true\nconcurrency = 2\ndelay = 0\n",
            encoding="utf-8",
        )
        db = tmp_path / "audit.duckdb"
        result = run_zwgk("crawl", "--sites", str(sites), "--db", str(db), "--no-progress")
        assert result.returncode == 0, result.stderr[-2000:]
    finally:
        server.stop([site])
    assert len(site.requests) > 500
    assert site.most_in_flight == 2
