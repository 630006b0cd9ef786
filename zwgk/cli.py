"""The `zwgk` command: one entry point for assessors, each sub-command a thin call into a layer."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence

EPILOG = """examples:
  zwgk serve-samples                 serve the bundled sample sites on 127.0.0.1:8401…
  zwgk serve-samples --port 0 --latency 200
                                     any free ports, 200 ms per response (a slow government site)
"""


def cmd_serve_samples(args: argparse.Namespace) -> int:
    from samples import server

    try:
        sites = server.start(
            server.load_sites(only=args.only), port=args.port, latency_ms=args.latency
        )
    except FileNotFoundError as exc:
        print(f"zwgk: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(
            f"zwgk: cannot listen on 127.0.0.1:{args.port}…: {exc.strerror}. "
            "Choose another base port with --port N, or --port 0 for any free ports.",
            file=sys.stderr,
        )
        return 2
    print(
        f"serving {len(sites)} sample sites on {server.HOST} (latency {args.latency:g} ms); Ctrl-C stops"
    )
    for site in sites:
        print(
            f"{site.site_id:10s} {site.config['family']:7s} {site.homepage_url}  {site.config['name']}"
        )
    sys.stdout.flush()
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        print("stopped")
    finally:
        server.stop(sites)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="zwgk",
        description="zwgk-audit: crawl health commissions' 政务公开 websites, store what each "
        "document says in DuckDB, and score the sites against the disclosure rules.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands: list[tuple[str, str, str, Callable[[argparse.ArgumentParser], None], Callable]] = [
        (
            "serve-samples",
            "serve the bundled sample commission sites on 127.0.0.1",
            "Serve the six fictional sample commission sites (samples/sites) over real HTTP on "
            "127.0.0.1, one port per site starting at --port, until interrupted. Prints each "
            "site's homepage URL. The answer key for these sites is in samples/truth/.",
            add_serve_args,
            cmd_serve_samples,
        ),
    ]
    for name, short, long, add_args, func in commands:
        p = sub.add_parser(name, help=short, description=long)
        add_args(p)
        p.set_defaults(func=func)
    return parser


def add_serve_args(p: argparse.ArgumentParser) -> None:
    from samples.server import DEFAULT_PORT

    p.add_argument(
        "--port",
        type=int,
        default=DEFAULT_PORT,
        help=f"first port; site i listens on PORT+i (default {DEFAULT_PORT}; 0 = any free ports)",
    )
    p.add_argument(
        "--latency",
        type=float,
        default=0.0,
        metavar="MS",
        help="delay every response by MS milliseconds, to behave like a slow site (default 0)",
    )
    p.add_argument(
        "--only", nargs="+", metavar="ID", help="serve only these site ids (e.g. nhc shiling)"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
