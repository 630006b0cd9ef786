"""Another process holding a DuckDB file open, as a notebook or a second crawl would."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

HOLD = (
    "import duckdb, time; c = duckdb.connect({path!r}, read_only={read_only}); "
    "print('ok', flush=True); time.sleep(120)"
)


@contextmanager
def database_held_open(path: Path, *, read_only: bool = False) -> Iterator[int]:
    """Another process holding `path` open (for writing, or read-only as a notebook would);
    yields its pid."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD.format(path=str(path), read_only=read_only)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ok", "the holder could not open the database"
        yield holder.pid
    finally:
        holder.kill()
        holder.wait()
