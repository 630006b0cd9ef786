"""Every response kept as the server sent it, in WARC files: the evidence behind each finding.

`WarcMiddleware` sits next to the downloader, before decompression and the encoding fix, so a
record holds the bytes as served (a 503 that was retried, a redirect, a 404 included), with one
exception: a page whose text shows a personal number (身份证号, mobile, bank card:
crawlers/personal_data.py) is kept decoded with the numbers masked, its record saying so and
giving the served body's sha1 (`X-Zwgk-Masked`), so no full number is ever written. Each run
writes its own folder, `<warc dir>/<run id>/`, one gzipped WARC file per site (each record its
own gzip member, so a record can be copied out by its offset and length alone). Where each
response went is handed to the run (`CrawlRun.captures`, which the store writes to `captures`)
and put in the request's meta (`zwgk_capture`), so the document or link check read from it
points at its record.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from scrapy import signals
from scrapy.http import Response

from crawlers.extract.pool import workers_from_setting
from crawlers.profiles import safe_name
from crawlers.sidecar import SideProcesses
from crawlers.status import utc_now
from crawlers.warc_writer import close_records


def run_folder(warc_dir: str | Path, run_id: str) -> Path:
    return Path(warc_dir) / run_id


def record_writer(in_process: bool = False) -> SideProcesses:
    """Where records are built and written: one process beside the crawl (one, so the records
    of a file are in the order the responses came), or the crawl's own."""
    return SideProcesses(
        "crawlers.warc_writer:write_record",
        0 if in_process else 1,
        "WARC writer",
        "writing WARC records",
    )


class WarcWriteError(OSError):
    """A record could not be written; the message holds the writer's traceback."""


def warc_beside(settings) -> bool:
    """Whether WARC records are written by a process beside the crawl (`ZWGK_WARC_PROCESS`):
    "auto" follows document reading, so `ZWGK_EXTRACT_WORKERS=0` (`--workers 0`, or one core)
    keeps everything in the crawl's own process; True or False chooses."""
    setting = settings.get("ZWGK_WARC_PROCESS", "auto")
    if setting in (None, "", "auto"):
        return workers_from_setting(settings.get("ZWGK_EXTRACT_WORKERS")) > 0
    return settings.getbool("ZWGK_WARC_PROCESS")


class WarcMiddleware:
    """A downloader middleware: each response as served into the run's WARC file of its site.

    The record is built (masked, digested, compressed) and written by one process beside the
    crawl (crawlers/warc_writer.py, `ZWGK_WARC_PROCESS`, `warc_beside`), so the crawl's own
    thread only hands the response over and awaits where the record went. One process: the
    records of a file are written in the order the responses came."""

    def __init__(self, crawler, warc_dir: str, run_id: str, in_process: bool = False):
        self.crawler = crawler
        self.folder = run_folder(warc_dir, run_id)
        self.run_id = run_id
        self.files: dict[str, tuple[str, str]] = {}  # site → (file's path, its name under warc/)
        # record ids: one random UUID per run, numbered (a URI, unique, cheaper than uuid4 each)
        self.id_prefix = f"urn:zwgk-audit:{uuid.uuid4()}"
        self.records = 0
        self.writer = record_writer(in_process)

    @classmethod
    def from_crawler(cls, crawler):
        from scrapy.exceptions import NotConfigured

        warc_dir = crawler.settings.get("ZWGK_WARC_DIR")
        run_id = crawler.settings.get("ZWGK_RUN_ID")
        if not warc_dir or not run_id:
            raise NotConfigured("no ZWGK_WARC_DIR: responses are not archived")
        in_process = not warc_beside(crawler.settings)
        middleware = cls(crawler, warc_dir, run_id, in_process)
        crawler.signals.connect(middleware.open, signal=signals.spider_opened)
        crawler.signals.connect(middleware.close, signal=signals.spider_closed)
        return middleware

    def output(self, site_id: str) -> tuple[str, str]:
        """The site's WARC file: its path, and its name under warc/."""
        if site_id not in self.files:
            name = f"{safe_name(site_id)}.warc.gz"
            self.files[site_id] = (str(self.folder / name), f"{self.run_id}/{name}")
        return self.files[site_id]

    async def process_response(self, request, response: Response, spider=None) -> Response:
        site_id = request.meta.get("site_id")
        if site_id is None:  # robots.txt: not a page of the site's record
            return response
        fetched = utc_now()
        self.records += 1
        path, warc_file = self.output(site_id)
        job = (
            path,
            f"{self.id_prefix}:{self.records}",
            response.url,
            fetched,
            response.status,
            dict(response.headers),  # the lists Scrapy holds: a plain dict for the writer
            response.body,
        )
        status, written = await self.writer.submit(job)
        if status == "error":
            raise WarcWriteError(f"archiving {response.url} failed:\n{written}")
        offset, length, sha1 = written
        capture = {
            "site_id": site_id,
            "url": response.url,
            "method": request.method,
            "status": response.status,
            "fetched_at": fetched,
            "run_id": self.run_id,
            "warc_file": warc_file,
            "warc_offset": offset,
            "warc_length": length,
            "payload_sha1": sha1,
            "payload_bytes": len(response.body),
        }
        request.meta["zwgk_capture"] = (warc_file, offset)
        self.crawler.spider.run.captures.append(capture)  # stored with the next batch
        return response

    def open(self, spider=None) -> None:
        self.writer.start()

    def close(self, spider=None) -> None:
        self.writer.stop()  # the writer finishes what it was sent, then its files close
        close_records()  # the files written in this process, if any
        self.crawler.stats.set_value("zwgk/warc_records_in_writer", self.writer.done_by_workers)
