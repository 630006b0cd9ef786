"""The baseline: a bare Scrapy spider that fetches the given requests and does nothing with them."""

from __future__ import annotations

import json

import scrapy


class BareSpider(scrapy.Spider):
    name = "bare"
    # The project's own Scrapy settings (robots.txt, retry, redirect, the duplicate filter, the
    # same concurrency) minus everything the project adds on top: parsing, normalising, storing.
    custom_settings = {
        "AUTOTHROTTLE_ENABLED": False,  # as the full crawl does for 127.0.0.1
        "HTTPERROR_ALLOW_ALL": True,
        "ITEM_PIPELINES": {},
        "DOWNLOADER_MIDDLEWARES": {},
        "LOG_LEVEL": "WARNING",
    }

    def __init__(self, requests: str, slot_concurrency: str = "8", **kwargs):
        super().__init__(**kwargs)
        with open(requests, encoding="utf-8") as f:
            self.replay = json.load(f)["requests"]
        self.slot_concurrency = int(slot_concurrency)

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        slots = {
            r["slot"]: {"concurrency": spider.slot_concurrency, "delay": 0}
            for r in spider.replay
            if r["slot"]
        }
        crawler.settings.set("DOWNLOAD_SLOTS", slots, priority="spider")
        return spider

    async def start(self):
        for r in self.replay:
            if r["url"].endswith("/robots.txt"):
                continue  # fetched by the robots.txt middleware, as in the full crawl
            headers = (
                {"Content-Type": "application/x-www-form-urlencoded"}
                if r["method"] == "POST"
                else {}
            )
            yield scrapy.Request(
                r["url"],
                method=r["method"],
                body=r["body"] or None,
                headers=headers,
                callback=self.ignore,
                meta={"download_slot": r["slot"]},
            )

    def ignore(self, response):
        return None
