"""A progress line on stderr during long crawls: pages, documents, rate, per-site counts."""

from __future__ import annotations

import sys
import time
from collections import Counter

from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet import task

WIDTH = 79  # a progress line fits an 80-column terminal


class Progress:
    def __init__(self, crawler, interval: float):
        self.crawler = crawler
        self.interval = interval
        self.started = time.monotonic()
        self.responses = 0
        self.items: Counter[str] = Counter()
        self.docs_by_site: Counter[str] = Counter()
        self.sites = 0
        self.loop = None

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("ZWGK_PROGRESS"):
            raise NotConfigured
        ext = cls(crawler, crawler.settings.getfloat("ZWGK_PROGRESS_INTERVAL", 2.0))
        crawler.signals.connect(ext.opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.closed, signal=signals.spider_closed)
        crawler.signals.connect(ext.response, signal=signals.response_received)
        crawler.signals.connect(ext.item, signal=signals.item_scraped)
        return ext

    def opened(self, spider):
        self.sites = len(getattr(spider, "profiles", {}))
        self.loop = task.LoopingCall(self.show)
        self.loop.start(self.interval, now=False)

    def response(self, response, request, spider):
        self.responses += 1

    def item(self, item, response, spider):
        kind = getattr(item, "kind", "?")  # a crawl item or the rows made of it
        self.items[kind] += 1
        if kind == "document":
            self.docs_by_site[item.site_id] += 1

    def line(self) -> str:
        """One line of at most WIDTH characters: elapsed, pages and rate, documents, sites."""
        elapsed = time.monotonic() - self.started
        line = (
            f"[{elapsed:5.0f}s] {self.responses} pages {self.responses / max(elapsed, 0.1):.0f}/s"
            f" {self.items['document']} docs {self.items['column']} cols"
            f" {len(self.docs_by_site)}/{self.sites} sites"
        )
        return line[:WIDTH]

    def show(self):
        # on a terminal one line rewritten in place; in a log file (cron, CI) one line each time
        if sys.stderr.isatty():
            sys.stderr.write("\r" + self.line().ljust(WIDTH))
        else:
            sys.stderr.write(self.line() + "\n")
        sys.stderr.flush()

    def closed(self, spider, reason):
        if self.loop and self.loop.running:
            self.loop.stop()
        start = "\r" + self.line().ljust(WIDTH) if sys.stderr.isatty() else self.line()
        sys.stderr.write(start + f"\n  crawl {reason}\n")
        sys.stderr.flush()
