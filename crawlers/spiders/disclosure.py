"""The one generic spider: homepage → 政务公开 entry → columns → every list page → every document.

Site knowledge comes from profiles (crawlers/sites/*.toml) and family mechanisms
(crawlers/families); this spider only walks. It yields the items of crawlers/items.py; pipelines normalise and store them.

Given the sites' known state (crawlers/state.py) the crawl is incremental: each column's list is
walked only as far as it shows something new (crawlers/walk.py), a document is fetched only when
it is new, its list row changed (then conditionally: ETag / Last-Modified), or an earlier crawl
listed it without reading it; links of unchanged pages are re-checked on a rotation.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterator

import scrapy
from scrapy import signals
from scrapy.http import Response

from crawlers.discovery import DIRECTORY_DEPTH, PORTAL_DEPTH, DiscoverySteps
from crawlers.extract.labels import column_kind
from crawlers.extract.pool import ExtractionPool, workers_from_setting
from crawlers.families import FAMILIES, detect
from crawlers.items import DocumentItem, ListingEntry, RemovedItem, SiteItem
from crawlers.logformatter import quiet_library_logs
from crawlers.outcomes import ResponseChecks, SiteOutcome, failure_outcome
from crawlers.profiles import SiteProfile, load_profiles
from crawlers.run import CrawlRun
from crawlers.state import SiteState, check_due, read_states
from crawlers.status import utc_now, utc_now_text
from crawlers.urls import canonical_url
from crawlers.walk import ColumnWalk, WalkSteps

CHECK_RELATIONS = ("attachment", "image")


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


class DisclosureSpider(DiscoverySteps, WalkSteps, ResponseChecks, scrapy.Spider):
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
        self.started = utc_now()
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
                # held to it with no delay too (crawlers.throttle.SlotBoundDownloader)
                "concurrency": p.concurrency or settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN"),
                "delay": delay,
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
            "zwgk/pages_extracted_in_workers", self.extraction.done_by_workers
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
            yield from self.column_requests(
                site,
                url,
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
                yield RemovedItem(
                    site.id, dead.url, column["column_url"], dead.status, utc_now_text()
                )
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
            fetched_at=utc_now_text(),
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
