"""First contact: every site of a sites file visited once, politely, to learn what a crawl of it
would meet. Per site: does the homepage answer, does it send us to another host, which CMS family
its pages look like, where its 政务公开 entry is and which columns that page lists; for a
commission inside a portal, where its section is. A site that refuses is named with the reason.

One request at a time per site (robots.txt obeyed), never to a host the sites file does not
name: a redirect to another host is recorded, not followed. Results are `ContactResult`s on the
spider (`results`); `zwgk sites check` writes them to the CSV and the registry.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from urllib.parse import urljoin

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response, TextResponse

from crawlers.directory import column_links
from crawlers.extract.detail import parse_html
from crawlers.families import detect
from crawlers.outcomes import waf_block
from crawlers.profiles import SiteProfile, load_profiles
from crawlers.sections import directory_links, find_section
from crawlers.status import utc_now_text

MAX_SAME_HOST_REDIRECTS = 5
JS_ONLY_TEXT = 80  # visible characters below which a page with scripts is only JavaScript
PORTAL_DEPTH = 3
# what each refusal would need before a crawl can read the site
NEEDS = {
    "waf": "the site's firewall blocks the crawler: ask the operator to let the assessment's "
    "address and User-Agent through, or crawl from a network it accepts",
    "forbidden": "HTTP 403 to the crawler: ask the operator to allow its User-Agent",
    "robots": "robots.txt forbids the homepage: the operator's permission, or columns named by "
    "hand where robots.txt allows",
    "javascript": "the page is built by JavaScript: a browser-driven crawl, or the list API its "
    "scripts call named in the profile",
    "redirect": "the homepage moved to another host: check the new address and put it in the "
    "profile (homepage, or allow_hosts)",
    "dead": "no answer: check the address in the register; if it is right, try again later",
    "gone": "the homepage answers an error: check the address in the register",
    "no_entry": "no 政务公开 entry found: name the columns in the profile",
    "no_section": "the commission's section was not found in the portal: give its homepage "
    "and scope in the profile",
}


@dataclass
class ContactResult:
    site_id: str
    name: str
    url: str  # what was asked for: the homepage, or the portal
    checked_at: str
    result: str = ""  # ok, redirected, refused, dead
    reason: str = ""  # the refusal's key in NEEDS, or ""
    status: int | None = None
    final_url: str = ""
    redirected_to: str = ""  # another host's URL, not followed
    family: str = ""
    entry: str = ""  # the 政务公开 entry's URL, or the section's page for a portal
    scope: tuple[str, ...] = ()
    columns: list[str] = field(default_factory=list)  # names the entry page lists
    detail: str = ""

    @property
    def needs(self) -> str:
        return NEEDS.get(self.reason, "")


def page_family(url: str, text: str) -> str:
    """The family whose markers the page shows; '' when only the generic one reads it."""
    name = detect(url, text).name
    return "" if name == "generic" else name


def only_javascript(text: str) -> bool:
    if "<script" not in text.lower():
        return False
    texts = parse_html(text).xpath(
        "//body//text()[not(ancestor::script or ancestor::style or ancestor::noscript)]"
    )
    visible = re.sub(r"\s+", "", "".join(texts))
    return len(visible) < JS_ONLY_TEXT


class FirstContactSpider(scrapy.Spider):
    name = "first_contact"
    custom_settings = {
        "HTTPERROR_ALLOW_ALL": True,
        "REDIRECT_ENABLED": False,  # redirects are read here: another host is never visited
        "ITEM_PIPELINES": {},
        "EXTENSIONS": {},
        "RETRY_TIMES": 1,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
        "AUTOTHROTTLE_ENABLED": False,
        "DOWNLOADER_MIDDLEWARES": {
            "crawlers.middlewares.ScopeMiddleware": 50,
            "crawlers.middlewares.EncodingFixMiddleware": 580,
        },
    }

    def __init__(self, sites: str | None = None, only: str | None = None, progress=False, **kw):
        super().__init__(**kw)
        ids = [s for s in (only or "").replace(",", " ").split() if s]
        self.profiles: dict[str, SiteProfile] = {
            p.id: p for p in load_profiles(sites, only=ids or None)
        }
        self.results: dict[str, ContactResult] = {}
        self.done: set[str] = set()
        self.roads: dict[str, int] = {}  # per portal site, directory pages still to answer
        self.progress = str(progress).lower() in ("1", "true", "yes")

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        slots = {}
        for p in spider.profiles.values():
            delay = (
                0
                if p.is_local
                else (p.delay if p.delay is not None else settings.getfloat("DOWNLOAD_DELAY"))
            )
            slots[p.id] = {"concurrency": 1, "delay": delay}
        settings.set("DOWNLOAD_SLOTS", slots, priority="spider")
        return spider

    # ----- helpers ------------------------------------------------------------------------
    def request(self, site: SiteProfile, url: str, callback, **meta) -> scrapy.Request:
        return scrapy.Request(
            url,
            callback=callback,
            errback=self.failed,
            dont_filter=True,
            meta={"site_id": site.id, "download_slot": site.id, **site.request_meta, **meta},
        )

    def finish(self, result: ContactResult) -> None:
        if result.site_id in self.done:
            return
        self.done.add(result.site_id)
        if self.progress:
            n, total = len(self.done), len(self.profiles)
            bar = "#" * (30 * n // total)
            sys.stderr.write(f"\r[{bar:<30}] {n}/{total} sites checked")
            if n == total:
                sys.stderr.write("\n")
            sys.stderr.flush()

    def refuse(self, result: ContactResult, outcome: str, reason: str, detail: str) -> None:
        result.result, result.reason, result.detail = outcome, reason, detail[:300]
        self.finish(result)

    # ----- steps --------------------------------------------------------------------------
    async def start(self):
        for site in self.profiles.values():
            url = site.portal if site.in_portal else site.homepage
            self.results[site.id] = ContactResult(site.id, site.name, url, utc_now_text())
            self.roads[site.id] = 1  # a portal's pages still to answer: its homepage
            yield self.request(site, url, self.parse_home, hops=0, depth_left=PORTAL_DEPTH)

    def answered(self, response: Response):
        """(site, result, text) for a page; a request for a redirect on the same host; or None
        after recording why there is no page (a refusal, a redirect elsewhere, an error)."""
        site = self.profiles[response.meta["site_id"]]
        result = self.results[site.id]
        result.status, result.final_url = response.status, response.url
        if 300 <= response.status < 400 and b"Location" in response.headers:
            target = urljoin(response.url, response.headers[b"Location"].decode("latin-1"))
            if not site.reaches(target):
                result.redirected_to = target
                self.refuse(result, "redirected", "redirect", f"HTTP {response.status} → {target}")
                return None
            if response.meta["hops"] >= MAX_SAME_HOST_REDIRECTS:
                self.refuse(
                    result, "dead", "gone", f"more than {MAX_SAME_HOST_REDIRECTS} redirects"
                )
                return None
            meta = {k: response.meta[k] for k in ("depth_left",) if k in response.meta}
            hops = response.meta["hops"] + 1
            return self.request(site, target, response.request.callback, hops=hops, **meta)
        text = response.text if isinstance(response, TextResponse) else None
        if waf_block(response.status, text):
            self.refuse(result, "refused", "waf", f"HTTP {response.status}: a firewall's page")
            return None
        if response.status == 403:
            self.refuse(result, "refused", "forbidden", "HTTP 403")
            return None
        if response.status >= 400:
            self.refuse(result, "dead", "gone", f"HTTP {response.status}")
            return None
        if text is None:
            self.refuse(
                result,
                "dead",
                "gone",
                f"not a web page ({response.headers.get(b'Content-Type', b'')!r})",
            )
            return None
        if only_javascript(text):
            self.refuse(
                result, "refused", "javascript", "the page shows nothing without its scripts"
            )
            return None
        return site, result, text

    def parse_home(self, response: Response):
        seen = self.answered(response)
        if isinstance(seen, scrapy.Request):
            yield seen
            return
        if seen is None:
            return
        site, result, text = seen
        result.family = result.family or page_family(response.url, text)
        if site.in_portal:
            yield from self.look_for_section(site, result, response, text)
            return
        links = column_links(text, response.url, site.reaches, directory=False)
        entry = next((link for link in links if link.entry), None)
        result.columns = [link.name for link in links if link.kind]
        if entry is None:
            result.result = "ok"
            result.reason = "" if result.columns else "no_entry"
            self.finish(result)
            return
        result.entry = entry.url
        yield self.request(site, entry.url, self.parse_entry, hops=0)

    def look_for_section(self, site, result, response, text):
        found, _ = find_section(text, response.url, site.name, site.reaches, site.scope)
        if found is not None:
            result.entry, result.scope = found.url, found.scope
            yield self.request(site, found.url, self.parse_entry, hops=0)
            return
        depth_left = response.meta.get("depth_left", 0)
        roads = directory_links(text, response.url, site.reaches)[:4] if depth_left > 0 else []
        self.roads[site.id] = self.roads.get(site.id, 1) - 1 + len(roads)
        for link in roads:
            yield self.request(
                site, link.url, self.parse_portal_page, hops=0, depth_left=depth_left - 1
            )
        if self.roads[site.id] <= 0 and not result.entry:
            result.result, result.reason = "ok", "no_section"
            self.finish(result)

    def parse_portal_page(self, response: Response):
        site = self.profiles[response.meta["site_id"]]
        result = self.results[site.id]
        if site.id in self.done or result.entry:
            self.roads[site.id] = self.roads.get(site.id, 1) - 1
            return
        text = response.text if isinstance(response, TextResponse) and response.status < 400 else ""
        yield from self.look_for_section(site, result, response, text)

    def parse_entry(self, response: Response):
        site = self.profiles[response.meta["site_id"]]
        result = self.results[site.id]
        if site.id in self.done:
            return
        text = response.text if isinstance(response, TextResponse) and response.status < 400 else ""
        if not text:
            result.result, result.reason = "ok", "no_section" if site.in_portal else "no_entry"
            result.detail = f"the entry {response.url} answered HTTP {response.status}"
            self.finish(result)
            return

        def allowed(url: str) -> bool:
            return site.reaches(url) and site.in_scope(url, result.scope)

        result.family = result.family or page_family(response.url, text)
        links = [
            link for link in column_links(text, response.url, allowed, directory=True) if link.kind
        ]
        result.columns = list(dict.fromkeys([*result.columns, *(link.name for link in links)]))
        result.result = "ok"
        if not result.family and links:  # one column's list shows its CMS (createPageHTML …)
            yield self.request(site, links[0].url, self.parse_column, hops=0)
            return
        self.finish(result)

    def parse_column(self, response: Response):
        site = self.profiles[response.meta["site_id"]]
        result = self.results[site.id]
        if isinstance(response, TextResponse) and response.status < 400:
            result.family = page_family(response.url, response.text)
        self.finish(result)

    def failed(self, failure):
        request = failure.request
        site = self.profiles[request.meta["site_id"]]
        result = self.results[site.id]
        if site.id in self.done:
            return
        if failure.check(IgnoreRequest) and "robots" in str(failure.value).lower():
            self.refuse(result, "refused", "robots", "robots.txt forbids it")
            return
        if request.callback == self.parse_home or request.url == result.url:
            self.refuse(result, "dead", "dead", f"{failure.type.__name__}: {failure.value}"[:300])
            return
        if request.callback == self.parse_portal_page:
            self.roads[site.id] = self.roads.get(site.id, 1) - 1
            if self.roads[site.id] <= 0 and not result.entry:
                result.result, result.reason = "ok", "no_section"
                self.finish(result)
            return
        if request.callback == self.parse_column:  # the family stays unknown; the rest is read
            self.finish(result)
            return
        result.result, result.reason = "ok", "no_section" if site.in_portal else "no_entry"
        result.detail = f"{request.url}: {failure.type.__name__}"
        self.finish(result)

    def closed(self, reason):
        """A site the run ended before (Ctrl-C, a kill) is `unchecked`: not dead, and not
        recorded in the sites file."""
        for result in self.results.values():
            if not result.result:
                result.result = "unchecked"
                result.detail = f"the check ended before this site answered ({reason})"
