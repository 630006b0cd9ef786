"""Every response kept as the server sent it, in WARC files: the evidence behind each finding.

`WarcMiddleware` sits next to the downloader, before decompression and the encoding fix, so a
record holds the bytes as served (a 503 that was retried, a redirect, a 404 included). Each run
writes its own folder, `<warc dir>/<run id>/`, one gzipped WARC file per site (each record its
own gzip member, so a record can be copied out by its offset and length alone). Where each
response went is announced with the `capture_written` signal (the store records it in
`captures`) and put in the request's meta (`zwgk_capture`), so the document or link check read
from it points at its record.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import threading
from pathlib import Path
from typing import BinaryIO

from scrapy import signals
from scrapy.http import Response
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

capture_written = object()  # signal: capture=dict (a `captures` row)
REASONS = {200: "OK", 301: "Moved Permanently", 302: "Found", 304: "Not Modified", 404: "Not Found"}


def run_folder(warc_dir: str | Path, run_id: str) -> Path:
    return Path(warc_dir) / run_id


class WarcMiddleware:
    """A downloader middleware: each response as served into the run's WARC file of its site."""

    def __init__(self, crawler, warc_dir: str, run_id: str):
        self.crawler = crawler
        self.folder = run_folder(warc_dir, run_id)
        self.run_id = run_id
        self.files: dict[str, tuple[BinaryIO, WARCWriter]] = {}
        self.lock = threading.Lock()
        self.bytes_written = 0

    @classmethod
    def from_crawler(cls, crawler):
        from scrapy.exceptions import NotConfigured

        warc_dir = crawler.settings.get("ZWGK_WARC_DIR")
        run_id = crawler.settings.get("ZWGK_RUN_ID")
        if not warc_dir or not run_id:
            raise NotConfigured("no ZWGK_WARC_DIR: responses are not archived")
        middleware = cls(crawler, warc_dir, run_id)
        crawler.signals.connect(middleware.close, signal=signals.spider_closed)
        return middleware

    def writer(self, site_id: str) -> tuple[BinaryIO, WARCWriter]:
        if site_id not in self.files:
            self.folder.mkdir(parents=True, exist_ok=True)
            out = open(self.folder / f"{safe_name(site_id)}.warc.gz", "ab")  # noqa: SIM115
            self.files[site_id] = (out, WARCWriter(out, gzip=True))
        return self.files[site_id]

    def process_response(self, request, response: Response, spider=None) -> Response:
        site_id = request.meta.get("site_id")
        if site_id is None:  # robots.txt: not a page of the site's record
            return response
        fetched = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
        out, writer = self.writer(site_id)
        headers = [
            (k.decode("latin-1"), v.decode("latin-1"))
            for k, values in response.headers.items()
            for v in values
        ]
        status = f"{response.status} {REASONS.get(response.status, '')}".strip()
        record = writer.create_warc_record(
            response.url,
            "response",
            payload=io.BytesIO(response.body),
            length=len(response.body),
            warc_headers_dict={"WARC-Date": fetched.isoformat() + "Z"},
            http_headers=StatusAndHeaders(status, headers, protocol="HTTP/1.1"),
        )
        with self.lock:
            offset = out.tell()
            writer.write_record(record)
            out.flush()
            length = out.tell() - offset
        self.bytes_written += length
        capture = {
            "site_id": site_id,
            "url": response.url,
            "method": request.method,
            "status": response.status,
            "fetched_at": fetched,
            "run_id": self.run_id,
            "warc_file": f"{self.run_id}/{safe_name(site_id)}.warc.gz",
            "warc_offset": offset,
            "warc_length": length,
            "payload_sha1": hashlib.sha1(response.body).hexdigest(),
            "payload_bytes": len(response.body),
        }
        request.meta["zwgk_capture"] = (capture["warc_file"], offset)
        self.crawler.signals.send_catch_log(capture_written, capture=capture)
        return response

    def close(self, spider=None) -> None:
        for out, _ in self.files.values():
            out.close()
        self.files = {}


def safe_name(site_id: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in site_id) or "site"


def read_record(folder: Path, warc_file: str, offset: int, length: int) -> bytes:
    """The record's bytes in its WARC file: one gzip member, a WARC file of its own."""
    path = folder / warc_file
    if not path.is_file():
        raise FileNotFoundError(f"{path} is gone (pruned, or the folder moved)")
    with open(path, "rb") as f:
        f.seek(offset)
        return f.read(length)


def payload(record_bytes: bytes, *, decoded: bool) -> tuple[bytes, str | None]:
    """The HTTP body the record holds: as served, or with its Content-Encoding undone; and that
    encoding."""
    for record in ArchiveIterator(io.BytesIO(record_bytes)):
        encoding = (
            record.http_headers.get_header("Content-Encoding") if record.http_headers else None
        )
        body = record.content_stream().read() if decoded else record.raw_stream.read()
        return body, encoding
    raise ValueError("no record at that place in the WARC file")
