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
from urllib.parse import urldefrag, urljoin, urlsplit

from crawlers.extract.detail import ANY_DATE, parse_html
from crawlers.extract.labels import (
    LABEL_TO_FIELD,
    LIST_HEADER_EXTRA,
    NOT_ITEM_TEXTS,
    PLACEHOLDERS,
    label_key,
)

PAGING_MARKERS = re.compile(
    r"共\s*\d+\s*页|页次|共有?\s*\d+\s*条|下一页|createPage|<datastore>|gkmlpt/api"
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
    date_raw: str | None  # the row's 发布日期 (the 发布日期 column of a list laid out as a table)
    doc_no_raw: str | None = None  # a table list's 文号 column: listing evidence
    written_raw: str | None = None  # a table list's 产生日期 / 成文日期 column: listing evidence


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
    # a shell's list (a page without rows that loads them from one address, gkmlpt's API): that
    # address, which an incremental walk asks for directly, the shell only if it fails
    rows_at: str | None = None
    # why a page that is a list was not read as one (its rows' address unknown): said as a warning
    # (no row tells it); a column first found so is left out, a walk that meets it is incomplete
    unread: str = ""


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
        """Rows that pair one article link with a date: the shape of nearly every CMS list. A
        list laid out as a table with a header row (序号 | 标题 | 文号 | 产生日期 | 发布日期) is read
        by its header: each value belongs to its column."""
        items, done = table_items(root, base_url)
        seen = {i.url for i in items}
        for el in root.iter("li", "tr", "dd"):
            if el in done:
                continue
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
            if not is_item_title(title) or href.startswith(("javascript:", "#")):
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


def is_item_title(title: str) -> bool:
    """A row's link text that can be a document's title: two characters or more (通知 is one),
    and no pager or action word (更多, 下载, 下一页)."""
    text = label_key(title)
    return len(text) >= 2 and text not in NOT_ITEM_TEXTS


def _header_fields(row) -> list[str | None] | None:
    """The fields a table's header row names, cell by cell; None when the row is no header."""
    if row.xpath(".//a[@href]"):
        return None
    cells = row.xpath("./th|./td")
    labels = [label_key("".join(c.itertext())) for c in cells]
    fields = [LABEL_TO_FIELD.get(label) for label in labels]
    named = sum(
        1 for f, label in zip(fields, labels, strict=True) if f or label in LIST_HEADER_EXTRA
    )
    if named < 2 or named < len(cells) - 1 or not ({"title", "published_date"} & set(fields)):
        return None
    return fields


def _cell(cells, fields, name: str):
    return cells[fields.index(name)] if name in fields and fields.index(name) < len(cells) else None


def _cell_text(cell) -> str | None:
    text = re.sub(r"\s+", " ", "".join(cell.itertext())).strip() if cell is not None else ""
    return text if text and text not in PLACEHOLDERS else None


def table_items(root, base_url: str) -> tuple[list[ListItem], set]:
    """The items of every table whose first row is a header naming 标题 / 发布日期 and others,
    and the rows read, so that the row reader passes them by."""
    items, done = [], set()
    for table in root.iter("table"):
        rows = table.xpath("./tr|./thead/tr|./tbody/tr")
        fields = _header_fields(rows[0]) if rows else None
        if not fields:
            continue
        done.add(rows[0])
        for row in rows[1:]:
            cells = row.xpath("./th|./td")
            title_cell = _cell(cells, fields, "title")
            anchors = (title_cell if title_cell is not None else row).xpath(".//a[@href]")
            if not anchors:
                continue
            a = anchors[0]
            title = (a.get("title") or "".join(a.itertext())).strip()
            href = a.get("href", "").strip()
            if not is_item_title(title) or href.startswith(("javascript:", "#")):
                continue
            published = _cell_text(_cell(cells, fields, "published_date"))
            date = ANY_DATE.search(published or "")
            done.add(row)
            items.append(
                ListItem(
                    url=urljoin(base_url, href),
                    title=re.sub(r"\s+", " ", title),
                    date_raw=date[0] if date else None,
                    doc_no_raw=_cell_text(_cell(cells, fields, "doc_no")),
                    written_raw=_cell_text(_cell(cells, fields, "written_date")),
                )
            )
    return items, done


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
            # a #fragment names a place in the page, never another page (index_6.html#list)
            links.append((label, urldefrag(urljoin(base_url, href)).url))
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
