"""What every `zwgk` command is declared with: `Command` (its name, help and arguments, and the
function it runs) and the argument groups several commands share (--db, the crawl's, the
scoring's, the cluster's). Each command's module declares its own `COMMAND`; zwgk/cli.py only
gathers them."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DB = Path("output/audit.duckdb")
# a task not acknowledged within this long is delivered again: longer than the longest site's
# crawl (a 10,000-page site at 1–2 requests a second takes 2–3 hours). Here, not in zwgk/cluster.py,
# so that `zwgk worker --help` (and every command's parser) does not import Celery.
DEFAULT_VISIBILITY_TIMEOUT = 6 * 3600


@dataclass(frozen=True)
class Command:
    name: str
    summary: str  # one line, in `zwgk --help`
    description: str  # the command's own --help
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]
    epilog: str | None = None


class Formatter(argparse.HelpFormatter):
    """Descriptions wrapped to the terminal; texts laid out by hand (examples, exit codes) kept."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if "\n" in text:
            return "".join(indent + line for line in text.splitlines(keepends=True))
        return super()._fill_text(text, width, indent)


def progress_wanted(args: argparse.Namespace) -> bool:
    """--progress / --no-progress, else whether stderr is a terminal (off under cron)."""
    return args.progress if args.progress is not None else sys.stderr.isatty()


def add_db_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--db",
        type=Path,
        default=DEFAULT_DB,
        help=f"the DuckDB file to write (default {DEFAULT_DB})",
    )


def add_progress_arg(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help=f"{what} (default: when stderr is a terminal; off under cron)",
    )


def add_rules_arg(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument(
        "--rules", type=Path, metavar="FILE", help=f"{what} (default analysis/rules.toml)"
    )


def add_scoring_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--as-of",
        type=dt.date.fromisoformat,
        metavar="YYYY-MM-DD",
        help="the day the scores are for (default: the day the sites declare, else the China "
        "date the latest crawl finished)",
    )
    p.add_argument(
        "--weeks",
        type=int,
        default=52,
        metavar="N",
        help="the window: N complete weeks before the as-of week, plus that week (default 52)",
    )
    add_rules_arg(p, "a rules file (thresholds, weights, sources)")
    p.add_argument(
        "--reviews",
        type=Path,
        metavar="FILE",
        help="the reviewed-pairs CSV (site_id,policy_url,interpretation_url,decision,note); "
        "default reviewed_pairs.csv beside the database, if it exists",
    )


def add_crawl_args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--sites",
        type=Path,
        required=True,
        help="sites file, e.g. crawlers/sites/samples.toml or crawlers/sites/commissions.toml",
    )
    p.add_argument("--only", nargs="+", metavar="ID", help="crawl only these site ids")
    add_db_arg(p)
    add_progress_arg(p, "show a progress line")
    p.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help="processes that read document pages beside the crawl (default: one per core "
        "beyond the first, at most 4), besides the one that writes the WARC records; 0 does "
        "both in the crawl's own process",
    )
    p.add_argument(
        "--full",
        action="store_true",
        help="fetch every list page and document even when an earlier crawl knows the site "
        "(default: incremental — each column's list only as far as it shows something new or "
        "its stated total calls for, and only new or changed documents; every list is still "
        "walked in full within 4 weeks and every link re-checked within 4 weeks)",
    )
    add_cluster_args(p)
    p.add_argument(
        "--run-id",
        metavar="ID",
        help=argparse.SUPPRESS,  # a worker's crawl of one site, as part of its coordinator's run
    )
    p.add_argument("-v", "--verbose", action="store_true", help="log Scrapy's INFO messages")


def add_cluster_args(p: argparse.ArgumentParser, *, coordinator: bool = True) -> None:
    p.add_argument(
        "--broker",
        metavar="URL",
        default=os.environ.get("ZWGK_BROKER"),
        help=(
            "crawl on Celery workers through this Redis (redis://HOST:6379/0; default "
            "$ZWGK_BROKER): one task per site, each shard merged here as it arrives; without "
            "it the crawl runs in this process"
            if coordinator
            else "the Redis the coordinator queues sites on (default $ZWGK_BROKER)"
        ),
    )
    p.add_argument(
        "--shared",
        type=Path,
        metavar="DIR",
        default=os.environ.get("ZWGK_SHARED"),
        help="the folder the coordinator and every worker see at the same path: seeds out, "
        "shards back (default $ZWGK_SHARED)",
    )
