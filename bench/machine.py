"""How quick the machine is right now, printed beside every benchmark's figures (and in the test
suite's header): the development machine's speed has varied by a factor of two within a day
(docs/benchmarks.md), so a figure means little without the machine's speed at the time."""

from __future__ import annotations

import time
from collections.abc import Callable

ADDITIONS = 5_000_000


def loop_seconds(additions: int = ADDITIONS) -> float:
    """Seconds for a plain Python loop of `additions` additions: one core's speed for Python."""
    start = time.perf_counter()
    total = 0
    for i in range(additions):
        total += i
    return time.perf_counter() - start


def speed_line(when: str) -> str:
    """One line saying how quick the machine is `when` (e.g. "before", "after")."""
    return (
        f"machine {when}: {ADDITIONS / 1e6:g} million additions in a Python loop "
        f"took {loop_seconds():.2f} s"
    )


def run_measured(main: Callable[[], int | None]) -> int | None:
    """A benchmark's `main`, with the machine's speed said before and after it (it can change
    within minutes)."""
    print(speed_line("before"), flush=True)
    try:
        return main()
    finally:
        print(speed_line("after"), flush=True)
