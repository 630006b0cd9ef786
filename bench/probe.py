"""A Scrapy extension for benchmarks: wall and CPU time of the crawl itself, and every request made.

Enabled with -s EXTENSIONS='{"bench.probe.Probe": 900}' -s BENCH_PROBE_FILE=out.json.
"""

from __future__ import annotations

import json
import resource
import time

from scrapy import signals


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class Probe:
    def __init__(self, path: str):
        self.path = path
        self.requests: list[dict] = []
        self.started = self.cpu_started = 0.0

    @classmethod
    def from_crawler(cls, crawler):
        probe = cls(crawler.settings.get("BENCH_PROBE_FILE"))
        crawler.signals.connect(probe.opened, signal=signals.spider_opened)
        crawler.signals.connect(probe.response, signal=signals.response_received)
        crawler.signals.connect(probe.closed, signal=signals.spider_closed)
        return probe

    def opened(self, spider):
        self.started, self.cpu_started = time.monotonic(), cpu_seconds()

    def response(self, response, request, spider):
        self.requests.append(
            {
                "t": round(time.monotonic() - self.started, 3),
                "method": request.method,
                "url": request.url,
                "body": request.body.decode("utf-8", "replace"),
                "slot": request.meta.get("download_slot", ""),
            }
        )

    def closed(self, spider, reason):
        result = {
            "pages": len(self.requests),
            "wall_s": time.monotonic() - self.started,
            "cpu_s": cpu_seconds() - self.cpu_started,
            "reason": reason,
            "requests": self.requests,
        }
        with open(self.path, "w", encoding="utf-8") as f:
            json.dump(result, f)
