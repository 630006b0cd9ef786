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

from crawlers.files import Replacement


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
    with Replacement(target) as part:
        shutil.copyfile(source, part)
        if sync:
            with open(part, "rb") as f:
                os.fsync(f.fileno())
        if before_replace is not None:
            before_replace()
    COPIES.append(Copy(source, target, target.stat().st_size))
    return target


def copies_since(mark: int) -> list[Copy]:
    """The copies made after `len(COPIES)` was `mark`."""
    return COPIES[mark:]
