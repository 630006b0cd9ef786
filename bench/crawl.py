"""Benchmark: the full crawl (extract, normalise, store) against a bare Scrapy spider fetching the
same pages, on the sample sites served locally with politeness off.

    .venv/bin/python bench/crawl.py [--repeat 3]

Both run in their own process with the same settings (32 requests at once, 8 per site, no delay);
the sample server runs in a third process. Pages/s and CPU ms per page are measured inside each
crawl, from spider open to spider close. The full crawl reads document pages in worker processes
(ZWGK_EXTRACT_WORKERS) and write WARC records in another; their CPU is not in that figure, so "all CPU" adds every process of the
crawl (the workers included) from start to exit, start-up too. Goal (issue 27): full ≥ 0.85 × bare
pages/s, the median of the pair ratios.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import crawlers.settings as crawler_settings  # noqa: E402
from bench.machine import run_measured  # noqa: E402
from samples.cli import start_sample_server, write_sites_file  # noqa: E402

GOAL = 0.85
# Both crawls get the probe and the project's GC tuning (an extension in crawlers/settings.py), so
# the bare spider runs with everything the project does to Scrapy itself; the full crawl runs
# with every extension of the project's (its run recorded, its progress, its throttle).
PROBE = {"bench.probe.Probe": 900, "crawlers.gc_tuning.GcTuning": 100}
FULL_EXTENSIONS = json.dumps({**crawler_settings.EXTENSIONS, **PROBE})
BARE_EXTENSIONS = json.dumps(PROBE)


def scrapy_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "scrapy", *args]


def children_cpu_s() -> float:
    """CPU of every finished child process and its waited-for descendants (the workers)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(cmd: list[str], probe: Path) -> dict:
    before = children_cpu_s()
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    result = json.loads(probe.read_text(encoding="utf-8"))
    result["all_cpu_s"] = children_cpu_s() - before
    return result


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs of each; medians are reported (default 3)"
    )
    parser.add_argument(
        "--workers",
        help="ZWGK_EXTRACT_WORKERS for the full crawl (default: the project's, auto); "
        "0 reads pages in the crawl process",
    )
    args = parser.parse_args()
    workers = ["-s", f"ZWGK_EXTRACT_WORKERS={args.workers}"] if args.workers is not None else []
    server, homepages = start_sample_server(0)  # any free ports: URLs need not be stable here
    results: dict[str, list[dict]] = {"full": [], "bare": []}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            sites = write_sites_file(homepages, tmp / "sites.toml")
            for i in range(args.repeat):
                probe = tmp / f"full{i}.json"
                db = tmp / f"full{i}.duckdb"
                full = run(
                    scrapy_cmd(
                        "crawl",
                        "disclosure",
                        "-a",
                        f"sites={sites}",
                        "-s",
                        f"ZWGK_DB={db}",
                        "-s",  # every response archived, as `zwgk crawl` does
                        f"ZWGK_WARC_DIR={tmp / 'warc'}",
                        "-s",
                        f"ZWGK_RUN_ID=bench-{i}",
                        "-s",
                        "LOG_LEVEL=WARNING",
                        "-s",
                        f"EXTENSIONS={FULL_EXTENSIONS}",
                        "-s",
                        f"BENCH_PROBE_FILE={probe}",
                        *workers,
                    ),
                    probe,
                )
                bare_probe = tmp / f"bare{i}.json"
                bare = run(
                    scrapy_cmd(
                        "runspider",
                        str(ROOT / "bench" / "bare_spider.py"),
                        "-s",
                        "LOG_LEVEL=WARNING",
                        "-a",
                        f"requests={probe}",
                        "-s",
                        f"EXTENSIONS={BARE_EXTENSIONS}",
                        "-s",
                        f"BENCH_PROBE_FILE={bare_probe}",
                    ),
                    bare_probe,
                )
                for name, r in (("full", full), ("bare", bare)):
                    r["pages_per_s"] = r["pages"] / r["wall_s"]
                    r["cpu_ms_per_page"] = 1000 * r["cpu_s"] / r["pages"]
                    r["all_cpu_ms_per_page"] = 1000 * r["all_cpu_s"] / r["pages"]
                    results[name].append(r)
                print(
                    f"run {i + 1}: full {full['pages']} pages {full['pages_per_s']:.0f}/s, "
                    f"bare {bare['pages']} pages {bare['pages_per_s']:.0f}/s",
                    file=sys.stderr,
                )
    finally:
        server.terminate()
        server.wait()
    med = {
        name: {
            k: statistics.median(r[k] for r in rs)
            for k in ("pages", "pages_per_s", "cpu_ms_per_page", "all_cpu_ms_per_page")
        }
        for name, rs in results.items()
    }
    # each full run is paired with the bare run right after it, so slow spells of a shared machine
    # hit both sides of a pair; the gate is the median of the pair ratios
    pair_ratios = [
        f["pages_per_s"] / b["pages_per_s"]
        for f, b in zip(results["full"], results["bare"], strict=True)
    ]
    ratio = statistics.median(pair_ratios)
    print(
        f"{'':6s} {'pages':>7s} {'pages/s':>8s} {'CPU ms/page':>12s} {'all CPU ms/page':>16s}"
        f"   (median of {args.repeat})"
    )
    for name in ("bare", "full"):
        m = med[name]
        print(
            f"{name:6s} {m['pages']:7.0f} {m['pages_per_s']:8.0f} {m['cpu_ms_per_page']:12.2f}"
            f" {m['all_cpu_ms_per_page']:16.2f}"
        )
    print("pair ratios full/bare pages/s: " + " ".join(f"{r:.2f}" for r in pair_ratios))
    print(
        f"ratio full/bare pages/s = {ratio:.2f} median of pairs "
        f"({med['full']['pages_per_s'] / med['bare']['pages_per_s']:.2f} from the medians; goal ≥ {GOAL})"
    )
    return 0 if ratio >= GOAL else 1


if __name__ == "__main__":
    sys.exit(run_measured(main))
