"""Reads a homepage or a 公开目录 page: entry links, and every column the directory lists.

A link names a column when its text is a known column name (`crawlers.extract.labels`). On a
directory page (not the homepage) a link laid out *like* the known columns — same chain of
enclosing tags and classes — is a column too, whatever its name (领导干部任免, 食品抽检信息 …):
an assessment covers every column the directory lists. Its kind is `other` until the name
list learns it. Columns grouped under a department keep the department's heading.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin

from crawlers.extract.detail import URL_DATE, parse_html
from crawlers.extract.labels import column_kind, is_entry_link, is_navigation, label_key

HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6", "dt", "strong", "b")
DETAIL_URL = re.compile(r"/art_\d+_\d+\.html|/t\d{8}_\d+|/post_\d+\.html|ArticleID=|/content/")
MAX_NAME_CHARS = 20


@dataclass(frozen=True)
class DirectoryLink:
    url: str
    name: str
    kind: str | None  # policy / interpretation / … / other; None: not a column
    department: str | None = None
    entry: bool = False  # a 政务公开 / 公开目录 entry to follow deeper


def _layout(a) -> tuple[tuple[str, str], ...]:
    """The chain of enclosing tags and classes of a link, up to <body>."""
    chain = []
    el = a.getparent()
    while el is not None and el.tag not in ("body", "html"):
        chain.append((el.tag, el.get("class", "")))
        el = el.getparent()
    return tuple(chain)


def _department(a) -> str | None:
    """The heading just before the list that holds the link (h4 州卫生健康局 + ul), if any."""
    el = a
    for _ in range(4):
        el = el.getparent()
        if el is None or el.tag in ("body", "html"):
            return None
        sibling = el.getprevious()
        for _ in range(2):
            if sibling is None:
                break
            if isinstance(sibling.tag, str) and (
                sibling.tag in HEADING_TAGS or "tit" in sibling.get("class", "")
            ):
                text = " ".join("".join(sibling.itertext()).split())
                if text and len(text) <= MAX_NAME_CHARS and not is_entry_link(text):
                    return text
                return None
            sibling = sibling.getprevious()
    return None


def column_links(
    html: str, base_url: str, allowed: Callable[[str], bool], *, directory: bool
) -> list[DirectoryLink]:
    """Entry links and column links of a page, in page order, each URL once."""
    root = parse_html(html)
    anchors = []
    for a in root.iter("a"):
        href = (a.get("href") or "").strip()
        text = " ".join("".join(a.itertext()).split())
        if not href or not text or href.startswith(("javascript:", "#", "mailto:")):
            continue
        url = urljoin(base_url, href)
        if allowed(url):
            anchors.append((a, text, url))
    # the layouts of links named like columns: a link laid out the same way is a column too
    known_layouts = {_layout(a) for a, text, _ in anchors if column_kind(text)}
    links, seen = [], set()
    for a, text, url in anchors:
        if url in seen:
            continue
        document = DETAIL_URL.search(url) or URL_DATE.search(url)
        kind = None if document else column_kind(text)
        if is_entry_link(text):
            links.append(DirectoryLink(url, text, None, entry=True))
        elif kind:
            links.append(DirectoryLink(url, text, kind, _department(a)))
        elif (
            directory
            and _layout(a) in known_layouts
            and len(label_key(text)) <= MAX_NAME_CHARS
            and not is_navigation(text)
            and not document
        ):
            links.append(DirectoryLink(url, text, "other", _department(a)))
        else:
            continue
        seen.add(url)
    return links
