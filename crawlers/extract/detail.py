"""Reads a document page into candidate values, each with the place it came from.

Nothing is chosen here: every value found is returned with its source (`table:发布日期`,
`meta:PubDate`, `byline:时间`, `body:signing`, `list`, `url` …) so that the normaliser can apply
one documented precedence and flag contradictions. Works on any layout; a family supplies only
hints (where the body is).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree

from crawlers.extract.body_facts import read_body_facts
from crawlers.extract.labels import (
    BYLINE_DATE_LABELS,
    COLON_HEADINGS,
    FACT_FIELDS,
    LETTER_FIELDS,
    NOT_RELATED_HEADINGS,
    OTHER_DATE_LABELS,
    RELATED_HEADINGS,
    STOP_LABELS,
    is_navigation,
    label_key,
)
from crawlers.extract.metadata import TABLE_CELLS, inside, read_labelled_values
from crawlers.personal_data import mask_html

ATTACHMENT_EXT = re.compile(
    r"\.(pdf|docx?|xlsx?|pptx?|wps|et|ofd|zip|rar|7z|txt|csv)(?:$|[?#&])", re.I
)
DATE_ONLY_LINE = re.compile(
    r"^\s*(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[〇○零一二三四五六七八九]{4}\s*年[〇○一二三四五六七八九十]{1,3}月"
    r"[〇○一二三四五六七八九十]{1,3}日)\s*$"
)
PRINTED_LINE = re.compile(r"(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*印发")
DISCLOSURE_NOTE = re.compile(
    r"[（(]\s*(?:信息公开(?:形式|属性|方式)\s*[:：]\s*)?(此件[^）)]{1,8}|主动公开|依申请公开|不予公开)\s*[）)]"
)
# a date in the path: Hanweb /art/2025/9/12/, TRS /t20250912_, and /202509/20250912_ (a month
# folder, then the day in the file name); the second group form is read by its 8 digits
URL_DATE = re.compile(
    r"/(?:art/)?(?:19|20)\d{2}/\d{1,2}/\d{1,2}/|/t(?:19|20)\d{6}_|"
    r"/((?:19|20)\d{2})(0[1-9]|1[0-2])/\1\2([0-3]\d)_"
)
ANY_DATE = re.compile(r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}")
BODY_XPATHS = (
    "//*[contains(@class,'TRS_Editor') or contains(@class,'TRS_UEDITOR')]",
    "//*[@id='zoom']",
    "//*[@id='xw_box']",
    "//*[contains(concat(' ',normalize-space(@class),' '),' article-content ')]",
    "//*[@id='fontzoom']",
    "//*[@id='UCAP-CONTENT']",
    "//*[contains(@class,'pages_content')]",
    "//*[@id='ivs_content']",
    "//*[contains(@class,'Article_content') or contains(@class,'article_content')]",
    "//*[@id='content' or @class='content' or @class='con']",
)
TITLE_HINTS = re.compile(r"title|tit|bt|biaoti|headline", re.I)
SKIP_TAGS = {"script", "style", "noscript", "template", "head"}
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
SPACES = re.compile(r"[\s\u3000\xa0]+")
TITLE_SEPARATORS = re.compile(r"\s*(?:_|\||--| - )\s*")
BARE_DATE = re.compile(
    r"[\s(（\[【]*\d{4}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?[\s)）\]】]*"
)
# elements that may hold the visible heading: headings, bold text, or a block whose class or id
# names a title
TITLE_TAGS = ("h1", "h2", "h3", "strong", "b", "div", "td", "span", "p")
VIDEO = etree.XPath(
    ".//video|.//embed|.//iframe[contains(@src,'video') or contains(@src,'player')]"
)
VIDEO_SOURCES = etree.XPath(".//video[@src]|.//video/source[@src]")
INSIDE_ANCHOR = etree.XPath("ancestor::a")
ANY_BLOCK_HEADING = frozenset(RELATED_HEADINGS) | frozenset(NOT_RELATED_HEADINGS)


@dataclass
class Candidate:
    field: str
    raw: str
    source: str


@dataclass
class Link:
    to_url: str
    anchor_text: str
    relation: str  # interpretation / policy / attachment / image / other


@dataclass
class PageExtract:
    url: str
    candidates: list[Candidate] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    body_chars: int = 0
    body_hash: str = ""  # of the article's text: what a new version of the document changes
    image_count: int = 0
    attachment_count: int = 0
    has_video: bool = False
    body_found_by: str = ""
    facts: dict = field(default_factory=dict)  # crawlers/extract/body_facts.py: name -> data

    def add(self, field_name: str, raw: str | None, source: str) -> None:
        if raw is not None and raw.strip():
            self.candidates.append(Candidate(field_name, raw.strip(), source))

    def to_dict(self) -> dict:
        """Plain data for the item pipeline (a shallow copy: asdict's deep copy cost 0.3 ms a page)."""
        data = dict(vars(self))
        data["candidates"] = [vars(c) for c in self.candidates]
        data["links"] = [vars(ln) for ln in self.links]
        return data


def _text(el) -> str:
    return " ".join(el.itertext()).strip() if el is not None else ""


def _squash(text: str) -> str:
    return SPACES.sub(" ", text).strip()


def _html_parser() -> etree.HTMLParser:
    # plain etree elements: lxml.html's element classes cost a Python-level lookup per node
    # visited (~10% of extraction time), and nothing here uses their extra methods
    return etree.HTMLParser()


def parse_html(html: str) -> etree._Element:
    # lxml refuses str input that carries an XML encoding declaration
    html = XML_DECLARATION.sub("", html)
    try:
        root = etree.fromstring(html or "<html></html>", _html_parser())
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        root = None
    if root is None:  # an empty document
        root = etree.fromstring("<html><body></body></html>", _html_parser())
    # A page saved twice over has a second <html> after the first </html>; libxml2 keeps it as
    # a sibling tree that root.iter() never visits. Fold its content into the first body.
    body = root.find("body")
    target = body if body is not None else root
    for sibling in list(root.itersiblings()):
        if isinstance(sibling.tag, str):
            source = sibling.find("body") if sibling.find("body") is not None else sibling
            for child in list(source):
                target.append(child)
    return root


def _text_nodes(root) -> list[tuple[str, object]]:
    """Every visible text piece in document order, with the element it belongs to (a tail
    belongs to the parent: in `<td><b>索引号：</b>X</td>` X is the cell's own text)."""
    nodes = []
    start = root.find("body")
    walker = etree.iterwalk(start if start is not None else root, events=("start", "end"))
    for event, el in walker:
        if not isinstance(el.tag, str):
            continue
        if event == "start":
            if el.tag in SKIP_TAGS:
                walker.skip_subtree()  # its "end" still comes, for the tail
            elif el.text and el.text.strip():
                nodes.append((el.text.strip(), el))
        elif el.tail and el.tail.strip() and el.getparent() is not None:
            nodes.append((el.tail.strip(), el.getparent()))
    return nodes


@lru_cache(maxsize=64)
def _compiled(expression: str) -> etree.XPath:
    return etree.XPath(expression)


def find_body(root, raw_html: str, hints: tuple[str, ...] = ()):
    """The article body element, and how it was found."""
    for xp in hints + BODY_XPATHS:
        found = _compiled(xp)(root)
        if found:
            best = found[0] if len(found) == 1 else max(found, key=lambda e: len(_text(e)))
            return best, f"xpath:{xp}"
    if "ZJEG_RSS.content.begin" in raw_html:
        m = re.search(
            r"<!--ZJEG_RSS\.content\.begin-->(.*?)<!--ZJEG_RSS\.content\.end-->", raw_html, re.S
        )
        if m:
            return lxml.html.fragment_fromstring(m[1], create_parent="div"), "hanweb-comments"
    best, best_len = None, 0
    for el in root.iter("div", "td", "article", "section"):
        size = sum(len(_text(p)) for p in el if isinstance(p.tag, str) and p.tag == "p")
        if size > best_len:
            best, best_len = el, size
    return best, "largest-paragraph-block"


def _meta(root) -> dict[str, str]:
    meta = {}
    for el in root.iter("meta"):
        name = el.get("name") or el.get("property")
        if name and el.get("content") is not None:
            meta.setdefault(name.lower(), el.get("content").strip())
    return meta


def _labels(page: PageExtract, nodes, body_ids: set[int]) -> None:
    """The metadata block's pairs, in any layout (crawlers/extract/metadata.py). Inside the
    article body only table-like cells count: `时间：` in a paragraph is prose."""
    for pair in read_labelled_values(nodes, skip=body_ids):
        if pair.field == "published_date" and pair.label in BYLINE_DATE_LABELS:
            if pair.value and ANY_DATE.search(pair.value):
                page.add("published_date", pair.value, f"byline:{pair.label}")
            continue
        byline = pair.inline and pair.field.endswith("_date") and pair.cell not in TABLE_CELLS
        source = "byline" if byline else "table"
        # a placeholder (文号：无) is kept as evidence; the normaliser reads it as no value
        page.add(pair.field, pair.raw, f"{source}:{pair.label}")


_BREAK_SPACE = re.compile(r"\s*\n\s*")
_NO_SPACE = re.compile(r"[\s\u3000\xa0]+")


def _joined(el) -> str:
    """An element's text with line breaks (<br>, newlines) closed up, other spaces single."""
    return _squash(_BREAK_SPACE.sub("", "\n".join(t.strip(" \t") for t in el.itertext())))


def _title(page: PageExtract, root, body) -> None:
    """The visible heading: an h1–h3, bold or title-classed element whose text the <title> holds."""
    html_title = _squash(_text(next(root.iter("title"), None)))
    flat_title = _NO_SPACE.sub("", html_title)
    best = ""
    start = root.find("body")
    candidates = (start if start is not None else root).iter(*TITLE_TAGS) if flat_title else ()
    for el in candidates:
        if el.tag in ("div", "td", "span", "p"):
            marks = f"{el.get('class', '')} {el.get('id', '')}"
            if not TITLE_HINTS.search(marks) or len(el) > 3:
                continue
        text = _joined(el)
        flat = _NO_SPACE.sub("", text)
        if len(flat) >= 4 and flat_title and flat in flat_title and len(text) > len(best):
            best = text
    if best:
        page.add("title", best, "heading")
    if html_title:
        parts = TITLE_SEPARATORS.split(html_title)
        page.add("title", max(parts, key=len) if len(parts) > 1 else html_title, "html_title")


def _beside_label(el) -> bool:
    """A table cell after a cell with text: a labelled value (处罚决定日期 | 2026年3月2日), never a
    signing. A cell after an empty one is a layout table's padding, as county sites align their
    落款 to the right: still a signing line."""
    if el.tag not in ("td", "th"):
        return False
    before = el.getprevious()
    return before is not None and bool(_squash(_text(before)))


def _body(page: PageExtract, body, base_url: str) -> str:
    """The body's measures, dates, notes and media; returns its text."""
    if body is None:
        return ""
    text = _squash(_text(body))
    page.body_chars = len(text.replace(" ", ""))
    page.body_hash = hashlib.sha1(text.encode("utf-8")).hexdigest()[:20]
    blocks = list(body.iter("p", "div", "td"))
    has_block_inside: set[int] = set()  # every ancestor of a block (one walk up per block)
    for el in blocks:
        parent = el.getparent()
        while parent is not None and id(parent) not in has_block_inside:
            has_block_inside.add(id(parent))
            parent = parent.getparent()
    leaves = [el for el in blocks if id(el) not in has_block_inside]
    # a signing date closes a document: alone on its line (a leaf block), near the end (the last
    # 12 lines), after at least 40 characters of text; earlier lines only count towards those 40
    tail = max(0, len(leaves) - 12)
    before, signing = 0, None
    for el in leaves[:tail]:
        if before >= 40:
            break
        before += len(_squash(_text(el)))
    for el in leaves[tail:]:
        line = _squash(_text(el))
        if before >= 40 and not _beside_label(el) and DATE_ONLY_LINE.match(line):
            signing = line
        before += len(line)
    if signing:
        page.add("written_date", signing, "body:signing")
    m = PRINTED_LINE.search(text)
    if m:
        page.add("written_date", m[1], "body:printed")
    for m in DISCLOSURE_NOTE.finditer(text):
        page.add("disclosure", m[1], "body:note")
    images = [img.get("src") for img in body.iter("img") if img.get("src")]
    page.image_count = len(images)
    for src in images:
        page.links.append(Link(urljoin(base_url, src), "", "image"))
    page.has_video = bool(VIDEO(body))
    for video in VIDEO_SOURCES(body):
        page.links.append(Link(urljoin(base_url, video.get("src")), "", "other"))
    return text


def _block_anchors(container, heading) -> list:
    """The links of a related block: after its heading, up to the next heading of any block
    (an automatic 相关阅读 list beside a 相关解读 block is not part of it)."""
    anchors, started = [], False
    for el in container.iter():
        if el is heading:
            started = True
            continue
        if not started or not isinstance(el.tag, str):
            continue
        if el.tag == "a":
            if el.get("href"):
                anchors.append(el)
        elif el.text and label_key(el.text) in ANY_BLOCK_HEADING:
            break
    return anchors


def _links(page: PageExtract, root, nodes, body, base_url: str) -> None:
    related_anchors = set()
    for text, el in nodes:
        key = label_key(text)
        relation = RELATED_HEADINGS.get(key)
        if key in COLON_HEADINGS and not text.rstrip().endswith((":", "：")):
            continue
        if key in NOT_RELATED_HEADINGS:
            parent = el.getparent()
            related_anchors.update(_block_anchors(el if parent is None else parent, el))
            continue
        if not relation or el.tag == "a" or INSIDE_ANCHOR(el):
            continue  # a navigation link named 政策解读 is not a related block
        # the block's links: after the heading, under its element or one of its next five
        # ancestors (real pages nest an inline heading four spans deep)
        container, anchors = el, []
        for _ in range(6):
            anchors = _block_anchors(container, el)
            if anchors or container.getparent() is None:
                break
            container = container.getparent()
        for a in anchors:
            anchor_text = _squash(_text(a))
            if a in related_anchors or is_navigation(anchor_text):
                continue
            related_anchors.add(a)
            page.links.append(Link(urljoin(base_url, a.get("href")), anchor_text, relation))
    seen = {ln.to_url for ln in page.links}
    for a in root.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("javascript:", "#", "mailto:")) or a in related_anchors:
            continue
        is_attachment = bool(ATTACHMENT_EXT.search(href)) or "downfile" in href.lower()
        if not is_attachment and not inside(a, body):
            continue  # navigation, footer: not the document's own links
        url = urljoin(base_url, href)
        if url not in seen:
            page.links.append(
                Link(url, _squash(_text(a)), "attachment" if is_attachment else "other")
            )
            seen.add(url)
    page.attachment_count = sum(1 for ln in page.links if ln.relation == "attachment")


def _unlabelled_date_near_title(page: PageExtract, nodes, body) -> None:
    """`( 2022-04-26)` right under the title, with no label (Shanghai's commission), or opening
    the byline before its other labels (`2025-02-18 来源：财务处`). A date after a label of another
    date (归档时间, a letter's 来信时间) is that date, never the publication's."""
    if any(
        c.field == "published_date" and c.source.startswith(("table", "byline"))
        for c in page.candidates
    ):
        return
    titles = {c.raw for c in page.candidates if c.field == "title"}
    for i, (text, _) in enumerate(nodes):
        if _squash(text) in titles:
            before = text
            for later, el in nodes[i + 1 : i + 6]:
                if inside(el, body):
                    break
                after_other_date = label_key(before).endswith(OTHER_DATE_LABELS)
                before = later
                m = BARE_DATE.match(later)
                if not m or after_other_date:
                    continue
                rest = label_key(later[m.end() :])
                if not rest or rest.startswith(STOP_LABELS):
                    page.add("published_date", m[0], "byline:unlabelled")
                    return


def extract_page(html: str, url: str, *, body_hints: tuple[str, ...] = ()) -> PageExtract:
    """Every candidate value on a document page, with sources, plus its links and body measures."""
    html, exposures = mask_html(html)  # no personal number goes further (crawlers/personal_data.py)
    root = parse_html(html)
    page = PageExtract(url=url)
    body, page.body_found_by = find_body(root, html, body_hints)
    nodes = _text_nodes(root)
    body_ids = {id(el) for el in body.iter()} if body is not None else set()
    _labels(page, nodes, body_ids)
    page.meta = _meta(root)
    meta = page.meta
    page.add("title", meta.get("articletitle"), "meta:ArticleTitle")
    page.add("published_date", meta.get("pubdate"), "meta:PubDate")
    page.add("published_date", meta.get("firstpublishedtime"), "meta:firstpublishedtime")
    _title(page, root, body)
    _unlabelled_date_near_title(page, nodes, body)
    text = _body(page, body, url)
    titles = [c.raw for c in page.candidates if c.field == "title"]
    labelled = {}  # the first value of each fact's label (来信时间, 回复时间, 处罚决定日期 …)
    for c in page.candidates:
        if c.field in FACT_FIELDS:
            labelled.setdefault(c.field, c.raw)
    letter = any(field in labelled for field in LETTER_FIELDS)
    page_text = " ".join(t for t, _ in nodes) if letter else ""  # a letter's page only
    page.facts = read_body_facts(body, text, titles, labelled, page_text)
    # personal numbers the document itself shows (its title or body, not the site's footer)
    shown = []
    for e in exposures:
        where = text if e.masked in text else next((t for t in titles if e.masked in t), None)
        if where is not None:  # the words around it in the document, not in its table cell
            at = where.index(e.masked)
            context = where[max(0, at - 16) : at + len(e.masked) + 8]
            shown.append({**e.to_dict(), "context": context})
    if shown:
        page.facts["personal_data"] = {"items": shown}
    _links(page, root, nodes, body, url)
    m = URL_DATE.search(urlsplit(url).path)
    if m:
        page.add("published_date", f"{m[1]}-{m[2]}-{m[3]}" if m[1] else m[0], "url")
    return page
