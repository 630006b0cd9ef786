"""TRS WCM: the page count lives only in `createPageHTML(count, current, "index", "html")`, or,
on 重庆's district portals, `createPage(count, current, "index", "html")`."""

from __future__ import annotations

import re
from urllib.parse import urljoin

from crawlers.families.base import GenericFamily, PageRequest

CREATE_PAGE = re.compile(
    r"createPage(?:HTML)?\(\s*(?:'[^']*'\s*,\s*)?(?:var\s+)?(\w+|\d+)\s*,\s*(\w+|\d+)\s*,\s*[\"'](\w+)[\"']\s*,\s*[\"'](\w+)[\"']"
)
JS_NUMBER = r"var\s+{name}\s*=\s*(\d+)"


class TrsFamily(GenericFamily):
    name = "trs"
    body_hints = ("//*[contains(@class,'TRS_Editor') or contains(@class,'TRS_UEDITOR')]",)

    def matches(self, url: str, text: str) -> bool:
        return (
            "TRS_Editor" in text
            or "createPageHTML" in text
            or "createPage(" in text
            or bool(re.search(r"/t\d{8}_\d+\.html", url))
        )

    def next_pages(self, root, base_url: str, text: str, *, first: bool) -> list[PageRequest]:
        m = CREATE_PAGE.search(text)
        if not m:
            return super().next_pages(root, base_url, text, first=first)
        count, current = (self._number(text, g) for g in (m[1], m[2]))
        generic = super().next_pages(root, base_url, text, first=first)
        if not first or count is None or current not in (0, None):
            return generic
        stem, ext = m[3], m[4]
        own = [PageRequest(urljoin(base_url, f"{stem}_{i}.{ext}")) for i in range(1, count)]
        known = {p.url for p in own}
        return own + [p for p in generic if p.url not in known]

    @staticmethod
    def _number(text: str, token: str) -> int | None:
        if token.isdigit():
            return int(token)
        m = re.search(JS_NUMBER.format(name=re.escape(token)), text)
        return int(m[1]) if m else None
