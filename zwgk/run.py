"""`zwgk run`: the weekly job in one command — crawl, pair and score, scorecard, workbook; every
step publishes the analysts' copy itself. The exit status is the crawl's (pipelines/runs.py EXIT_CODES)
unless a later step failed, and a failure ends with one line saying which step and why."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from dataclasses import dataclass, fields
from pathlib import Path

from pipelines.runs import EXIT_CODES, EXIT_MEANINGS, EXIT_OK, EXIT_SITES_NOT_OK, run_files
from zwgk.arguments import Command, add_crawl_args, add_scoring_options, progress_wanted


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
    from zwgk.crawl import crawl_concluded
    from zwgk.report import report_command
    from zwgk.score import score_command

    # the working file opened once: the crawl's store is the one scored through
    crawled, store = crawl_concluded(
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
    try:
        if crawled not in (EXIT_OK, EXIT_SITES_NOT_OK):
            why = EXIT_MEANINGS.get(crawled, "see the messages above")
            return failed("the crawl", crawled, why)
        print("\npairing policies with interpretations and scoring …\n")
        scored = score_command(
            db, options.as_of, options.weeks, options.rules, options.reviews, store=store
        )
    finally:
        if store is not None:
            store.close()
    if scored:
        return failed("scoring", scored, "the crawl was published, nothing was scored (see above)")
    out = options.out or run_files(db).report
    xlsx = options.xlsx or run_files(db).workbook
    print()
    reported = report_command(db, out, options.as_of, False, xlsx, options.pdf, options.rules)
    if reported:
        return failed("the scorecard", reported, "crawled and scored, but not written (see above)")
    verdict = (
        "every site ok" if crawled == EXIT_OK else "some site not ok (the crawl summary names it)"
    )
    print(f"\nzwgk run: done; {verdict}", file=sys.stderr)
    return crawled


# ----- the command ------------------------------------------------------------------------


def _add_arguments(p: argparse.ArgumentParser) -> None:
    add_crawl_args(p)
    add_scoring_options(p)
    p.add_argument(
        "--out",
        type=Path,
        help="the scorecard's folder (default: report/ beside --db)",
    )
    p.add_argument(
        "--xlsx",
        type=Path,
        metavar="FILE",
        help="the evidence workbook, with the 待复核配对 sheet (default: evidence.xlsx beside --db)",
    )
    p.add_argument("--pdf", type=Path, metavar="FILE", help="also print the scorecard to PDF")


def _run(args: argparse.Namespace) -> int:
    # every option is an argument of the same name; only --progress has a default to work out
    options = RunOptions(
        **{f.name: getattr(args, f.name) for f in fields(RunOptions) if f.name != "progress"},
        progress=progress_wanted(args),
    )
    return run_command(args.sites, args.db, options)


COMMAND = Command(
    "run",
    "the weekly job: crawl, score, write the scorecard and the workbook",
    (
        "The weekly job in one command, as cron runs it: crawl the sites file into --db (zwgk "
        "crawl), pair and score every site (zwgk score), write the HTML scorecard and the "
        "evidence workbook (zwgk report --xlsx). Each step publishes the analysts' copy itself."
        " The exit status is the crawl's (below) unless a later step failed; a failure ends "
        "with one line naming the step and why."
    ),
    _add_arguments,
    _run,
    epilog=EXIT_CODES,
)
