"""`zwgk demo` twice into one file stores the same rows, none doubled (issue 8)."""

from __future__ import annotations

import socket

import duckdb
import pytest

from .conftest import read_csv, run_zwgk

TABLES = ("sites", "columns", "listings", "documents", "document_fields", "document_links")


def free_base_port(count: int = 6) -> int:
    """A base port with `count` free ports after it (the demo serves one site a port)."""
    for base in range(20400, 30000, 17):
        sockets = []
        try:
            for i in range(count):
                s = socket.socket()
                s.bind(("127.0.0.1", base + i))
                sockets.append(s)
            return base
        except OSError:
            continue
        finally:
            for s in sockets:
                s.close()
    pytest.fail("no 6 consecutive free ports on 127.0.0.1")


def snapshot(db) -> dict:
    con = duckdb.connect(str(db), read_only=True)
    try:
        counts = {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in TABLES}
        documents = con.execute(
            "select site_id, url, title, doc_type, published_date, doc_no from documents "
            "order by site_id, url"
        ).fetchall()
        runs = con.execute("select count(*), count(*) filter (status = 'finished') from runs")
        return {"counts": counts, "documents": documents, "runs": runs.fetchone()}
    finally:
        con.close()


@pytest.mark.slow
def test_demo_twice_stores_the_same_rows(tmp_path):
    db, port = tmp_path / "audit.duckdb", str(free_base_port())
    first = run_zwgk("demo", "--db", str(db), "--port", port, timeout=900)
    assert first.returncode == 0, first.stderr[-2000:]
    once = snapshot(db)
    second = run_zwgk("demo", "--db", str(db), "--port", port, timeout=900)
    assert second.returncode == 0, second.stderr[-2000:]
    twice = snapshot(db)
    assert once["counts"]["documents"] == len(read_csv("documents.csv"))  # every page, once
    assert twice["counts"] == once["counts"]
    assert twice["documents"] == once["documents"]
    assert twice["runs"] == (2, 2)


def test_the_demo_says_what_to_do_when_its_ports_are_taken(tmp_path):
    port = free_base_port()
    holder = socket.socket()
    holder.bind(("127.0.0.1", port + 2))
    holder.listen()
    try:
        result = run_zwgk("demo", "--db", str(tmp_path / "x.duckdb"), "--port", str(port))
    finally:
        holder.close()
    assert result.returncode == 2
    assert "zwgk demo --port N" in result.stderr
    assert not (tmp_path / "x.duckdb").exists()  # nothing written
