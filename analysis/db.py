"""One way to run a statement: drained at once (DuckDB 2 refuses new work on an unfinished
result), so no caller can leave a cursor half-read."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import duckdb


def sql(con: duckdb.DuckDBPyConnection, query: str, params: list | None = None) -> list[tuple]:
    return con.execute(query, params or []).fetchall()


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Everything inside lands together or not at all."""
    sql(con, "begin transaction")
    try:
        yield
        sql(con, "commit")
    except BaseException:
        sql(con, "rollback")
        raise
