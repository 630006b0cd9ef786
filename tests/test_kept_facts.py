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
from analysis.kept import KEPT, Kept, refresh
from analysis.scoring import kept_facts
from analysis.sequences import TABLES as SEQUENCE_TABLES
from analysis.sequences import place_snapshot, refresh_sequences
from analysis.snapshot import known_then
from pipelines.store import Store

SITE = "s"
WEEK_1, WEEK_2 = dt.datetime(2026, 11, 2, 1), dt.datetime(2026, 11, 9, 1)
NEWS = f"http://{SITE}/col/news/index.html"
NOTICES = f"http://{SITE}/col/notice/index.html"


def page(n: int) -> str:
    """A TRS page: numbered 1000 + n, made on day n of November (its URL names the day)."""
    return f"http://{SITE}/c/2026/t202611{n % 28 + 1:02d}_{1000 + n}.html"


def documents(numbers: range, seen: dt.datetime, dated: dt.date | None = None) -> list[dict]:
    return [
        {
            "site_id": SITE,
            "url": page(n),
            "title": f"第{n}期",
            "column_url": NEWS,
            "published_date": dated or dt.date(2026, 11, n % 28 + 1),
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
    assert refresh_sequences(store.con).whole
    yield store
    store.close()


def kept(name: str) -> Kept:
    return next(k for k in KEPT if k.name == name)


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
    # the first page of the list again, saying the same: only when it was read changes
    store.upsert("listings", listed(range(15, 20), WEEK_2))


def the_news_lists_rows_moved_to_its_second_page(store: Store) -> None:
    # an upsert keeps the first sighting; the page a row stands on is what the list says
    moved = [{**row, "list_page": f"{NEWS}?page=2"} for row in listed(range(15, 20), WEEK_2)]
    store.upsert("listings", moved)


def a_late_shard_lists_an_old_page_earlier_in_another_column(store: Store) -> None:
    store.upsert("listings", listed(range(3, 4), WEEK_1 - dt.timedelta(days=7), NOTICES))


def a_page_is_retitled(store: Store) -> None:
    store.upsert("documents", [{**documents(range(7, 8), WEEK_1)[0], "title": "已更正"}])


def a_page_is_read_with_another_date(store: Store) -> None:
    # its list row is not written again: the document's write reaches the row's date
    store.upsert("documents", documents(range(9, 10), WEEK_2, dated=dt.date(2026, 10, 1)))


# (the write, the keys computed again per kept table, or "whole")
WRITES: list[tuple[Callable[[Store], None], dict[str, int | str]]] = [
    (
        a_week_of_new_pages,
        {"document_facts": 5, "title_columns": 5, "listed_items": 5},
    ),
    (the_news_list_read_again, {}),
    (the_news_lists_rows_moved_to_its_second_page, {"listed_items": 5}),
    # the item's two list rows
    (
        a_late_shard_lists_an_old_page_earlier_in_another_column,
        {"listed_items": 2},
    ),
    # its old title's row lost its page: the titles are counted whole
    (a_page_is_retitled, {"document_facts": 1, "title_columns": "whole", "listed_items": 1}),
    (
        a_page_is_read_with_another_date,
        {"document_facts": 1, "title_columns": 1, "listed_items": 1},
    ),
]


@pytest.mark.parametrize(("write", "computed"), WRITES, ids=[w.__name__ for w, _ in WRITES])
def test_a_write_computes_only_the_keys_it_touched_and_equals_computing_whole(
    store, write, computed
):
    write(store)
    for kept in KEPT:
        done = refresh(store.con, kept)
        expected = computed.get(kept.name, 0)
        assert (done.whole, done.computed) == (
            (True, done.kept) if expected == "whole" else (False, expected)
        )
        assert store.sql(f"select * from {kept.name} order by all") == whole(store, kept)


def test_a_page_without_a_title_is_counted_and_kept_like_any_other(store):
    untitled = {**documents(range(30, 31), WEEK_2)[0], "title": None}
    store.upsert("documents", [untitled])
    titles = kept("title_columns")
    assert not refresh(store.con, titles).whole
    # stored again with another date: its key, NULL title, matches its row
    store.upsert("documents", [{**untitled, "published_date": dt.date(2026, 10, 1)}])
    done = refresh(store.con, titles)
    assert (done.whole, done.computed) == (False, 1)
    assert store.sql("select * from title_columns order by all") == whole(store, titles)


def test_the_old_page_listed_earlier_elsewhere_keeps_both_rows_with_their_sightings(store):
    """int_backdated takes an item's first listing from its rows: here the late shard's."""
    a_late_shard_lists_an_old_page_earlier_in_another_column(store)
    refresh(store.con, kept("listed_items"))
    assert store.sql(
        "select column_url, first_seen_at from listed_items where item_url = ? order by 2",
        [page(3)],
    ) == [(NOTICES, WEEK_1 - dt.timedelta(days=7)), (NEWS, WEEK_1)]


def test_a_row_gone_from_the_store_computes_the_table_whole(store):
    # a shard's merge replaces a site's rows: here it came back without one list row
    store.sql("delete from listings where item_url = ?", [page(4)])
    a_week_of_new_pages(store)
    done = refresh(store.con, kept("listed_items"))
    assert done.whole and done.computed == 24
    assert store.sql("select * from listed_items order by all") == whole(
        store, kept("listed_items")
    )


def test_another_version_of_a_kept_tables_sql_computes_it_whole(store, tmp_path, monkeypatch):
    edited = tmp_path / "kept"
    edited.mkdir()
    for kept in KEPT:
        text = kept.text + "\n-- edited\n"
        (edited / f"{kept.name}.sql").write_text(text, encoding="utf-8")
    monkeypatch.setattr(kept_module, "KEPT_DIR", edited)
    assert all(refresh(store.con, kept).whole for kept in KEPT)
    assert not any(refresh(store.con, kept).whole for kept in KEPT)  # and kept from then on


def test_another_version_of_the_shared_macros_computes_every_kept_table_whole(
    store, tmp_path, monkeypatch
):
    """A macro (analysis/sql/macros.sql) is part of every file that calls it."""
    import analysis.db as db_module

    edited = tmp_path / "macros.sql"
    edited.write_text(
        db_module.MACROS.read_text(encoding="utf-8").replace("' ', ''", "'　', ''"),
        encoding="utf-8",
    )
    monkeypatch.setattr(db_module, "MACROS", edited)
    monkeypatch.setattr(kept_module, "MACROS", edited)
    assert all(refresh(store.con, kept).whole for kept in KEPT)
    assert not any(refresh(store.con, kept).whole for kept in KEPT)


def test_nothing_written_since_computes_nothing(store):
    assert [refresh(store.con, kept).computed for kept in KEPT] == [0] * len(KEPT)


def test_a_past_moment_computes_temporary_tables_and_keeps_nothing(store):
    a_week_of_new_pages(store)
    then = WEEK_1 + dt.timedelta(days=1)
    with known_then(store.con, then), kept_facts(store.con, snapshot=True):
        # the new week's pages were not known then
        assert store.sql("select count(*) from document_facts") == [(20,)]
        assert store.sql("select count(*) from listed_items") == [(20,)]
    # the kept tables were not touched: the next refresh still finds the week's pages to compute
    assert [refresh(store.con, kept).computed for kept in KEPT] == [5] * len(KEPT)
    assert store.sql("select count(*) from document_facts") == [(25,)]


def placed_whole(store: Store) -> list[list[tuple]]:
    """The pages' places and the sequences' ends as placing every page gives them."""
    place_snapshot(store.con)  # temporary tables of the kept names, placed whole
    try:
        return [store.sql(f"select * from temp.main.{t} order by all") for t in SEQUENCE_TABLES]
    finally:
        for table in SEQUENCE_TABLES:
            store.sql(f"drop table temp.main.{table}")


def a_week_of_new_pages_one_dated_a_month_back(store: Store) -> None:
    a_week_of_new_pages(store)
    store.upsert("documents", documents(range(25, 26), WEEK_2, dated=dt.date(2026, 10, 1)))


def a_new_page_numbered_among_the_old_ones(store: Store) -> None:
    url = f"http://{SITE}/c/2026/t20261030_1005.html"  # made on 30 October, numbered 1005
    row = {**documents(range(1), WEEK_2)[0], "url": url, "published_date": dt.date(2026, 10, 30)}
    store.upsert("documents", [row])


def an_old_pages_date_corrected(store: Store) -> None:
    store.upsert("documents", documents(range(8, 9), WEEK_2, dated=dt.date(2026, 10, 2)))


# (the write, the pages placed: the new ones only, or the whole sequence's)
PLACINGS = [
    (a_week_of_new_pages_one_dated_a_month_back, 6),
    (a_new_page_numbered_among_the_old_ones, 21),
    (an_old_pages_date_corrected, 20),
]


@pytest.mark.parametrize(("write", "placed"), PLACINGS, ids=[w.__name__ for w, _ in PLACINGS])
def test_pages_past_a_sequences_end_continue_it_and_any_other_change_places_it_whole(
    store, write, placed
):
    write(store)
    for kept in KEPT:
        refresh(store.con, kept)
    done = refresh_sequences(store.con)
    assert not done.whole and done.computed == placed
    assert [store.sql(f"select * from {t} order by all") for t in SEQUENCE_TABLES] == (
        placed_whole(store)
    )


def test_a_new_page_dated_a_month_back_is_placed_out_of_order(store):
    a_week_of_new_pages_one_dated_a_month_back(store)
    for kept in KEPT:
        refresh(store.con, kept)
    refresh_sequences(store.con)
    assert store.sql("select url, latest_before, upto from sequence_positions") == [
        (page(25), dt.date(2026, 11, 25), 26)
    ]


def test_other_rule_words_compute_the_facts_that_read_them_whole(store):
    """document_facts reads the rules' title words: a reply's, a periodic duty's."""
    store.upsert(
        "documents", [{**documents(range(1), WEEK_2)[0], "title": "关于第 9 号提案的答复"}]
    )
    store.sql("set variable proposal_replies__titles = ['提案的答复']")
    store.sql("set variable proposal_replies__excluded_titles = ['工作方案']")
    facts, listings = kept("document_facts"), kept("listed_items")
    assert refresh(store.con, facts).whole  # the words changed: every title read again
    assert store.sql("select url from document_facts where proposal_title") == [(page(0),)]
    assert not refresh(store.con, facts).whole  # the same words: kept
    store.sql("set variable proposal_replies__excluded_titles = ['提案']")
    assert refresh(store.con, facts).whole
    assert store.sql("select count(*) from document_facts where proposal_title") == [(0,)]
    assert not refresh(store.con, listings).whole  # the list rows read no rule's words
