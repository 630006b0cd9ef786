"""The suite's own output: the machine's speed at its start and end, measured once each."""

from __future__ import annotations

import os
import subprocess
import sys

from .conftest import ROOT

COUNTING = """
import os
import bench.machine as machine

measure = machine.speed_line


def speed_line(when):
    with open(os.environ["SPEED_CALLS"], "a") as f:
        f.write(os.environ.get("PYTEST_XDIST_WORKER", "controller") + " " + when + "\\n")
    return measure(when)


machine.speed_line = speed_line
"""


def test_the_machines_speed_is_measured_once_at_the_start_and_once_at_the_end(tmp_path):
    (tmp_path / "counting.py").write_text(COUNTING, encoding="utf-8")
    calls = tmp_path / "calls.txt"
    # a run of its own: not one of this suite's xdist workers, whose name the variables carry
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_XDIST_")}
    env.update(PYTHONPATH=str(tmp_path), SPEED_CALLS=str(calls))
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "counting", "-n", "2", "tests/test_dates.py"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert "\nmachine at the start: " in result.stdout
    assert "\nmachine at the end: " in result.stdout
    # by the process that prints it, not again in each worker, where it is never shown
    assert calls.read_text().splitlines() == ["controller at the start", "controller at the end"]
