"""The working file and the analysts' copy.

A crawl or a scoring writes its own working file (`audit.work.duckdb` beside `audit.duckdb`);
when it ends well, `publish` replaces the analysts' copy (`audit.duckdb`) by a copy of it in one
atomic rename. A notebook holding the published copy open keeps reading the file it opened (the
old inode) and never blocks a crawl or a publish; the next connection sees the new copy.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

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
        working.parent.mkdir(parents=True, exist_ok=True)
        seed = working.with_name(working.name + f".seed-{os.getpid()}")
        shutil.copyfile(published, seed)
        os.replace(seed, working)
    return working


def publish(published: str | Path) -> Path:
    """Copy the working file over the analysts' copy atomically. The working file is opened for
    writing first (so a crawl still writing it is named, not copied half-done) and checkpointed
    (so the copy holds everything, with no write-ahead log beside it)."""
    published = Path(published)
    working = working_path(published)
    if not working.exists():
        raise StoreError(
            f"nothing to publish: {working} does not exist (run `zwgk crawl --db {published}` first)"
        )
    con = connect(working)
    try:
        con.execute("checkpoint").fetchall()
        temporary = published.with_name(f".{published.name}.publishing-{os.getpid()}")
        try:
            shutil.copyfile(working, temporary)
            with open(temporary, "rb") as f:
                os.fsync(f.fileno())
            stale_wal = published.with_name(published.name + ".wal")
            if stale_wal.exists():  # a log left by a writer of the old copy would not match
                stale_wal.unlink()
            os.replace(temporary, published)
        finally:
            temporary.unlink(missing_ok=True)
    finally:
        con.close()
    return published
