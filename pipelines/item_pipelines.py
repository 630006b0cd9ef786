"""Scrapy item pipelines, in order: normalise (300), then store (800), one job each."""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

import duckdb
from scrapy import signals
from scrapy.utils.defer import deferred_from_coro

from crawlers.dates import parse_date
from crawlers.items import (
    ColumnItem,
    ColumnWalkItem,
    CrawlItem,
    DocumentItem,
    LinkCheckItem,
    ListingItem,
    RemovedItem,
    SiteItem,
)
from crawlers.status import STORE_ERROR
from pipelines.attributes import normalize_doc_no
from pipelines.normalize import normalize_document
from pipelines.run_record import RunRecord
from pipelines.store import Store, column_shortfalls, utc_now


@dataclass
class TableRows:
    """A crawl item turned into the rows it stores: what NormalizePipeline hands on."""

    kind: str  # the crawl item's kind (crawlers/items.py)
    site_id: str
    rows: dict[str, list[dict]]


def document_rows(item: DocumentItem) -> dict[str, list[dict]]:
    doc = normalize_document(item)
    return {"documents": [doc.row], "document_fields": doc.fields, "document_links": doc.links}


def listing_rows(item: ListingItem) -> dict[str, list[dict]]:
    now = datetime.fromisoformat(item.seen_at)
    return {
        "listings": [
            {
                "site_id": item.site_id,
                "column_url": item.column_url,
                "list_page": item.list_page,
                "item_url": e.item_url,
                "linked_url": e.linked_url if e.linked_url != e.item_url else None,
                "title": e.title,
                "list_date": parse_date(e.list_date).value,
                "doc_no": normalize_doc_no(e.list_doc_no),
                "written_date": parse_date(e.list_written).value,
                "first_seen_at": now,
                "last_seen_at": now,
            }
            for e in item.entries
        ]
    }


def column_rows(item: ColumnItem) -> dict[str, list[dict]]:
    now = datetime.fromisoformat(item.seen_at)
    row = {
        "site_id": item.site_id,
        "column_url": item.column_url,
        "name": item.name,
        "kind": item.column_kind,
        "department": item.department,
        "stated_count": item.stated_count,
        "discovered_from": item.discovered_from,
        "family": item.family,
        "list_url": item.list_url,
    }
    return {"columns": [{**row, "first_seen_at": now, "last_seen_at": now}]}


def site_rows(item: SiteItem) -> dict[str, list[dict]]:
    row = {
        "site_id": item.site_id,
        "name": item.name,
        "level": item.level,
        "region": item.region,
        "homepage": item.homepage,
        "family": item.family,
        "verified": item.verified,
        "as_of": date.fromisoformat(item.as_of) if item.as_of else None,
    }
    return {"sites": [{**row, "updated_at": utc_now()}]}


def link_check_rows(item: LinkCheckItem) -> dict[str, list[dict]]:
    row = {
        "site_id": item.site_id,
        "url": item.url,
        "found_on": item.found_on,
        "status": item.status,
        "error": item.error,
        "outcome": item.outcome,
        "checked_at": datetime.fromisoformat(item.checked_at),
        # found dead for the first time: dead since now (a later dead check keeps this time)
        "dead_since": datetime.fromisoformat(item.checked_at) if item.outcome == "dead" else None,
        "warc_file": item.capture[0] if item.capture else None,
        "warc_offset": item.capture[1] if item.capture else None,
    }
    return {"link_checks": [row]}


def column_walk_rows(item: ColumnWalkItem) -> dict[str, list[dict]]:
    row = {
        "site_id": item.site_id,
        "column_url": item.column_url,
        "walked_at": datetime.fromisoformat(item.walked_at),
        "pages": item.pages,
        "listed": item.listed,
        "new_items": item.new_items,
        "stated_count": item.stated_count,
        "oldest_list_date": parse_date(item.oldest_list_date).value,
        "complete": item.complete,
        "incremental": item.incremental,
        "accounted": item.accounted,
    }
    return {"column_walks": [row]}


def removed_rows(item: RemovedItem) -> dict[str, list[dict]]:
    row = {
        "site_id": item.site_id,
        "url": item.url,
        "column_url": item.column_url,
        "status": item.status,
        "removed_at": datetime.fromisoformat(item.checked_at),
    }
    return {"document_removals": [row]}


ROWS_OF = {
    DocumentItem: document_rows,
    ListingItem: listing_rows,
    ColumnItem: column_rows,
    SiteItem: site_rows,
    LinkCheckItem: link_check_rows,
    ColumnWalkItem: column_walk_rows,
    RemovedItem: removed_rows,
}


class NormalizePipeline:
    """Turns crawl items into table rows: a document gets one value per field."""

    def process_item(self, item: CrawlItem, spider=None) -> TableRows:
        rows_of = ROWS_OF.get(type(item))
        if rows_of is None:
            raise TypeError(f"not a crawl item (crawlers/items.py): {type(item).__name__}")
        return TableRows(item.kind, item.site_id, rows_of(item))


# upserted on their primary keys, in this order (parents before children); a document's new
# version is recorded as its row is written, a removal after the documents
TABLE_ORDER = (
    "sites",
    "columns",
    "listings",
    "documents",
    "column_walks",
    "document_removals",
    "captures",
)
# tables whose rows carry the run that wrote them
RUN_TABLES = ("documents", "link_checks", "listings", "column_walks", "document_removals")
# rows that belong to one document: replaced as a whole when the document is stored again, so a
# link or a value that has gone from the page goes from the store too
DOCUMENT_CHILDREN = {"document_fields": "url", "document_links": "from_url"}


class StorePipeline:
    """Buffers rows per table and writes them in batches (one Arrow batch per table); records
    the run. A document's evidence and links are kept per document, so the latest copy wins."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.path = crawler.settings.get("ZWGK_DB")
        self.batch_size = crawler.settings.getint("ZWGK_STORE_BATCH", 50000)
        # and at least this often, so a killed crawl loses seconds of work, not a batch's worth
        self.flush_seconds = crawler.settings.getfloat("ZWGK_STORE_FLUSH_SECONDS", 5.0)
        self.flushed_at = time.monotonic()
        self.buffer: dict[str, list[dict]] = defaultdict(list)
        self.children: dict[tuple[str, str], dict[str, list[dict]]] = {}
        self.buffered = 0
        self.store: Store | None = None
        self.record: RunRecord | None = None  # the run as the database holds it, from open_spider
        self.checks: list[dict] = []
        self.fetched: list[tuple[str, str]] = []  # (site_id, url) answered below 400 this run

    @classmethod
    def from_crawler(cls, crawler):
        pipeline = cls(crawler)
        crawler.signals.connect(pipeline.response_received, signal=signals.response_received)
        return pipeline

    def response_received(self, response, request, spider=None) -> None:
        """A page fetched fine: any failure stored against its URL is cleared at the next flush."""
        site_id = request.meta.get("site_id")
        if site_id is None or not 200 <= response.status < 300:
            return
        self.fetched.append((site_id, request.url))
        redirects = request.meta.get("redirect_urls")
        if redirects:
            self.fetched.append((site_id, redirects[0]))

    @property
    def run_id(self) -> str:
        return self.record.run.run_id

    @property
    def refused(self) -> str | None:
        return self.record.refused

    def open_spider(self, spider=None) -> None:
        self.record = self.crawler.get_extension(RunRecord)
        if self.record is None:
            raise RuntimeError(
                "StorePipeline needs the RunRecord extension (pipelines/run_record.py) in EXTENSIONS"
            )
        self.store = self.record.store
        self.record.on_abandon(self.write_remaining)

    def process_item(self, item: TableRows, spider=None) -> TableRows:
        if self.refused:
            return item  # the crawl is stopping: the database refused a write
        rows_by_table = item.rows
        for table, rows in rows_by_table.items():
            if table in DOCUMENT_CHILDREN:
                continue
            if table in RUN_TABLES:
                for row in rows:
                    row["run_id"] = self.run_id
            if table == "link_checks":
                self.checks.extend(rows)
            else:
                self.buffer[table].extend(rows)
            self.buffered += len(rows)
        if item.kind == DocumentItem.kind:
            doc = rows_by_table["documents"][0]
            self.children[(doc["site_id"], doc["url"])] = {
                table: rows_by_table.get(table, []) for table in DOCUMENT_CHILDREN
            }
            self.buffered += sum(len(rows_by_table.get(t, [])) for t in DOCUMENT_CHILDREN)
        if self.buffered >= self.batch_size or (
            self.buffered and time.monotonic() - self.flushed_at >= self.flush_seconds
        ):
            self.flush_or_stop()
        return item

    def flush_or_stop(self) -> None:
        """Flush; when the database refuses the write (a full disk, a damaged file), say so once
        and stop the crawl: crawling on would only pile up what cannot be stored."""
        try:
            self.flush()
        except duckdb.Error as exc:
            self.record.refuse(f"{type(exc).__name__}: {exc}"[:500])
            self.crawler.spider.logger.error(
                "the database refused a write, so the crawl stops (nothing is published): %s",
                self.refused,
            )
            deferred_from_coro(self.crawler.engine.close_spider_async(reason=STORE_ERROR))

    def flush(self) -> None:
        """Write everything buffered. Synchronous: a writer thread was measured no faster
        (bench/crawl.py), since building the Arrow batches needs the GIL anyway."""
        self.buffer["captures"] += self.record.run.take_captures()  # responses archived since
        with self.store.batch():  # all of it or nothing: a kill mid-write leaves no half
            for table in TABLE_ORDER:
                if self.buffer.get(table):
                    rows = self.buffer[table]
                    if table == "documents":
                        self.store.record_versions(rows)
                    self.store.upsert(table, rows)
                    if table == "document_removals":
                        self.store.mark_removed(rows)
            if self.children:
                documents = list(self.children)
                for table, url_column in DOCUMENT_CHILDREN.items():
                    rows = [row for child in self.children.values() for row in child[table]]
                    self.store.replace_for_documents(table, url_column, documents, rows)
            self.store.record_checks(self.checks)
            self.store.clear_recovered(self.fetched, self.run_id)
        self.buffer.clear()
        self.children = {}
        self.checks = []
        self.fetched = []
        self.buffered = 0
        self.flushed_at = time.monotonic()

    def close_spider(self, spider=None) -> None:
        """Everything buffered written and the columns' figures refreshed, before the run is
        recorded as finished (RunRecord, on spider_closed, which Scrapy sends after this)."""
        if self.store is None or self.refused:
            return
        try:
            self.write_remaining()
            self.store.refresh_last_seen(self.run_id)
        except duckdb.Error as exc:
            self.record.refuse(f"{type(exc).__name__}: {exc}"[:500])
            self.crawler.spider.logger.error(
                "the database refused the last write: %s", self.refused
            )
            return
        for site_id, name, url, stated, found in column_shortfalls(
            self.store.con, sorted(self.crawler.spider.profiles)
        ):
            self.crawler.spider.logger.warning(
                "%s: column %s states %d items, the crawl found %d (%s)",
                site_id,
                name,
                stated,
                found,
                url,
            )

    def write_remaining(self) -> None:
        """What is buffered, written; the columns' item counts refreshed."""
        self.flush()
        self.store.refresh_columns()
