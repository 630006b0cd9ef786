"""One document, one URL: the canonical form of a link.

Query parameters that only change how a page is presented (`xxgkhide=1` hides a portal's
disclosure frame, `from=…`/`utm_…` track where a visitor came from) make one document look like
several. They are dropped by rule: the tracking ones everywhere, family ones (Hanweb's
`xxgkhide`) for that family, and whatever a site profile's `drop_query` adds. The fragment goes
too. Everything else — path, case, parameter order — is kept as the site wrote it, because a
CMS may read it (`ShowArticle.asp?ArticleID=12`).
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

TRACKING_PARAMS = frozenset(
    {"from", "spm", "isappinstalled", "scene", "wxfrom", "share_token", "sharer", "clicktime"}
)
TRACKING_PREFIXES = ("utm_",)


def canonical_url(url: str, drop: Iterable[str] = ()) -> str:
    """`url` without presentation-only query parameters and without its fragment."""
    parts = urlsplit(url)
    if not parts.query and not parts.fragment:
        return url
    dropped = TRACKING_PARAMS | {d.lower() for d in drop}
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    kept = [
        (k, v)
        for k, v in pairs
        if k.lower() not in dropped and not k.lower().startswith(TRACKING_PREFIXES)
    ]
    # untouched when nothing is dropped: a CMS may read the query exactly as written
    query = parts.query if len(kept) == len(pairs) else urlencode(kept, safe="/:")
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))
