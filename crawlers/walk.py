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
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from w3lib.url import canonicalize_url

from crawlers.families.base import PageRequest
from crawlers.state import KnownDocument

DATE_DIGITS = re.compile(r"(\d{4})\D{1,3}(\d{1,2})\D{1,3}(\d{1,2})")


def same_date(raw: str | None, iso: str | None) -> bool:
    """Whether a list's raw date (2026年11月8日, 2026-11-08) and a stored ISO date agree."""
    if not raw or not iso:
        return not raw and not iso
    a, b = DATE_DIGITS.search(raw), DATE_DIGITS.search(iso)
    return bool(a and b) and tuple(map(int, a.groups())) == tuple(map(int, b.groups()))


def _date_key(found: re.Match) -> tuple[int, int, int]:
    return tuple(map(int, found.groups()))


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
            found = DATE_DIGITS.search(raw or "")
            if not found:
                continue
            if self.oldest_date is None or _date_key(found) < _date_key(
                DATE_DIGITS.search(self.oldest_date)
            ):
                self.oldest_date = raw

    def wants_more(self, new: list[bool]) -> bool:
        """Whether the page just read (`new`: its rows, new or not) calls for the next one."""
        if not self.incremental or not new:  # a page without rows (a shell) says nothing
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
