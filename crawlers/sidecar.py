"""Work beside the crawl: worker processes run one function on jobs while the event loop fetches.

The crawl runs in one Python process and is CPU-bound on one core. A job that needs no answer
within the same loop turn (reading a document page, building and writing a WARC record) can run
in a worker process and be awaited. `SideProcesses(handler, workers, ...)` runs the function
`handler` ("module:function", imported by each worker) on each job submitted; with 0 workers, or
when they cannot start or have died, it runs it in the crawl's own process. Both give the same
result.

Mechanism, kept simple so it cannot deadlock: each worker has one socket and at most one batch in
flight. Jobs that arrive meanwhile wait in a queue and go together as the next batch, so the
socket traffic is a few messages per loop turn, not one per job. With one worker the jobs run in
the order they were submitted. Results are read when the socket is readable (the event loop's
`add_reader`), never by blocking the loop. A worker that dies is logged once; its jobs and every
later job run in the crawl's process instead. Stopping answers every job submitted: a batch in
flight is read back, jobs still queued run in the crawl's process.

A worker is `python -m crawlers.sidecar FD module:function`: not forked (the crawl process has
threads), and not multiprocessing's spawn, which re-imports the parent's main script (Scrapy,
Twisted, cryptography: ~60 MB and start-up per worker). A handler's module should import little.
"""

from __future__ import annotations

import asyncio
import importlib
import logging
import os
import signal
import socket
import subprocess
import sys
import traceback
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)
PROJECT_ROOT = Path(__file__).resolve().parents[1]

# a job's result: ("ok", value) or ("error", the handler's traceback)
Outcome = tuple[str, Any]


def handler_of(path: str) -> Callable[..., Any]:
    """The function named "module:function"."""
    module, _, name = path.partition(":")
    return getattr(importlib.import_module(module), name)


def outcome(handler: Callable[..., Any], job: tuple) -> Outcome:
    try:
        return ("ok", handler(*job))
    except Exception:  # the caller decides what a failed job means, as in-process
        return ("error", traceback.format_exc(limit=8))


def _serve(conn: Connection, handler: Callable[..., Any]) -> None:
    """Worker loop: a batch of jobs in, a batch of results out, until told to stop (None)."""
    # Ctrl-C reaches the whole process group: the crawl decides how to stop, and closes the socket
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        try:
            batch = conn.recv()
        except (EOFError, OSError):
            return
        if batch is None:
            return
        try:
            conn.send([outcome(handler, job) for job in batch])
        except OSError:  # the crawl has gone
            return


@dataclass
class _Worker:
    name: str
    process: subprocess.Popen
    conn: Connection
    in_flight: list[tuple[asyncio.Future, tuple]] = field(default_factory=list)


class SideProcesses:
    """`await side.submit(job)` → `Outcome` of `handler(*job)`, from worker processes or
    in-process. `what` names the work in the log ("extraction"), `doing` what the crawl then
    does ("extracting")."""

    def __init__(self, handler: str, workers: int, what: str, doing: str):
        self.handler_path = handler
        self.handler = handler_of(handler)
        self.size = workers
        self.what, self.doing = what, doing
        self.workers: list[_Worker] = []
        self.queue: deque[tuple[asyncio.Future, tuple]] = deque()
        self.loop: asyncio.AbstractEventLoop | None = None
        self.flush_scheduled = False
        self.broken = False
        self.done_by_workers = 0

    def start(self) -> None:
        """Start the workers, one socket each."""
        if self.size <= 0:
            return
        try:
            self.loop = asyncio.get_running_loop()
        except RuntimeError:  # a Twisted reactor without asyncio: nothing to await workers on
            logger.warning("no asyncio event loop (TWISTED_REACTOR): %s in-process", self.doing)
            return
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(
                filter(None, [str(PROJECT_ROOT), os.environ.get("PYTHONPATH")])
            ),
        }
        for i in range(self.size):
            ours, theirs = socket.socketpair()
            with theirs:
                process = subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "crawlers.sidecar",
                        str(theirs.fileno()),
                        self.handler_path,
                    ],
                    pass_fds=[theirs.fileno()],
                    env=env,
                )
            worker = _Worker(f"zwgk-{self.what}-{i}", process, Connection(ours.detach()))
            self.workers.append(worker)
            self.loop.add_reader(worker.conn.fileno(), self._receive, worker)
        logger.info("%s in %d worker process(es)", self.what, self.size)

    async def submit(self, job: tuple) -> Outcome:
        if not self.workers:  # none asked for, none started, or they failed
            return outcome(self.handler, job)
        future = self.loop.create_future()
        self.queue.append((future, job))
        if not self.flush_scheduled:
            self.flush_scheduled = True
            self.loop.call_soon(self._dispatch)
        return await future

    def _dispatch(self) -> None:
        """Send what is queued to the idle workers, split evenly."""
        self.flush_scheduled = False
        idle = [w for w in self.workers if not w.in_flight]
        while self.queue and idle:
            share = -(-len(self.queue) // len(idle))  # ceiling division
            worker = idle.pop()
            worker.in_flight = [self.queue.popleft() for _ in range(min(share, len(self.queue)))]
            try:
                worker.conn.send([job for _, job in worker.in_flight])
            except (OSError, ValueError) as exc:
                self._fail(worker, exc)
                return

    def _receive(self, worker: _Worker) -> None:
        try:
            results = worker.conn.recv()
        except (EOFError, OSError) as exc:
            self._fail(worker, exc)
            return
        done, worker.in_flight = worker.in_flight, []
        self.done_by_workers += len(results)
        for (future, _), result in zip(done, results, strict=True):
            if not future.done():
                future.set_result(result)
        self._dispatch()

    def _answer_here(self, jobs) -> None:
        """Run jobs no worker will answer in this process, each future given its outcome."""
        for future, job in jobs:
            if not future.done():
                future.set_result(outcome(self.handler, job))

    def _read_back(self, worker: _Worker, timeout: float = 60) -> None:
        """Wait for the worker's batch in flight (the loop is stopping, so blocking is what is
        left to do); a batch it cannot answer (it died) is run in this process."""
        done, worker.in_flight = worker.in_flight, []
        if not done:
            return
        try:
            results = worker.conn.recv() if worker.conn.poll(timeout) else None
        except (EOFError, OSError):
            results = None
        if results is None:
            self._answer_here(done)
            return
        self.done_by_workers += len(results)
        for (future, _), result in zip(done, results, strict=True):
            if not future.done():
                future.set_result(result)

    def _fail(self, worker: _Worker, exc: BaseException) -> None:
        """A worker died: every worker is stopped (`stop` answers every job), and this and
        every later job run in this process."""
        if not self.broken:
            logger.error(
                "%s worker %s stopped (%s, exit code %s); %s in the crawl process from now on",
                self.what,
                worker.name,
                exc or type(exc).__name__,
                worker.process.poll(),
                self.doing,
            )
        self.broken = True
        self.stop()

    def stop(self) -> None:
        """Stop the workers, no job left unanswered: a batch in flight is read back (its worker
        finishes it; a dead worker's is run in this process), and jobs still queued are run in
        this process."""
        for worker in self.workers:
            try:
                if self.loop is not None:
                    self.loop.remove_reader(worker.conn.fileno())
            except (OSError, ValueError):
                pass
            self._read_back(worker)
            try:
                worker.conn.send(None)
            except (OSError, ValueError):
                pass
            worker.conn.close()
        queued = list(self.queue)
        self.queue.clear()
        self._answer_here(queued)
        for worker in self.workers:
            try:
                worker.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                worker.process.kill()
                worker.process.wait()
        self.workers = []


if __name__ == "__main__":  # a worker, started by SideProcesses.start with its socket's fd
    _serve(Connection(int(sys.argv[1])), handler_of(sys.argv[2]))
