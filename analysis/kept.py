"""Facts no as-of date changes, kept between scorings and brought up to date from what changed.

Each kept table (`KEPT`) is computed by its file, `analysis/sql/kept/<name>.sql`, from the rows
of one stored table (`kept_source`), grouped by a key; the file may look up another stored table
by that key (`Kept.touched_by`). The store numbers every write of those tables (`stored_seq`,
migration 010), so a scoring computes again only the keys with a row stored since the last one
and carries the rest over. A row deleted since (a shard's merge replaces a site's
rows) shows in the count of rows behind the kept ones (`source_rows`): then, or under another
version of the file, or with no basis yet, the table is computed whole. Scoring a past moment
(`--known-at`, analysis/snapshot.py) computes temporary tables of the same names from the store
as it was then (`compute_temporary`), and keeps nothing.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb

from analysis.db import MACROS, create_macros, sql, transaction
from crawlers.status import utc_now
from pipelines.store import primary_key

KEPT_DIR = Path(__file__).with_name("sql") / "kept"
VARIABLE = re.compile(r"getvariable\('(\w+)'\)")


@dataclass(frozen=True)
class Kept:
    """A kept table: its name (its file's), the stored table it is computed from, and the
    source's columns one of its rows stands for; `touched_by`: other stored tables the file
    looks up, each with its columns that name the key (a row stored there computes that key
    again)."""

    name: str
    source: str
    key: tuple[str, ...]
    touched_by: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def writes(self) -> list[tuple[str, tuple[str, ...]]]:
        """Every numbered table whose writes change this one, with its columns of the key."""
        return [(self.source, self.key), *self.touched_by]

    @property
    def text(self) -> str:
        return kept_sql(self.name)

    def code(self, con: duckdb.DuckDBPyConnection) -> str:
        return code_of(con, self.text)


def kept_sql(name: str) -> str:
    """The text of `analysis/sql/kept/<name>.sql`."""
    return (KEPT_DIR / f"{name}.sql").read_text(encoding="utf-8")


def code_of(con: duckdb.DuckDBPyConnection, *texts: str) -> str:
    """What kept tables were computed under (kept_basis.code): a digest of their SQL, of the
    shared macros and of the values, in this scoring, of the rule variables the SQL reads
    (getvariable). Other words in the rules compute them whole, as another file does."""
    names = sorted({n for text in texts for n in VARIABLE.findall(text)})
    values = [sql(con, f"select getvariable('{n}')::varchar")[0][0] for n in names]
    parts = (*texts, MACROS.read_text(encoding="utf-8"), names, values)
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


KEPT = (
    Kept("document_facts", "documents", ("site_id", "url")),
    Kept("title_columns", "documents", ("site_id", "title")),
    Kept("listed_items", "listings", ("site_id", "item_url"), (("documents", ("site_id", "url")),)),
)


@dataclass
class Refreshed:
    """What bringing one kept table up to date did."""

    name: str
    whole: bool  # computed whole (no basis, another file, a row deleted since, or a snapshot)
    computed: int  # rows computed this time
    kept: int  # rows the table holds


def compute_temporary(con: duckdb.DuckDBPyConnection, kept: Kept) -> None:
    """A temporary table of the kept name computed whole from the source as it reads now (a
    snapshot's): the stored table is left as it is."""
    create_macros(con)
    with source(con, f"select * from {kept.source}"):
        sql(con, f"create or replace temp table {kept.name} as {kept.text}")


def refresh(con: duckdb.DuckDBPyConnection, kept: Kept) -> Refreshed:
    """Bring one kept table up to date with its source, in one transaction."""
    create_macros(con)
    with transaction(con):
        return _refresh(con, kept)


def _refresh(con: duckdb.DuckDBPyConnection, kept: Kept) -> Refreshed:
    newest = max(
        sql(con, f"select coalesce(max(stored_seq), 0) from {table}")[0][0]
        for table, _ in kept.writes()
    )
    basis = sql(con, "select code, stored_seq from kept_basis where name = ?", [kept.name])
    done = None
    code = kept.code(con)
    if basis and basis[0][0] == code:
        done = _carried_over(con, kept, since=basis[0][1])
    if done is None:
        sql(con, f"delete from {kept.name}")
        with source(con, f"select * from {kept.source}"):
            sql(con, f"insert into {kept.name} by name select * from ({kept.text})")
        rows = _count(con, kept.name)
        done = Refreshed(kept.name, True, rows, rows)
    sql(
        con,
        "insert or replace into kept_basis values (?, ?, ?, ?)",
        [kept.name, code, newest, utc_now()],
    )
    return done


def _carried_over(con: duckdb.DuckDBPyConnection, kept: Kept, since: int) -> Refreshed | None:
    """The keys with a row stored after `since` computed again, the rest carried over; None
    when a row behind a carried-over one has gone (the table must be computed whole). Keys are
    matched null-safe: a document without a title has a key too."""
    changed = " union ".join(
        f"select {', '.join(f'{c} as {k}' for c, k in zip(columns, kept.key, strict=True))} "
        f"from {table} where stored_seq > ?"
        for table, columns in kept.writes()
    )
    sql(con, f"create or replace temp table kept_keys as {changed}", [since] * len(kept.writes()))
    try:
        # the query reads only its own columns of the keys' rows; a key that is the source's
        # primary key has one row, the one stored since (read without probing every row)
        keys_rows = (
            f"select * from {kept.source} where stored_seq > {int(since)}"
            if not kept.touched_by and list(kept.key) == primary_key(con, kept.source)
            else f"select * from {kept.source} s semi join kept_keys k on {_same(kept)}"
        )
        with source(con, keys_rows):
            sql(con, f"create or replace temp table kept_new as {kept.text}")
        sql(con, f"delete from {kept.name} s using kept_keys k where {_same(kept)}")
        # every source row not behind a computed key is behind a carried-over one
        carried = sql(
            con,
            f"select (select count(*) from {kept.source}) "
            "- (select coalesce(sum(source_rows), 0) from kept_new), "
            f"(select coalesce(sum(source_rows), 0) from {kept.name})",
        )[0]
        if carried[0] != carried[1]:
            return None
        sql(con, f"insert into {kept.name} by name select * from kept_new")
        computed = _count(con, "kept_new")
    finally:
        sql(con, "drop table if exists kept_keys")
        sql(con, "drop table if exists kept_new")
    return Refreshed(kept.name, False, computed, _count(con, kept.name))


def _same(kept: Kept) -> str:
    """A row `s` has the key of `k`, a NULL the same as a NULL."""
    return " and ".join(f"s.{c} is not distinct from k.{c}" for c in kept.key)


@contextmanager
def source(con: duckdb.DuckDBPyConnection, query: str) -> Iterator[None]:
    sql(con, f"create or replace temp view kept_source as {query}")
    try:
        yield
    finally:
        sql(con, "drop view if exists kept_source")


def _count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    return sql(con, f"select count(*) from {table}")[0][0]
