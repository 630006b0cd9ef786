"""The WARC writer beside the crawl (crawlers/warc_writer.py through crawlers/sidecar.py) writes
the records the crawl's own process would, and a writer that dies loses none: every record can
be read back at the offset it was given, digests checked."""

from __future__ import annotations

import asyncio
import datetime as dt
import gzip
import io

import pytest
from warcio.archiveiterator import ArchiveIterator

from crawlers.evidence import record_writer, warc_beside
from crawlers.sidecar import SideProcesses
from crawlers.warc_writer import close_records

FETCHED = dt.datetime(2026, 12, 7, 8, 0, 0)
PAGES = [
    (200, {b"Content-Type": [b"text/html; charset=utf-8"]}, "<p>第{}号通知</p>".encode()),
    (200, {b"Content-Type": [b"text/html; charset=utf-8"]}, "<p>电话：13812345678</p>".encode()),
    (404, {b"Content-Type": [b"text/html"]}, b"<p>not found</p>"),
    (
        200,
        {b"Content-Type": [b"text/html; charset=gbk"], b"Content-Encoding": [b"gzip"]},
        gzip.compress("<p>公开目录</p>".encode("gbk")),
    ),
]


def jobs(folder) -> list[tuple]:
    return [
        (
            str(folder / ("a.warc.gz" if i % 2 else "b.warc.gz")),
            f"urn:test:{i}",
            f"http://127.0.0.1/{i}.html",
            FETCHED,
            status,
            headers,
            body,
        )
        for i, (status, headers, body) in enumerate(PAGES * 5)
    ]


async def write_all(side: SideProcesses, todo: list[tuple], kill_after: int | None = None):
    side.start()
    try:
        results = []
        for i, job in enumerate(todo):
            if i == kill_after:
                side.workers[0].process.kill()
                side.workers[0].process.wait()
            results.append(await side.submit(job))
        return results
    finally:
        side.stop()
        close_records()


def read_back(todo: list[tuple], results: list) -> list[tuple[str, bytes]]:
    """Each record read at the offset and length it was given: its URI and the body it holds."""
    out = []
    for job, (status, (offset, length, _sha1)) in zip(todo, results, strict=True):
        assert status == "ok"
        with open(job[0], "rb") as f:
            f.seek(offset)
            chunk = f.read(length)
        records = ArchiveIterator(io.BytesIO(chunk), check_digests="raise")
        record = next(records)
        out.append(
            (record.rec_headers.get_header("WARC-Target-URI"), record.content_stream().read())
        )
        assert next(records, None) is None  # one record, whole
    return out


def test_the_writer_process_writes_what_the_crawl_process_would(tmp_path):
    beside, here = tmp_path / "beside", tmp_path / "here"
    writer = record_writer()
    written = asyncio.run(write_all(writer, jobs(beside)))
    assert writer.done_by_workers == len(PAGES * 5) and not writer.broken  # all in the process
    in_process = asyncio.run(write_all(record_writer(in_process=True), jobs(here)))
    assert [r[1] for r in written] == [r[1] for r in in_process]  # offsets, lengths, sha1s
    for name in ("a.warc.gz", "b.warc.gz"):
        assert (beside / name).read_bytes() == (here / name).read_bytes()
    bodies = read_back(jobs(beside), written)
    assert bodies[1] == ("http://127.0.0.1/1.html", "<p>电话：138****5678</p>".encode())
    assert bodies[3][1] == "<p>公开目录</p>".encode("gbk")  # kept as served: gzip, no number


def test_a_writer_that_dies_loses_no_record(tmp_path, caplog):
    todo = jobs(tmp_path)
    writer = record_writer()
    results = asyncio.run(write_all(writer, todo, kill_after=7))
    assert writer.broken and "writing WARC records in the crawl process" in caplog.text
    assert [uri for uri, _ in read_back(todo, results)] == [job[2] for job in todo]


@pytest.fixture(autouse=True)
def _closed_files():
    yield
    close_records()


@pytest.mark.parametrize(
    "warc_process, extract_workers, beside",
    [
        ("auto", "2", True),
        ("auto", "0", False),  # `--workers 0`, or `scrapy crawl -s ZWGK_EXTRACT_WORKERS=0`
        (None, "1", True),
        ("True", "0", True),  # chosen: beside even when pages are read in the crawl
        ("False", "2", False),
    ],
)
def test_the_writer_runs_beside_the_crawl_when_pages_are_read_beside_it(
    warc_process, extract_workers, beside
):
    from scrapy.settings import Settings

    settings = Settings({"ZWGK_EXTRACT_WORKERS": extract_workers})
    if warc_process is not None:
        settings.set("ZWGK_WARC_PROCESS", warc_process)
    assert warc_beside(settings) is beside
