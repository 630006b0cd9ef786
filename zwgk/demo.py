"""zwgk demo: serve the sample sites, crawl them all, print the summary."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

DEMO_DB = Path("output/audit.duckdb")
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
