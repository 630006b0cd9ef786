"""The samples' own commands, added to `zwgk` through the entry point group `zwgk.commands`
(pyproject.toml; zwgk/cli.py plugin_commands): `zwgk demo` serves the sample sites, crawls them
all and prints the summary; `zwgk serve-samples` serves them. The product's packages never
import the samples (the layers contract in `.importlinter`)."""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from samples import server
from samples.server import DEFAULT_PORT
from zwgk.arguments import Command, add_db_arg

BUNDLED_SITES = Path(__file__).resolve().parent.parent / "crawlers" / "sites" / "samples.toml"


class DemoError(RuntimeError):
    """The demo cannot run; the message says why and what to do."""


def start_sample_server(port: int) -> tuple[subprocess.Popen, dict[str, str]]:
    """`zwgk serve-samples --port PORT` in a child process (so it does not share the crawler's
    CPU). Fixed ports: a stored URL holds its port, so a second demo into the same file must
    find the sample sites at the same URLs, or every row would be stored twice."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "zwgk.cli", "serve-samples", "--port", str(port)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    header = proc.stdout.readline()
    if not header.startswith("serving"):
        proc.kill()
        proc.wait()
        raise DemoError(
            f"the sample sites could not be served from 127.0.0.1:{port} on (see above). Stop "
            "what holds those ports (another `zwgk demo` or `zwgk serve-samples`?), or run "
            "`zwgk demo --port N`; stored URLs keep their port, so use the same N every time "
            "you crawl into the same database."
        )
    count = int(header.split()[1])
    homepages = {}
    for _ in range(count):
        site_id, _family, url, *_ = proc.stdout.readline().split()
        homepages[site_id] = url
    return proc, homepages


def write_sites_file(homepages: dict[str, str], path: Path) -> Path:
    """The bundled samples' sites file, pointed at the ports the sample server runs on now."""
    from crawlers.profiles import load_profiles

    bundled = {p.id: p for p in load_profiles(BUNDLED_SITES)}
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = ["# written by `zwgk demo`: the sample sites on the ports they are served on now", ""]
    for site_id, url in homepages.items():
        lines += [
            "[[site]]",
            f'id = "{site_id}"',
            f'name = "{bundled[site_id].name}"',
            f'homepage = "{url}"',
            "private_network = true",
            f'as_of = "{bundled[site_id].as_of}"',
            f'level = "{bundled[site_id].level}"',
            f'region = "{bundled[site_id].region}"',
            "",
        ]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def demo_command(db: Path, port: int) -> int:
    from zwgk.run import RunOptions, run_command

    print(f"starting the sample sites on 127.0.0.1:{port}…", file=sys.stderr)
    try:
        proc, homepages = start_sample_server(port)
    except DemoError as exc:
        print(f"zwgk: {exc}", file=sys.stderr)
        return 2
    try:
        sites = write_sites_file(homepages, db.parent / "samples.sites.toml")
        # the weekly job itself; the samples declare their as-of day (the end of their history)
        return run_command(sites, db, RunOptions())
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def cmd_demo(args: argparse.Namespace) -> int:
    return demo_command(args.db, args.port)


def cmd_serve_samples(args: argparse.Namespace) -> int:
    if args.latency < 0 or args.latency > 600_000:
        print("zwgk: --latency must be from 0 to 600000 milliseconds", file=sys.stderr)
        return 2
    if not (args.port == 0 or 1024 <= args.port <= 65535 - 10):
        print("zwgk: --port must be 0 (any free ports) or from 1024 to 65525", file=sys.stderr)
        return 2
    try:
        sites = server.load_sites(only=args.only)
        faults = {s.site_id: server.Faults.plan(s.site_id) for s in sites} if args.faults else {}
        sites = server.start(sites, port=args.port, latency_ms=args.latency, faults=faults)
    except (FileNotFoundError, ValueError) as exc:
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
        f"serving {len(sites)} sample sites on {server.HOST} (latency {args.latency:g} ms"
        f"{', faults on' if args.faults else ''}); Ctrl-C stops"
    )
    for site in sites:
        print(
            f"{site.site_id:10s} {site.config['family']:7s} {site.homepage_url}  {site.config['name']}"
        )
    if args.faults:
        for site in sites:
            for kind, paths in site.faults.describe().items():
                for path in paths:
                    print(f"  fault {site.site_id} {kind}: {path}", file=sys.stderr)
    sys.stdout.flush()
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        print("stopped")
    finally:
        server.stop(sites)
    return 0


def add_demo_args(p: argparse.ArgumentParser) -> None:
    add_db_arg(p)
    p.add_argument(
        "--port",
        type=int,
        default=DEFAULT_PORT,
        metavar="N",
        help=f"serve the sample sites on ports N, N+1, … (default {DEFAULT_PORT}); stored URLs "
        "include the port, so a re-run into the same database must use the same N",
    )


def add_serve_args(p: argparse.ArgumentParser) -> None:
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
    p.add_argument(
        "--faults",
        action="store_true",
        help="behave like a fragile server: on chosen document pages 503 bursts, hangs, "
        "connection resets, cut-short, slow and huge bodies, a firewall's block page (listed on "
        "stderr)",
    )


def commands() -> list[Command]:
    """The samples' commands, declared as the product declares its own (zwgk/arguments.py
    Command); the demo is the weekly job, so its exit statuses are the run's."""
    from pipelines.runs import EXIT_CODES

    return [
        Command(
            "demo",
            "serve the sample sites, crawl them all, print the summary",
            "The whole job on the bundled samples: start the six sample commission sites on "
            "127.0.0.1, discover their disclosure columns from the homepages, crawl every list "
            "and document into a DuckDB file, and print a per-site summary with the file's path. "
            "Running it again updates the same file; nothing is stored twice.",
            add_demo_args,
            cmd_demo,
            epilog=EXIT_CODES,
        ),
        Command(
            "serve-samples",
            "serve the bundled sample commission sites on 127.0.0.1",
            "Serve the six fictional sample commission sites (samples/sites) over real HTTP on "
            "127.0.0.1, one port per site starting at --port, until interrupted. Prints each "
            "site's homepage URL. The answer key for these sites is in samples/truth/.",
            add_serve_args,
            cmd_serve_samples,
        ),
    ]
