"""Copying files so that nobody sees half of one, and counting what this process copied.

Every copy of a database or a WARC file the product makes goes through `copy_atomically`: the
working file seeded from the analysts' copy and published back (pipelines/publish.py), a seed
into a worker's working file and its shard out (pipelines/shards.py), a shard's WARC files into
the archive. Each copy is recorded in `COPIES` (this process's, in order), which is how a
worker states in its shard's manifest what it copied of the site's data (at most once each way).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Copy:
    source: Path
    target: Path
    bytes: int


COPIES: list[Copy] = []  # every copy this process made, in order


def copy_atomically(
    source: str | Path,
    target: str | Path,
    *,
    sync: bool = False,
    before_replace: Callable[[], None] | None = None,
) -> Path:
    """Copy `source` to `target` under a hidden name beside it, then rename it into place: a
    copy cut off is never seen under the target's name. `sync` forces it to disk first;
    `before_replace` runs once the copy is whole, just before the rename."""
    source, target = Path(source), Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(f".{target.name}.part-{os.getpid()}")
    try:
        shutil.copyfile(source, part)
        if sync:
            with open(part, "rb") as f:
                os.fsync(f.fileno())
        if before_replace is not None:
            before_replace()
        os.replace(part, target)
    finally:
        part.unlink(missing_ok=True)
    COPIES.append(Copy(source, target, target.stat().st_size))
    return target


def copies_since(mark: int) -> list[Copy]:
    """The copies made after `len(COPIES)` was `mark`."""
    return COPIES[mark:]


def write_atomically(path: str | Path, text: str) -> Path:
    """Write `text` (UTF-8) under a hidden name beside `path`, then rename it into place."""
    path = Path(path)
    part = path.with_name(f".{path.name}.part-{os.getpid()}")
    try:
        part.write_text(text, encoding="utf-8")
        os.replace(part, path)
    finally:
        part.unlink(missing_ok=True)
    return path
