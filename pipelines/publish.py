"""The working file and the analysts' copy.

A crawl or a scoring writes its own working file (`audit.work.duckdb` beside `audit.duckdb`);
when it ends well, `publish` replaces the analysts' copy (`audit.duckdb`) by a copy of it in one
atomic rename. A notebook holding the published copy open keeps reading the file it opened (the
old inode) and never blocks a crawl or a publish; the next connection sees the new copy.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from pipelines.files import copy_atomically
from pipelines.store import StoreError, connect


def working_path(published: str | Path) -> Path:
    """audit.duckdb → audit.work.duckdb, beside it."""
    published = Path(published)
    return published.with_name(f"{published.stem}.work{published.suffix or '.duckdb'}")


def ensure_working(published: str | Path) -> Path:
    """The working file, seeded from the published copy when there is none yet (a file made
    before the split, or a working file deleted on purpose)."""
    published, working = Path(published), working_path(published)
    if not working.exists() and published.exists():
        copy_atomically(published, working)
    return working


def publish(published: str | Path, con: duckdb.DuckDBPyConnection | None = None) -> Path:
    """Copy the working file over the analysts' copy atomically. The working file is opened for
    writing first (so a crawl still writing it is named, not copied half-done), or `con`, the
    caller's connection to it, is used, and checkpointed (so the copy holds everything, with no
    write-ahead log beside it)."""
    published = Path(published)
    working = working_path(published)
    if not working.exists():
        raise StoreError(
            f"nothing to publish: {working} does not exist (run `zwgk crawl --db {published}` first)"
        )
    own = con is None
    con = connect(working) if own else con
    try:
        con.execute("checkpoint").fetchall()
        # a log left by a writer of the old copy would not match the new one: removed once the
        # new copy is whole, just before it takes the old one's place
        stale_wal = published.with_name(published.name + ".wal")
        copy_atomically(
            working, published, sync=True, before_replace=lambda: stale_wal.unlink(missing_ok=True)
        )
    finally:
        if own:
            con.close()
    return published
