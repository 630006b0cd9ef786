"""A progress line on stderr during long crawls: pages, documents, rate, per-site counts."""

from __future__ import annotations

import sys
import time
from collections import Counter

from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet import task


class Progress:
    def __init__(self, crawler, interval: float):
        self.crawler = crawler
        self.interval = interval
        self.started = time.monotonic()
        self.responses = 0
        self.items: Counter[str] = Counter()
        self.docs_by_site: Counter[str] = Counter()
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
        self.loop = task.LoopingCall(self.show)
        self.loop.start(self.interval, now=False)

    def response(self, response, request, spider):
        self.responses += 1

    def item(self, item, response, spider):
        kind = item.get("item_type", "?")
        self.items[kind] += 1
        if kind == "document":
            self.docs_by_site[item["site_id"]] += 1

    def line(self) -> str:
        elapsed = time.monotonic() - self.started
        sites = " ".join(f"{s}:{n}" for s, n in sorted(self.docs_by_site.items()))
        return (
            f"[{elapsed:5.0f}s] {self.responses} pages ({self.responses / max(elapsed, 0.1):.0f}/s), "
            f"{self.items['document']} documents, {self.items['column']} columns, "
            f"{self.items['link_check']} link checks | {sites}"
        )

    def show(self):
        # on a terminal one line rewritten in place; in a log file (cron, CI) one line each time
        if sys.stderr.isatty():
            sys.stderr.write("\r" + self.line()[:200].ljust(120))
        else:
            sys.stderr.write(self.line() + "\n")
        sys.stderr.flush()

    def closed(self, spider, reason):
        if self.loop and self.loop.running:
            self.loop.stop()
        start = "\r" + self.line()[:200].ljust(120) if sys.stderr.isatty() else self.line()
        sys.stderr.write(start + f"\n  crawl {reason}\n")
        sys.stderr.flush()
