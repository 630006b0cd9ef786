"""What happened to each site in a run, and what each failed request means.

A request that fails is one of: `dead` (the server answered that the page is not there: HTTP ≥ 400,
a redirect loop, redirects without end), `unreachable` (no answer: refused, timed out, reset, a
body cut short, or HTTP 502/503/504/408/429 "not now", after retries; an outage of the site,
never a dead link), `oversize` (over the
size limit), `blocked` (a web application firewall answered instead of the page: a block, not a dead link),
`robots` (robots.txt forbids it; not fetched), `refused` (out of scope: not http(s), or a private
address a real site cannot have; not fetched). Only `dead` counts as a dead link.

A site's run ends in one status (`site_runs.status`): `ok`; `partial` (some requests got no
answer, or the page budget ran out); `unreachable` (nothing could be fetched); `blocked_by_waf` (a firewall answered every request);
`blocked_by_robots`;
`no_disclosure_entry` (the homepage answered, but no 政务公开 entry or column was found);
`empty` (columns found, none lists an item); `interrupted`; `failed` (written by the coordinator of
a distributed crawl when every worker's try at the site failed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from scrapy.exceptions import (
    DownloadCancelledError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.http import Response, TextResponse

from crawlers.items import LinkCheckItem
from crawlers.status import utc_now_text

if TYPE_CHECKING:
    from crawlers.profiles import SiteProfile

# consecutive requests without an answer after which a site is taken to be down for the run:
# nothing more is asked of it (the requests already queued still fail, fast)
OUTAGE_AFTER = 20


def failure_outcome(failure) -> str:
    """The outcome of a request that ended in an exception (after Scrapy's retries)."""
    message = failure.getErrorMessage()
    if failure.check(IgnoreRequest):
        if "robots.txt" in message:
            return "robots"
        if message.startswith("out of scope"):
            return "refused"
        return "dead"  # too many redirects
    if failure.check(DownloadCancelledError) and "max size" in message:
        return "oversize"
    if failure.check(ResponseDataLossError):
        return "unreachable"  # a body cut short: the server failed, the page may be fine
    return "unreachable"


# a web application firewall (创宇云防御, 加速乐, 安全狗, 瑞数 …) blocking the crawler: statuses
# only WAFs send, and, on a 403 or on a short 200 "challenge" page, words only their pages say.
# A block is recorded as such (outcome `blocked`), never as a dead link or an empty site.
WAF_STATUSES = {412, 418, 493, 521, 567}
WAF_WORDS = re.compile(
    r"创宇|云防御|加速乐|jiasule|安全狗|safedog|yunsuo|云锁|Web应用防火墙|网站防火墙|"
    r"访问被拦截|已被拦截|请求被拦截|被防火墙|访问被阻断|安全验证|人机验证|访问验证|"
    r"Access Denied|Request blocked|\bWAF\b",
    re.I,
)
WAF_CHALLENGE_MAX = (
    20_000  # a challenge page is short; a real page that merely mentions 拦截 is not
)


def waf_block(status: int, text: str | None) -> bool:
    """Is this response a firewall's block rather than the page? `text` is the body, if text.
    A 200 counts only when short and its <title> or first lines say so."""
    if status in WAF_STATUSES:
        return True
    if text is None or status not in (200, 403):
        return False
    if status == 403:
        return bool(WAF_WORDS.search(text[:5000]))
    if len(text) > WAF_CHALLENGE_MAX:
        return False
    title = TITLE.search(text[:3000])
    return bool(title and WAF_WORDS.search(title.group(1)))


TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)

# the server says it cannot answer now (overloaded, down behind its gateway, rate limiting): after
# retries an outage of the site like a refused connection, not a page that is gone
UNAVAILABLE = {408, 429, 502, 503, 504}


def response_outcome(status: int | None, loop: bool = False) -> str:
    if loop:
        return "dead"
    if status in UNAVAILABLE:
        return "unreachable"
    if status is not None and status >= 400:
        return "dead"
    return "ok"


@dataclass
class SiteOutcome:
    """Counts the spider keeps for one site during a run."""

    site_id: str
    pages: int = 0  # responses below 400
    documents: int = 0
    columns: int = 0
    listed: int = 0  # list entries found
    failures: int = 0  # no answer after retries
    retries: int = 0
    consecutive_failures: int = 0
    first_failure: str = ""
    first_dead: str = ""
    blocked: int = 0  # answered by a firewall instead of the page
    first_block: str = ""
    entry_error: str = ""  # why the homepage (or every profile column) could not be had
    robots_blocked: list[str] = field(default_factory=list)
    budget_reached: bool = False
    columns_from_profile: bool = False  # the profile names the columns: no homepage discovery
    down: bool = False  # taken for down after OUTAGE_AFTER failures in a row
    unchanged: int = 0  # known documents not fetched again: list row unchanged, or HTTP 304
    resumed: int = 0  # documents an earlier crawl listed but never read, asked for again

    def answered(self, status: int, retries: int) -> None:
        """A response arrived (pages are counted when the spider accepts one: `page`)."""
        self.retries += retries
        if status not in UNAVAILABLE:
            self.consecutive_failures = 0

    def page(self) -> None:
        self.pages += 1

    def failed(self, url: str, outcome: str, error: str, retries: int) -> None:
        self.retries += retries
        if outcome == "blocked":
            self.blocked += 1
            if not self.first_block:
                self.first_block = f"{url}: {error}"
        if outcome in ("unreachable", "blocked"):
            self.failures += 1
            self.consecutive_failures += 1
            if not self.first_failure:
                self.first_failure = f"{url}: {error}"
            if self.consecutive_failures >= OUTAGE_AFTER:
                self.down = True
        elif outcome == "robots":
            self.robots_blocked.append(url)
        elif not self.first_dead:
            self.first_dead = f"{url}: {error}"

    def status(self, interrupted: bool = False) -> tuple[str, str | None]:
        """(status, reason) at the end of the run."""
        if interrupted:
            return "interrupted", "the run was interrupted before this site was finished"
        if self.pages == 0:
            if self.blocked:
                return (
                    "blocked_by_waf",
                    f"a firewall answered instead of the site: {self.first_block}"[:300],
                )
            if self.robots_blocked and not self.failures:
                return "blocked_by_robots", f"robots.txt forbids {self.robots_blocked[0]}"
            if self.entry_error:
                return "unreachable", self.entry_error[:300]
            why = self.first_failure or self.first_dead or "no page answered"
            return "unreachable", why[:300]
        if self.blocked:
            return (
                "partial",
                f"a firewall blocked {self.blocked} requests (first {self.first_block})"[:300],
            )
        if self.columns == 0:
            if self.columns_from_profile:
                return "no_disclosure_entry", "none of the profile's columns is a list page"
            return (
                "no_disclosure_entry",
                "the homepage answered, but no 政务公开 entry and no disclosure column was found",
            )
        if self.listed == 0 and self.documents == 0:
            return "empty", f"{self.columns} columns found, none lists an item"
        if self.failures:
            why = "the site stopped answering" if self.down else "requests got no answer"
            return (
                "partial",
                f"{why}: {self.failures} requests failed after retries (first {self.first_failure})"[
                    :300
                ],
            )
        if self.budget_reached:
            return "partial", "the page budget (max_pages) was reached; the rest was not crawled"
        return "ok", None

    def row(self, run_id: str, interrupted: bool = False) -> dict:
        status, reason = self.status(interrupted)
        return {
            "run_id": run_id,
            "site_id": self.site_id,
            "status": status,
            "pages": self.pages,
            "documents": self.documents,
            "errors": 0,  # set by the store from the dead links it recorded
            "failures": self.failures,
            "retries": self.retries,
            "reason": reason,
            "unchanged": self.unchanged,
        }


class ResponseChecks:
    """Each response classified into the outcomes above (mixed into the spider): a page, or a
    `link_checks` row saying why it is none; the HEAD checks of attachments and images."""

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
            checked_at=utc_now_text(),
            capture=capture,
        )
