"""What the crawl hands to the pipelines: one declared class per item kind.

The spider builds them, `pipelines/item_pipelines.py` turns each into table rows, `zwgk extract`
and the tests build `DocumentItem`s the same way. Scrapy accepts dataclass items as they are
(itemadapter). Values are as the page or the crawl gave them (dates still raw text, times ISO
strings in UTC); normalising is the pipelines' job.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from crawlers.status import utc_now_text


@dataclass
class SiteItem:
    """A commission of the sites file, as the crawl starts on it."""

    kind: ClassVar[str] = "site"
    site_id: str
    name: str
    homepage: str
    level: str | None = None
    region: str | None = None
    family: str | None = None
    verified: bool = False
    as_of: str | None = None  # YYYY-MM-DD, a sample site's history end


@dataclass
class ColumnItem:
    """A disclosure column found in the 公开目录 (or named by the profile)."""

    kind: ClassVar[str] = "column"
    site_id: str
    column_url: str
    name: str
    column_kind: str | None  # policy / interpretation / notice / news / personnel / … / other
    department: str | None = None
    stated_count: int | None = None  # 共405条, as its list states it
    discovered_from: str | None = None
    family: str | None = None
    list_url: str | None = None  # a shell's list: where its rows come from (gkmlpt's API)
    seen_at: str = field(default_factory=utc_now_text)  # as ListingItem.seen_at


@dataclass
class ListingEntry:
    """One row of a list page."""

    item_url: str  # canonical
    linked_url: str  # as the list linked it
    title: str
    list_date: str | None  # raw; the 发布日期 column of a table list
    list_doc_no: str | None = None  # raw; a table list's 文号 column
    list_written: str | None = None  # raw; a table list's 产生日期 / 成文日期 column


@dataclass
class ListingItem:
    """A list page's rows (one item per page, not per row: Scrapy's per-item cost is not small)."""

    kind: ClassVar[str] = "listing"
    site_id: str
    column_url: str
    list_page: str
    entries: list[ListingEntry] = field(default_factory=list)
    # when the spider read the page (ISO, UTC): its rows' first sighting. Not the time a pipeline
    # stores them: under load that can be a second after the column's walk ended, and the walk
    # would seem to have missed its own last rows (a backdating found by one crawl). A column's
    # first sighting is its item's seen_at too (a past moment's columns: analysis/snapshot.py)
    seen_at: str = field(default_factory=utc_now_text)


@dataclass
class DocumentItem:
    """A document page as fetched and read, with what its list row said."""

    kind: ClassVar[str] = "document"
    site_id: str
    url: str  # canonical
    page: dict  # crawlers.extract.detail.PageExtract.to_dict(): candidates, links, meta, counts
    fetched_at: str  # ISO, UTC
    column_name: str = ""
    column_kind: str | None = None
    column_url: str = ""
    linked_url: str | None = None  # as fetched, when it differs from `url`
    found_on: str | None = None
    list_date: str | None = None
    list_title: str | None = None
    list_doc_no: str | None = None
    list_written: str | None = None
    status: int | None = None
    encoding: str | None = None
    charset_mismatch: bool = False
    family: str | None = None
    content_hash: str | None = None  # sha1 of the body as read: a change of the page
    etag: str | None = None  # the server's validators, for a conditional fetch next time
    last_modified: str | None = None
    capture: tuple[str, int] | None = None  # (WARC file, offset) of the response as served


@dataclass
class LinkCheckItem:
    """A link checked, or a request that failed, with its outcome (crawlers/outcomes.py)."""

    kind: ClassVar[str] = "link_check"
    site_id: str
    url: str
    found_on: str | None
    status: int | None
    error: str | None
    outcome: str
    checked_at: str  # ISO, UTC
    capture: tuple[str, int] | None = None  # (WARC file, offset) of the response, if any


@dataclass
class ColumnWalkItem:
    """How far one crawl walked a column's list: the record that tells a later crawl (and the
    backdating check) which pages were read."""

    kind: ClassVar[str] = "column_walk"
    site_id: str
    column_url: str
    walked_at: str  # ISO, UTC: when the walk ended
    pages: int  # list pages read
    listed: int  # items the pages showed
    new_items: int  # of them, items no earlier crawl listed
    stated_count: int | None
    oldest_list_date: str | None  # raw: the oldest list date read (how deep the walk reached)
    complete: bool  # every page read, none failed
    incremental: bool  # False: the whole list was to be read
    accounted: bool  # complete, or the stated total's growth matched the new items found


@dataclass
class RemovedItem:
    """A document gone from its column's list that answers an error: removed, never deleted."""

    kind: ClassVar[str] = "removed"
    site_id: str
    url: str
    column_url: str
    status: int | None
    checked_at: str  # ISO, UTC


CrawlItem = (
    SiteItem
    | ColumnItem
    | ListingItem
    | DocumentItem
    | LinkCheckItem
    | ColumnWalkItem
    | RemovedItem
)
