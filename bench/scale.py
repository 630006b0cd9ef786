"""Benchmark: the distributed crawl's scaling. Every sample site is served `--copies` times (each
copy its own site on its own port), every response delayed by `--latency` ms and each site
crawled at most `--per-site` requests at a time: politeness-bound, as real sites are. The same
sites are crawled through a real redis-server by 1, 2 and 4 `zwgk worker` processes (one site
at a time each, as one machine per worker would), each crawl into a fresh database; then one
site's shard is merged into a copy of the full database, to time the merge.

    .venv/bin/python -m bench.scale [--copies 2] [--latency 40] [--workers 1 2 4]

Goal (issue 17): 4 workers crawl at least 3.5× the sites per hour of one.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.machine import run_measured  # noqa: E402
from pipelines.shards import merge_shard, write_shard  # noqa: E402
from pipelines.store import Store  # noqa: E402
from samples import server  # noqa: E402
from tests.conftest import run_zwgk  # noqa: E402
from tests.support.cluster import RedisServer, Worker  # noqa: E402

GOAL = 3.5


def serve(copies: int, latency_ms: float, only: list[str] | None) -> list[list]:
    return [
        server.start(server.load_sites(only=only), port=0, latency_ms=latency_ms)
        for _ in range(copies)
    ]


def sites_file(path: Path, served: list[list], per_site: int) -> int:
    lines = []
    for copy, sites in enumerate(served):
        for site in sites:
            lines += [
                "[[site]]",
                f'id = "{site.site_id}_{copy}"',
                f'name = "{site.config["name"]}（{copy}）"',
                f'homepage = "{site.homepage_url}"',
                "private_network = true",
                f"concurrency = {per_site}",
                "",
            ]
    path.write_text("\n".join(lines), encoding="utf-8")
    return sum(len(s) for s in served)


def crawl_with(workers: int, sites: Path, tmp: Path) -> dict:
    """One distributed crawl of every site with `workers` worker processes: wall time, pages."""
    folder = tmp / f"workers-{workers}"
    redis = RedisServer(folder / "redis").start()
    shared = folder / "shared"
    shared.mkdir(parents=True)
    db = folder / "audit.duckdb"
    started = [
        Worker(redis.url, shared, folder / f"worker{i}.log", concurrency=1, visibility_timeout=3600)
        for i in range(workers)
    ]
    try:
        time.sleep(2)  # every worker up before the clock starts
        start = time.monotonic()
        result = run_zwgk(
            *("crawl", "--sites", str(sites), "--db", str(db), "--no-progress"),
            *("--broker", redis.url, "--shared", str(shared)),
            timeout=6 * 3600,
        )
        wall = time.monotonic() - start
    finally:
        for worker in started:
            worker.stop()
        redis.stop()
    if result.returncode not in (0, 3):
        raise SystemExit(f"the crawl with {workers} workers failed:\n{result.stderr[-3000:]}")
    con = duckdb.connect(str(db), read_only=True)
    try:
        pages, sites_crawled = con.execute("select sum(pages), count(*) from run_shards").fetchone()
    finally:
        con.close()
    return {"workers": workers, "wall": wall, "pages": pages, "sites": sites_crawled, "db": db}


def merge_cost(db: Path, tmp: Path, into_sites: int = 0) -> tuple[float, int, int]:
    """Seconds to merge the biggest site's shard into a copy of the whole database (grown by
    `into_sites` synthetic sites of 2,000 documents each: bench/score.py's), its documents, and
    the documents of the database merged into."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        run_id, site_id, documents = con.execute(
            "select s.run_id, s.site_id, count(*) from run_shards s "
            "join documents d using (site_id) group by all order by 3 desc limit 1"
        ).fetchone()
    finally:
        con.close()
    shard = write_shard(
        db, db.parent / "warc", tmp / "shard" / site_id, site_id=site_id, run_id=run_id
    )
    target = tmp / "merge-into.duckdb"
    shutil.copyfile(db, target)
    store = Store(target, threads=2)
    try:
        if into_sites:
            from bench.score import generate, setup

            setup(store, into_sites)
            generate(store, into_sites, 0, 2000, 2000, 365)
            store.sql("checkpoint")
        total = store.sql("select count(*) from documents")[0][0]
        times = []
        for _ in range(3):
            start = time.perf_counter()
            merge_shard(store, shard, tmp / "warc", site_id=site_id, run_id=run_id)
            times.append(time.perf_counter() - start)
    finally:
        store.close()
    return min(times), documents, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=2, help="times each sample site is served")
    parser.add_argument("--latency", type=float, default=40.0, help="ms added to every response")
    parser.add_argument("--per-site", type=int, default=2, help="requests at a time per site")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--only", nargs="+", metavar="ID", help="serve only these sample sites")
    parser.add_argument(
        "--into-sites",
        type=int,
        default=1000,
        metavar="N",
        help="time the merge into a database grown by N synthetic sites × 2,000 documents "
        "(default 1000: 2 million documents; 0: the crawled sites only)",
    )
    args = parser.parse_args()
    served = serve(args.copies, args.latency, args.only)
    tmp = Path(tempfile.mkdtemp(prefix="zwgk-scale-"))
    try:
        count = sites_file(tmp / "sites.toml", served, args.per_site)
        print(
            f"{count} sites ({args.copies} copies of each sample), {args.latency:g} ms a "
            f"response, {args.per_site} requests at a time per site"
        )
        runs = []
        for workers in args.workers:
            run = crawl_with(workers, tmp / "sites.toml", tmp)
            runs.append(run)
            print(
                f"  {workers} worker(s): {run['wall']:6.1f} s, {run['pages']} pages, "
                f"{run['sites'] / run['wall'] * 3600:7.0f} sites/hour"
            )
        base = runs[0]["sites"] / runs[0]["wall"]
        speedups = {}
        for run in runs[1:]:
            speedups[run["workers"]] = run["sites"] / run["wall"] / base
            print(
                f"  {run['workers']} workers / {runs[0]['workers']}: {speedups[run['workers']]:.2f}×"
            )
        if 4 in speedups and runs[0]["workers"] == 1:
            verdict = "met" if speedups[4] >= GOAL else "NOT met"
            print(f"goals (4 workers ≥ {GOAL}× one worker's sites per hour): {verdict}")
        else:
            print(f"goals (4 workers ≥ {GOAL}× one worker's sites per hour): not measured here")
        for into in sorted({0, args.into_sites}):
            seconds, documents, total = merge_cost(runs[-1]["db"], tmp, into)
            print(
                f"  merge: {seconds:.2f} s for a site of {documents} documents into a database of "
                f"{total:,} documents = {seconds / documents * 1000:.2f} s per 1,000 documents"
            )
    finally:
        for sites in served:
            server.stop(sites)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(run_measured(main))
