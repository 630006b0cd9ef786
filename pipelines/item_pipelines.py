"""Scrapy item pipelines, in order: normalise (300), then store (800), one job each."""

from __future__ import annotations

import queue
import threading
from collections import defaultdict

from scrapy import signals

from pipelines.dates import FallbackCounter, parse_date
from pipelines.normalize import normalize_document
from pipelines.store import Store, utc_now


class NormalizePipeline:
    """Turns raw spider items into table rows: `document` items get one value per field."""

    def process_item(self, item: dict, spider=None) -> dict:
        kind = item["item_type"]
        if kind == "document":
            doc = normalize_document(item)
            return {
                "item_type": "document",
                "rows": {
                    "documents": [doc.row],
                    "document_fields": doc.fields,
                    "document_links": doc.links,
                },
                "site_id": item["site_id"],
            }
        if kind == "listing":
            base = {k: item[k] for k in ("site_id", "column_url", "list_page")}
            rows = [
                {
                    **base,
                    "item_url": e["item_url"],
                    "title": e["title"],
                    "list_date": parse_date(e["list_date"]).value,
                }
                for e in item["entries"]
            ]
            return {**item, "rows": {"listings": rows}}
        if kind == "column":
            now = utc_now()
            row = {
                k: item.get(k)
                for k in ("site_id", "column_url", "name", "kind", "discovered_from", "family")
            }
            return {
                **item,
                "rows": {"columns": [{**row, "first_seen_at": now, "last_seen_at": now}]},
            }
        if kind == "site":
            row = {
                k: item.get(k)
                for k in ("site_id", "name", "level", "region", "homepage", "family", "verified")
            }
            return {**item, "rows": {"sites": [{**row, "updated_at": utc_now()}]}}
        if kind == "link_check":
            row = {k: item.get(k) for k in ("site_id", "url", "found_on", "status", "error")}
            from datetime import datetime

            row["checked_at"] = datetime.fromisoformat(item["checked_at"])
            return {**item, "rows": {"link_checks": [row]}}
        return item


TABLE_ORDER = (
    "sites",
    "columns",
    "listings",
    "documents",
    "document_fields",
    "document_links",
    "link_checks",
)


class StorePipeline:
    """Buffers rows per table and hands full batches to a writer thread; records the run.

    The writer thread owns the DuckDB connection while the crawl runs (DuckDB executes without
    the GIL, so writes overlap with crawling); the run is closed from the crawl thread after the
    writer has drained its queue.
    """

    def __init__(self, crawler):
        self.crawler = crawler
        self.path = crawler.settings.get("ZWGK_DB")
        self.batch_size = crawler.settings.getint("ZWGK_STORE_BATCH", 5000)
        self.buffer: dict[str, list[dict]] = defaultdict(list)
        self.buffered = 0
        self.store: Store | None = None
        self.writer: BatchWriter | None = None
        self.run_id = ""
        self.errors = 0
        self.fallbacks_at_start = FallbackCounter.calls

    @classmethod
    def from_crawler(cls, crawler):
        pipeline = cls(crawler)
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def open_spider(self, spider=None) -> None:
        spider = spider or self.crawler.spider
        self.store = Store(self.path)
        self.run_id = self.store.start_run(sorted(spider.profiles))
        spider.run_id = self.run_id
        self.writer = BatchWriter(self.store)

    def process_item(self, item: dict, spider=None) -> dict:
        for table, rows in item.get("rows", {}).items():
            if table in ("documents", "link_checks"):
                for row in rows:
                    row["run_id"] = self.run_id
            self.buffer[table].extend(rows)
            self.buffered += len(rows)
        if item.get("item_type") == "link_check" and (
            item.get("error") or (item.get("status") or 0) >= 400
        ):
            self.errors += 1
        if self.buffered >= self.batch_size:
            self.flush()
        return item

    def flush(self) -> None:
        batch = [(table, self.buffer.pop(table)) for table in TABLE_ORDER if self.buffer.get(table)]
        self.buffered = 0
        if batch:
            self.writer.put(batch)

    def close_spider(self, spider=None) -> None:
        if self.writer:
            self.flush()

    def spider_closed(self, spider, reason: str) -> None:
        if not self.store:
            return
        self.flush()
        self.writer.close()  # waits for every queued batch; raises if a write failed
        self.store.refresh_columns()
        status = {
            "finished": "finished",
            "shutdown": "interrupted",
            "cancelled": "interrupted",
        }.get(reason, reason)
        pages = self.crawler.stats.get_value("response_received_count", 0)
        self.store.finish_run(
            self.run_id,
            status=status,
            pages=pages,
            errors=self.errors,
            fallbacks=FallbackCounter.calls - self.fallbacks_at_start,
        )
        self.store.close()
        self.store = None


class BatchWriter:
    """One thread writing queued batches to the store, in order."""

    def __init__(self, store: Store):
        self.store = store
        self.queue: queue.Queue = queue.Queue(maxsize=8)  # back-pressure if writes fall behind
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self.run, name="duckdb-writer", daemon=True)
        self.thread.start()

    def put(self, batch: list[tuple[str, list[dict]]]) -> None:
        if self.error:
            raise self.error
        self.queue.put(batch)

    def run(self) -> None:
        while (batch := self.queue.get()) is not None:
            try:
                for table, rows in batch:
                    self.store.upsert(table, rows)
            except BaseException as exc:  # kept and re-raised in the crawl thread
                self.error = exc

    def close(self) -> None:
        self.queue.put(None)
        self.thread.join()
        if self.error:
            raise self.error
