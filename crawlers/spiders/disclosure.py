"""The one generic spider: homepage → 政务公开 entry → columns → every list page → every document.

Site knowledge comes from profiles (crawlers/sites/*.toml) and family mechanisms
(crawlers/families); this spider only walks. It yields plain dict items, each with `item_type`:
site, column, listing, document, link_check. Pipelines normalise and store them.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.http import Response, TextResponse

from crawlers.directory import column_links
from crawlers.extract.labels import column_kind
from crawlers.extract.pool import ExtractionPool, workers_from_setting
from crawlers.families import FAMILIES, detect
from crawlers.items import (
    ColumnItem,
    DocumentItem,
    LinkCheckItem,
    ListingEntry,
    ListingItem,
    SiteItem,
)
from crawlers.logformatter import quiet_library_logs
from crawlers.outcomes import SiteOutcome, failure_outcome, response_outcome, waf_block
from crawlers.profiles import SiteProfile, load_profiles
from crawlers.urls import canonical_url

DIRECTORY_DEPTH = 2  # homepage → 政务公开 → 公开目录
SUBCOLUMN_DEPTH = 2  # a column whose page lists sub-columns, and theirs: no deeper
MAX_LIST_PAGES = 2000  # per column: a list that pages on past this is a trap
CHECK_RELATIONS = ("attachment", "image")


def utc_now() -> str:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(timespec="seconds")


class DisclosureSpider(scrapy.Spider):
    name = "disclosure"
    custom_settings = {"HTTPERROR_ALLOW_ALL": True}

    def __init__(self, sites: str | None = None, only: str | None = None, *args, **kwargs):
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
        self.list_pages: dict[tuple[str, str], set[str]] = {}  # list page URLs per column
        self.budget_warned: set[str] = set()
        self.fallen_back: set[tuple[str, str, str]] = set()
        self.stated: dict[tuple[str, str], int | None] = {}  # item count each column states
        self.extraction = ExtractionPool(0)  # in-process until from_crawler reads the settings
        self.outcomes = {
            p.id: SiteOutcome(p.id, columns_from_profile=bool(p.columns))
            for p in self.profiles.values()
        }

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        quiet_library_logs()
        settings = crawler.settings
        slots = dict(settings.getdict("DOWNLOAD_SLOTS"))
        local = all(p.is_local for p in spider.profiles.values())
        for p in spider.profiles.values():
            if p.is_local:
                slots[p.id] = {
                    "concurrency": settings.getint("ZWGK_LOCAL_CONCURRENCY", 8),
                    "delay": 0,
                }
            else:
                slots[p.id] = {
                    "concurrency": p.concurrency
                    or settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN"),
                    "delay": p.delay
                    if p.delay is not None
                    else settings.getfloat("DOWNLOAD_DELAY"),
                }
        settings.set("DOWNLOAD_SLOTS", slots, priority="spider")
        spider.extraction = ExtractionPool(
            workers_from_setting(settings.get("ZWGK_EXTRACT_WORKERS"))
        )
        crawler.signals.connect(spider.extraction.start, signal=signals.spider_opened)
        crawler.signals.connect(spider.stop_extraction, signal=signals.spider_closed)
        crawler.signals.connect(spider.answered, signal=signals.response_received)
        if local:  # the samples on 127.0.0.1: politeness off, as the issue asks
            settings.set("AUTOTHROTTLE_ENABLED", False, priority="spider")
        return spider

    def stop_extraction(self) -> None:
        self.extraction.stop()
        self.crawler.stats.set_value(
            "zwgk/pages_extracted_in_workers", self.extraction.pages_done_by_workers
        )

    def answered(self, response: Response, request, spider=None) -> None:
        """Every response of a site's own requests (robots.txt's have no site) is counted."""
        outcome = self.outcomes.get(request.meta.get("site_id"))
        if outcome is not None:
            outcome.answered(response.status, request.meta.get("retry_times", 0))

    # ----- request helpers ---------------------------------------------------------------
    def allowed(self, site: SiteProfile, url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme in ("http", "https") and (parts.hostname or "") in site.hosts

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
        **meta,
    ) -> Iterator[scrapy.Request]:
        """Yields the request, counted against the site's page budget; nothing once the budget is
        spent. `formdata` makes it a POST form (Hanweb's dataproxy), `method="HEAD"` a check."""
        if not self.allowed(site, url):
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
        }
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
            yield SiteItem(
                site_id=site.id,
                name=site.name,
                homepage=site.homepage,
                level=site.level,
                region=site.region,
                family=site.family,
                verified=site.verified,
                as_of=site.as_of,
            )
            for request in self.entry_requests(site):  # an async generator cannot `yield from`
                yield request

    def entry_requests(self, site: SiteProfile) -> Iterator[scrapy.Request]:
        """The profile's columns if it names them, else the homepage to discover them from."""
        if not site.columns:
            yield from self.follow(
                site,
                site.homepage,
                self.parse_directory,
                depth_left=DIRECTORY_DEPTH,
                discovered_from="homepage",
            )
        for name, url in site.columns.items():
            yield from self.follow(
                site,
                url,
                self.parse_column,
                column_name=name,
                column_kind=column_kind(name) or "other",
                discovered_from="profile",
            )

    def parse_directory(self, response: Response):
        """Homepage or 公开目录 page: follow entry links, request every link that names a column."""
        site = self.site_of(response)
        if dead := self.dead_end(site, response, response.meta["discovered_from"]):
            yield dead
            return
        depth_left = response.meta["depth_left"]
        if response.meta["discovered_from"] == "homepage":
            yield from self.homepage_listing(site, response)
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

    def homepage_listing(self, site: SiteProfile, response: Response) -> Iterator[ListingItem]:
        """The dated items the homepage shows (its 最新动态): the homepage-updated check reads
        them. Stored as listings under the profile's homepage URL; not fetched from here."""
        page = FAMILIES["generic"].parse_list(response.url, response.text)
        entries = self.listing_entries(site, None, page.items)
        if entries:
            yield ListingItem(site.id, site.homepage, response.url, entries)

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
        yield from self.walk_list(site, response, page, column)

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

    def parse_list_page(self, response: Response):
        site = self.site_of(response)
        column = response.meta["column"]
        if dead := self.dead_end(site, response, column["column_url"]):
            if response.meta.get("fallback"):  # a paging mechanism gave way: not a dead link
                yield from self.fall_back(site, response.request, dead)
                return
            yield dead
            return
        family = FAMILIES[column["family"]]
        page = family.parse_list(response.url, response.text, first=False)
        key = (site.id, column["column_url"])
        if page.stated_total is not None and self.stated.get(key) != page.stated_total:
            # stated by a later page only (a JSON API's total)
            yield self.column_item(site, column, page.stated_total)
        yield from self.walk_list(site, response, page, column)

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
    ) -> Iterator[scrapy.Request]:
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
        yield from self.list_requests(site, request.meta["fallback"], column)

    def list_requests(self, site: SiteProfile, pages, column: dict) -> Iterator[scrapy.Request]:
        """Requests for further list pages of a column, each page once, at most MAX_LIST_PAGES."""
        asked = self.list_pages.setdefault((site.id, column["column_url"]), set())
        for more in pages:
            key = (more.url, tuple(sorted((more.formdata or {}).items())))
            if key in asked or len(asked) >= MAX_LIST_PAGES or not self.allowed(site, more.url):
                continue
            asked.add(key)
            yield from self.follow(
                site,
                more.url,
                self.parse_list_page,
                formdata=more.formdata,
                column=column,
                fallback=more.fallback,
                priority=3,
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

    def walk_list(self, site: SiteProfile, response: Response, page, column: dict):
        # one item per list page, not per entry: Scrapy's per-item cost is not small.
        # An entry on another host (a WeChat article, the city portal) is listed, so it counts
        # as an update of the column, but it is not fetched.
        entries = self.listing_entries(site, column["family"], page.items)
        if entries:
            self.outcomes[site.id].listed += len(entries)
            yield ListingItem(site.id, column["column_url"], response.url, entries)
        for entry in entries:
            if not self.allowed(site, entry.item_url):
                continue
            yield from self.follow(
                site,
                entry.linked_url,
                self.parse_detail,
                column=column,
                found_on=response.url,
                entry=entry,
                priority=1,
            )
        yield from self.list_requests(site, page.more, column)

    async def parse_detail(self, response: Response):
        site = self.site_of(response)
        meta = response.meta
        column = meta["column"]
        if dead := self.dead_end(site, response, meta["found_on"]):
            yield dead
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
        )
        for link in page["links"]:
            to_url = link["to_url"]
            if link["relation"] not in CHECK_RELATIONS or (site.id, to_url) in self.checked:
                continue
            if not self.allowed(site, to_url):
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
            site, response.url, found_on, response.status
        )

    def dead_end(
        self, site: SiteProfile, response: Response, found_on: str
    ) -> LinkCheckItem | None:
        """The link_check row of a response that is no page (HTTP ≥ 400, a redirect loop, a
        firewall's block page), else None, and the page counted. A loop is recorded under the
        URL the link pointed to, with the chain as the error."""
        counts = self.outcomes[site.id]
        loop = response.meta.get("zwgk_redirect_loop")
        if loop:
            error = "redirect loop: " + " → ".join(loop)
            return self.link_check(site, loop[0], found_on, response.status, error[:500], "dead")
        if 300 <= response.status < 400:
            # a redirect Scrapy did not follow: its target is not http(s) (file://, javascript:)
            target = response.headers.get("Location", b"").decode("latin-1")[:300]
            error = f"redirect to {target} not followed: only http(s) URLs are fetched"
            return self.link_check(site, response.url, found_on, response.status, error, "refused")
        text = response.text if isinstance(response, TextResponse) else None
        if waf_block(response.status, text):
            error = f"HTTP {response.status}: a firewall's block page, not the page"
            counts.failed(response.url, "blocked", error, 0)
            return self.link_check(site, response.url, found_on, response.status, error, "blocked")
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
            return self.link_check(site, response.url, found_on, response.status, None, outcome)
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
    ) -> LinkCheckItem:
        return LinkCheckItem(
            site_id=site.id,
            url=url,
            found_on=found_on,
            status=status,
            error=error,
            outcome=outcome or response_outcome(status),
            checked_at=utc_now(),
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
            gave_way = self.link_check(site, url, found_on, None, error, outcome)
            return list(self.fall_back(site, request, gave_way))
        self.outcomes[site.id].failed(url, outcome, error, request.meta.get("retry_times", 0))
        if request.meta.get("discovered_from") == "homepage":
            self.outcomes[site.id].entry_error = f"the homepage {url} could not be fetched: {error}"
        if outcome == "robots":
            self.logger.info("%s: %s not fetched: %s", site.id, request.url, error)
            return self.link_check(site, url, found_on, None, error, outcome)
        self.logger.info("%s: %s failed (%s): %s", site.id, request.url, outcome, error)
        return self.link_check(site, url, found_on, None, error, outcome)
