"""Scrapy's log formatter, minus the per-item DEBUG line (every item ends up in DuckDB anyway),
and library log records made one line where the failure is recorded as data anyway."""

from __future__ import annotations

import logging

from scrapy.logformatter import LogFormatter


class QuietItemsLogFormatter(LogFormatter):
    def scraped(self, item, response, spider):  # noqa: ANN001, ANN201 - Scrapy's signature
        """No log record per scraped item; dropped items and errors are still logged."""
        return None


class NoTraceback(logging.Filter):
    """A failed robots.txt download is logged by Scrapy as an ERROR with a 100-line traceback;
    the same failure of the page it guards is recorded as data (link_checks, site_runs). The
    record keeps one line, at WARNING."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info:
            record.exc_info = None
            record.exc_text = None
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


def quiet_library_logs() -> None:
    """Once per process: one line, no traceback, for network failures Scrapy logs as errors."""
    logger = logging.getLogger("scrapy.downloadermiddlewares.robotstxt")
    if not any(isinstance(f, NoTraceback) for f in logger.filters):
        logger.addFilter(NoTraceback())
