"""Running the Scrapy crawl from the command line (zwgk crawl / zwgk demo).

The crawl writes the working file beside `--db` and publishes it to `--db` when it finishes
(pipelines/publish.py). Its exit status (pipelines/runs.py EXIT_CODES) is read from its own run's
rows, never from another run's.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import duckdb

from crawlers.profiles import ProfileError, load_profiles
from crawlers.status import FINISHED, INTERRUPTED, STORE_ERROR, new_run_id
from pipelines.publish import ensure_working, publish
from pipelines.runs import (
    EXIT_BAD_INPUT,
    EXIT_CODES,
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    crawl,
    exit_status,
    open_for_crawl,
    run_files,
    run_outcome,
)
from pipelines.store import Store, StoreError
from zwgk.arguments import Command, add_crawl_args, progress_wanted


def crawl_command(*args, **kwargs) -> int:
    """`zwgk crawl` (the arguments of `crawl_concluded`): the exit status; the working file
    opened once and closed."""
    status, store = crawl_concluded(*args, **kwargs)
    if store is not None:
        store.close()
    return status


def crawl_concluded(
    sites: Path,
    db: Path,
    only: list[str] | None,
    progress: bool,
    verbose: bool,
    *,
    workers: int | None = None,
    full: bool = False,
    run_id: str | None = None,
    broker: str | None = None,
    shared: Path | None = None,
) -> tuple[int, Store | None]:
    """The crawl run and concluded (outcome, summary, publish): its exit status, and the store it
    wrote with, still open, for a next step to use (`zwgk run` scores through it); the caller
    closes it. None when no store was opened (bad input, a broker that cannot be reached)."""
    cores = os.cpu_count() or 1
    if workers is not None and not 0 <= workers <= cores:
        print(
            f"zwgk: --workers must be from 0 to {cores}: this machine has {cores} cores, and "
            "reading pages is CPU work, so more processes than cores only compete for them",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT, None
    if broker:
        return dispatched(sites, db, only, full=full, broker=broker, shared=shared)
    files = run_files(db)
    try:
        opened = open_for_crawl(sites, ensure_working(db), files.state, only)
    except (ProfileError, StoreError) as exc:
        print(f"zwgk: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT, None
    profiles, known_sites, known_docs = opened.profiles, opened.known_sites, opened.known_documents
    note_unverified(profiles)
    working = files.working
    if full or not known_sites:
        how = "in full" + (" (--full)" if full and known_sites else "")
    else:
        how = (
            f"incrementally: {known_docs} documents known on {known_sites} of them "
            "(--full to fetch everything)"
        )
    print(f"crawling {len(profiles)} sites into {working} {how}", file=sys.stderr)
    run_id = run_id or new_run_id()
    try:
        crawl(
            opened,
            run_id=run_id,
            warc=files.warc,
            full=full,
            progress=progress,
            log_level="INFO" if verbose else "WARNING",
            workers=workers,
        )
    except KeyboardInterrupt:
        pass
    except BaseException:
        opened.close()
        raise
    return conclude(db, run_id, opened.store)


def note_unverified(profiles) -> None:
    """Say which profiles were never checked against their live site (every crawl says it)."""
    unverified = [p.id for p in profiles if not p.verified]
    if unverified:
        print(
            f"note: unverified profiles (never checked against the live site): {', '.join(unverified)}",
            file=sys.stderr,
        )


def dispatched(
    sites: Path,
    db: Path,
    only: list[str] | None,
    *,
    full: bool,
    broker: str,
    shared: Path | None,
) -> tuple[int, Store | None]:
    """The crawl done by Celery workers (zwgk/dispatch.py), concluded as a one-process one."""
    from zwgk.cluster import broker_problem
    from zwgk.dispatch import BrokerUnreachable, dispatch_crawl

    problem = broker_problem(broker)
    if problem:
        print(f"zwgk: {problem}", file=sys.stderr)
        return EXIT_BAD_INPUT, None
    if shared is None:
        print(
            "zwgk: --broker needs --shared DIR: the folder every worker writes its shards to",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT, None
    if not shared.is_dir():
        print(
            f"zwgk: the shared folder {shared} does not exist (create or mount it first)",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT, None
    try:
        profiles = load_profiles(sites, only=only)
        store = Store(ensure_working(db))
    except (ProfileError, StoreError) as exc:
        print(f"zwgk: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT, None
    note_unverified(profiles)
    try:
        run_id = dispatch_crawl(
            store,
            profiles,
            sites,
            broker=broker,
            shared=shared,
            warc_dir=run_files(db).warc,
            logs_dir=run_files(db).logs,
            full=full,
        )
    except BrokerUnreachable as exc:
        store.close()
        print(f"zwgk: {exc}", file=sys.stderr)
        return EXIT_FAILED, None
    except KeyboardInterrupt:  # before the run was under way: the next start resumes it
        store.close()
        print("zwgk: interrupted before the sites were queued", file=sys.stderr)
        return EXIT_INTERRUPTED, None
    except BaseException:
        store.close()
        raise
    return conclude(db, run_id, store)


def conclude(db: Path, run_id: str, store: Store) -> tuple[int, Store]:
    """Read the run's outcome and its summary, and publish the run if it finished, through the
    store the crawl wrote with (a command opens the working file once): the exit status, and the
    store, still open. Closed if reading them failed unexpectedly."""
    try:
        return _conclude(db, run_id, store), store
    except BaseException:
        store.close()
        raise


def _conclude(db: Path, run_id: str, store: Store) -> int:
    from reports.summary import crawl_summary

    working = store.path
    try:
        status, site_statuses = run_outcome(store.con, run_id)
        summary = crawl_summary(store.con, working, run_id) if status is not None else ""
    except duckdb.Error as exc:
        print(f"zwgk: the crawl failed and its outcome cannot be read: {exc}", file=sys.stderr)
        return EXIT_FAILED
    if status is None:
        print(
            f"zwgk: the crawl failed before it started (run {run_id} was never recorded; see the "
            "messages above). Nothing was crawled or published.",
            file=sys.stderr,
        )
        return EXIT_FAILED
    print(summary)
    if status == INTERRUPTED:
        print(
            f"\nworking file: {working.resolve()}\nzwgk: the crawl was interrupted; what was "
            "fetched is kept in the working file (not published). Run it again to complete it.",
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED
    if status == STORE_ERROR:
        print(
            f"zwgk: the database {working} refused a write (the error is above), so the crawl "
            "stopped; nothing was published. Check the disk and the file, then run it again: "
            "what was stored before is kept.",
            file=sys.stderr,
        )
        return EXIT_FAILED
    if status != FINISHED:
        print(f"zwgk: the crawl ended {status}; nothing was published", file=sys.stderr)
        return EXIT_FAILED
    try:
        publish(db, store.con)
    except (StoreError, OSError, duckdb.Error) as exc:
        print(f"zwgk: the crawl finished but could not be published: {exc}", file=sys.stderr)
        return EXIT_FAILED
    print(f"\ndatabase: {db.resolve()}  (working file: {working.name})")
    return exit_status(status, site_statuses)


# ----- the command ------------------------------------------------------------------------


def _run(args: argparse.Namespace) -> int:
    progress = progress_wanted(args)
    return crawl_command(
        args.sites,
        args.db,
        args.only,
        progress,
        args.verbose,
        workers=args.workers,
        full=args.full,
        run_id=args.run_id,
        broker=args.broker,
        shared=args.shared,
    )


COMMAND = Command(
    "crawl",
    "crawl the commissions of a sites file into DuckDB",
    (
        "Crawl every site of a sites file (TOML, one [[site]] table with id, name and homepage "
        "each, or a portal for a commission inside its county's portal): find the 政务公开 columns "
        "from the homepage, walk every list page, read every document's dates and attributes, "
        "check attachments and images, and store all of it in DuckDB (tables documented in "
        "docs/schema.md). Real sites are crawled politely (robots.txt, 1–2 requests at a time "
        "per site, AutoThrottle). The crawl writes its own working file (audit.work.duckdb "
        "beside --db) and, when it finishes, publishes it to --db in one atomic step, so "
        "notebooks reading --db never block it. Each site's outcome is in the site_runs table "
        "and the summary."
    ),
    add_crawl_args,
    _run,
    epilog=EXIT_CODES,
)
