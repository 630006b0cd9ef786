"""`zwgk worker`: crawl sites for a coordinator on another machine (zwgk/cluster.py does the work)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from zwgk.arguments import DEFAULT_VISIBILITY_TIMEOUT, Command, add_cluster_args

# ----- the command ------------------------------------------------------------------------


def _add_arguments(p: argparse.ArgumentParser) -> None:
    add_cluster_args(p, coordinator=False)
    p.add_argument(
        "--concurrency",
        type=int,
        default=os.cpu_count() or 1,
        metavar="N",
        help="sites crawled at once, each in its own process (default: one per core; a "
        "crawl of a polite site mostly waits, see the README for memory per crawl)",
    )
    p.add_argument(
        "--visibility-timeout",
        type=int,
        default=DEFAULT_VISIBILITY_TIMEOUT,
        metavar="SECONDS",
        help="a site taken by a worker that died is crawled again after this long: longer "
        f"than the longest site's crawl (default {DEFAULT_VISIBILITY_TIMEOUT})",
    )
    p.add_argument(
        "--scratch",
        type=Path,
        metavar="DIR",
        help="where each crawl works before its shard is written (default: the system's "
        "temporary folder; a local disk, not the shared one)",
    )
    p.add_argument("-v", "--verbose", action="store_true", help="Celery's DEBUG messages")


def _run(args: argparse.Namespace) -> int:
    from zwgk.cluster import worker_command

    if not args.broker or not args.shared:
        print(
            "zwgk worker: name the broker and the shared folder (--broker redis://HOST:6379/0 "
            "--shared DIR, or ZWGK_BROKER and ZWGK_SHARED)",
            file=sys.stderr,
        )
        return 2
    return worker_command(
        args.broker,
        args.shared,
        concurrency=args.concurrency,
        visibility_timeout=args.visibility_timeout,
        scratch=args.scratch,
        loglevel="DEBUG" if args.verbose else "INFO",
    )


COMMAND = Command(
    "worker",
    "crawl sites for a coordinator on another machine (Celery, Redis)",
    (
        "Take sites off the Redis queue that `zwgk crawl --broker` or `zwgk run --broker` fills"
        " and crawl each in a process of its own, --concurrency at a time: from the site's rows"
        " as the coordinator stored them (its seed in the shared folder), into a shard (the "
        "site's database and WARC files) the coordinator merges. Run one per machine; every "
        "machine must see the shared folder at the same path. A worker killed mid-site leaves "
        "the site to be crawled again (after the visibility timeout); a Redis lock keeps two "
        "workers off one site. README: More than one machine."
    ),
    _add_arguments,
    _run,
)
