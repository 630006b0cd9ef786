"""`zwgk publish`: the working file over the analysts' copy, atomically (pipelines/publish.py)."""

from __future__ import annotations

import argparse
import sys

from zwgk.arguments import Command, add_db_arg

# ----- the command ------------------------------------------------------------------------


def _run(args: argparse.Namespace) -> int:
    from pipelines.publish import publish, working_path
    from pipelines.store import StoreError

    try:
        published = publish(args.db)
    except (StoreError, OSError) as exc:
        print(f"zwgk: {exc}", file=sys.stderr)
        return 2
    print(f"published {working_path(args.db)} → {published.resolve()}")
    return 0


COMMAND = Command(
    "publish",
    "replace the analysts' copy (--db) by the working file, atomically",
    (
        "Copy the working file (audit.work.duckdb beside --db) over the analysts' copy (--db) "
        "in one atomic rename. Every finished crawl and every scoring does this itself; run it "
        "by hand after an interrupted crawl you want analysts to see. A notebook holding the "
        "old copy keeps reading it until it reconnects."
    ),
    add_db_arg,
    _run,
)
