"""Each numbered page's place in its sequence, kept between scorings.

A sequence is a site's pages of one URL form in the order the CMS numbered them
(`document_facts`). Placing a page takes windows over its whole sequence: the latest date
numbered before it, how many pages up to it. Kept (`sequence_positions`, `sequence_ends`), a
scoring places only the pages stored since the last one: a sequence whose changed pages all
number past its kept end is continued from that end, a week's new pages after the old ones; any
other change (a page inserted behind, an old page's date changed) places its sequence whole. The
table is placed whole with no basis yet, under another version of its files, when
`document_facts` was computed whole (a row gone from the store), and for a past moment.
"""

from __future__ import annotations

import duckdb

from analysis.db import sql, transaction
from analysis.kept import Refreshed, code_of, kept_sql, source
from crawlers.status import utc_now

NAME = "sequence_positions"
TABLES = (NAME, "sequence_ends")  # what is kept, each computed by its file in sql/kept/


def pages(documents: str = "documents", facts: str = "document_facts") -> str:
    """Every numbered page with a date among `documents` and `facts` (the kept document_facts,
    or some of them): its sequence, number and date."""
    return f"""
        select d.site_id, d.url, f.url_form as sequence, f.page_number as number,
               d.published_date, f.made_day
        from {facts} f
        join {documents} d on d.site_id = f.site_id and d.url = f.url
        where f.page_number is not null and d.published_date is not null
    """


def place_snapshot(con: duckdb.DuckDBPyConnection) -> None:
    """Temporary tables of the kept names (the unqualified names find them first), every
    sequence placed from the store as it reads now, a snapshot's; the caller drops them."""
    for table in TABLES:
        sql(con, f"create or replace temp table {table} as select * from main.{table} limit 0")
    _place(con, None)


def refresh_sequences(con: duckdb.DuckDBPyConnection, *, whole: bool = False) -> Refreshed:
    """Bring the kept places up to date with the documents, in one transaction; `whole`:
    place every sequence again (document_facts was computed whole)."""
    code = code_of(con, *(kept_sql(t) for t in TABLES))
    with transaction(con):
        newest = sql(con, "select coalesce(max(stored_seq), 0) from documents")[0][0]
        basis = sql(con, "select code, stored_seq from kept_basis where name = ?", [NAME])
        whole = whole or not basis or basis[0][0] != code
        placed = _place(con, None if whole else basis[0][1])
        sql(
            con,
            "insert or replace into kept_basis values (?, ?, ?, ?)",
            [NAME, code, newest, utc_now()],
        )
    kept = sql(con, "select count(*) from sequence_positions")[0][0]
    return Refreshed(NAME, whole, placed, kept)


def _place(con: duckdb.DuckDBPyConnection, since: int | None) -> int:
    """Place the pages stored after `since` (None: every page); returns how many were placed."""
    if since is None:
        sql(con, "delete from sequence_positions")
        sql(con, "delete from sequence_ends")
        placing = pages()
    else:
        sql(
            con,
            "create or replace temp table documents_stored as "
            "select site_id, url, published_date from documents where stored_seq > ?",
            [since],
        )
        # the sequences a stored document touches; placed again whole when one of its changed
        # pages does not number past the sequence's kept end
        sql(
            con,
            """
            create or replace temp table sequences_touched as
            select f.site_id, f.url_form as sequence,
                   coalesce(min(f.page_number) <= any_value(e.last_number), false) as again
            from documents_stored d
            join document_facts f on f.site_id = d.site_id and f.url = d.url
            left join sequence_ends e on e.site_id = f.site_id and e.sequence = f.url_form
            where f.page_number is not null
            group by all
            """,
        )
        for table in ("sequence_positions", "sequence_ends"):
            sql(
                con,
                f"delete from {table} where (site_id, sequence) in "
                "(select site_id, sequence from sequences_touched where again)",
            )
        # the sequences placed whole: their pages found from their facts (a few sequences'),
        # not from a join of every document
        again = (
            "(select * from document_facts semi join (select site_id, sequence as url_form "
            "from sequences_touched where again) t using (site_id, url_form))"
        )
        placing = f"""
            select * from ({pages(facts=again)})
            union all
            select p.* from ({pages("documents_stored")}) p
            semi join (select * from sequences_touched where not again) t
              using (site_id, sequence)
        """
    try:
        sql(con, f"create or replace temp table sequence_pages as {placing}")
        with source(con, "select * from sequence_pages"):
            sql(
                con, f"insert into sequence_positions by name select * from ({kept_sql(TABLES[0])})"
            )
            sql(con, f"create or replace temp table sequence_ends_new as {kept_sql(TABLES[1])}")
        sql(
            con,
            "delete from sequence_ends where (site_id, sequence) in "
            "(select site_id, sequence from sequence_ends_new)",
        )
        sql(con, "insert into sequence_ends by name select * from sequence_ends_new")
        return sql(con, "select count(*) from sequence_pages")[0][0]
    finally:
        for table in (
            "documents_stored",
            "sequences_touched",
            "sequence_pages",
            "sequence_ends_new",
        ):
            sql(con, f"drop table if exists {table}")
