"""The `zwgk` command: one entry point for assessors. Each sub-command is declared in its own
module (`COMMAND`: its help, its arguments and what it runs); this file only gathers them, with
the commands other packages add (the samples' `demo` and `serve-samples`)."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from zwgk.arguments import Command, Formatter

EPILOG = """examples:
  zwgk demo                          serve the sample sites, crawl them into output/audit.duckdb
  zwgk crawl --sites crawlers/sites/commissions.toml --only jinan --db output/jinan.duckdb
  zwgk score --as-of 2026-11-20      pair and score every site of output/audit.duckdb
  zwgk report --xlsx output/evidence.xlsx --pdf output/scorecard.pdf
                                     the scorecard in output/report/index.html, and more
  zwgk extract saved_page.html --url https://example.gov.cn/art/2023/1/7/art_1_2.html
  zwgk serve-samples --port 0 --latency 200
                                     the sample sites on any free ports, 200 ms per response
"""
# the modules that declare a command, in the order `zwgk --help` lists them
COMMAND_MODULES = (
    "run",
    "crawl",
    "worker",
    "publish",
    "score",
    "indicators",
    "report",
    "extract",
    "review",
    "evidence",
    "sites",
)
PLUGINS = "zwgk.commands"  # entry points: a package's commands, e.g. the samples' demo


def plugin_commands() -> list[Command]:
    """Commands other packages add (the entry point group `zwgk.commands`: a callable returning
    `Command`s). The samples package adds `demo` and `serve-samples` this way, so the product's
    code never imports the samples."""
    from importlib.metadata import entry_points

    found = []
    for entry in sorted(entry_points(group=PLUGINS), key=lambda e: e.name):
        found += entry.load()()
    return found


def commands() -> list[Command]:
    own = [importlib.import_module(f"zwgk.{name}").COMMAND for name in COMMAND_MODULES]
    return plugin_commands() + own


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="zwgk",
        description="zwgk-audit: crawl health commissions' 政务公开 websites, store what each "
        "document says in DuckDB, and score the sites against the disclosure rules.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in commands():
        p = sub.add_parser(
            command.name,
            help=command.summary,
            description=command.description,
            epilog=command.epilog,
            formatter_class=Formatter,
        )
        command.add_arguments(p)
        p.set_defaults(func=command.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        return args.func(args)
    except BrokenPipeError:  # `zwgk indicators | head`: the reader has seen enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
