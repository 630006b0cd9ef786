"""Reading a DuckDB file from a test, as an analyst would: read-only, the result drained."""

from __future__ import annotations

import duckdb


def query(db, sql: str, params=None) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()
