"""Benchmark: the scorecard for the 3,000-site synthetic audit of bench/score.py.

    .venv/bin/python -m bench.report [--sites 3000] [--docs 2000]

Generates and scores the audit as bench/score.py does, then writes the HTML scorecard (overview,
one page per site, methodology) and the evidence workbook as `zwgk report --xlsx` does, and opens
the overview in Debian's headless Chromium. Reports the seconds, sizes, and the overview's load
time (navigation start to the load event). Goals: overview under 5 MB, opening in under 2 s
(issue 10); everything, workbook included, in under 60 s (issue 18).
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

from analysis.scoring import score  # noqa: E402
from bench.machine import run_measured  # noqa: E402
from bench.score import START, generate, setup  # noqa: E402
from pipelines.store import Store  # noqa: E402
from reports.browser import chromium_driver  # noqa: E402
from zwgk.report import report_command  # noqa: E402


def folder_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sites", type=int, default=3000)
    parser.add_argument("--docs", type=int, default=2000, help="documents per site")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        db = tmp / "bench.duckdb"
        store = Store(db, threads=2)
        setup(store, args.sites)
        generate(store, args.sites, 0, args.docs, args.docs, 364)
        score(store.con, as_of=START + dt.timedelta(370), weeks=52)
        store.close()
        # the product's own path: `zwgk report --xlsx`, the workbook written in a process of its
        # own while the HTML renders (zwgk/report.py)
        t0 = time.perf_counter()
        status = report_command(db, tmp / "report", None, False, tmp / "evidence.xlsx", None, None)
        whole = time.perf_counter() - t0
        assert status == 0, status
        index = tmp / "report" / "index.html"
        workbook = tmp / "evidence.xlsx"
        overview_mb = index.stat().st_size / 1e6
        print(
            f"{args.sites:,} sites: the whole scorecard (overview, every site page, methodology) "
            f"and the workbook in {whole:.0f} s ({folder_mb(tmp / 'report'):.0f} MB of HTML; "
            f"workbook {workbook.stat().st_size / 1e6:.0f} MB); overview {overview_mb:.2f} MB; "
            f"goal < 60 s: {'met' if whole < 60 else 'NOT met'}"
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
    sys.exit(run_measured(main))
