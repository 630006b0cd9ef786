"""Benchmark: the scorecard for the 3,000-site synthetic audit of bench/score.py.

    .venv/bin/python -m bench.report [--sites 3000] [--docs 2000]

Generates and scores the audit as bench/score.py does, then renders the HTML scorecard (overview,
one page per site, methodology) and the evidence workbook, and opens the overview in Debian's
headless Chromium. Reports rendering seconds, sizes, and the overview's load time (navigation
start to the load event). Goals (issue 10): overview under 5 MB, opening in under 2 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.rules import load_rules  # noqa: E402
from analysis.scoring import score  # noqa: E402
from bench.score import START, generate, setup  # noqa: E402
from pipelines.store import Store  # noqa: E402
from reports.browser import chromium_driver  # noqa: E402
from reports.render import render_report  # noqa: E402
from reports.report_data import load_report  # noqa: E402
from reports.workbook import write_workbook  # noqa: E402


def folder_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sites", type=int, default=3000)
    parser.add_argument("--docs", type=int, default=2000, help="documents per site")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        store = Store(tmp / "bench.duckdb", threads=2)
        setup(store, args.sites)
        generate(store, args.sites, 0, args.docs, args.docs, 364)
        score(store.con, as_of=START + dt.timedelta(370), weeks=52)
        t0 = time.perf_counter()
        report = load_report(store.con, load_rules())
        index = render_report(report, tmp / "report")
        rendered = time.perf_counter() - t0
        t0 = time.perf_counter()
        workbook = write_workbook(report, tmp / "evidence.xlsx")
        written = time.perf_counter() - t0
        store.close()
        overview_mb = index.stat().st_size / 1e6
        print(
            f"{len(report.sites):,} sites: scorecard rendered in {rendered:.0f} s "
            f"({folder_mb(tmp / 'report'):.0f} MB in all); overview {overview_mb:.2f} MB; "
            f"workbook {workbook.stat().st_size / 1e6:.0f} MB in {written:.0f} s"
        )
        driver = chromium_driver()
        try:
            loads = []
            for _ in range(3):
                driver.get(index.resolve().as_uri())
                loads.append(driver.execute_script(
                    "var t = performance.timing; return t.loadEventEnd - t.navigationStart;"
                ) / 1000)  # fmt: skip
        finally:
            driver.quit()
        opened = sorted(loads)[1]
        print(
            f"overview opens in Chromium in {opened:.2f} s (median of 3: {', '.join(f'{x:.2f}' for x in loads)})"
        )
        met = overview_mb < 5 and opened < 2
        print(f"goals (overview < 5 MB, opens < 2 s): {'met' if met else 'NOT met'}")


if __name__ == "__main__":
    main()
