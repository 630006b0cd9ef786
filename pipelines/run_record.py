"""The run as the database holds it: a Scrapy extension that records its start and its finish.

Scrapy builds extensions after the spider and before the engine, so `RunRecord` (after the
crawl's own `CrawlRun`, crawlers/run.py) opens the store and records the run as `running` before
the first request. The store pipeline writes into the store it holds (`record.store`) and tells
it when the database refused a write. When the spider closes (after every pipeline's
`close_spider`, so everything buffered is written), it records each site's outcome
(`site_runs`), the run's status and totals (`runs`), and closes the store if it opened it.

A store opened before the crawl (by `pipelines.runs.open_for_crawl`, which keeps the working
file from any other process between the check and the crawl) reaches it as the spider's `store`
argument, and its opener closes it, after reading the run's outcome through it: a command opens
the working file once. Otherwise RunRecord opens `ZWGK_DB` (`scrapy crawl`) and closes it. A crawl Scrapy stopped without closing the spider (a
second Ctrl-C) is finished by `abandon()`, which `pipelines.runs.crawl` calls after the reactor
stops: the hooks registered with `on_abandon` write what was buffered first.
"""

from __future__ import annotations

from collections.abc import Callable

import duckdb
from scrapy import signals

from crawlers.dates import FallbackCounter
from crawlers.status import STORE_ERROR, site_status
from pipelines.store import Store


class RunRecord:
    def __init__(self, crawler, store: Store, owns_store: bool = True) -> None:
        self.crawler = crawler
        self.store: Store | None = store
        self.owns_store = owns_store  # opened here (closed at the finish), or handed in
        self.run = crawler.spider.run  # the crawl's CrawlRun: identity, outcomes, counters
        self.refused: str | None = None  # why the database refused a write, if it did
        self.abandon_hooks: list[Callable[[], None]] = []
        self.fallbacks_at_start = FallbackCounter.calls
        self.unreadable_at_start = dict(FallbackCounter.unreadable)

    @classmethod
    def from_crawler(cls, crawler) -> RunRecord:
        handed = getattr(crawler.spider, "store", None)
        record = cls(crawler, handed or Store(crawler.settings.get("ZWGK_DB")), handed is None)
        store = record.store
        store.start_run(record.run.site_ids, record.run.run_id, record.run.started)
        crawler.signals.connect(record.spider_closed, signal=signals.spider_closed)
        return record

    @property
    def open(self) -> bool:
        return self.store is not None

    def refuse(self, why: str) -> None:
        """The database refused a write: the run ends as `store_error`, nothing published."""
        self.refused = self.refused or why

    def on_abandon(self, hook: Callable[[], None]) -> None:
        """Call `hook` (write what is buffered) before a run Scrapy never closed is finished."""
        self.abandon_hooks.append(hook)

    def spider_closed(self, spider, reason: str) -> None:
        self.finish(STORE_ERROR if self.refused else reason)

    def abandon(self) -> bool:
        """Finish, as interrupted, a run whose spider was never closed; False if none was open."""
        if not self.open:
            return False
        try:
            for hook in self.abandon_hooks:
                hook()
        finally:
            self.finish("shutdown")
        return True

    def finish(self, reason: str) -> None:
        """Each site's outcome into `site_runs`, the run's status and totals into `runs`; the
        store closed if it was opened here, whether or not the database took the rows."""
        if not self.open:
            return
        self.run.close(reason)
        try:
            self._write_outcome()
        except duckdb.Error as exc:  # not even the run's outcome could be written
            self.crawler.spider.logger.error(
                "the run's outcome could not be recorded either: %s", exc
            )
        finally:
            if self.owns_store:
                self.store.close()
            self.store = None

    def _write_outcome(self) -> None:
        run_id = self.run.run_id
        rows = self.run.site_rows()
        # dead links as stored (a paging request that gave way to another mechanism is none)
        dead = dict(
            self.store.sql(
                "select site_id, count(*) from link_check_history where run_id = ? "
                "and outcome = 'dead' group by site_id",
                [run_id],
            )
        )
        for row in rows:
            row["errors"] = dead.get(row["site_id"], 0)
            site_status(row["status"])
        self.store.upsert("site_runs", rows)
        self.store.finish_run(
            run_id,
            status=self.run.status,
            pages=self.crawler.stats.get_value("response_received_count", 0),
            errors=sum(dead.values()),
            fallbacks=FallbackCounter.calls - self.fallbacks_at_start,
            unreadable=self.report_unreadable_dates(),
        )

    def report_unreadable_dates(self) -> int:
        """One warning for the date strings no parser could read this run, with examples."""
        new = {
            raw: n - self.unreadable_at_start.get(raw, 0)
            for raw, n in FallbackCounter.unreadable.items()
            if n > self.unreadable_at_start.get(raw, 0)
        }
        total = sum(new.values())
        if total:
            examples = ", ".join(repr(raw) for raw in sorted(new, key=new.get, reverse=True)[:5])
            self.crawler.spider.logger.warning(
                "%d date strings no parser could read (left empty): %s", total, examples
            )
        return total
