"""伪造发稿日期 needs an earlier crawl: "标注的发布日期早于此前一次已读到其所在位置、却未见该信息的
抓取". A column's walk counts against a document only when the walk's crawl had ended before the
document was first seen; the crawl that found the document, or one that never recorded its end,
proves nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from analysis.scoring import score
from pipelines.store import Store

SITE = "s"
COLUMN = "http://s/col/notice/"
MONDAY = dt.datetime(2026, 11, 2, 1)  # UTC: 09:00 in China
NEXT_MONDAY = MONDAY + dt.timedelta(days=7)


def a_walk(store: Store, run: str, started: dt.datetime, ended: dt.datetime | None) -> None:
    """A crawl that read the whole column (complete) ten minutes after it started."""
    store.sql(
        "insert into runs (run_id, started_at, finished_at, status) values (?, ?, ?, ?)",
        [run, started, ended, "finished" if ended else "crashed"],
    )
    store.upsert(
        "column_walks",
        [
            {
                "run_id": run,
                "site_id": SITE,
                "column_url": COLUMN,
                "walked_at": started + dt.timedelta(minutes=10),
                "complete": True,
                "incremental": False,
            }
        ],
    )


def page(number: int, published: dt.date, seen: dt.datetime) -> dict:
    return {
        "site_id": SITE,
        "url": f"http://s/art/art_1_{number}.html",
        "title": f"关于做好第{number}号卫生应急工作的通知",
        "column_url": COLUMN,
        "column_kind": "notice",
        "doc_type": "notice",
        "published_date": published,
        "fetched_at": seen,
        "first_seen_at": seen,
    }


def an_old_page_first_seen(store: Store, seen: dt.datetime) -> None:
    """A page dated in January, first seen `seen`, filed under the column and on no list; the
    column's pages of its URL form known since long before (else its arrival would look like a
    site moving to a new system, listed for a person and not counted)."""
    long_before = MONDAY - dt.timedelta(days=60)
    store.upsert(
        "documents", [page(n, dt.date(2025, 12, n - 800 + 1), long_before) for n in (800, 801, 802)]
    )
    store.upsert("documents", [page(900, dt.date(2026, 1, 5), seen)])


@pytest.fixture
def store(tmp_path):
    """A county bureau's audit, empty."""
    store = Store(tmp_path / "audit.duckdb")
    store.sql(
        "insert into sites (site_id, name, level) values (?, '某县卫生健康局', 'county')", [SITE]
    )
    yield store
    store.close()


def backdated_next_monday(store: Store) -> int:
    """The site's count of 伪造发稿日期 scored a week after MONDAY."""
    score(store.con, as_of=NEXT_MONDAY.date())
    return store.sql(
        "select numerator from indicators where indicator = 'backdated_dates' and site_id = ?",
        [SITE],
    )[0][0]


# (the crawls before the page was seen: run, started, ended; when it was first seen; counted)
CASES = [
    # the crawl that found it walked the column first, in the same hour
    ([("r1", MONDAY, MONDAY + dt.timedelta(hours=1))], MONDAY + dt.timedelta(minutes=30), 0),
    # a crawl a week before had read the whole column and not shown it
    ([("r0", MONDAY - dt.timedelta(days=7), MONDAY - dt.timedelta(days=7, hours=-1))], MONDAY, 1),
    # that crawl never recorded its end (killed): nothing proven
    ([("r0", MONDAY - dt.timedelta(days=7), None)], MONDAY, 0),
]


@pytest.mark.parametrize(
    ("crawls", "seen", "counted"),
    CASES,
    ids=["the crawl that found it", "a crawl a week before", "a killed crawl a week before"],
)
def test_a_walk_counts_against_a_page_only_from_a_crawl_ended_before_it_was_seen(
    store, crawls, seen, counted
):
    for crawl in crawls:
        a_walk(store, *crawl)
    an_old_page_first_seen(store, seen)
    assert backdated_next_monday(store) == counted


OTHER = "http://s/col/news/"


def listed(column: str, seen: dt.datetime) -> dict:
    return {
        "site_id": SITE,
        "column_url": column,
        "item_url": "http://s/art/art_1_900.html",
        "title": "关于做好第900号卫生应急工作的通知",
        "first_seen_at": seen,
        "last_seen_at": seen,
    }


# (the column the page was first listed in, then the other; counted): the earlier crawl walked
# COLUMN only, so it proves something only where the page first stood
FIRST_LISTINGS = [(COLUMN, OTHER, 1), (OTHER, COLUMN, 0)]


@pytest.mark.parametrize(
    ("first", "then", "counted"),
    FIRST_LISTINGS,
    ids=["first in the walked column", "first elsewhere"],
)
def test_a_walk_counts_only_in_the_column_a_page_was_first_listed_in(store, first, then, counted):
    a_walk(store, "r0", MONDAY - dt.timedelta(days=7), MONDAY - dt.timedelta(days=7, hours=-1))
    an_old_page_first_seen(store, MONDAY + dt.timedelta(hours=2))
    store.upsert("listings", [listed(first, MONDAY), listed(then, MONDAY + dt.timedelta(hours=1))])
    assert backdated_next_monday(store) == counted
