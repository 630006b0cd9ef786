"""A commission inside a portal: finding its section, and the path that bounds it.

From the portal's homepage the road goes through the department directory (部门信息公开, 部门导航,
政府信息公开 → 部门 …: crawlers/registry/words.toml [directory]) to the link that names the
commission (its name, or what portals call it: 卫生健康局, 卫健局 …). The section is the path the
commission's page sits in (`/bm/wjj/index.html` → `/bm/wjj/`); a page outside it is never the
commission's, whatever links lead there (the top menu's 政务公开, other departments' pages).
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from crawlers.extract.detail import parse_html
from crawlers.extract.labels import label_key
from crawlers.registry.register import words

MAX_LINK_CHARS = 30
# path segments that hold every department's pages alike: no section of one department
SHARED_DIRECTORIES = frozenset({"", "col", "art", "module", "bm", "zwgk", "xxgk", "gkml"})


@dataclass(frozen=True)
class PortalLink:
    url: str
    text: str


def _links(html: str, base_url: str, allowed: Callable[[str], bool]) -> list[PortalLink]:
    out, seen = [], set()
    for a in parse_html(html).iter("a"):
        href = (a.get("href") or "").strip()
        text = label_key(" ".join("".join(a.itertext()).split()))
        if not href or not text or href.startswith(("javascript:", "#", "mailto:")):
            continue
        url = urljoin(base_url, href).split("#")[0]
        if url not in seen and allowed(url) and len(text) <= MAX_LINK_CHARS:
            seen.add(url)
            out.append(PortalLink(url, text))
    return out


def names_for(name: str) -> tuple[str, ...]:
    """What a portal may call the commission: its full name, then the aliases (卫生健康局 …)."""
    return (label_key(name), *words()["commission_names"]["aliases"])


def section_links(
    html: str, base_url: str, name: str, allowed: Callable[[str], bool]
) -> list[PortalLink]:
    """Links whose text names the commission: its full name first, then a name ending in an alias
    (县卫生健康局, 卫健局), never a subordinate unit's (…医院, …疾控中心)."""
    not_ours = tuple(words()["health"]["not_organizer"])
    full, *aliases = names_for(name)
    links = [link for link in _links(html, base_url, allowed) if not link.text.endswith(not_ours)]
    exact = [link for link in links if link.text == full]
    return exact or [link for link in links if link.text.endswith(tuple(aliases))]


def directory_links(html: str, base_url: str, allowed: Callable[[str], bool]) -> list[PortalLink]:
    """Links toward the department directory, in the order of words.toml [directory]."""
    wanted = words()["directory"]["links"]
    links = _links(html, base_url, allowed)
    ranked = [
        (wanted.index(link.text), i, link) for i, link in enumerate(links) if link.text in wanted
    ]
    return [link for _, _, link in sorted(ranked)]


def section_scope(node_url: str) -> tuple[str, ...]:
    """The path prefix of the commission's section, from its page's URL (/bm/wjj/index.html →
    /bm/wjj/); () when the page sits where every department's pages do (/col/col123/ is one
    column of a shared tree): then the profile must give its scope."""
    path = urlsplit(node_url).path or "/"
    directory = path if path.endswith("/") else posixpath.dirname(path) + "/"
    last = directory.rstrip("/").rsplit("/", 1)[-1]
    if last.lower() in SHARED_DIRECTORIES or last.lower().startswith("col"):
        return ()
    return (directory,)


@dataclass(frozen=True)
class Section:
    url: str  # the commission's page in the portal
    scope: tuple[str, ...]


def find_section(
    html: str, base_url: str, name: str, reachable: Callable[[str], bool], scope: tuple[str, ...]
) -> tuple[Section | None, str]:
    """The commission's section on this portal page (its page and scope: `scope` if the profile
    gives one, else the page's path), or None with why: '' when the page does not name it, a
    sentence when it does but the page has no path of its own."""
    why = ""
    for link in section_links(html, base_url, name, reachable):
        found = scope or section_scope(link.url)
        if found:
            return Section(link.url, found), ""
        why = (
            f"{name} found at {link.url}, but its pages have no path of their own on the "
            "portal: give the section's scope in the profile"
        )
    return None, why
