"""Every table of a DuckDB file as comparable rows: what two crawls of the same pages must agree
on, whatever process, machine or moment did them."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import duckdb

# what says *when* or *who* rather than *what*: the run's id and clock, the process and host (and,
# for a distributed run, the shared folder it went through: runs.dispatched_to), and
# where in its WARC file a response was written (the order responses arrive in differs between
# any two crawls; the record itself is compared by its URL, status and sha1), and the number of
# the write that stored a row (stored_seq: the file's own count, in the order rows arrived)
VOLATILE_COLUMNS = {
    "run_id",
    "pid",
    "host",
    "dispatched_to",
    "warc_offset",
    "warc_length",
    "warc_file",
    "warc_bytes",
    "stored_seq",
}
VOLATILE_TYPES = {"TIMESTAMP", "TIMESTAMP WITH TIME ZONE"}
# the distributed crawl's own ledger (which worker crawled which site): no one-process twin
OWN_LEDGERS = {"run_shards", "schema_version"}


def table_rows(
    path: Path, *, skip_tables: set[str] = frozenset(), only: tuple[str, ...] | None = None
) -> dict[str, Counter]:
    """{table: Counter of rows}, the volatile columns left out; rows compared as a multiset.
    `only`: these tables (each must exist)."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        tables = [
            t
            for (t,) in con.execute(
                "select table_name from information_schema.tables "
                "where table_type = 'BASE TABLE' order by 1"
            ).fetchall()
            if t not in OWN_LEDGERS and t not in skip_tables and (only is None or t in only)
        ]
        assert only is None or set(only) == set(tables), f"{path} lacks {set(only) - set(tables)}"
        out = {}
        for table in tables:
            cols = [
                name
                for name, dtype in con.execute(
                    "select column_name, data_type from information_schema.columns "
                    "where table_name = ? order by ordinal_position",
                    [table],
                ).fetchall()
                if name not in VOLATILE_COLUMNS and dtype not in VOLATILE_TYPES
            ]
            names = ", ".join(f'"{c}"' for c in cols)
            rows = con.execute(f'select {names} from "{table}"').fetchall()
            out[table] = Counter(tuple(_hashable(v) for v in row) for row in rows)
        return out
    finally:
        con.close()


def _hashable(value):
    if isinstance(value, list):
        return tuple(_hashable(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _hashable(v)) for k, v in value.items()))
    return value


def differences(left: dict[str, Counter], right: dict[str, Counter], limit: int = 3) -> list[str]:
    """What differs, table by table, with a few example rows: empty when the files agree."""
    out = []
    for table in sorted(set(left) | set(right)):
        a, b = left.get(table, Counter()), right.get(table, Counter())
        if a == b:
            continue
        only_a, only_b = list((a - b).elements()), list((b - a).elements())
        out.append(
            f"{table}: {sum(a.values())} vs {sum(b.values())} rows; "
            f"only left {len(only_a)} e.g. {only_a[:limit]}; only right {len(only_b)} e.g. {only_b[:limit]}"
        )
    return out
