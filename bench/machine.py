"""How quick the machine is right now, printed beside every benchmark's figures (and in the test
suite's header): the development machine's speed has varied by a factor of two within a day
(docs/benchmarks.md), so a figure means little without the machine's speed at the time. Three
figures, because they have not moved together: Python's own speed on one core (a plain loop),
memory newly taken from the system and written (page faults and the memory's own speed), and a
round trip between two threads over a local socket (system calls and the scheduler: what a
crawl, its side processes and the sample server spend between them). On 2026-12-07/08 the bare
spider of bench/crawl.py ran at 365 pages/s (930 one morning) and the scoring benchmark took 89 s
(40 s) while the loop took 0.29–0.36 s, as quick as ever; new memory came at 1.2–1.3 GB/s, where a
copy into memory already taken ran at 8 GB/s, and a million random dict lookups took 0.8 s."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable

ADDITIONS = 5_000_000
ROUND_TRIPS = 20_000
NEW_MEMORY = 128 * 1024 * 1024


def loop_seconds(additions: int = ADDITIONS) -> float:
    """Seconds for a plain Python loop of `additions` additions: one core's speed for Python."""
    start = time.perf_counter()
    total = 0
    for i in range(additions):
        total += i
    return time.perf_counter() - start


def new_memory_gb_s(size: int = NEW_MEMORY) -> float:
    """GB a second for copying into memory newly taken from the system (each page faulted in)."""
    source = bytearray(b"\1") * size
    start = time.perf_counter()
    copy = bytes(source)
    elapsed = time.perf_counter() - start
    del copy
    return size / elapsed / 1e9


def round_trip_us(round_trips: int = ROUND_TRIPS) -> float:
    """Microseconds for one round trip of a small message between two threads over a socket."""
    ours, theirs = socket.socketpair()

    def echo() -> None:  # one byte each way: a read cannot return part of it, so no trip is lost
        for _ in range(round_trips):
            theirs.sendall(theirs.recv(1))

    echoer = threading.Thread(target=echo)
    echoer.start()
    start = time.perf_counter()
    for _ in range(round_trips):
        ours.sendall(b"x")
        ours.recv(1)
    elapsed = time.perf_counter() - start
    echoer.join()
    ours.close()
    theirs.close()
    return elapsed / round_trips * 1e6


def speed_line(when: str) -> str:
    """One line saying how quick the machine is `when` (e.g. "before", "after")."""
    return (
        f"machine {when}: {ADDITIONS / 1e6:g} million additions in a Python loop "
        f"took {loop_seconds():.2f} s; new memory written at {new_memory_gb_s():.1f} GB/s; "
        f"a socket round trip between two threads {round_trip_us():.1f} µs"
    )


def run_measured(main: Callable[[], int | None]) -> int | None:
    """A benchmark's `main`, with the machine's speed said before and after it (it can change
    within minutes)."""
    print(speed_line("before"), flush=True)
    try:
        return main()
    finally:
        print(speed_line("after"), flush=True)
