"""Scoring a past week from today's file: the store as it was known at a moment.

While a scoring runs, temporary views named like the stored tables shadow them (DuckDB resolves a
name to the temporary catalog first), each showing only what the crawls up to `known_at` had
seen: documents first seen by then, with the title, dates and 文号 of their version of then; list
rows, columns, column walks and runs of then; each link's state after its last check by then.
So last month's scorecard is computed again from this month's file, and the analysis SQL does not
know the difference. What a version does not keep (a document's links, its attributes other than
the versioned ones) is today's.
"""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager

import duckdb

from crawlers.status import CHINA

# each stored table as it was at getvariable('known_at'); {db} is the file's catalog
VIEWS = {
    "documents": """
        select d.* replace (
            coalesce(v.title, d.title) as title,
            case when v.url is null then d.published_date else v.published_date end
                as published_date,
            case when v.url is null then d.written_date else v.written_date end as written_date,
            case when v.url is null then d.doc_no else v.doc_no end as doc_no,
            case when d.removed_at <= getvariable('known_at') then d.removed_at end as removed_at
        )
        from "{db}".main.documents d
        left join (
            select * from "{db}".main.document_versions
            where seen_at <= getvariable('known_at')
            qualify row_number() over (partition by site_id, url order by version desc) = 1
        ) v on v.site_id = d.site_id and v.url = d.url
        where d.first_seen_at <= getvariable('known_at')
    """,
    "document_links": """
        select l.* from "{db}".main.document_links l
        where (l.site_id, l.from_url) in (select site_id, url from documents)
    """,
    "listings": """
        select * from "{db}".main.listings
        where coalesce(first_seen_at, getvariable('known_at')) <= getvariable('known_at')
    """,
    "columns": """
        select * from "{db}".main.columns
        where coalesce(first_seen_at, getvariable('known_at')) <= getvariable('known_at')
    """,
    "column_walks": """
        select * from "{db}".main.column_walks where walked_at <= getvariable('known_at')
    """,
    "runs": """
        select * from "{db}".main.runs where started_at <= getvariable('known_at')
    """,
    "site_runs": """
        select * from "{db}".main.site_runs where run_id in (select run_id from runs)
    """,
    # each link's state after its last check by then; dead since the first of its latest dead
    # checks in a row
    "link_checks": """
        with h as (
            select * from "{db}".main.link_check_history
            where checked_at <= getvariable('known_at')
        ),
        last as (
            select * from h
            qualify row_number() over (partition by site_id, url order by checked_at desc) = 1
        ),
        settled as (
            select site_id, url, max(checked_at) as at from h where outcome <> 'dead' group by all
        )
        select last.site_id, last.url, last.found_on, last.status, last.error, last.checked_at,
               last.run_id, last.outcome,
               case when last.outcome = 'dead' then (
                   select min(d.checked_at) from h d
                   where d.site_id = last.site_id and d.url = last.url and d.outcome = 'dead'
                     and d.checked_at > coalesce(s.at, timestamp '1900-01-01')
               ) end as dead_since,
               last.warc_file, last.warc_offset
        from last left join settled s on s.site_id = last.site_id and s.url = last.url
    """,
    "dead_links": """
        select site_id, url, found_on, status, error, dead_since, checked_at, run_id
        from link_checks where outcome = 'dead'
    """,
}


def end_of_day(day: dt.date) -> dt.datetime:
    """The last moment of a China-local day, in UTC without a zone (as the store keeps time)."""
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), CHINA)
    return end.astimezone(dt.UTC).replace(tzinfo=None) - dt.timedelta(microseconds=1)


def default_known_at(con: duckdb.DuckDBPyConnection, as_of: dt.date) -> dt.datetime | None:
    """The end of the as-of day when a crawl came after it (a past week scored again: what was
    known then); None when every crawl came before it, or none did (the samples' as-of date is a
    simulated day): everything stored is what is known."""
    cutoff = end_of_day(as_of)
    before, after = con.execute(
        "select count(*) filter (started_at <= ?), count(*) filter (started_at > ?) from runs",
        [cutoff, cutoff],
    ).fetchall()[0]
    return cutoff if before and after else None


def resolve_known_at(con: duckdb.DuckDBPyConnection, value: str) -> dt.datetime:
    """A run id (what was known when it ended) or an ISO time (UTC)."""
    row = con.execute(
        "select coalesce(finished_at, started_at) from runs where run_id = ?", [value]
    ).fetchall()
    if row:
        return row[0][0]
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(
            f"--known-at {value!r} is neither a run of this file nor a time (YYYY-MM-DDTHH:MM, UTC)"
        ) from None
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return moment


@contextmanager
def known_then(con: duckdb.DuckDBPyConnection, known_at: dt.datetime | None):
    """Inside, the stored tables show only what was known at `known_at` (None: everything)."""
    if known_at is None:
        yield
        return
    db = con.execute("select current_database()").fetchall()[0][0]
    con.execute("set variable known_at = ?::timestamp", [known_at]).fetchall()
    created = []
    try:
        for name, query in VIEWS.items():
            con.execute(f'create or replace temp view "{name}" as {query.format(db=db)}')
            created.append(name)
        yield
    finally:
        for name in reversed(created):
            con.execute(f'drop view if exists temp.main."{name}"')
