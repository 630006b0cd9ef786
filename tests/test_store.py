"""The store: batched upserts by key, first sighting kept, locks reported in words."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from pipelines.store import Store, StoreError

from .support.holder import database_held_open

T1, T2 = dt.datetime(2026, 11, 1, 8), dt.datetime(2026, 11, 8, 8)
WEEK = dt.timedelta(days=7)
LATEST = len(list((Path(__file__).parent.parent / "pipelines" / "migrations").glob("*.sql"))) + 1


def doc(title: str, fetched: dt.datetime) -> dict:
    return {
        "site_id": "s",
        "url": "http://s/1.html",
        "title": title,
        "published_date": dt.date(2026, 11, 1),
        "warnings": ["meta_pubdate_mismatch"],
        "fetched_at": fetched,
        "first_seen_at": fetched,
    }


def test_upsert_keeps_one_row_per_key_and_the_first_sighting(tmp_path):
    store = Store(tmp_path / "a.duckdb")
    # duplicates inside one batch: the later row wins (DuckDB alone would keep the first)
    store.upsert("documents", [doc("old", T1), doc("new", T1)])
    store.upsert("documents", [doc("newer", T2)])
    rows = store.sql("select title, fetched_at, first_seen_at, warnings from documents")
    store.close()
    assert rows == [("newer", T2, T1, ["meta_pubdate_mismatch"])]


def link(from_url: str, to_url: str) -> dict:
    return {
        "site_id": "s",
        "from_url": from_url,
        "to_url": to_url,
        "anchor_text": "",
        "relation": "attachment",
    }


def test_a_documents_links_are_replaced_when_it_is_stored_again(tmp_path):
    store = Store(tmp_path / "a.duckdb")
    a, b = "http://s/a.html", "http://s/b.html"
    store.replace_for_documents(
        "document_links",
        "from_url",
        [("s", a), ("s", b)],
        [link(a, "http://s/a1.pdf"), link(a, "http://s/a2.pdf"), link(b, "http://s/b1.pdf")],
    )
    # next crawl: a.html dropped one attachment, b.html has none left, a third page is untouched
    store.replace_for_documents(
        "document_links",
        "from_url",
        [("s", "http://s/c.html")],
        [link("http://s/c.html", "http://s/c1.pdf")],
    )
    store.replace_for_documents(
        "document_links",
        "from_url",
        [("s", a), ("s", b)],
        [link(a, "http://s/a2.pdf"), link(a, "http://s/a2.pdf")],
    )
    rows = store.sql("select from_url, to_url from document_links order by all")
    store.close()
    assert rows == [(a, "http://s/a2.pdf"), ("http://s/c.html", "http://s/c1.pdf")]


def test_a_documents_evidence_is_replaced_not_accumulated(tmp_path):
    store = Store(tmp_path / "a.duckdb")
    url = "http://s/a.html"

    def field(raw: str) -> dict:
        return {
            "site_id": "s",
            "url": url,
            "field": "published_date",
            "raw": raw,
            "source": "table:发布日期",
            "value": raw,
            "chosen": True,
        }

    store.replace_for_documents("document_fields", "url", [("s", url)], [field("2026-11-01")])
    store.replace_for_documents("document_fields", "url", [("s", url)], [field("2026-11-03")])
    rows = store.sql("select raw, chosen from document_fields")
    store.close()
    assert rows == [("2026-11-03", True)]


def test_a_held_database_gives_a_message_not_a_traceback(tmp_path):
    path = tmp_path / "held.duckdb"
    Store(path).close()
    with database_held_open(path), pytest.raises(StoreError, match="open in another process"):
        Store(path)


def test_duckdb_is_held_to_the_memory_limit_and_a_bad_limit_is_said(tmp_path):
    store = Store(tmp_path / "a.duckdb", memory_limit="512MB")
    assert store.sql("select current_setting('memory_limit')")[0][0] in ("488.2 MiB", "512.0 MB")
    store.close()
    with pytest.raises(StoreError, match="'lots' .*ZWGK_DUCKDB_MEMORY.* not a size DuckDB takes"):
        Store(tmp_path / "b.duckdb", memory_limit="lots")


def test_runs_are_recorded(tmp_path):
    store = Store(tmp_path / "r.duckdb")
    run = store.start_run(["a", "b"])
    store.finish_run(run, status="finished", pages=10, errors=1, fallbacks=0)
    store.close()
    con = duckdb.connect(str(tmp_path / "r.duckdb"), read_only=True)
    assert con.execute("select status, sites, pages, site_ids from runs").fetchone() == (
        "finished",
        2,
        10,
        ["a", "b"],
    )


def test_a_file_from_before_the_migrations_is_upgraded_keeping_its_rows(tmp_path):
    from pipelines.store import SCHEMA

    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))  # a version-1 file, as the first release wrote it
    con.execute(SCHEMA.read_text(encoding="utf-8"))
    con.execute("insert into schema_version values (1, now())")
    con.execute("insert into documents (site_id, url, title) values ('s', 'http://s/1', '旧')")
    con.close()
    store = Store(path)
    versions = [v for (v,) in store.sql("select version from schema_version order by 1")]
    row = store.sql("select title, doc_type_source, linked_url from documents")
    columns = {
        c
        for (c,) in store.sql(
            "select column_name from duckdb_columns() where table_name = 'columns'"
        )
    }
    store.close()
    assert versions == list(range(1, LATEST + 1))
    assert row == [("旧", None, None)]
    assert {"stated_count", "department"} <= columns
    again = Store(path)  # opening again applies nothing twice
    assert again.sql("select count(*) from schema_version") == [(LATEST,)]
    again.close()


def test_a_file_made_before_scoring_gains_the_analysis_tables_and_keeps_every_row(tmp_path):
    """A database written by the crawl of the previous release (schema version 2)."""
    from pipelines.store import MIGRATIONS, SCHEMA

    path = tmp_path / "v2.duckdb"
    con = duckdb.connect(str(path))
    con.execute(SCHEMA.read_text(encoding="utf-8"))
    con.execute((MIGRATIONS / "002_real_sites.sql").read_text(encoding="utf-8"))
    con.execute("insert into schema_version values (1, now()), (2, now())")
    con.execute(
        "insert into documents (site_id, url, title, doc_type_source) "
        "select 's', 'http://s/' || i, '文件' || i, 'column' from range(500) t(i)"
    )
    con.execute("insert into sites (site_id, name) values ('s', '某委')")
    con.close()
    store = Store(path)
    counts = store.sql("select count(*), count(distinct title) from documents")
    tables = {t for (t,) in store.sql("select table_name from duckdb_tables()")}
    site = store.sql("select site_id, name, as_of from sites")
    store.close()
    assert counts == [(500, 500)]
    assert {"pairs", "indicators", "findings", "workdays"} <= tables
    assert site == [("s", "某委", None)]


def test_a_file_from_before_version_4_keeps_its_checks_and_only_real_refusals_stay_dead(tmp_path):
    """Checks written by the previous release: an outage's failures were all 'dead' then."""
    from pipelines.store import MIGRATIONS, SCHEMA

    path = tmp_path / "v3.duckdb"
    con = duckdb.connect(str(path))
    con.execute(SCHEMA.read_text(encoding="utf-8"))
    for name in ("002_real_sites.sql", "003_analysis.sql"):
        con.execute((MIGRATIONS / name).read_text(encoding="utf-8"))
    con.execute("insert into schema_version values (1, now()), (2, now()), (3, now())")
    rows = [
        ("http://s/gone", 404, None),
        ("http://s/loop", 302, "redirect loop: http://s/loop → http://s/loop/ → http://s/loop"),
        ("http://s/busy", 503, None),
        ("http://s/waf", 412, None),
        ("http://s/down", None, "DownloadConnectionRefusedError: Connection was refused"),
        ("http://s/search", None, "IgnoreRequest: Forbidden by robots.txt"),
        ("http://s/a.pdf", 200, None),
    ]
    for url, status, error in rows:
        con.execute(
            "insert into link_checks (site_id, url, status, error, checked_at, run_id) "
            "values ('s', ?, ?, ?, timestamp '2026-11-01 02:00:00', 'r1')",
            [url, status, error],
        )
    con.close()
    store = Store(path)
    outcomes = dict(store.sql("select url, outcome from link_checks"))
    dead = store.sql("select url, dead_since from dead_links order by url")
    history = store.sql("select count(*) from link_check_history")
    store.close()
    assert outcomes == {
        "http://s/gone": "dead",
        "http://s/loop": "dead",
        "http://s/busy": "unreachable",
        "http://s/waf": "blocked",
        "http://s/down": "unreachable",
        "http://s/search": "robots",
        "http://s/a.pdf": "ok",
    }
    since = dt.datetime(2026, 11, 1, 2, 0)
    assert dead == [("http://s/gone", since), ("http://s/loop", since)]
    assert history == [(7,)]


def test_a_copy_stored_before_versions_gets_no_second_version_for_its_unknown_text(tmp_path):
    store = Store(tmp_path / "v.duckdb")
    try:
        row = {
            "site_id": "s",
            "url": "http://s/1.html",
            "title": "关于印发《某办法》的通知",
            "published_date": dt.date(2026, 11, 2),
            "fetched_at": dt.datetime(2026, 11, 30, 2),
            "first_seen_at": dt.datetime(2026, 11, 30, 2),
            "run_id": "r1",
        }
        store.record_versions([row])  # as migration 006 recorded the copies before it: no hash
        store.upsert("documents", [row])
        again = {**row, "body_hash": "abc", "fetched_at": dt.datetime(2026, 12, 7, 2)}
        store.record_versions([again])
        changed = {**again, "title": "关于印发《某办法（修订）》的通知", "body_hash": "abd"}
        store.record_versions([changed])
        versions = store.sql("select version, changed from document_versions order by version")
    finally:
        store.close()
    assert versions == [(1, []), (2, ["title", "body"])]  # the text known since the 2nd copy


def test_every_write_of_a_document_or_list_row_takes_the_next_number_and_bookkeeping_none(
    tmp_path,
):
    """stored_seq (migration 010) tells a scoring what changed since it last looked."""
    store = Store(tmp_path / "a.duckdb")
    seq = "select stored_seq from documents"
    store.upsert("documents", [doc("old", T1)])
    (first,) = store.sql(seq)[0]
    store.upsert("documents", [doc("new", T2)])  # stored again: a new number
    (second,) = store.sql(seq)[0]
    later = T2 + WEEK
    listing = {"site_id": "s", "column_url": "http://s/c/", "item_url": "http://s/1.html"}
    store.upsert("listings", [{**listing, "run_id": "r2", "last_seen_at": later}])
    (listed,) = store.sql("select stored_seq from listings")[0]
    store.refresh_last_seen("r2")  # listed again without being fetched: bookkeeping
    (seen, third) = store.sql("select last_seen_at, stored_seq from documents")[0]
    store.mark_removed([{"site_id": "s", "url": "http://s/1.html", "removed_at": later}])
    (removed,) = store.sql(seq)[0]
    # the list read again a week on, saying the same: when it was read is no change
    store.upsert("listings", [{**listing, "run_id": "r3", "last_seen_at": later + WEEK}])
    (read_again,) = store.sql("select stored_seq from listings")[0]
    store.upsert("listings", [{**listing, "title": "new"}])
    (listed_again,) = store.sql("select stored_seq from listings")[0]
    store.close()
    assert seen == later
    assert first < second == third < listed == read_again < removed < listed_again
