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
    r"\b(totalRecord|perpage|perPage|columnid|unitid|webid|col|permissiontype|sourceContentType)"
    r"\s*:\s*'?(\w+)'?"
)
DATAPROXY = "/module/web/jpage/dataproxy.jsp"
# older sites: jpage({… proxyUrl:'/module/jslib/jquery/jpage/dataproxy.jsp' …}) with the first
# records in a `var InitData123 = ['<li>…</li>', …];` array
PROXY_URL = re.compile(r"proxyUrl\s*:\s*['\"]([^'\"]+)['\"]")
INIT_DATA = re.compile(r"var\s+InitData\w*\s*=\s*\[(.*?)\]\s*;", re.S)
JS_STRING = re.compile(r"'((?:[^'\\]|\\.)*)'|\"((?:[^\"\\]|\\.)*)\"")
GROUP_PAGES = 3  # Hanweb's pager asks for three pages of records at a time


class HanwebFamily(GenericFamily):
    name = "hanweb"
    body_hints = ("//*[@id='zoom']",)
    drop_params = ("xxgkhide",)  # hides the portal's 信息公开 frame: the same document

    def matches(self, url: str, text: str) -> bool:
        return (
            "<datastore>" in text
            or "ZJEG_RSS" in text
            or "var InitData" in text
            or "/col/col" in url
            or "/art/" in url
            and "/art_" in url
        )

    def parse_list(self, url: str, text: str, *, first: bool = True) -> ListPage:
        records = RECORD.findall(text) or init_data(text)
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
        per_page = int(params.get("perpage") or params.get("perPage") or 15)
        total = int(params.get("totalRecord", 0))
        if total <= in_page or "columnid" not in params:
            return []
        query = {
            k: params[k]
            for k in ("col", "webid", "columnid", "unitid", "permissiontype", "sourceContentType")
            if k in params
        }
        query.setdefault("col", "1")
        query["path"] = "/"
        endpoint = PROXY_URL.search(text)
        proxy = urljoin(url, endpoint[1] if endpoint else DATAPROXY) + "?" + urlencode(query)
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


def init_data(text: str) -> list[str]:
    """The records of a `var InitData… = ['<li>…</li>', …];` array (older Hanweb lists)."""
    m = INIT_DATA.search(text)
    if not m:
        return []
    return [a or b for a, b in JS_STRING.findall(m[1]) if "<a" in (a or b)]
