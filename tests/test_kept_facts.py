"""Facts kept between scorings (analysis/kept.py) equal the facts computed whole, after every
kind of write the store makes: a week of new pages, an item listed again, an old item found in
another column by a shard merged late. The keys a write touched are computed again and nothing
else; a row gone from the store, or another version of a kept table's SQL, computes it whole; a
past moment (a snapshot) computes temporary tables and keeps nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

import analysis.kept as kept_module
from analysis.kept import KEPT, Kept, kept_facts, refresh
from analysis.snapshot import known_then
from pipelines.store import Store

SITE = "s"
WEEK_1, WEEK_2 = dt.datetime(2026, 11, 2, 1), dt.datetime(2026, 11, 9, 1)
NEWS = f"http://{SITE}/col/news/index.html"
NOTICES = f"http://{SITE}/col/notice/index.html"


def page(n: int) -> str:
    return f"http://{SITE}/c/2026/t202611{n % 28 + 1:02d}_{1000 + n}.html"


def documents(numbers: range, seen: dt.datetime) -> list[dict]:
    return [
        {
            "site_id": SITE,
            "url": page(n),
            "title": f"第{n}期",
            "column_url": NEWS,
            "published_date": dt.date(2026, 11, 1),
            "fetched_at": seen,
            "first_seen_at": seen,
        }
        for n in numbers
    ]


def listed(numbers: range, seen: dt.datetime, column: str = NEWS) -> list[dict]:
    return [
        {
            "site_id": SITE,
            "column_url": column,
            "item_url": page(n),
            "title": f"第{n}期",
            "first_seen_at": seen,
            "last_seen_at": seen,
        }
        for n in numbers
    ]


@pytest.fixture
def store(tmp_path):
    """A site after its first crawl, with its kept facts computed."""
    store = Store(tmp_path / "audit.duckdb")
    store.upsert("documents", documents(range(20), WEEK_1))
    store.upsert("listings", listed(range(20), WEEK_1))
    for kept in KEPT:
        assert refresh(store.con, kept).whole
    yield store
    store.close()


def whole(store: Store, kept: Kept) -> list[tuple]:
    """The kept table as computing it whole gives it."""
    store.sql(f"create or replace temp view kept_source as select * from {kept.source}")
    try:
        return store.sql(f"select * from ({kept.text}) order by all")
    finally:
        store.sql("drop view kept_source")


def a_week_of_new_pages(store: Store) -> None:
    store.upsert("documents", documents(range(20, 25), WEEK_2))
    store.upsert("listings", listed(range(20, 25), WEEK_2))


def the_news_list_read_again(store: Store) -> None:
    # the first page of the list again: an upsert keeps the first sighting
    store.upsert("listings", listed(range(15, 20), WEEK_2))


def a_late_shard_lists_an_old_page_earlier_in_another_column(store: Store) -> None:
    store.upsert("listings", listed(range(3, 4), WEEK_1 - dt.timedelta(days=7), NOTICES))


def a_page_is_taken_down(store: Store) -> None:
    store.upsert("documents", [{**documents(range(7, 8), WEEK_1)[0], "title": "已更正"}])


# (the write, the keys computed again per kept table)
WRITES: list[tuple[Callable[[Store], None], dict[str, int]]] = [
    (a_week_of_new_pages, {"document_facts": 5, "listing_facts": 5}),
    (the_news_list_read_again, {"document_facts": 0, "listing_facts": 5}),
    (a_late_shard_lists_an_old_page_earlier_in_another_column, {"listing_facts": 1}),
    (a_page_is_taken_down, {"document_facts": 1, "listing_facts": 0}),
]


@pytest.mark.parametrize(("write", "computed"), WRITES, ids=[w.__name__ for w, _ in WRITES])
def test_a_write_computes_only_the_keys_it_touched_and_equals_computing_whole(
    store, write, computed
):
    write(store)
    for kept in KEPT:
        done = refresh(store.con, kept)
        assert not done.whole
        assert done.computed == computed.get(kept.name, 0)
        assert store.sql(f"select * from {kept.name} order by all") == whole(store, kept)


def test_the_old_page_listed_earlier_elsewhere_is_first_listed_there(store):
    a_late_shard_lists_an_old_page_earlier_in_another_column(store)
    refresh(store.con, KEPT[1])
    assert store.sql(
        "select first_listed, column_url from listing_facts where item_url = ?", [page(3)]
    ) == [(WEEK_1 - dt.timedelta(days=7), NOTICES)]


def test_a_row_gone_from_the_store_computes_the_table_whole(store):
    # a shard's merge replaces a site's rows: here it came back without one list row
    store.sql("delete from listings where item_url = ?", [page(4)])
    a_week_of_new_pages(store)
    done = refresh(store.con, KEPT[1])
    assert done.whole and done.computed == 24
    assert store.sql("select * from listing_facts order by all") == whole(store, KEPT[1])


def test_another_version_of_a_kept_tables_sql_computes_it_whole(store, tmp_path, monkeypatch):
    edited = tmp_path / "kept"
    edited.mkdir()
    for kept in KEPT:
        text = kept.text + "\n-- edited\n"
        (edited / f"{kept.name}.sql").write_text(text, encoding="utf-8")
    monkeypatch.setattr(kept_module, "KEPT_DIR", edited)
    assert all(refresh(store.con, kept).whole for kept in KEPT)
    assert not any(refresh(store.con, kept).whole for kept in KEPT)  # and kept from then on


def test_nothing_written_since_computes_nothing(store):
    assert [refresh(store.con, kept).computed for kept in KEPT] == [0, 0]


def test_a_past_moment_computes_temporary_tables_and_keeps_nothing(store):
    a_week_of_new_pages(store)
    then = WEEK_1 + dt.timedelta(days=1)
    with known_then(store.con, then), kept_facts(store.con, snapshot=True) as done:
        assert [d.kept for d in done] == [20, 20]  # the new week's pages were not known then
    # the kept tables were not touched: the next refresh still finds the week's pages to compute
    assert [refresh(store.con, kept).computed for kept in KEPT] == [5, 5]
    assert store.sql("select count(*) from document_facts") == [(25,)]
