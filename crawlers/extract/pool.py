"""Document extraction beside the crawl: worker processes read pages while the event loop fetches.

The crawl runs in one Python process and is CPU-bound on one core; reading a document page
(`extract_page`) is the largest part of that CPU. With `ZWGK_EXTRACT_WORKERS` ≥ 1, pages go to
that many worker processes and the callback awaits the result; 0 extracts in the crawl's own
process. Both give the same plain dict (`PageExtract.to_dict()`).

Mechanism, kept simple so it cannot deadlock: each worker has one socket and at most one
batch in flight. Pages that arrive meanwhile wait in a queue and go together as the next batch,
so the socket traffic is a few messages per loop turn, not one per page. Results are read when the
socket is readable (the event loop's `add_reader`), never by blocking the loop. A worker that dies
is logged once; its pages and every later page are extracted in the crawl's process instead.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import socket
import subprocess
import sys
import traceback
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

from crawlers.extract.detail import extract_page

logger = logging.getLogger(__name__)
PROJECT_ROOT = Path(__file__).resolve().parents[2]

# (html, url, body_hints) in; ("ok", page dict) or ("error", message) out
Job = tuple[str, str, tuple[str, ...]]


class ExtractionError(RuntimeError):
    """`extract_page` raised in a worker; the message holds the worker's traceback."""


def extract(html: str, url: str, body_hints: tuple[str, ...] = ()) -> dict:
    """In-process extraction, as a plain dict."""
    return extract_page(html, url, body_hints=body_hints).to_dict()


def default_workers() -> int:
    """One worker per core beyond the crawl's own, at most 4 (on 2 cores: 1, the measured case)."""
    return max(0, min(4, (os.cpu_count() or 1) - 1))


def workers_from_setting(setting) -> int:
    """ZWGK_EXTRACT_WORKERS: "auto" (or unset) → one per spare core; otherwise a count ≥ 0."""
    if setting in (None, "", "auto"):
        return default_workers()
    try:
        workers = int(setting)
    except (TypeError, ValueError):
        workers = -1
    if workers < 0:
        raise ValueError(f"ZWGK_EXTRACT_WORKERS must be 'auto' or a count ≥ 0, not {setting!r}")
    return workers


def _serve(conn: Connection) -> None:
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
        results = []
        for html, url, hints in batch:
            try:
                results.append(("ok", extract(html, url, hints)))
            except Exception:  # the crawl decides what a failed page means, as in-process
                results.append(("error", traceback.format_exc(limit=8)))
        try:
            conn.send(results)
        except OSError:  # the crawl has gone
            return


@dataclass
class _Worker:
    name: str
    process: subprocess.Popen
    conn: Connection
    in_flight: list[tuple[asyncio.Future, Job]] = field(default_factory=list)


class ExtractionPool:
    """`await pool.extract(html, url, hints)` → page dict, from worker processes or in-process."""

    def __init__(self, workers: int):
        self.size = workers
        self.workers: list[_Worker] = []
        self.queue: deque[tuple[asyncio.Future, Job]] = deque()
        self.loop: asyncio.AbstractEventLoop | None = None
        self.flush_scheduled = False
        self.broken = False
        self.pages_done_by_workers = 0

    def start(self) -> None:
        """Start the workers: `python -m crawlers.extract.pool FD`, one socket each. Not forked
        (the crawl process has threads), and not multiprocessing's spawn, which re-imports the
        parent's main script (Scrapy, Twisted, cryptography: ~60 MB and start-up per worker)."""
        if self.size <= 0:
            return
        try:
            self.loop = asyncio.get_running_loop()
        except RuntimeError:  # a Twisted reactor without asyncio: nothing to await workers on
            logger.warning("no asyncio event loop (TWISTED_REACTOR): extracting in-process")
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
                    [sys.executable, "-m", "crawlers.extract.pool", str(theirs.fileno())],
                    pass_fds=[theirs.fileno()],
                    env=env,
                )
            worker = _Worker(f"zwgk-extract-{i}", process, Connection(ours.detach()))
            self.workers.append(worker)
            self.loop.add_reader(worker.conn.fileno(), self._receive, worker)
        logger.info("extracting documents in %d worker process(es)", self.size)

    async def extract(self, html: str, url: str, body_hints: tuple[str, ...] = ()) -> dict:
        if not self.workers:  # none asked for, none started, or they failed
            return extract(html, url, body_hints)
        future = self.loop.create_future()
        self.queue.append((future, (html, url, tuple(body_hints))))
        if not self.flush_scheduled:
            self.flush_scheduled = True
            self.loop.call_soon(self._dispatch)
        status, value = await future
        if status == "error":
            raise ExtractionError(f"extracting {url} failed in a worker:\n{value}")
        return value

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
        self.pages_done_by_workers += len(results)
        for (future, _), result in zip(done, results, strict=True):
            if not future.done():
                future.set_result(result)
        self._dispatch()

    def _fail(self, worker: _Worker, exc: BaseException) -> None:
        """A worker died: finish its pages and all later ones in this process."""
        if not self.broken:
            logger.error(
                "extraction worker %s stopped (%s, exit code %s); extracting in the crawl "
                "process from now on",
                worker.name,
                exc or type(exc).__name__,
                worker.process.poll(),
            )
        self.broken = True
        pending = [*(job for w in self.workers for job in w.in_flight), *self.queue]
        self.queue.clear()
        for w in self.workers:
            w.in_flight = []
        self.stop()
        for future, (html, url, hints) in pending:
            if future.done():
                continue
            try:
                future.set_result(("ok", extract(html, url, hints)))
            except Exception:
                future.set_result(("error", traceback.format_exc(limit=8)))

    def stop(self) -> None:
        """Stop the workers; pages still queued are extracted in-process by `_fail` only."""
        for worker in self.workers:
            try:
                if self.loop is not None:
                    self.loop.remove_reader(worker.conn.fileno())
                worker.conn.send(None)
            except (OSError, ValueError):
                pass
            worker.conn.close()
        for worker in self.workers:
            try:
                worker.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                worker.process.kill()
                worker.process.wait()
        self.workers = []


if __name__ == "__main__":  # a worker, started by ExtractionPool.start with its socket's fd
    _serve(Connection(int(sys.argv[1])))
