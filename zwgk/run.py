"""`zwgk run`: the weekly job in one command — crawl, pair and score, scorecard, workbook; every
step publishes the analysts' copy itself. The exit status is the crawl's (pipelines/runs.py EXIT_CODES)
unless a later step failed, and a failure ends with one line saying which step and why."""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path

from pipelines.runs import EXIT_MEANINGS, EXIT_OK, EXIT_SITES_NOT_OK


@dataclass
class RunOptions:
    """What `zwgk run` (and `zwgk demo`) needs beyond the sites file and the database."""

    only: list[str] | None = None
    progress: bool = True
    verbose: bool = False
    workers: int | None = None
    full: bool = False
    broker: str | None = None  # crawl on Celery workers (zwgk/dispatch.py)
    shared: Path | None = None
    as_of: dt.date | None = None
    weeks: int = 52
    rules: Path | None = None
    reviews: Path | None = None
    out: Path | None = None  # default: report/ beside the database
    xlsx: Path | None = None  # default: evidence.xlsx beside the database
    pdf: Path | None = None


def failed(step: str, status: int, why: str) -> int:
    print(f"zwgk run: stopped at {step} (exit {status}): {why}", file=sys.stderr)
    return status


def run_command(sites: Path, db: Path, options: RunOptions) -> int:
    from zwgk.crawl import crawl_command
    from zwgk.report import report_command
    from zwgk.score import score_command

    crawled = crawl_command(
        sites,
        db,
        options.only,
        options.progress,
        options.verbose,
        workers=options.workers,
        full=options.full,
        broker=options.broker,
        shared=options.shared,
    )
    if crawled not in (EXIT_OK, EXIT_SITES_NOT_OK):
        return failed("the crawl", crawled, EXIT_MEANINGS.get(crawled, "see the messages above"))
    print("\npairing policies with interpretations and scoring …\n")
    scored = score_command(db, options.as_of, options.weeks, options.rules, options.reviews)
    if scored:
        return failed("scoring", scored, "the crawl was published, nothing was scored (see above)")
    out = options.out or db.parent / "report"
    xlsx = options.xlsx or db.parent / "evidence.xlsx"
    print()
    reported = report_command(db, out, options.as_of, False, xlsx, options.pdf, options.rules)
    if reported:
        return failed("the scorecard", reported, "crawled and scored, but not written (see above)")
    verdict = (
        "every site ok" if crawled == EXIT_OK else "some site not ok (the crawl summary names it)"
    )
    print(f"\nzwgk run: done; {verdict}", file=sys.stderr)
    return crawled
