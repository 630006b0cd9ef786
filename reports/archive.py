"""Archived copies beside the live URLs: a finding's page as the crawl received it.

The scorecard links each shown finding's page to its latest capture (crawlers/evidence.py): the
body as served, decompressed, written once into `archive/<sha1>.html` under the scorecard. The
copy is hostile text from a government server, opened from disk: a Content-Security-Policy
that forbids every script, frame and request is put in front of it, and a banner says what it
is. The exact bytes (and a replayable WARC record) come from `zwgk evidence URL`.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path

from pipelines.warc import payload, read_record

GUARD = (
    '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
    "img-src data:; style-src 'unsafe-inline'\">\n"
)


def archived_copy(
    folder: Path, out: Path, capture: tuple, url: str
) -> tuple[str, dt.datetime] | None:
    """Write the capture's page into out/archive/ (once per body); returns (file name, fetched
    at), or None when the record is gone (pruned) or is no document page."""
    warc_file, offset, length, fetched_at, sha1, is_page, encoding = capture
    if not is_page:
        return None
    name = f"{sha1}.html"
    target = out / "archive" / name
    if not target.exists():
        try:
            body, _ = payload(read_record(folder, warc_file, offset, length), decoded=True)
        except (OSError, ValueError):
            return None
        # ASCII only, before the page: the page's own bytes keep their encoding, which is
        # named first (a page whose charset only its HTTP header gave would open garbled)
        charset = f'<meta charset="{escape(encoding)}">\n' if encoding else ""
        about = escape(f"{url} fetched {fetched_at:%Y-%m-%d %H:%M} UTC; exact bytes: zwgk evidence")
        banner = f'<meta name="zwgk-archive" content="{about}">\n'
        target.parent.mkdir(parents=True, exist_ok=True)
        head = (charset + GUARD + banner).encode("ascii", "xmlcharrefreplace")
        target.write_bytes(head + body)
    return name, fetched_at
