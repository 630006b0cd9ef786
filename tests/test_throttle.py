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
