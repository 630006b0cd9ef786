"""Document extraction beside the crawl: worker processes read pages while the event loop fetches.

The crawl runs in one Python process and is CPU-bound on one core; reading a document page
(`extract_page`) is the largest part of that CPU. With `ZWGK_EXTRACT_WORKERS` ≥ 1, pages go to
that many worker processes (crawlers/sidecar.py) and the callback awaits the result; 0 extracts
in the crawl's own process. Both give the same plain dict (`PageExtract.to_dict()`). A worker
that dies is logged once; its pages and every later page are extracted in the crawl's process.
"""

from __future__ import annotations

import os

from crawlers.extract.detail import extract_page
from crawlers.sidecar import SideProcesses


class ExtractionError(RuntimeError):
    """`extract_page` raised in a worker; the message holds the worker's traceback."""


def extract(html: str, url: str, body_hints: tuple[str, ...] = ()) -> dict:
    """In-process extraction, as a plain dict."""
    return extract_page(html, url, body_hints=body_hints).to_dict()


def default_workers() -> int:
    """One worker per core beyond the crawl's own, at most 4 (on 2 cores: 1, the measured case)."""
    return max(0, min(4, (os.cpu_count() or 1) - 1))


def workers_from_setting(setting) -> int:
    """ZWGK_EXTRACT_WORKERS: "auto" (or unset) → one per spare core; otherwise a count ≥ 0."""
    if setting in (None, "", "auto"):
        return default_workers()
    try:
        workers = int(setting)
    except (TypeError, ValueError):
        workers = -1
    if workers < 0:
        raise ValueError(f"ZWGK_EXTRACT_WORKERS must be 'auto' or a count ≥ 0, not {setting!r}")
    return workers


class ExtractionPool(SideProcesses):
    """`await pool.extract(html, url, hints)` → page dict, from worker processes or in-process."""

    def __init__(self, workers: int):
        super().__init__("crawlers.extract.pool:extract", workers, "extraction", "extracting")

    async def extract(self, html: str, url: str, body_hints: tuple[str, ...] = ()) -> dict:
        status, value = await self.submit((html, url, tuple(body_hints)))
        if status == "error":
            raise ExtractionError(f"extracting {url} failed in a worker:\n{value}")
        return value
