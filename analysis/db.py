"""One way to run a statement: drained at once (DuckDB 2 refuses new work on an unfinished
result), so no caller can leave a cursor half-read."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

MACROS = Path(__file__).with_name("sql") / "macros.sql"


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


def create_macros(con: duckdb.DuckDBPyConnection) -> None:
    """The SQL macros the analysis's files share (analysis/sql/macros.sql)."""
    con.execute(MACROS.read_text(encoding="utf-8"))
