"""One column's list, walked page by page: what to fetch, and when to stop paging.

Paging can be lazy in every family: a family's list page names the further pages in order
(`ListPage.more`), and an incremental walk asks for the next one only after the previous one was
read. (A full walk asks for every page it knows at once: nothing is gained by waiting, and a deep
queue rides out a server's short outage.) An incremental walk (the site has a known state) stops
as soon as what it has read accounts for the column:

- a page whose last row is an item never listed before may be followed by more new ones: go on;
- a stated total (共N条, totalRecord) that grew since the last walk that accounted for every
  item (a full walk, or one whose new items matched the growth) by more than the new
  items found so far says something is still unseen, deeper in the list — a document inserted
  months deep is what a backdated one looks like — go on; one that grew by less says something
  left the list: walk it all, so the removal is found. (The growth, not the total, is compared:
  some sites state more items than their lists ever show. Without an earlier total, the total
  is compared with the items known.)
- otherwise stop. A column with no stated total is walked in full on a rotation (`due`).

`ColumnWalk` is one walk's state; `WalkSteps`, mixed into the one spider
(crawlers/spiders/disclosure.py), are its Scrapy steps: the list pages asked for and read, the
documents a page calls for, a paging mechanism that gives way, and the walk's record.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import scrapy
from scrapy.http import Response
from w3lib.url import canonicalize_url

from crawlers.dates import date_numbers
from crawlers.families import FAMILIES
from crawlers.families.base import PageRequest
from crawlers.items import (
    ColumnItem,
    ColumnWalkItem,
    LinkCheckItem,
    ListingEntry,
    ListingItem,
)
from crawlers.profiles import SiteProfile
from crawlers.state import KnownColumn, KnownDocument, due
from crawlers.status import utc_now_text

MAX_LIST_PAGES = 2000  # per column: a list that pages on past this is a trap


def same_date(raw: str | None, iso: str | None) -> bool:
    """Whether a list's raw date (2026年11月8日, 2026-11-08) and a stored ISO date agree."""
    if not raw or not iso:
        return not raw and not iso
    a = date_numbers(raw)
    return a is not None and a == date_numbers(iso)


def row_changed(known: KnownDocument, title: str, list_date: str | None) -> bool:
    """The list row's cheap change signal: its title or date differs from what was stored."""
    return (known.title or "") != (title or "") or not same_date(list_date, known.list_date)


@dataclass
class ColumnWalk:
    """The walk of one column's list pages in one crawl."""

    column: dict  # the column's identity, handed to every request of the walk
    known_items: set[str] = field(default_factory=set)  # listed there at the last full walk
    stated_before: int | None = None  # the total stated when the list was last accounted for
    incremental: bool = False  # False: every page is read
    pending: list[PageRequest] = field(default_factory=list)
    asked: set[tuple] = field(default_factory=set)
    seen: set[str] = field(default_factory=set)  # items listed by this walk
    new_items: int = 0  # items no earlier crawl listed anywhere on the site
    pages: int = 0  # list pages read
    in_flight: int = 0  # list pages asked for and not yet answered
    failed_pages: int = 0
    stated: int | None = None
    oldest_date: str | None = None  # the oldest list date read (raw), for the walk's reach
    stopped_early: bool = False
    accounted: bool = False  # the stated total's growth matched the new items found
    done: bool = False
    # the rows of each page read (item URLs in page order) → the page's address
    rows_read: dict[tuple[str, ...], str] = field(default_factory=dict)
    gave_way: LinkCheckItem | None = None  # the last page whose failure a fallback replaced …
    gave_way_retries: int = 0  # … and the retries it took

    def answered(self, *, failed: bool = False) -> None:
        """A list page asked for came back (read, or failed: the walk goes on without it)."""
        self.in_flight -= 1
        if failed:
            self.failed_pages += 1

    def add_pages(self, pages: list[PageRequest], *, first: bool = False) -> None:
        """Further pages a list page names, in order, each once; a fallback mechanism's pages go
        first (`first`), since they replace the page that failed."""
        fresh = [p for p in pages if self.key(p) not in self.asked]
        queued = {self.key(p) for p in self.pending}
        fresh = [p for p in fresh if self.key(p) not in queued]
        self.pending = fresh + self.pending if first else self.pending + fresh

    @staticmethod
    def key(page: PageRequest) -> tuple:
        """A page's identity as a server sees it: its URL canonical as Scrapy's request
        fingerprint takes it (no #fragment, query sorted: a pager links `index_2.html` and
        `index_2.html#list` to one page), and its form."""
        return (canonicalize_url(page.url), tuple(sorted((page.formdata or {}).items())))

    def read_before(self, urls: list[str], address: str) -> str | None:
        """The address of a page this walk read with these very rows in this order: one page
        under two addresses (an ASP list's only page links 尾页 to `…&page=1`, its column address
        without it). None, and the rows kept, for a page not read before."""
        rows = tuple(urls)
        if not rows:
            return None
        if rows in self.rows_read:
            return self.rows_read[rows]
        self.rows_read[rows] = address
        return None

    def read(self, urls: list[str], new: list[bool], stated: int | None) -> None:
        """A list page read: its item URLs in page order, which of them are new."""
        self.pages += 1
        self.seen.update(urls)
        self.new_items += sum(new)
        if stated is not None:
            self.stated = stated

    def note_dates(self, raw_dates: list[str]) -> None:
        """Keep the oldest list date read: how deep the walk reached. By date, not by the page
        answered last: a full walk's pages arrive in any order."""
        for raw in raw_dates:
            found = date_numbers(raw)
            if found is None:
                continue
            if self.oldest_date is None or found < date_numbers(self.oldest_date):
                self.oldest_date = raw

    def wants_more(self, new: list[bool]) -> bool:
        """Whether the page just read (`new`: its rows, new or not) calls for the next one."""
        if not self.incremental:
            return True
        if not new:  # a page without rows (a shell) says nothing …
            if self.stated == 0 and not self.known_items:
                # … unless its list states it holds nothing (共有0条) and held nothing at the last
                # full walk: there is nothing deeper to find (an empty ASP list links 尾页 to
                # `&page=1`, the same empty page)
                self.accounted = True
                return False
            return True
        if self.stated is not None:
            found = len(self.seen - self.known_items)
            if self.stated_before is not None:
                growth, before = self.stated - self.stated_before, self.stated_before
            else:
                growth, before = self.stated - len(self.known_items), len(self.known_items)
            if self.stated < before or growth < found:
                self.incremental = False  # items left the list: read it all to know which
                return True
            if growth > found:
                return True
            self.accounted = True
            return False
        return new[-1]

    def next_page(self) -> PageRequest | None:
        """The next page to ask for, None when the walk is over."""
        while self.pending:
            page = self.pending.pop(0)
            if self.key(page) not in self.asked:
                self.asked.add(self.key(page))
                return page
        return None

    @property
    def complete(self) -> bool:
        """Every page read: the items not seen are not on the list."""
        return self.done and not self.stopped_early and not self.failed_pages


class WalkSteps:
    """A column's walk as Scrapy steps (mixed into the spider): the walks in flight are
    `self.walks`, by (site, column URL)."""

    def start_walk(self, site: SiteProfile, column: dict) -> ColumnWalk:
        """The column's walk: incremental when an earlier crawl walked it all and its next full
        walk is not yet due (each column within ZWGK_REWALK_DAYS)."""
        url = column["column_url"]
        known = self.known_column(site, url)
        walk = ColumnWalk(
            column,
            known_items=self.column_items.get(site.id, {}).get(url, set()),
            stated_before=known.stated if known else None,
            incremental=self.walks_incrementally(site, url),
        )
        self.walks[(site.id, url)] = walk
        return walk

    def known_column(self, site: SiteProfile, column_url: str) -> KnownColumn | None:
        """What the earlier crawls knew of the column (None: new to them, or a first crawl)."""
        state = self.states.get(site.id)
        return state.columns.get(column_url) if state else None

    def walks_incrementally(self, site: SiteProfile, column_url: str) -> bool:
        """Whether the column's walk this crawl may stop early: an earlier crawl walked it all,
        it was not left unfinished, and its next full walk is not yet due."""
        known = self.known_column(site, column_url)
        return (
            not self.full
            and known is not None
            and not known.interrupted
            and not due(known.walked_at, self.rewalk_days, column_url, self.started)
        )

    def parse_list_page(self, response: Response):
        site = self.site_of(response)
        column = response.meta["column"]
        walk = self.walks[(site.id, column["column_url"])]
        if dead := self.dead_end(site, response, column["column_url"]):
            if response.meta.get("fallback"):  # a paging mechanism gave way: not a dead link
                walk.answered()
                yield from self.fall_back(site, response.request, dead)
                return
            yield dead
            walk.answered(failed=True)
            yield from self.next_list_page(site, walk)
            return
        walk.answered()
        family = FAMILIES[column["family"]]
        page = family.parse_list(response.url, response.text, first=False)
        key = (site.id, column["column_url"])
        if page.unread:  # its rows cannot be read now: no conclusion drawn from their absence
            self.say_unread(
                site,
                column["column_name"],
                response.url,
                page.unread,
                "its walk is left incomplete, so nothing is concluded from the rows not shown",
            )
            walk.failed_pages += 1
        if page.rows_at:  # a shell, read here only because the list found last time failed
            if page.rows_at == column.get("list_url"):
                # it names that list still: the list is down, the column not read this time (no
                # conclusion drawn from its missing rows), and the list a dead link, as when the
                # shell is read first
                walk.failed_pages += 1
                if (gave_way := walk.gave_way) is not None:
                    if gave_way.status is None:  # no answer at all: the site's failure, as then
                        # (an error the server answered was counted where it arrived)
                        self.outcomes[site.id].failed(
                            gave_way.url,
                            gave_way.outcome,
                            gave_way.error or "",
                            walk.gave_way_retries,
                        )
                    yield gave_way
            else:  # the list moved: read it where the shell names it now
                column["list_url"] = page.rows_at
                yield self.column_item(site, column, self.stated.get(key))
        if page.stated_total is not None and self.stated.get(key) != page.stated_total:
            # stated by a later page only (a JSON API's total)
            yield self.column_item(site, column, page.stated_total)
        yield from self.walk_list(site, response, page, walk)

    def say_unread(self, site: SiteProfile, column_name: str, url: str, why: str, so: str) -> None:
        """A list whose rows could not be read (`ListPage.unread`), and what that makes of its
        column in this crawl: said, since no row tells it."""
        self.logger.warning(
            "%s: column %s: %s; %s (%s)",
            site.id,
            column_name,
            why,
            so,
            url,
        )

    def column_item(self, site: SiteProfile, column: dict, stated: int | None) -> ColumnItem:
        if (site.id, column["column_url"]) not in self.stated:
            self.outcomes[site.id].columns += 1
        self.stated[(site.id, column["column_url"])] = stated
        return ColumnItem(
            site_id=site.id,
            column_url=column["column_url"],
            name=column["column_name"],
            column_kind=column["column_kind"],
            department=column["department"],
            stated_count=stated,
            discovered_from=column["discovered_from"],
            family=column["family"],
            list_url=column.get("list_url"),
        )

    def walk_list(self, site: SiteProfile, response: Response, page, walk: ColumnWalk):
        """A list page read: its rows stored, the documents that need it fetched, and the next
        page asked for if the walk calls for it."""
        # one item per list page, not per entry: Scrapy's per-item cost is not small.
        # An entry on another host (a WeChat article, the city portal) is listed, so it counts
        # as an update of the column, but it is not fetched.
        column = walk.column
        entries = self.listing_entries(site, column["family"], page.items)
        entries = self.own_entries(site, entries)
        read_as = walk.read_before([e.item_url for e in entries], response.url)
        if read_as:  # one page under two addresses: counted, stored and followed once
            entries = []
        state = self.states.get(site.id)
        known_docs = state.documents if state else {}
        new = [e.item_url not in known_docs for e in entries]
        if not read_as:
            walk.read([e.item_url for e in entries], new, page.stated_total)
        walk.note_dates([e.list_date for e in entries if e.list_date])
        if entries:
            self.outcomes[site.id].listed += len(entries)
            yield ListingItem(site.id, column["column_url"], response.url, entries)
        for entry in entries:
            if not self.allowed(site, entry.item_url):
                continue
            headers = self.document_headers(site, entry)
            if headers is None:
                self.outcomes[site.id].unchanged += 1
                continue
            yield from self.follow(
                site,
                entry.linked_url,
                self.parse_detail,
                column=column,
                found_on=response.url,
                entry=entry,
                priority=1,
                headers=headers,
            )
        walk.add_pages(page.more)
        if walk.wants_more(new):
            yield from self.next_list_page(site, walk)
        elif not walk.in_flight:
            walk.stopped_early = bool(walk.pending)
            yield from self.end_walk(site, walk)

    def listing_entries(self, site: SiteProfile, family: str | None, items) -> list[ListingEntry]:
        """A list page's items under their canonical URLs, the URL as linked kept."""
        return [
            ListingEntry(
                item_url=self.canonical(site, family, i.url),
                linked_url=i.url,
                title=i.title,
                list_date=i.date_raw,
                list_doc_no=i.doc_no_raw,
                list_written=i.written_raw,
            )
            for i in items
        ]

    def own_entries(self, site: SiteProfile, entries: list[ListingEntry]) -> list[ListingEntry]:
        """A portal section's entries without the portal's other pages (another department's,
        the county's own): never the commission's. Entries on other hosts stay listed."""
        if not site.in_portal:
            return entries
        return [
            e
            for e in entries
            if self.allowed(site, e.item_url) or not self.reachable(site, e.item_url)
        ]

    def document_headers(self, site: SiteProfile, entry: ListingEntry) -> dict | None:
        """None when the document need not be fetched (known, read, its list row unchanged);
        else the request's extra headers: the page's validators when it is fetched again."""
        state = self.states.get(site.id)
        known = state.documents.get(entry.item_url) if state else None
        if known is None or self.full or not (known.fetched or known.dead):
            return {}
        if known.dead or not row_changed(known, entry.title, entry.list_date):
            return None  # unchanged; a dead page is re-checked with the links (due_checks)
        headers = {}
        if known.etag:
            headers["If-None-Match"] = known.etag
        if known.last_modified:
            headers["If-Modified-Since"] = known.last_modified
        return headers

    def next_list_page(self, site: SiteProfile, walk: ColumnWalk):
        """The requests for the walk's next list pages — in an incremental walk one at a time,
        only after the previous page was read (paging is lazy, so the walk can stop early); in
        a full walk every page known so far at once, as a deep queue bridges a short outage —
        or, when none is left in flight, the walk's end."""
        while walk.pending and len(walk.asked) < MAX_LIST_PAGES:
            if walk.incremental and walk.in_flight:
                break
            more = walk.next_page()
            if more is None:
                break
            if not self.allowed(site, more.url):
                continue
            requests = list(
                self.follow(
                    site,
                    more.url,
                    self.parse_list_page,
                    formdata=more.formdata,
                    column=walk.column,
                    fallback=more.fallback,
                    priority=3,
                    # the walk asks for each page once itself and waits for every answer: a page
                    # Scrapy's duplicate filter dropped (one already fetched by another road)
                    # would leave the walk open and unrecorded
                    dont_filter=True,
                )
            )
            if not requests:
                walk.stopped_early = True  # the page budget ran out, or the site went down
                break
            walk.in_flight += 1
            yield from requests
        if not walk.in_flight:
            yield from self.end_walk(site, walk)

    def fall_back(
        self, site: SiteProfile, request, dead: LinkCheckItem
    ) -> Iterator[scrapy.Request | ColumnWalkItem]:
        """Ask for the next mechanism's pages when a family's own paging request fails."""
        column = request.meta["column"]
        why = dead.error or f"HTTP {dead.status}"
        key = (site.id, column["column_url"], "fallback")
        if key not in self.fallen_back:
            self.fallen_back.add(key)
            self.logger.info(
                "%s: %s answered %s; paging %s through its visible links instead",
                site.id,
                request.url,
                why,
                column["column_name"],
            )
            self.crawler.stats.inc_value("zwgk/paging_fallbacks")
        walk = self.walks[(site.id, column["column_url"])]
        walk.gave_way, walk.gave_way_retries = dead, request.meta.get("retry_times", 0)
        walk.add_pages(request.meta["fallback"], first=True)
        yield from self.next_list_page(site, walk)

    def end_walk(self, site: SiteProfile, walk: ColumnWalk):
        """The walk's record; after a walk of every page, the known items it did not see are
        asked for once: a page that answers 404 is a removed document."""
        if walk.done:
            return
        walk.done = True
        yield ColumnWalkItem(
            site_id=site.id,
            column_url=walk.column["column_url"],
            walked_at=utc_now_text(),
            pages=walk.pages,
            listed=len(walk.seen),
            new_items=walk.new_items,
            stated_count=walk.stated,
            oldest_list_date=walk.oldest_date,
            complete=walk.complete,
            incremental=walk.incremental,
            accounted=walk.complete or walk.accounted,
        )
        if not walk.complete or site.id not in self.states:
            return
        for url in sorted(walk.known_items - walk.seen):
            if not self.allowed(site, url):
                continue
            yield from self.follow(
                site,
                url,
                self.parse_detail,
                column=walk.column,
                found_on=walk.column["column_url"],
                gone_from_list=True,
                priority=1,
            )
