"""One crawl run: its identity, each site's outcome and the counters, in one object.

`CrawlRun` is a Scrapy extension. Scrapy builds it after the spider and before the engine, so it
exists before the first request; it hands itself to the spider (`spider.run`), counts every
response of the sites' own requests, and says the run's status when the spider closes. The
spider counts into it (pages, documents, failures per site); the store pipeline records what it
holds (`runs`, `site_runs`). Nothing else keeps the run's state. A spider built without a
crawler (a test calling a callback) gets a run of its own.
"""

from __future__ import annotations

from scrapy import signals

from crawlers.outcomes import SiteOutcome
from crawlers.status import (
    FINISHED,
    INTERRUPTED,
    RUNNING,
    STORE_ERROR,
    new_run_id,
    utc_now,
)

# Scrapy's close reasons as a run's status; any other reason (closespider_timeout …) stopped the
# run before its end: interrupted
STATUS_OF_REASON = {"finished": FINISHED, STORE_ERROR: STORE_ERROR}


class CrawlRun:
    def __init__(self, profiles: dict, run_id: str | None = None):
        self.started = utc_now()
        self.run_id = run_id or new_run_id(self.started)
        self.site_ids = sorted(profiles)
        self.outcomes: dict[str, SiteOutcome] = {
            p.id: SiteOutcome(p.id, columns_from_profile=bool(p.columns)) for p in profiles.values()
        }
        self.status = RUNNING
        # responses archived (crawlers/evidence.py) and not yet taken by the store: `captures` rows
        self.captures: list[dict] = []

    @classmethod
    def from_crawler(cls, crawler) -> CrawlRun:
        spider = crawler.spider
        run = cls(getattr(spider, "profiles", {}), crawler.settings.get("ZWGK_RUN_ID"))
        spider.run = run
        crawler.signals.connect(run.answered, signal=signals.response_received)
        return run

    def answered(self, response, request, spider=None) -> None:
        """Every response of a site's own requests (robots.txt's have no site) is counted."""
        outcome = self.outcomes.get(request.meta.get("site_id"))
        if outcome is not None:
            outcome.answered(response.status, request.meta.get("retry_times", 0))

    def take_captures(self) -> list[dict]:
        """The captures archived since the last call (the store pipeline writes them)."""
        taken, self.captures = self.captures, []
        return taken

    def close(self, reason: str) -> str:
        """The run's status from Scrapy's close reason (`finished`, or `interrupted` by Ctrl-C)."""
        self.status = STATUS_OF_REASON.get(reason, INTERRUPTED)
        return self.status

    @property
    def interrupted(self) -> bool:
        return self.status not in (RUNNING, FINISHED)

    def site_rows(self) -> list[dict]:
        """Each site's outcome as a `site_runs` row, by site id."""
        return [self.outcomes[s].row(self.run_id, self.interrupted) for s in sorted(self.outcomes)]
