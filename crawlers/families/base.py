"""What a CMS family knows: how its list pages page, and where its article body sits.

`GenericFamily` reads any list of `<li>`/`<tr>` items that pair a link with a date, and follows
下一页 links; the families below it add only what their CMS does differently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from crawlers.extract.detail import ANY_DATE, parse_html

PAGING_MARKERS = re.compile(
    r"共\s*\d+\s*页|页次|共有\s*\d+\s*条|下一页|createPageHTML|<datastore>|gkmlpt/api"
)
NEXT_WORDS = ("下一页", "下页", "后一页", "尾页", "末页")
ASSET = re.compile(r"\.(pdf|docx?|xlsx?|zip|rar|jpe?g|png|gif|mp4)$", re.I)


@dataclass
class ListItem:
    url: str
    title: str
    date_raw: str | None


@dataclass
class PageRequest:
    """A further list page to fetch: GET url, or POST form data (Hanweb's dataproxy)."""

    url: str
    formdata: dict[str, str] | None = None


@dataclass
class ListPage:
    items: list[ListItem] = field(default_factory=list)
    more: list[PageRequest] = field(default_factory=list)
    is_list: bool = False


class GenericFamily:
    name = "generic"
    body_hints: tuple[str, ...] = ()

    def matches(self, url: str, text: str) -> bool:
        return True

    def parse_list(self, url: str, text: str, *, first: bool = True) -> ListPage:
        root = parse_html(text)
        page = ListPage(items=self.list_items(root, url))
        page.more = self.next_pages(root, url, text, first=first)
        page.is_list = bool(page.items) or bool(PAGING_MARKERS.search(text))
        return page

    def list_items(self, root, base_url: str) -> list[ListItem]:
        """Rows that pair one article link with a date: the shape of nearly every CMS list."""
        items, seen = [], set()
        for el in root.iter("li", "tr", "dd"):
            anchors = el.xpath(".//a[@href]")
            if not anchors or len(anchors) > 3:
                continue
            text = " ".join(el.itertext())
            if len(text) > 400:
                continue
            a = max(anchors, key=lambda x: len("".join(x.itertext()).strip()))
            # the row's own date, not one inside the title (上海2022年4月25日，新增…)
            outside = text.replace("".join(a.itertext()), " ", 1)
            date = ANY_DATE.search(outside) or ANY_DATE.search(text)
            if not date:
                continue
            title = (a.get("title") or "".join(a.itertext())).strip()
            href = a.get("href", "").strip()
            if len(title) < 4 or href.startswith(("javascript:", "#")):
                continue
            url = urljoin(base_url, href)
            if url in seen or ASSET.search(urlsplit(url).path):
                continue
            seen.add(url)
            items.append(ListItem(url=url, title=re.sub(r"\s+", " ", title), date_raw=date[0]))
        return items

    def next_pages(self, root, base_url: str, text: str, *, first: bool) -> list[PageRequest]:
        pages = script_pager(base_url, text) if first else []
        for a in root.iter("a"):
            label = "".join(a.itertext()).strip()
            href = (a.get("href") or "").strip()
            if label in NEXT_WORDS and href and not href.startswith(("javascript:", "#")):
                pages.append(PageRequest(urljoin(base_url, href)))
        return pages


SCRIPT_PAGER_TOTAL = re.compile(r"totalPage\s*:\s*(\d+)")
SCRIPT_PAGER_HREF = re.compile(r"[\"'](\w+)_[\"']\s*\+\s*\w+\s*\+\s*[\"'](\.\w+)[\"']")


def script_pager(base_url: str, text: str) -> list[PageRequest]:
    """jQuery pagination plugins: `totalPage: 54` and `location.href='index_'+i+'.html'`."""
    total, href = SCRIPT_PAGER_TOTAL.search(text), SCRIPT_PAGER_HREF.search(text)
    if not total or not href:
        return []
    return [
        PageRequest(urljoin(base_url, f"{href[1]}_{i}{href[2]}"))
        for i in range(2, int(total[1]) + 1)
    ]
