"""Another process holding a DuckDB file open, as a notebook or a second crawl would."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

HOLD = "import duckdb, time; c = duckdb.connect({path!r}); print('ok', flush=True); time.sleep(60)"


@contextmanager
def database_held_open(path: Path) -> Iterator[None]:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD.format(path=str(path))], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "ok", "the holder could not open the database"
        yield
    finally:
        holder.kill()
        holder.wait()
