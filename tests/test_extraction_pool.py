"""Extraction in worker processes gives what in-process extraction gives, and survives failures."""

from __future__ import annotations

import asyncio
import logging

import pytest

from crawlers.extract.pool import (
    ExtractionError,
    ExtractionPool,
    default_workers,
    extract,
    workers_from_setting,
)

from .conftest import ROOT

PAGES = sorted((ROOT / "samples" / "sites").glob("*/www/**/t2025*.htm*"))[:40]


def read(path) -> tuple[str, str]:
    raw = path.read_bytes()
    try:
        html = raw.decode("utf-8")
    except UnicodeDecodeError:
        html = raw.decode("gb18030")
    return html, "http://127.0.0.1:8401/" + str(path).split("/www/", 1)[1]


async def extract_all(pool: ExtractionPool, pages: list[tuple[str, str]]) -> list[dict]:
    pool.start()
    try:
        return await asyncio.gather(*(pool.extract(html, url) for html, url in pages))
    finally:
        pool.stop()


@pytest.mark.parametrize("workers", [1, 2])
def test_workers_give_the_in_process_result_for_every_page(workers):
    pages = [read(p) for p in PAGES]
    assert len(pages) == 40
    pool = ExtractionPool(workers)
    got = asyncio.run(extract_all(pool, pages))
    expected = [extract(html, url) for html, url in pages]
    assert got == expected
    assert pool.done_by_workers == 40 and not pool.broken
    assert {c["field"] for page in got for c in page["candidates"]} >= {
        "title",
        "published_date",
        "index_no",
    }


def test_a_page_that_fails_raises_in_the_callback_and_the_rest_go_on():
    html, url = read(PAGES[0])

    async def run():
        pool = ExtractionPool(1)
        pool.start()
        try:
            results = await asyncio.gather(
                pool.extract(None, "http://127.0.0.1/broken"),  # not text: extract_page raises
                pool.extract(html, url),
                return_exceptions=True,
            )
        finally:
            pool.stop()
        return results

    failed, page = asyncio.run(run())
    with pytest.raises(Exception) as in_process:  # what the same page raises in-process
        extract(None, "http://127.0.0.1/broken")
    assert isinstance(failed, ExtractionError)
    assert "http://127.0.0.1/broken" in str(failed)
    assert f"{in_process.type.__name__}: " in str(failed)  # the worker's traceback
    assert page == extract(html, url)


def test_a_killed_worker_is_logged_and_its_pages_are_extracted_in_process(caplog):
    pages = [read(p) for p in PAGES[:10]]

    async def run():
        pool = ExtractionPool(1)
        pool.start()
        pool.workers[0].process.kill()
        pool.workers[0].process.wait()
        try:
            return await asyncio.gather(*(pool.extract(h, u) for h, u in pages)), pool
        finally:
            pool.stop()

    with caplog.at_level(logging.ERROR, logger="crawlers.extract.pool"):
        got, pool = asyncio.run(run())
    assert got == [extract(h, u) for h, u in pages]
    assert pool.broken
    assert "extracting in the crawl process from now on" in caplog.text


def test_zero_workers_extracts_in_process():
    html, url = read(PAGES[0])
    pool = ExtractionPool(0)
    assert asyncio.run(extract_all(pool, [(html, url)])) == [extract(html, url)]
    assert pool.workers == []


def test_without_an_event_loop_pages_are_read_in_process(caplog):
    html, url = read(PAGES[0])
    pool = ExtractionPool(2)
    with caplog.at_level(logging.WARNING, logger="crawlers.extract.pool"):
        pool.start()  # no running loop, as under a non-asyncio Twisted reactor
    assert pool.workers == [] and "extracting in-process" in caplog.text
    assert asyncio.run(pool.extract(html, url)) == extract(html, url)


@pytest.mark.parametrize(
    "setting, workers",
    [(None, "auto"), ("auto", "auto"), ("", "auto"), ("0", 0), (0, 0), ("3", 3), (2, 2)],
)
def test_the_workers_setting(setting, workers):
    expected = default_workers() if workers == "auto" else workers
    assert workers_from_setting(setting) == expected


@pytest.mark.parametrize("setting", ["-1", "two", "1.5"])
def test_a_bad_workers_setting_is_refused_with_its_name(setting):
    with pytest.raises(ValueError, match="ZWGK_EXTRACT_WORKERS must be 'auto' or a count"):
        workers_from_setting(setting)
