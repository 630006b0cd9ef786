"""Finding a commission's columns: its section in a county portal, its 政务公开 entry and 公开目录,
and every column they list (the spider's discovery steps).

`DiscoverySteps` is mixed into the one spider (crawlers/spiders/disclosure.py): its methods are
Scrapy callbacks and use the spider's request helper (`follow`), its scope (`allowed`) and the
walk that a found column starts (crawlers/walk.py). Which link is an entry or a column is
`crawlers/directory.py`'s reading; which link is the commission's section, `crawlers/sections.py`'s.
"""

from __future__ import annotations

from collections.abc import Iterator

import scrapy
from scrapy.http import Response

from crawlers.directory import column_links
from crawlers.families import FAMILIES, detect
from crawlers.families.base import PageRequest
from crawlers.items import ColumnItem, ListingItem
from crawlers.profiles import SiteProfile
from crawlers.sections import directory_links, find_section

DIRECTORY_DEPTH = 2  # homepage → 政务公开 → 公开目录
PORTAL_DEPTH = 3  # portal → 政府信息公开 → 部门 → the commission's section
MAX_DIRECTORY_LINKS = 4  # per portal page: directory links followed while looking for the section
SUBCOLUMN_DEPTH = 2  # a column whose page lists sub-columns, and theirs: no deeper


def column_record(url: str, meta: dict, family: str, list_url: str | None) -> dict:
    """A column's identity as every request of its walk carries it: its URL, what the link that
    led to it said (the request's meta), the family its lists are read with, a shell's list."""
    return {
        "column_url": url,
        "column_name": meta["column_name"],
        "column_kind": meta["column_kind"],
        "department": meta.get("department"),
        "discovered_from": meta["discovered_from"],
        "family": family,
        "list_url": list_url,
    }


class DiscoverySteps:
    """The callbacks from a homepage or portal to the columns (mixed into the spider)."""

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
        if page.unread:
            self.say_unread(
                site,
                response.meta["column_name"],
                response.url,
                page.unread,
                "the column is left out of this crawl",
            )
            return
        if not page.is_list:
            self.logger.debug(
                "%s: %s (%s) is not a list page",
                site.id,
                response.url,
                response.meta["column_name"],
            )
            yield from self.subcolumns(site, response)
            return
        column = column_record(response.url, response.meta, family.name, page.rows_at)
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
        yield from self.column_requests(
            site,
            link.url,
            column_name=link.name,
            column_kind=link.kind,
            department=department,
            discovered_from=found_on,
            priority=5,
            **meta,
        )

    def column_requests(
        self, site: SiteProfile, url: str, *, priority: int = 0, **meta
    ) -> Iterator[scrapy.Request | ColumnItem]:
        """A column's page, read as its first list page (`parse_column`). Or, when the column is
        a shell whose list an earlier crawl found (gkmlpt's API) and its walk is incremental,
        that list directly: the column recorded as known, its shell read only if the list
        fails (the list may have moved; the shell names it anew)."""
        known = self.known_column(site, url)
        if not (
            known
            and known.list_url
            and known.family in FAMILIES
            and self.walks_incrementally(site, url)
        ):
            yield from self.follow(site, url, self.parse_column, priority=priority, **meta)
            return
        column = column_record(url, meta, known.family, known.list_url)
        yield self.column_item(site, column, None)
        walk = self.start_walk(site, column)
        walk.add_pages([PageRequest(known.list_url, fallback=[PageRequest(url)])])
        yield from self.next_list_page(site, walk)
