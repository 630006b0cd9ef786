"""A profile's `delay` is honoured under AutoThrottle: never less, and 0 means none."""

from __future__ import annotations

import os
import threading
import time
from http.server import BaseHTTPRequestHandler
from urllib.parse import urlsplit

import pytest
from scrapy.utils.test import get_crawler

from crawlers.throttle import ProfileAutoThrottle
from samples.server import LocalServer


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
    assert Settings(vars(project_settings))["DOWNLOADER"] == "crawlers.throttle.SlotBoundDownloader"


@pytest.mark.slow
def test_a_site_is_never_sent_more_requests_at_once_than_its_profile_allows(tmp_path):
    """Measured at the server, with no delay: Scrapy 2.19's own downloader sent 28–29 at once
    against 2 here, and with a delay of 1 ms, 3 under load (crawlers.throttle.SlotBoundDownloader)."""
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


class PublicSiteThroughProxy(BaseHTTPRequestHandler):
    """An operator's HTTP proxy in front of a site with a public host name: the proxy is on
    127.0.0.1 and answers for the site itself, fast for the first pages and then slowly."""

    site_pages = 12
    fast = 3  # requests answered at once; every later one takes SLOW seconds
    arrivals: list[tuple[float, float]] = []  # (started, answered), in order

    def do_GET(self):
        started = time.monotonic()
        path = urlsplit(self.path).path  # a proxy receives the absolute URL
        if path == "/":
            links = "".join(f'<li><a href="/n/{i}.html">通知{i}</a><span>2026-11-0{i}</span></li>'
                            for i in range(1, self.site_pages))  # fmt: skip
            body = f'<html><body><a href="/n/">通知公告</a><ul>{links}</ul></body></html>'
        elif path.startswith("/n/"):
            body = (
                "<html><body><h1>关于开展工作的通知</h1><p>发布日期：2026-11-02</p></body></html>"
            )
        else:
            body = None
        if len(self.arrivals) >= self.fast:
            time.sleep(SLOW)
        data = (body or "").encode("utf-8")
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        self.arrivals.append((started, time.monotonic()))

    def log_message(self, *args):
        pass


SLOW = 0.8


@pytest.mark.slow
def test_a_public_site_through_a_proxy_slows_the_crawl_without_an_error(tmp_path):
    """The crawl of a real site (a public host name, through the operator's proxy) adapts its
    delay to the server: once the server answers in 0.8 s, the time between two requests grows
    from the profile's 0.1 s (two in flight at a time, its concurrency) toward the latency
    (AutoThrottle's target of one in flight). Until the fix every response logged 'Response.meta
    not available' from AutoThrottle and the delay never moved."""
    from .conftest import run_zwgk

    PublicSiteThroughProxy.arrivals = []
    proxy = LocalServer(("127.0.0.1", 0), PublicSiteThroughProxy)
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    port = proxy.server_address[1]
    try:
        sites = tmp_path / "sites.toml"
        sites.write_text(
            '[[site]]\nid = "public"\nname = "某市卫生健康委员会"\n'
            'homepage = "http://wsjkw.example.gov.cn/"\nconcurrency = 2\ndelay = 0.1\n'
            'columns = { "通知公告" = "http://wsjkw.example.gov.cn/" }\n',
            encoding="utf-8",
        )
        env = {"http_proxy": f"http://127.0.0.1:{port}", "no_proxy": ""}
        result = run_zwgk(
            "crawl", "--sites", str(sites), "--db", str(tmp_path / "a.duckdb"), "--no-progress",
            env={**os.environ, **env},
        )  # fmt: skip
    finally:
        proxy.shutdown()
    log = result.stdout + result.stderr
    assert "Response.meta not available" not in log
    assert " ERROR" not in log and "ERROR:" not in log, log[-3000:]
    arrivals = PublicSiteThroughProxy.arrivals
    assert len(arrivals) >= 6, log[-3000:]
    starts = sorted(started for started, _ in arrivals)
    gaps = [b - a for a, b in zip(starts, starts[1:], strict=False)]
    print("seconds between requests:", " ".join(f"{g:.2f}" for g in gaps))
    # after the first slow answers the slot's delay has grown from 0.1 s toward 0.8 s. AutoThrottle
    # moves it halfway each answer (0.1 → 0.45 → 0.63 …), and with two requests in flight a gap
    # of that first step can come late (0.44 and 0.46 s seen in CI among gaps of 0.7–1.2 s): every
    # gap is well above the fixed 0.1–0.15 s of the bug, and most have reached the latency
    slow = sorted(gaps[PublicSiteThroughProxy.fast + 2 :])
    assert slow[0] > 0.3, gaps
    assert slow[len(slow) // 2] > 0.6, gaps
