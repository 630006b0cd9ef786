"""What a CMS family knows: how its list pages page, and where its article body sits.

`GenericFamily` reads any list of `<li>`/`<tr>` items that pair a link with a date, and pages
through whatever the page shows: 下一页/尾页 links, numbered links, a `共N页`/`第1/27页`/`页次：1/3页`
counter applied to the pattern of those links (`index_2.html`, `list_2.shtml`, `?page=2`,
`pageNum=2`), jQuery pagination scripts. The families below it add only what their CMS does
differently, and always fall back on these generic mechanisms: a family's own request carries
the generic pages as its `fallback`, asked for when it answers 404/405.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from crawlers.extract.detail import ANY_DATE, parse_html

PAGING_MARKERS = re.compile(
    r"共\s*\d+\s*页|页次|共有?\s*\d+\s*条|下一页|createPageHTML|<datastore>|gkmlpt/api"
)
NEXT_WORDS = ("下一页", "下页", "后一页", "尾页", "末页", ">", "›", "»")
# the item count a list states: 共405条, 共有52条, 总计 52 条, totalRecord:405
STATED_TOTAL = re.compile(
    r"(?:共有?|总共|总计|合计)\s*(\d+)\s*条|totalRecord\s*[:=]\s*['\"]?(\d+)", re.I
)
# the page count a list states: 共27页, 第1/27页, 页次：1/3页, 1/27
PAGE_COUNTER = re.compile(
    r"共\s*(\d+)\s*页|第?\s*\d+\s*/\s*(\d+)\s*页|页次\s*[:：]?\s*\d+\s*/\s*(\d+)"
)
# the page number inside a list URL, to turn one page's link into every page's
PAGE_IN_URL = (
    re.compile(r"(_)(\d+)(\.\w+)$"),  # index_2.html, list_2.shtml
    re.compile(r"([?&](?:page|pageNum|pageNo|pageno|pagenum|p|curPage|currentPage)=)(\d+)"),
    re.compile(r"(/)(\d+)(\.html?)$"),  # …/2.html
)
ASSET = re.compile(r"\.(pdf|docx?|xlsx?|zip|rar|jpe?g|png|gif|mp4)$", re.I)


@dataclass
class ListItem:
    url: str
    title: str
    date_raw: str | None


@dataclass
class PageRequest:
    """A further list page to fetch: GET url, or POST form data (Hanweb's dataproxy), with the
    pages to ask for instead if this one answers an error (the next mechanism's pages)."""

    url: str
    formdata: dict[str, str] | None = None
    fallback: list[PageRequest] = field(default_factory=list)


@dataclass
class ListPage:
    items: list[ListItem] = field(default_factory=list)
    more: list[PageRequest] = field(default_factory=list)  # in page order
    is_list: bool = False
    stated_total: int | None = None  # the item count the page states (共405条), if it does


def stated_total(text: str) -> int | None:
    """The item count a list page states, if it states one."""
    m = STATED_TOTAL.search(text)
    return int(m[1] or m[2]) if m else None


class GenericFamily:
    name = "generic"
    body_hints: tuple[str, ...] = ()
    drop_params: tuple[str, ...] = ()  # query parameters that only change the presentation

    def matches(self, url: str, text: str) -> bool:
        return True

    def parse_list(self, url: str, text: str, *, first: bool = True) -> ListPage:
        root = parse_html(text)
        page = ListPage(items=self.list_items(root, url), stated_total=stated_total(text))
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
        """The generic mechanisms, in order: a pager script, the counter applied to the links'
        pattern, then every 下一页/尾页 and numbered link (duplicates are left to the crawl's
        request filter)."""
        return generic_pages(root, base_url, text, first=first)


def generic_pages(root, base_url: str, text: str, *, first: bool) -> list[PageRequest]:
    """Every further list page the page shows without a family's help."""
    pages = script_pager(base_url, text) if first else []
    links: list[tuple[str, str]] = []  # (label, url)
    for a in root.iter("a"):
        label = "".join(a.itertext()).strip()
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("javascript:", "#")):
            continue
        if label in NEXT_WORDS or (label.isdigit() and label != "1" and len(label) <= 3):
            links.append((label, urljoin(base_url, href)))
    if first:
        pages += counter_pages(text, links)
    pages += [PageRequest(url) for _, url in links]
    seen, unique = {base_url}, []
    for p in pages:
        if p.url not in seen:
            seen.add(p.url)
            unique.append(p)
    return unique


def counter_pages(text: str, links: list[tuple[str, str]]) -> list[PageRequest]:
    """Pages 2..N from a `共N页` counter and the numbering of the page's own links: a numbered
    link says how page numbers map to URLs (TRS numbers page 2 `index_1.html`); without one, the
    first 下一页 link of page 1 is page 2."""
    m = PAGE_COUNTER.search(text)
    if not m:
        return []
    total = min(int(next(g for g in m.groups() if g)), 2000)
    numbered = [(int(label), url) for label, url in links if label.isdigit()]
    nexts = [(2, url) for label, url in links if label in NEXT_WORDS[:3]]
    for page_no, url in numbered[:1] or nexts[:1]:
        for pattern in PAGE_IN_URL:
            found = pattern.search(url)
            if found:
                head, tail = url[: found.start(2)], url[found.end(2) :]
                offset = int(found[2]) - page_no
                return [
                    PageRequest(f"{head}{n + offset}{tail}")
                    for n in range(2, total + 1)
                    if n + offset > 0
                ]
    return []


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
