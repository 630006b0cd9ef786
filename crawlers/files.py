"""Files written whole: under a hidden name beside the target, then renamed into place.

A reader never sees half of a file (a database, a shard folder, a workbook, the sites file, a
review sheet, a scorecard page), and a write cut off by an error or a kill leaves the old version
in place. This is the one place that names the hidden file and renames it; every writer of a
file someone else reads goes through it. (It sits in the bottom layer so that every layer can.)
"""

from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path
from types import TracebackType


def part_path(target: Path) -> Path:
    """The hidden name beside `target` its next version is written under: this host's and
    process's own, so two writers (two machines on a shared folder) never share one."""
    return target.with_name(f".{target.name}.part-{socket.gethostname()}-{os.getpid()}")


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


class Replacement:
    """The next version of `target` (a file or a folder), written at `part`. `commit` renames it
    into place (a folder replaces the old folder whole); `abandon` removes it. As a context
    manager it gives `part`, commits when the block ends and abandons when it raises."""

    def __init__(self, target: str | Path):
        self.target = Path(target)
        self.target.parent.mkdir(parents=True, exist_ok=True)
        self.part = part_path(self.target)
        _remove(self.part)  # left by a killed process that had this process id

    def commit(self) -> Path:
        """Rename the new version into place. A folder's old version is set aside first (a
        rename does not replace a folder that holds files), put back if the rename fails, and
        removed once the new one is in place: no moment without one or the other."""
        old = None
        if self.part.is_dir() and self.target.is_dir():
            old = self.target.with_name(f"{self.part.name}.old")
            _remove(old)
            os.replace(self.target, old)
        try:
            os.replace(self.part, self.target)
        except BaseException:
            if old is not None:
                os.replace(old, self.target)
            raise
        if old is not None:
            _remove(old)
        return self.target

    def abandon(self) -> None:
        _remove(self.part)

    def __enter__(self) -> Path:
        return self.part

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if kind is None:
            try:
                self.commit()
            finally:
                self.abandon()  # a failed rename leaves no hidden file behind
        else:
            self.abandon()


def write_atomically(path: str | Path, text: str) -> Path:
    """Write `text` (UTF-8) as the whole new content of `path`."""
    with Replacement(path) as part:
        part.write_text(text, encoding="utf-8")
    return Path(path)
