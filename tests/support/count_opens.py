"""`python -m tests.support.count_opens LOG zwgk-args…`: the `zwgk` command, with every DuckDB
file it opens written to LOG (one line each: the path, and `ro` or `rw`). The real connect is
called each time; only its calls are recorded."""

from __future__ import annotations

import subprocess
import sys

import duckdb

from zwgk.cli import main

REAL_CONNECT = duckdb.connect


def main_counting_opens(log: str, argv: list[str]) -> int:
    def connect(database=":memory:", *args, **kwargs):
        with open(log, "a", encoding="utf-8") as out:
            out.write(f"{database}\t{'ro' if kwargs.get('read_only') else 'rw'}\n")
        return REAL_CONNECT(database, *args, **kwargs)

    duckdb.connect = connect
    return main(argv)


def zwgk_counting_opens(log, *args: str, cwd) -> subprocess.CompletedProcess:
    """The `zwgk` command run in a child process through this module, its opens logged to LOG."""
    return subprocess.run(
        [sys.executable, "-m", "tests.support.count_opens", str(log), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
    )


def opens_of(log, path) -> list[str]:
    """How the command opened one file, in order: `rw` or `ro` each time."""
    lines = [line.split("\t") for line in open(log, encoding="utf-8").read().splitlines()]
    return [mode for opened, mode in lines if opened == str(path)]


if __name__ == "__main__":
    sys.exit(main_counting_opens(sys.argv[1], sys.argv[2:]))
