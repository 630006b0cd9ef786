"""The one generic spider: homepage → 政务公开 entry → columns → every list page → every document.

Site knowledge comes from profiles (crawlers/sites/*.toml) and family mechanisms
(crawlers/families); this spider only walks. It yields the items of crawlers/items.py; pipelines normalise and store them.

Given the sites' known state (crawlers/state.py) the crawl is incremental: each column's list is
walked only as far as it shows something new (crawlers/walk.py), a document is fetched only when
it is new, its list row changed (then conditionally: ETag / Last-Modified), or an earlier crawl
listed it without reading it; links of unchanged pages are re-checked on a rotation.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Iterator

import scrapy
from scrapy import signals
from scrapy.http import Response, TextResponse

from crawlers.directory import column_links
from crawlers.extract.labels import column_kind
from crawlers.extract.pool import ExtractionPool, workers_from_setting
from crawlers.families import FAMILIES, detect
from crawlers.families.base import PageRequest
from crawlers.items import (
    ColumnItem,
    ColumnWalkItem,
    DocumentItem,
    LinkCheckItem,
    ListingEntry,
    ListingItem,
    RemovedItem,
    SiteItem,
)
from crawlers.logformatter import quiet_library_logs
from crawlers.outcomes import SiteOutcome, failure_outcome, response_outcome, waf_block
from crawlers.profiles import SiteProfile, load_profiles
from crawlers.run import CrawlRun
from crawlers.sections import directory_links, find_section
from crawlers.state import SiteState, check_due, due, read_states
from crawlers.urls import canonical_url
from crawlers.walk import ColumnWalk, row_changed

DIRECTORY_DEPTH = 2  # homepage → 政务公开 → 公开目录
PORTAL_DEPTH = 3  # portal → 政府信息公开 → 部门 → the commission's section
MAX_DIRECTORY_LINKS = 4  # per portal page: directory links followed while looking for the section
SUBCOLUMN_DEPTH = 2  # a column whose page lists sub-columns, and theirs: no deeper
MAX_LIST_PAGES = 2000  # per column: a list that pages on past this is a trap
CHECK_RELATIONS = ("attachment", "image")
MIN_SLOT_DELAY = 0.001  # seconds: the least delay a site's slot gets (see from_crawler)


def utc_now() -> str:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(timespec="seconds")


def as_flag(value) -> bool:
    """A spider argument's truth: `-a full=1`, `true`, `yes`, or a real bool."""
    return value is True or str(value).strip().lower() in ("1", "true", "yes", "on")


def header_text(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1")[:200] if value else None


def column_index(state: SiteState) -> dict[str, set[str]]:
    """Per column URL, the documents its list showed at its last full walk (or since)."""
    index: dict[str, set[str]] = {}
    for url, known in state.documents.items():
        for column_url in known.columns:
            index.setdefault(column_url, set()).add(url)
    return index


class DisclosureSpider(scrapy.Spider):
    name = "disclosure"
    custom_settings = {"HTTPERROR_ALLOW_ALL": True}

    def __init__(
        self,
        sites: str | None = None,
        only: str | None = None,
        state: str | None = None,
        full: bool | str = False,
        *args,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        if not sites:
            raise ValueError(
                "give the sites file: scrapy crawl disclosure -a sites=crawlers/sites/samples.toml"
            )
        ids = [s for s in (only or "").replace(",", " ").split() if s]
        self.profiles: dict[str, SiteProfile] = {
            p.id: p for p in load_profiles(sites, only=ids or None)
        }
        self.pages = Counter()  # requests scheduled per site
        self.columns_seen: set[tuple[str, str]] = set()
        self.checked: set[tuple[str, str]] = set()
        self.budget_warned: set[str] = set()
        self.fallen_back: set[tuple[str, str, str]] = set()
        self.found_sections: set[str] = set()
        self.stated: dict[tuple[str, str], int | None] = {}  # item count each column states
        # what earlier crawls knew (no line for a site: its first crawl); --full reads it only
        # to find what left the lists
        self.states: dict[str, SiteState] = read_states(state, self.profiles) if state else {}
        self.full = as_flag(full)
        self.column_items: dict[str, dict[str, set[str]]] = {
            site_id: column_index(st) for site_id, st in self.states.items()
        }
        self.walks: dict[tuple[str, str], ColumnWalk] = {}
        # per portal section, the path prefixes of the commission's pages (given, or found)
        self.scopes: dict[str, tuple[str, ...]] = {
            p.id: p.scope for p in self.profiles.values() if p.in_portal
        }
        self.rewalk_days = 28.0  # from the settings, in from_crawler
        self.recheck_days = 28.0
        self.started = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        self.extraction = ExtractionPool(0)  # in-process until from_crawler reads the settings
        # the run's identity and every site's outcome (crawlers/run.py): the crawler's CrawlRun
        # extension replaces this one before the first request
        self.run = CrawlRun(self.profiles)

    @property
    def outcomes(self) -> dict[str, SiteOutcome]:
        return self.run.outcomes

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        quiet_library_logs()
        settings = crawler.settings
        slots = dict(settings.getdict("DOWNLOAD_SLOTS"))
        local = all(p.is_local for p in spider.profiles.values())
        for p in spider.profiles.values():
            if p.is_local and not p.concurrency:  # the samples on 127.0.0.1: politeness off
                slots[p.id] = {
                    "concurrency": settings.getint("ZWGK_LOCAL_CONCURRENCY", 8),
                    "delay": 0,
                }
                continue
            delay = p.delay if p.delay is not None else settings.getfloat("DOWNLOAD_DELAY")
            if p.is_local and p.delay is None:
                delay = 0  # a local site asking for a concurrency only (bench/scale.py)
            slots[p.id] = {
                "concurrency": p.concurrency or settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN"),
                # Scrapy 2.19 holds a slot to its concurrency only when the slot has a delay
                # (with none, its queue is sent at once: 32 at a time measured against 2), so a
                # profile's `delay = 0` is kept at a millisecond
                "delay": max(delay, MIN_SLOT_DELAY),
            }
        settings.set("DOWNLOAD_SLOTS", slots, priority="spider")
        spider.rewalk_days = settings.getfloat("ZWGK_REWALK_DAYS", 28.0)
        spider.recheck_days = settings.getfloat("ZWGK_RECHECK_DAYS", 28.0)
        spider.extraction = ExtractionPool(
            workers_from_setting(settings.get("ZWGK_EXTRACT_WORKERS"))
        )
        crawler.signals.connect(spider.extraction.start, signal=signals.spider_opened)
        crawler.signals.connect(spider.stop_extraction, signal=signals.spider_closed)
        if local:  # the samples on 127.0.0.1: politeness off, as the issue asks
            settings.set("AUTOTHROTTLE_ENABLED", False, priority="spider")
        return spider

    def stop_extraction(self) -> None:
        self.extraction.stop()
        self.crawler.stats.set_value(
            "zwgk/pages_extracted_in_workers", self.extraction.pages_done_by_workers
        )

    # ----- request helpers ---------------------------------------------------------------
    def reachable(self, site: SiteProfile, url: str) -> bool:
        """An http(s) URL on the site's hosts: may be requested (a portal's directory pages,
        links checked)."""
        return site.reaches(url)

    def allowed(self, site: SiteProfile, url: str) -> bool:
        """The commission's own page: reachable, and inside its section when it lives in a
        portal (nothing is, before the section is found)."""
        return self.reachable(site, url) and site.in_scope(url, self.scopes.get(site.id))

    def allowed_for(self, site: SiteProfile):
        return lambda url: self.allowed(site, url)

    def follow(
        self,
        site: SiteProfile,
        url: str,
        callback,
        *,
        priority: int = 0,
        method: str = "GET",
        formdata: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
        dont_filter: bool = False,
        **meta,
    ) -> Iterator[scrapy.Request]:
        """Yields the request, counted against the site's page budget; nothing once the budget is
        spent. `formdata` makes it a POST form (Hanweb's dataproxy), `method="HEAD"` a check;
        `dont_filter` for a request whose answer something waits for (a walk's list page)."""
        if not self.reachable(site, url):
            self.logger.warning(
                "%s: %s is not requested: only http(s) URLs on the site's hosts %s are",
                site.id,
                url[:200],
                ", ".join(site.hosts),
            )
            return
        outcome = self.outcomes[site.id]
        if outcome.down:
            return  # the site stopped answering: ask it nothing more this run
        if self.pages[site.id] >= site.max_pages:
            outcome.budget_reached = True
            if site.id not in self.budget_warned:
                self.budget_warned.add(site.id)
                self.logger.warning(
                    "%s: page budget of %d reached; the rest is not crawled",
                    site.id,
                    site.max_pages,
                )
            return
        self.pages[site.id] += 1
        kwargs = {
            "callback": callback,
            "errback": self.failed,
            "priority": priority,
            "meta": {"site_id": site.id, "download_slot": site.id, **site.request_meta, **meta},
            "dont_filter": dont_filter,
        }
        if headers:
            kwargs["headers"] = headers
        if formdata is not None:
            yield scrapy.FormRequest(url, formdata=formdata, **kwargs)
        else:
            yield scrapy.Request(url, method=method, **kwargs)

    def canonical(self, site: SiteProfile, family: str | None, url: str) -> str:
        """The document's one URL: presentation-only parameters dropped (crawlers/urls.py)."""
        drop = site.drop_query + FAMILIES[family or "generic"].drop_params
        return canonical_url(url, drop)

    def site_of(self, response_or_failure) -> SiteProfile:
        return self.profiles[response_or_failure.meta["site_id"]]

    # ----- crawl steps -------------------------------------------------------------------
    async def start(self):
        for site in self.profiles.values():
            yield self.site_item(site, site.homepage)
            for request in self.entry_requests(site):  # an async generator cannot `yield from`
                yield request

    def site_item(self, site: SiteProfile, homepage: str) -> SiteItem:
        """The site's row; a commission inside a portal gets a second one once its section is
        found: its section's page is its homepage (what 首页更新 reads), not the portal's."""
        return SiteItem(
            site_id=site.id,
            name=site.name,
            homepage=homepage,
            level=site.level,
            region=site.region,
            family=site.family,
            verified=site.verified,
            as_of=site.as_of,
        )

    def entry_requests(self, site: SiteProfile) -> Iterator[scrapy.Request]:
        """The profile's columns if it names them, else the homepage to discover them from; with
        a known state, also what an earlier crawl left unread and the links due a re-check. A
        commission in a portal is first looked for in the portal's department directory."""
        if site.in_portal and not site.columns and site.homepage == site.portal:
            yield from self.follow(site, site.portal, self.parse_portal, depth_left=PORTAL_DEPTH)
        elif not site.columns:
            yield from self.follow(
                site,
                site.homepage,
                self.parse_directory,
                depth_left=DIRECTORY_DEPTH,
                discovered_from="homepage",
            )
        for name, url in site.columns.items():
            if not self.allowed(site, url):
                self.logger.warning(
                    "%s: column %s is outside the section %s", site.id, url, site.scope
                )
                continue
            yield from self.follow(
                site,
                url,
                self.parse_column,
                column_name=name,
                column_kind=column_kind(name) or "other",
                discovered_from="profile",
            )
        state = self.states.get(site.id)
        if state is not None and not self.full:
            yield from self.unread_documents(site, state)
            yield from self.due_checks(site, state)

    def unread_documents(self, site: SiteProfile, state: SiteState) -> Iterator[scrapy.Request]:
        """Documents an earlier crawl listed but never read (it was killed, or the page failed):
        fetched now, whether or not this crawl's walks reach their list page again."""
        for url, known in state.documents.items():
            if known.fetched or known.dead or not known.columns or not self.allowed(site, url):
                continue
            listed_in = state.columns.get(known.columns[0])
            column = {
                "column_url": known.columns[0],
                "column_name": listed_in.name if listed_in else "",
                "column_kind": listed_in.kind if listed_in else None,
            }
            # what its list row said, as when the list page is read
            entry = ListingEntry(
                item_url=url,
                linked_url=known.linked_url or url,
                title=known.title or "",
                list_date=known.list_date,
                list_doc_no=known.doc_no,
                list_written=known.written,
            )
            self.outcomes[site.id].resumed += 1
            yield from self.follow(
                site,
                entry.linked_url,
                self.parse_detail,
                column=column,
                found_on=known.list_page or known.columns[0],
                entry=entry,
                resumed=True,
                priority=1,
            )

    def due_checks(self, site: SiteProfile, state: SiteState) -> Iterator[scrapy.Request]:
        """Links whose check is due: each within ZWGK_RECHECK_DAYS (the pages they sit on are
        not fetched again while unchanged, so they are checked here), at once when the last
        check got no answer or never happened."""
        for url, check in state.checks.items():
            if not check_due(check, self.recheck_days, url, self.started):
                continue
            if (site.id, url) in self.checked or not self.reachable(site, url):
                continue
            known = state.documents.get(url)
            if known and not (known.fetched or known.dead):
                continue  # asked for as an unread document (unread_documents)
            self.checked.add((site.id, url))
            yield from self.follow(
                site, url, self.parse_check, method="HEAD", found_on=check.found_on, priority=-1
            )

    def parse_portal(self, response: Response):
        """A page of the portal the commission lives in: its section's link if the page has one
        (then the section is read as the commission's homepage), else the roads toward the
        department directory, to a bounded depth."""
        site = self.site_of(response)
        if site.id in self.found_sections:
            return
        if dead := self.dead_end(site, response, response.meta.get("found_on", "portal")):
            yield dead
            return
        found, why = find_section(response.text, response.url, site.name, site.reaches, site.scope)
        if why:
            self.outcomes[site.id].entry_error = why
        if found is not None:
            self.found_sections.add(site.id)
            self.scopes[site.id] = found.scope
            self.logger.info(
                "%s: %s is at %s on the portal (scope %s)",
                site.id,
                site.name,
                found.url,
                found.scope,
            )
            yield self.site_item(site, found.url)
            yield from self.follow(
                site,
                found.url,
                self.parse_directory,
                depth_left=DIRECTORY_DEPTH,
                discovered_from="portal",
                priority=10,
            )
            return
        depth_left = response.meta["depth_left"]
        if depth_left <= 0:
            return
        for link in directory_links(response.text, response.url, site.reaches)[
            :MAX_DIRECTORY_LINKS
        ]:
            yield from self.follow(
                site,
                link.url,
                self.parse_portal,
                depth_left=depth_left - 1,
                found_on=response.url,
                priority=10,
            )

    def parse_directory(self, response: Response):
        """Homepage or 公开目录 page: follow entry links, request every link that names a column."""
        site = self.site_of(response)
        if dead := self.dead_end(site, response, response.meta["discovered_from"]):
            yield dead
            return
        depth_left = response.meta["depth_left"]
        if response.meta["discovered_from"] == "homepage":
            yield from self.homepage_listing(site, response, site.homepage)
        elif response.meta["discovered_from"] == "portal":  # the section's page: its homepage
            yield from self.homepage_listing(site, response, response.request.url)
        for link in column_links(
            response.text,
            response.url,
            self.allowed_for(site),
            directory=response.meta["discovered_from"] != "homepage",
        ):
            if link.entry and depth_left > 0:
                yield from self.follow(
                    site,
                    link.url,
                    self.parse_directory,
                    depth_left=depth_left - 1,
                    discovered_from=response.url,
                    priority=10,
                )
            elif link.kind:
                yield from self.follow_column(site, link, response.url, link.department)

    def homepage_listing(
        self, site: SiteProfile, response: Response, homepage: str
    ) -> Iterator[ListingItem]:
        """The dated items the homepage shows (its 最新动态): the homepage-updated check reads
        them. Stored as listings under the profile's homepage URL; not fetched from here."""
        page = FAMILIES["generic"].parse_list(response.url, response.text)
        entries = self.own_entries(site, self.listing_entries(site, None, page.items))
        if entries:
            yield ListingItem(site.id, homepage, response.url, entries)

    def parse_column(self, response: Response):
        """A candidate column: keep it if it is a list page, then walk its items and pages."""
        site = self.site_of(response)
        if dead := self.dead_end(site, response, response.meta["discovered_from"]):
            yield dead
            return
        family = detect(response.url, response.text, site.family)
        page = family.parse_list(response.url, response.text, first=True)
        if not page.is_list:
            self.logger.debug(
                "%s: %s (%s) is not a list page",
                site.id,
                response.url,
                response.meta["column_name"],
            )
            yield from self.subcolumns(site, response)
            return
        column = {
            "column_url": response.url,
            "column_name": response.meta["column_name"],
            "column_kind": response.meta["column_kind"],
            "department": response.meta.get("department"),
            "discovered_from": response.meta["discovered_from"],
            "family": family.name,
        }
        yield self.column_item(site, column, page.stated_total)
        walk = self.start_walk(site, column)
        walk.asked.add(walk.key(PageRequest(response.url)))  # the first page, read already
        yield from self.walk_list(site, response, page, walk)

    def subcolumns(self, site: SiteProfile, response: Response) -> Iterator[scrapy.Request]:
        """A column page that is no list may be a level of the directory: its columns, to a
        bounded depth, under the parent's department."""
        depth = response.meta.get("sub_depth", SUBCOLUMN_DEPTH)
        if depth <= 0:
            return
        for link in column_links(
            response.text, response.url, self.allowed_for(site), directory=True
        ):
            if link.kind and not link.entry:
                department = link.department or response.meta.get("department")
                yield from self.follow_column(
                    site, link, response.url, department, sub_depth=depth - 1
                )

    def follow_column(
        self, site: SiteProfile, link, found_on: str, department: str | None, **meta
    ) -> Iterator[scrapy.Request]:
        """The request for a column the directory lists: once per site and URL."""
        if (site.id, link.url) in self.columns_seen:
            return
        self.columns_seen.add((site.id, link.url))
        yield from self.follow(
            site,
            link.url,
            self.parse_column,
            column_name=link.name,
            column_kind=link.kind,
            department=department,
            discovered_from=found_on,
            priority=5,
            **meta,
        )

    def start_walk(self, site: SiteProfile, column: dict) -> ColumnWalk:
        """The column's walk: incremental when an earlier crawl walked it all and its next full
        walk is not yet due (each column within ZWGK_REWALK_DAYS)."""
        url = column["column_url"]
        state = self.states.get(site.id)
        known = state.columns.get(url) if state else None
        incremental = (
            not self.full
            and known is not None
            and not known.interrupted
            and not due(known.walked_at, self.rewalk_days, url, self.started)
        )
        walk = ColumnWalk(
            column,
            known_items=self.column_items.get(site.id, {}).get(url, set()),
            stated_before=known.stated if known else None,
            incremental=incremental,
        )
        self.walks[(site.id, url)] = walk
        return walk

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
        if page.stated_total is not None and self.stated.get(key) != page.stated_total:
            # stated by a later page only (a JSON API's total)
            yield self.column_item(site, column, page.stated_total)
        yield from self.walk_list(site, response, page, walk)

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
        )

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
        walk.add_pages(request.meta["fallback"], first=True)
        yield from self.next_list_page(site, walk)

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

    def end_walk(self, site: SiteProfile, walk: ColumnWalk):
        """The walk's record; after a walk of every page, the known items it did not see are
        asked for once: a page that answers 404 is a removed document."""
        if walk.done:
            return
        walk.done = True
        yield ColumnWalkItem(
            site_id=site.id,
            column_url=walk.column["column_url"],
            walked_at=utc_now(),
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

    def walk_list(self, site: SiteProfile, response: Response, page, walk: ColumnWalk):
        """A list page read: its rows stored, the documents that need it fetched, and the next
        page asked for if the walk calls for it."""
        # one item per list page, not per entry: Scrapy's per-item cost is not small.
        # An entry on another host (a WeChat article, the city portal) is listed, so it counts
        # as an update of the column, but it is not fetched.
        column = walk.column
        entries = self.listing_entries(site, column["family"], page.items)
        entries = self.own_entries(site, entries)
        state = self.states.get(site.id)
        known_docs = state.documents if state else {}
        new = [e.item_url not in known_docs for e in entries]
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

    async def parse_detail(self, response: Response):
        site = self.site_of(response)
        meta = response.meta
        column = meta["column"]
        if response.status == 304:  # fetched conditionally: the page has not changed
            self.outcomes[site.id].unchanged += 1
            return
        if dead := self.dead_end(site, response, meta["found_on"]):
            yield dead
            if meta.get("gone_from_list") and dead.outcome == "dead":
                yield RemovedItem(site.id, dead.url, column["column_url"], dead.status, utc_now())
            return
        family = detect(response.url, response.text, site.family)
        page = await self.extraction.extract(response.text, response.url, family.body_hints)
        entry: ListingEntry | None = meta.get("entry")
        url = entry.item_url if entry else self.canonical(site, family.name, response.url)
        self.outcomes[site.id].documents += 1
        for link in page["links"]:
            linked = link["to_url"]
            link["to_url"] = self.canonical(site, family.name, linked)
            link["linked_url"] = linked if linked != link["to_url"] else None
        yield DocumentItem(
            site_id=site.id,
            url=url,
            page=page,
            fetched_at=utc_now(),
            column_name=column["column_name"],
            column_kind=column["column_kind"],
            column_url=column["column_url"],
            linked_url=response.url if response.url != url else None,
            found_on=meta["found_on"],
            list_date=entry.list_date if entry else None,
            list_title=entry.title if entry else None,
            list_doc_no=entry.list_doc_no if entry else None,
            list_written=entry.list_written if entry else None,
            status=response.status,
            encoding=meta.get("zwgk_encoding", getattr(response, "encoding", None)),
            charset_mismatch=meta.get("zwgk_charset_mismatch", False),
            family=family.name,
            content_hash=hashlib.sha1(response.body).hexdigest(),
            etag=header_text(response, b"ETag"),
            last_modified=header_text(response, b"Last-Modified"),
            capture=meta.get("zwgk_capture"),
        )
        for link in page["links"]:
            to_url = link["to_url"]
            if link["relation"] not in CHECK_RELATIONS or (site.id, to_url) in self.checked:
                continue
            if not self.reachable(site, to_url):
                continue
            self.checked.add((site.id, to_url))
            # an async generator cannot `yield from`
            for check in self.follow(
                site, to_url, self.parse_check, method="HEAD", found_on=response.url, priority=-1
            ):
                yield check

    def parse_check(self, response: Response):
        """HEAD first; a server that refuses HEAD gets one GET before the link is called dead."""
        site = self.site_of(response)
        if response.request.method == "HEAD" and response.status in (403, 405, 501):
            yield response.request.replace(method="GET", dont_filter=True)
            return
        found_on = response.meta["found_on"]
        yield self.dead_end(site, response, found_on) or self.link_check(
            site, response.url, found_on, response.status, capture=response.meta.get("zwgk_capture")
        )

    def dead_end(
        self, site: SiteProfile, response: Response, found_on: str
    ) -> LinkCheckItem | None:
        """The link_check row of a response that is no page (HTTP ≥ 400, a redirect loop, a
        firewall's block page), else None, and the page counted. A loop is recorded under the
        URL the link pointed to, with the chain as the error."""
        counts = self.outcomes[site.id]
        capture = response.meta.get("zwgk_capture")
        loop = response.meta.get("zwgk_redirect_loop")
        if loop:
            error = "redirect loop: " + " → ".join(loop)
            return self.link_check(
                site, loop[0], found_on, response.status, error[:500], "dead", capture
            )
        if 300 <= response.status < 400:
            # a redirect Scrapy did not follow: its target is not http(s) (file://, javascript:)
            target = response.headers.get("Location", b"").decode("latin-1")[:300]
            error = f"redirect to {target} not followed: only http(s) URLs are fetched"
            return self.link_check(
                site, response.url, found_on, response.status, error, "refused", capture
            )
        text = response.text if isinstance(response, TextResponse) else None
        if waf_block(response.status, text):
            error = f"HTTP {response.status}: a firewall's block page, not the page"
            counts.failed(response.url, "blocked", error, 0)
            return self.link_check(
                site, response.url, found_on, response.status, error, "blocked", capture
            )
        if response.status >= 400:
            outcome = response_outcome(response.status)
            if response.meta.get("discovered_from") == "homepage":
                counts.entry_error = f"the homepage {response.url} answered HTTP {response.status}"
            if outcome == "unreachable":  # 503 and the like: the server, not the page
                counts.failed(
                    response.url,
                    outcome,
                    f"HTTP {response.status}",
                    0,  # its retries were counted when the response arrived
                )
            return self.link_check(
                site, response.url, found_on, response.status, None, outcome, capture
            )
        counts.page()
        return None

    def link_check(
        self,
        site: SiteProfile,
        url: str,
        found_on: str,
        status: int | None,
        error: str | None = None,
        outcome: str | None = None,
        capture: tuple[str, int] | None = None,
    ) -> LinkCheckItem:
        return LinkCheckItem(
            site_id=site.id,
            url=url,
            found_on=found_on,
            status=status,
            error=error,
            outcome=outcome or response_outcome(status),
            checked_at=utc_now(),
            capture=capture,
        )

    def failed(self, failure):
        """Network errors, timeouts, oversize pages, robots refusals: recorded as data with their
        outcome (crawlers/outcomes.py); only a refusal by the server itself is a dead link."""
        request = failure.request
        site = self.profiles.get(request.meta.get("site_id"))
        if site is None:
            return None
        found_on = request.meta.get("found_on") or request.meta.get("discovered_from") or ""
        error = f"{failure.type.__name__}: {failure.getErrorMessage()}"[:500]
        outcome = failure_outcome(failure)
        # recorded under the URL the link pointed to; where the redirects ended goes in the error
        redirects = request.meta.get("redirect_urls")
        if redirects:
            error = f"{error} (after {len(redirects)} redirects, at {request.url})"[:500]
        url = redirects[0] if redirects else request.url
        if request.meta.get("fallback") and outcome != "robots":
            # a paging mechanism gave way: the next one is asked; not a dead link
            self.walks[(site.id, request.meta["column"]["column_url"])].answered()
            gave_way = self.link_check(site, url, found_on, None, error, outcome)
            return list(self.fall_back(site, request, gave_way))
        walk_on = []
        if request.callback == self.parse_list_page:  # the walk goes on past a failed page
            walk = self.walks[(site.id, request.meta["column"]["column_url"])]
            walk.answered(failed=True)
            walk_on = list(self.next_list_page(site, walk))
        self.outcomes[site.id].failed(url, outcome, error, request.meta.get("retry_times", 0))
        if request.meta.get("discovered_from") == "homepage":
            self.outcomes[site.id].entry_error = f"the homepage {url} could not be fetched: {error}"
        if outcome == "robots":
            self.logger.info("%s: %s not fetched: %s", site.id, request.url, error)
        else:
            self.logger.info("%s: %s failed (%s): %s", site.id, request.url, outcome, error)
        return [self.link_check(site, url, found_on, None, error, outcome), *walk_on]
