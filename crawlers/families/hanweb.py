"""Hanweb JCMS (大汉): records inside <datastore>, the rest through dataproxy.jsp or static pages.

Two real shapes (../shared/LAYOUTS.md §4): a `<nextgroup>` naming `dataproxy.jsp` with a `Pager`
script (`totalRecord`, `columnid` …), or a `<nextgroup>` holding a static `index_2.html` link
beside plain 下一页/numbered links and no script. The dataproxy requests carry the page's
generic pages as their fallback, so a proxy that answers 404/405 strands nothing.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode, urljoin

from crawlers.extract.detail import parse_html
from crawlers.families.base import (
    GenericFamily,
    ListPage,
    PageRequest,
    generic_pages,
    stated_total,
)

RECORD = re.compile(r"<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>", re.S)
NEXTGROUP = re.compile(r"<nextgroup>\s*<!\[CDATA\[.*?href=[\"']([^\"']+)[\"']", re.S)
PAGER_PARAM = re.compile(
    r"\b(totalRecord|perpage|columnid|unitid|webid|col|permissiontype|sourceContentType)\s*:\s*'?(\w+)'?"
)
DATAPROXY = "/module/web/jpage/dataproxy.jsp"
GROUP_PAGES = 3  # Hanweb's pager asks for three pages of records at a time


class HanwebFamily(GenericFamily):
    name = "hanweb"
    body_hints = ("//*[@id='zoom']",)
    drop_params = ("xxgkhide",)  # hides the portal's 信息公开 frame: the same document

    def matches(self, url: str, text: str) -> bool:
        return "<datastore>" in text or "ZJEG_RSS" in text or "/art/" in url and "/art_" in url

    def parse_list(self, url: str, text: str, *, first: bool = True) -> ListPage:
        records = RECORD.findall(text)
        if not records and "<datastore>" not in text:
            return super().parse_list(url, text, first=first)
        root = parse_html("<ul>" + "".join(records) + "</ul>")
        page = ListPage(
            items=self.list_items(root, url), is_list=True, stated_total=stated_total(text)
        )
        if "<datastore>" in text and "<html" not in text[:500].lower():
            return page  # a dataproxy answer: records only, its pages were handed out already
        generic = generic_pages(parse_html(text), url, text, first=first)
        nextgroup = NEXTGROUP.search(text)
        if nextgroup and "dataproxy" not in nextgroup[1]:  # a static next group: index_2.html
            static = PageRequest(urljoin(url, nextgroup[1]))
            generic = [static] + [p for p in generic if p.url != static.url]
        proxy = self.dataproxy_pages(url, text, in_page=len(records)) if first else []
        for request in proxy:
            request.fallback = generic
        page.more = proxy or generic
        return page

    def dataproxy_pages(self, url: str, text: str, *, in_page: int) -> list[PageRequest]:
        params = dict(PAGER_PARAM.findall(text))
        total, per_page = int(params.get("totalRecord", 0)), int(params.get("perpage", 15) or 15)
        if total <= in_page or "columnid" not in params:
            return []
        query = {
            k: params[k]
            for k in ("col", "webid", "columnid", "unitid", "permissiontype", "sourceContentType")
            if k in params
        }
        query.setdefault("col", "1")
        query["path"] = "/"
        proxy = urljoin(url, DATAPROXY) + "?" + urlencode(query)
        step = per_page * GROUP_PAGES
        return [
            PageRequest(
                proxy,
                {
                    "startrecord": str(s),
                    "endrecord": str(min(s + step - 1, total)),
                    "perpage": str(per_page),
                },
            )
            for s in range(in_page + 1, total + 1, step)
        ]
