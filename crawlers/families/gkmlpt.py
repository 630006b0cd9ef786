"""Provincial 公开平台 (gkmlpt): list pages are shells; articles come from a JSON API."""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from urllib.parse import urljoin, urlsplit

from w3lib.url import add_or_replace_parameter

from crawlers.families.base import GenericFamily, ListItem, ListPage, PageRequest
from crawlers.status import CHINA

# a shell names its list's API path whole (`"/gkmlpt/api/all/2"`, in any of script's quotes); a
# path that ends in "/" is only the start of one, which the page's script completes
# (`"/gkmlpt/api/all/" + id`, `` `/gkmlpt/api/all/${id}` ``): asked as it stands it is some other
# list, so it is not read (PARTIAL_API_IN_PAGE: said, not followed)
API_IN_PAGE = re.compile(r"[\"'`](/gkmlpt/api/[\w/]*\w)[\"'`]")
PARTIAL_API_IN_PAGE = re.compile(r"[\"'`](/gkmlpt/api/[\w/]*/)(?:[\"'`]|\$\{)")
# the platform serves many sites: its API asks which one (`…/api/all/<column>?page=N&sid=216`);
# a shell names it beside the column (`var SID = "216"`, `"sid": 216`); a name that only ends in
# sid (an attribute `data-sid="nav3"`, `x-sid`) is something else
SID_IN_PAGE = re.compile(r"""(?<![\w-])sid\b["']?\s*[:=]\s*["']?(\w+)""", re.I)


class GkmlptFamily(GenericFamily):
    name = "gkmlpt"
    body_hints = ("//*[contains(concat(' ',normalize-space(@class),' '),' article-content ')]",)

    def matches(self, url: str, text: str) -> bool:
        return "/gkmlpt/" in url

    def parse_list(self, url: str, text: str, *, first: bool = True) -> ListPage:
        if "/gkmlpt/api/" in urlsplit(url).path:
            return self.parse_api(url, text)
        m = API_IN_PAGE.search(text)
        if not m:
            if partial := PARTIAL_API_IN_PAGE.search(text):
                return ListPage(
                    unread=f"its rows come from an address the page's script builds from "
                    f"{partial[1]!r}, not read"
                )
            return super().parse_list(url, text, first=first)
        api = add_or_replace_parameter(urljoin(url, m[1]), "page", "1")
        if sid := SID_IN_PAGE.search(text):
            api = add_or_replace_parameter(api, "sid", sid[1])
        return ListPage(more=[PageRequest(api)], is_list=True, rows_at=api)

    def parse_api(self, url: str, text: str) -> ListPage:
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            return ListPage()
        items = []
        for art in data.get("articles") or []:
            stamp = art.get("display_publish_time")
            date = (
                dt.datetime.fromtimestamp(stamp, CHINA).date().isoformat()
                if isinstance(stamp, int)
                else None
            )
            if art.get("url"):
                items.append(
                    ListItem(urljoin(url, art["url"]), str(art.get("title", "")).strip(), date)
                )
        total = data.get("total")
        page = ListPage(
            items=items,
            is_list=True,
            stated_total=int(total) if data.get("page") == 1 and str(total).isdigit() else None,
        )
        if data.get("page") == 1 and data.get("per_page"):
            pages = math.ceil(int(data.get("total", 0)) / int(data["per_page"]))
            # the page number replaced, the rest of the query (the site's sid) kept
            page.more = [
                PageRequest(add_or_replace_parameter(url, "page", str(n)))
                for n in range(2, pages + 1)
            ]
        return page
