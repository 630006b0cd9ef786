"""What happened to each site in a run, and what each failed request means.

A request that fails is one of: `dead` (the server answered that the page is not there: HTTP ≥ 400,
a redirect loop, redirects without end), `unreachable` (no answer: refused, timed out, reset, a
body cut short, or HTTP 502/503/504/408/429 "not now", after retries; an outage of the site,
never a dead link), `oversize` (over the
size limit), `robots` (robots.txt forbids it; not fetched), `refused` (out of scope: not http(s), or a private
address a real site cannot have; not fetched). Only `dead` counts as a dead link.

A site's run ends in one status (`site_runs.status`): `ok`; `partial` (some requests got no
answer, or the page budget ran out); `unreachable` (nothing could be fetched); `blocked_by_robots`;
`no_disclosure_entry` (the homepage answered, but no 政务公开 entry or column was found);
`empty` (columns found, none lists an item); `interrupted`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from scrapy.exceptions import (
    DownloadCancelledError,
    IgnoreRequest,
    ResponseDataLossError,
)

STATUSES = (
    "ok",
    "partial",
    "unreachable",
    "blocked_by_robots",
    "no_disclosure_entry",
    "empty",
    "interrupted",
)
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
    entry_error: str = ""  # why the homepage (or every profile column) could not be had
    robots_blocked: list[str] = field(default_factory=list)
    budget_reached: bool = False
    columns_from_profile: bool = False  # the profile names the columns: no homepage discovery
    down: bool = False  # taken for down after OUTAGE_AFTER failures in a row

    def answered(self, status: int, retries: int) -> None:
        self.retries += retries
        if status not in UNAVAILABLE:
            self.consecutive_failures = 0
        if status < 400:
            self.pages += 1

    def failed(self, url: str, outcome: str, error: str, retries: int) -> None:
        self.retries += retries
        if outcome == "unreachable":
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
            if self.robots_blocked and not self.failures:
                return "blocked_by_robots", f"robots.txt forbids {self.robots_blocked[0]}"
            if self.entry_error:
                return "unreachable", self.entry_error[:300]
            why = self.first_failure or self.first_dead or "no page answered"
            return "unreachable", why[:300]
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
        }
