"""The benchmarks still run (they once broke silently on a signature change). Each runs once at
a small size; speed is judged by `make bench`, never here."""

from __future__ import annotations

import pytest

from .conftest import ROOT


@pytest.mark.parametrize(
    "module, args, expect",
    [
        (
            "bench.score",
            ["--sites", "20", "--docs", "200", "--increment", "200"],
            "200 of them the intended one",
        ),
        ("bench.report", ["--sites", "20", "--docs", "200"], "overview opens in Chromium"),
        ("bench.recrawl", ["--sites", "nhc", "quanyang"], "kB per page"),
        ("bench.registry", ["--sites", "60"], "ms CPU a request"),
        (
            "bench.scale",
            [
                *("--copies", "1", "--latency", "0", "--workers", "1", "2"),
                *("--only", "shiling", "--into-sites", "20"),
            ],
            "per 1,000 documents",
        ),
    ],
)
def test_the_benchmark_runs(module, args, expect):
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", module, *args], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert expect in result.stdout and "goals (" in result.stdout
    # each figure beside the machine's speed then (bench/machine.py)
    assert result.stdout.startswith("machine before: ") and "\nmachine after: " in result.stdout
