"""What a scoring writes and computes once: the pairs written as a difference from the stored
ones, and the intermediates computed once per scoring (never one that reads the pairs, which
are written after the views)."""

from __future__ import annotations

from analysis import scoring
from analysis.pairing import write_pairs
from pipelines.store import Store

SITE = "s"


def pair(policy: str, interp: str, method: str = "quote", confidence: float = 0.95) -> tuple:
    key = (SITE, f"http://s/{policy}", f"http://s/{interp}")
    return key, {"method": method, "confidence": confidence, "evidence": "e", "counted": True}


def stored(store: Store) -> list[tuple]:
    return store.sql(
        "select policy_url, interpretation_url, method, confidence from pairs order by all"
    )


def test_the_pairs_table_ends_equal_to_the_new_pairs_whatever_was_stored(tmp_path):
    store = Store(tmp_path / "a.duckdb")
    first = dict([pair("p1", "i1"), pair("p2", "i2"), pair("p3", "i3")])
    write_pairs(store.con, first, [])
    assert len(stored(store)) == 3
    # a week later: i1's pair gone, i2's pair found another way, a new one, i3's unchanged
    second = dict([pair("p2", "i2", "similar", 0.7), pair("p3", "i3"), pair("p4", "i4")])
    write_pairs(store.con, second, [])
    assert stored(store) == [
        ("http://s/p2", "http://s/i2", "similar", 0.7),
        ("http://s/p3", "http://s/i3", "quote", 0.95),
        ("http://s/p4", "http://s/i4", "quote", 0.95),
    ]
    write_pairs(store.con, {}, [])
    assert stored(store) == []


def scored_by(tmp_path, monkeypatch, files: dict[str, str]) -> Store:
    """A store the scoring reads these SQL files for ({"layer/name": query})."""
    for layer in scoring.LAYERS:
        (tmp_path / layer).mkdir()
    for name, query in files.items():
        (tmp_path / f"{name}.sql").write_text(query, encoding="utf-8")
    monkeypatch.setattr(scoring, "SQL_DIR", tmp_path)
    return Store(tmp_path / "a.duckdb")


def test_an_intermediate_reading_the_pairs_is_materialized_after_pairing(tmp_path, monkeypatch):
    store = scored_by(
        tmp_path,
        monkeypatch,
        {
            "staging/stg_one": "select 1 as x",
            "intermediate/int_linked": "select * from pairs",
            "intermediate/int_after": "-- materialized\nselect interpretation_url from int_linked",
            "intermediate/int_reader": "select count(*) as n from int_after",
        },
    )
    assert scoring.create_views(store.con) == ["stg_one", "int_linked", "int_after", "int_reader"]
    write_pairs(store.con, dict([pair("p1", "i1")]), [])
    scoring.materialize_pairs_readers(store.con)
    store.sql("delete from pairs")  # computed once: what pairing wrote, not what is there now
    assert store.sql("select * from int_after") == [("http://s/i1",)]
    assert store.sql("select n from int_reader") == [(1,)]
    # a second scoring in the same connection (the weekly bench, a notebook) makes them again
    assert "int_after" in scoring.create_views(store.con)
    scoring.materialize_pairs_readers(store.con)
    assert store.sql("select n from int_reader") == [(0,)]


def test_a_staging_file_materialized_for_a_past_moment_is_a_view_of_the_store_now(
    tmp_path, monkeypatch
):
    store = scored_by(
        tmp_path,
        monkeypatch,
        {
            "staging/stg_pages": "-- materialized for a past moment\nselect url from documents",
            "staging/stg_copied": "select url from documents",
        },
    )
    kinds = (
        "select table_name, table_type from information_schema.tables "
        "where table_catalog = 'temp' order by all"
    )
    scoring.create_views(store.con)
    assert store.sql(kinds) == [("stg_copied", "LOCAL TEMPORARY"), ("stg_pages", "VIEW")]
    scoring.create_views(store.con, past=True)  # the stored tables are views of then
    assert store.sql(kinds) == [("stg_copied", "LOCAL TEMPORARY"), ("stg_pages", "LOCAL TEMPORARY")]
