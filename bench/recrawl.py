"""Benchmark: the weekly job's second crawl. The sample sites are crawled in full, then again
with nothing changed, then again a week later with about 1% new documents
(samples/generator/weeks.py); each crawl is a `zwgk crawl` into the same database, and its
requests are counted at the sample server.

    .venv/bin/python -m bench.recrawl [--sites nhc jiangan …] [--new-share 0.01]

Goals (issue 16): an unchanged week asks for at most 2% of the full crawl's requests; the week
with new documents fetches those documents and few list pages besides. Also reported: wall time
of each crawl and the WARC bytes kept per page.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.machine import run_measured  # noqa: E402
from samples import server  # noqa: E402
from samples.generator.specs import SITES  # noqa: E402
from samples.generator.weeks import render_week  # noqa: E402
from tests.conftest import write_sites_file  # noqa: E402

UNCHANGED_GOAL = 0.02
CHINA = dt.timezone(dt.timedelta(hours=8))
DOCUMENT_PAGE = re.compile(r"/(art|t\d{8}_|post_|Article/ShowArticle|wjw/c\d+/\d{6}/)")
ASSET = re.compile(r"\.(pdf|docx?|xlsx?|jpe?g|png|gif|zip|rar|mp4)$", re.I)


def crawl(sites: Path, db: Path) -> float:
    started = time.monotonic()
    subprocess.run(
        [sys.executable, "-m", "zwgk.cli", "crawl", "--sites", str(sites), "--db", str(db),
         "--no-progress"],
        cwd=ROOT, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    return time.monotonic() - started


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sites", nargs="+", metavar="ID", help="sample sites (default: all)")
    parser.add_argument(
        "--new-share", type=float, default=0.01, help="new documents in the week (default 0.01)"
    )
    args = parser.parse_args()
    ids = args.sites or [s.site_id for s in SITES]
    today = dt.datetime.now(CHINA).date()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        week0, week1, new_paths = {}, {}, set()
        for site_id in ids:
            week0[site_id] = tmp / "w0" / site_id
            render_week(site_id, week0[site_id], 0)
            listed = len(list((week0[site_id] / "www").rglob("*.*html*")))
            news = max(1, round(args.new_share * listed) - 1)  # and one notice
            week1[site_id] = tmp / "w1" / site_id
            changes = render_week(site_id, week1[site_id], 1, ("new",), day=today, news=news)
            new_paths |= {(site_id, p) for p in changes["new"]}
        expected_new = len(new_paths)
        sites = [server.SampleSite.load(week0[i]) for i in ids]
        server.start(sites, port=0)
        try:
            sites_file = write_sites_file(tmp / "sites.toml", sites)
            db = tmp / "audit.duckdb"
            figures = {}
            for step in ("full", "unchanged", "week"):
                if step == "week":
                    for site in sites:
                        site.switch(week1[site.site_id])
                for site in sites:
                    site.requests.clear()
                wall = crawl(sites_file, db)
                asked = [(site.site_id, p) for site in sites for _, p in site.requests]
                # a page as linked, presentation parameters (Hanweb's xxgkhide) dropped
                documents = {
                    (site_id, p.replace("?xxgkhide=1", ""))
                    for site_id, p in asked
                    if DOCUMENT_PAGE.search(p) and not ASSET.search(p)
                }
                figures[step] = {
                    "requests": len(asked),
                    "wall_s": wall,
                    "documents": len(documents),
                    "not_new": sorted(documents - new_paths),
                }
        finally:
            server.stop(sites)
        con = duckdb.connect(str(db), read_only=True)
        try:
            runs = con.execute(
                "select r.run_id, r.warc_bytes, count(c.url), r.started_at from runs r "
                "left join captures c using (run_id) group by all order by r.started_at"
            ).fetchall()
        finally:
            con.close()
    full = figures["full"]
    print(f"{len(ids)} sample sites; a week later {expected_new} new documents "
          f"({args.new_share:.0%} of the pages)")  # fmt: skip
    print(f"{'crawl':10s} {'requests':>9s} {'of full':>8s} {'documents':>10s} {'wall s':>7s}")
    for step, f in figures.items():
        print(
            f"{step:10s} {f['requests']:9d} {f['requests'] / full['requests']:8.1%} "
            f"{f['documents']:10d} {f['wall_s']:7.1f}"
        )
    (_, warc_bytes, captures, _) = runs[0]
    per_page = (warc_bytes or 0) / max(captures, 1)
    print(f"WARC: {warc_bytes / 1e6:.1f} MB for the full crawl's {captures} responses, "
          f"{per_page / 1000:.2f} kB per page")  # fmt: skip
    unchanged = figures["unchanged"]["requests"] / full["requests"]
    week_ok = figures["week"]["documents"] == expected_new and not figures["week"]["not_new"]
    for site_id, path in figures["week"]["not_new"][:10]:
        print(f"  fetched in the new week, not new: {site_id} {path}")
    print(
        f"goals (issue 16): unchanged week {unchanged:.1%} of the requests "
        f"(≤ {UNCHANGED_GOAL:.0%}: {'met' if unchanged <= UNCHANGED_GOAL else 'MISSED'}); "
        f"the new week fetched {figures['week']['documents']} documents for {expected_new} new "
        f"({'met' if week_ok else 'MISSED'})"
    )
    return 0 if unchanged <= UNCHANGED_GOAL and week_ok else 1


if __name__ == "__main__":
    sys.exit(run_measured(main))
