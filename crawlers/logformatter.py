"""Scrapy's log formatter, minus the per-item DEBUG line (every item ends up in DuckDB anyway)."""

from __future__ import annotations

from scrapy.logformatter import LogFormatter


class QuietItemsLogFormatter(LogFormatter):
    def scraped(self, item, response, spider):  # noqa: ANN001, ANN201 - Scrapy's signature
        """No log record per scraped item; dropped items and errors are still logged."""
        return None
