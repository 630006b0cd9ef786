"""Reading the archive: a capture's record out of its run's WARC file, and the HTTP body it
holds. The crawl writes the records (crawlers/evidence.py); the scorecard's archived copies
(reports/archive.py) and `zwgk evidence` read them here, without loading the crawler.
"""

from __future__ import annotations

import io
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator


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
