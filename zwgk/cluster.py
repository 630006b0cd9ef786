"""Crawling on many machines: the Celery app, its one task (one site's crawl into a shard), the
per-site lock in Redis, and `zwgk worker`.

A task runs the site's crawl (the library's, pipelines/shards.py `crawl_into_shard`: no publishing,
no summary) in a process of its own (a Twisted reactor cannot be restarted, and a crawl's memory
is returned when it ends), from the site's seed (its rows as stored), copied in once, and that
process writes the shard into the shared folder, copied out once. Tasks are acknowledged
when they end (`task_acks_late`), so a worker that dies mid-site leaves its message to be
delivered again after the visibility timeout; a task seeing a whole shard already there does
nothing, and a Redis lock per site keeps two deliveries of one site from crawling it at once.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import uuid
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from celery import Celery

from pipelines.runs import CRAWLED, EXIT_BAD_INPUT
from pipelines.shards import CRAWL_LOG, RUN_FILE, RunFolder, safe_name, shard_ready
from pipelines.store import process_alive
from zwgk.arguments import DEFAULT_VISIBILITY_TIMEOUT

LOCK_SECONDS = 60  # a site's lock lapses this long after its holder stopped renewing it
LOCK_RETRY_SECONDS = 30  # a task finding its site locked is tried again after this
CRAWL_RETRIES = 2  # a crawl that failed (not bad input) is tried again, this often
QUEUE = "zwgk-crawl"
BROKER_SCHEMES = ("redis://", "rediss://", "unix://")  # Celery's Redis transport

app = Celery("zwgk", set_as_current=False)
app.conf.update(
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    worker_prefetch_multiplier=1,  # a worker takes a site only when it has room for it
    task_track_started=True,  # the coordinator shows which sites are being crawled
    task_serializer="json",
    result_serializer="json",
    accept_content=["json"],
    result_expires=7 * 24 * 3600,
    task_default_queue=QUEUE,
    broker_connection_retry_on_startup=True,
    broker_connection_max_retries=None,  # a broker restart is waited out, never fatal
    worker_hijack_root_logger=False,
)


class CrawlFailed(RuntimeError):
    """A site's crawl process ended without a shard; the message has its last log lines."""

    def __init__(self, message: str, exit_status: int | None = None):
        super().__init__(message)
        self.exit_status = exit_status


def configure(
    broker: str,
    *,
    shared: Path | None = None,
    visibility_timeout: int = DEFAULT_VISIBILITY_TIMEOUT,
    scratch: Path | None = None,
) -> Celery:
    """Point the app at the broker (Redis, also the result backend) and the shared folder."""
    transport = {
        "visibility_timeout": visibility_timeout,
        # how often a worker looks for tasks whose worker died (kombu's default: every 100 s)
        "unacked_restore_interval": max(1, min(60, visibility_timeout // 4)),
        "unacked_restore_throttle": 1,
    }
    app.conf.update(
        broker_url=broker,
        result_backend=broker,
        broker_transport_options=transport,
        result_backend_transport_options=transport,
        zwgk_shared=str(shared) if shared else None,
        zwgk_scratch=str(scratch) if scratch else None,
    )
    return app


def redis_client():
    """The broker's Redis, for the site locks and the coordinator's watch: one client (and its
    connection pool) per broker URL and process, not one per call."""
    return _client(app.conf.broker_url)


@cache
def _client(url: str):
    import redis

    return redis.Redis.from_url(
        url, socket_timeout=10, socket_connect_timeout=10, health_check_interval=30
    )


def broker_problem(url: str) -> str | None:
    """What is wrong with a broker URL for Celery's Redis transport, or None."""
    if url.startswith(BROKER_SCHEMES):
        return None
    return f"--broker must be a Redis URL ({', '.join(BROKER_SCHEMES)}…), e.g. redis://broker.internal:6379/0"


def redacted(url: str) -> str:
    """A broker URL without its password, for messages and logs."""
    parts = urlsplit(url)
    if parts.password:
        return urlunsplit(
            parts._replace(netloc=parts.netloc.replace(f":{parts.password}@", ":***@"))
        )
    return url


class SiteLock:
    """One crawl of a site at a time across every worker: a Redis key holding this holder's
    token, with a lifetime renewed while the crawl runs (a dead holder's lock lapses)."""

    RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('expire', KEYS[1], ARGV[2]) end return 0"
    RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0"

    def __init__(self, client, site_id: str, seconds: int = LOCK_SECONDS):
        self.client = client
        self.key = f"zwgk:site-lock:{site_id}"
        self.token = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.seconds = seconds

    def acquire(self) -> bool:
        """Take the lock; a lock held by a process of this machine that is gone (a worker
        killed) is broken at once rather than left to lapse."""
        if self.client.set(self.key, self.token, nx=True, ex=self.seconds):
            return True
        holder = self.holder()
        if holder and self.holder_gone(holder):
            self.client.eval(self.RELEASE, 1, self.key, holder)
            return bool(self.client.set(self.key, self.token, nx=True, ex=self.seconds))
        return False

    @staticmethod
    def holder_gone(holder: str) -> bool:
        host, _, rest = holder.partition(":")
        pid = rest.split(":", 1)[0]
        return host == socket.gethostname() and pid.isdigit() and not process_alive(int(pid))

    def holder(self) -> str | None:
        value = self.client.get(self.key)
        return value.decode() if value else None

    def release(self) -> None:
        with contextlib.suppress(Exception):  # a broker away: the lock lapses by itself
            self.client.eval(self.RELEASE, 1, self.key, self.token)

    @contextlib.contextmanager
    def renewed(self) -> Iterator[None]:
        stop = threading.Event()

        def renew() -> None:
            while not stop.wait(self.seconds / 3):
                with contextlib.suppress(Exception):  # a broker restart: renewed next beat
                    self.client.eval(self.RENEW, 1, self.key, self.token, self.seconds)

        beat = threading.Thread(target=renew, name=f"lock {self.key}", daemon=True)
        beat.start()
        try:
            yield
        finally:
            stop.set()
            beat.join()


@app.task(bind=True, name="zwgk.crawl_site", max_retries=None)
def crawl_site(self, run_id: str, site_id: str, full: bool = False, failures: int = 0) -> dict:
    """Crawl one site of a run into its shard in the shared folder (once, whoever asks)."""
    folder = RunFolder(Path(app.conf.zwgk_shared), run_id)
    if not (folder.path / RUN_FILE).exists():
        # not retried: a worker whose shared folder is another than the coordinator's
        raise CrawlFailed(
            f"{folder.path / RUN_FILE} does not exist on {socket.gethostname()}: is --shared "
            "the folder the coordinator names, mounted the same on every machine?"
        )
    if folder.finished:
        return {"site_id": site_id, "outcome": "the run is over"}
    if shard_ready(folder.shard(site_id), site_id=site_id, run_id=run_id):
        return {"site_id": site_id, "outcome": "crawled already"}
    lock = SiteLock(redis_client(), site_id)
    if not lock.acquire():
        raise self.retry(countdown=LOCK_RETRY_SECONDS, exc=None)
    try:
        with lock.renewed():
            if shard_ready(folder.shard(site_id), site_id=site_id, run_id=run_id):
                return {"site_id": site_id, "outcome": "crawled already"}
            try:
                return crawl_in_own_process(folder, site_id, full)
            except CrawlFailed as exc:
                # crawls that failed are counted apart from waits for the lock (also retries)
                if exc.exit_status == EXIT_BAD_INPUT or failures >= CRAWL_RETRIES:
                    raise
                raise self.retry(
                    args=(run_id, site_id, full),
                    kwargs={"failures": failures + 1},
                    countdown=5,
                    exc=exc,
                ) from None
    finally:
        lock.release()


def crawl_in_own_process(folder: RunFolder, site_id: str, full: bool) -> dict:
    """The site's crawl (pipelines/shards.py `crawl_into_shard`) in a process of its own, in a
    scratch folder, its log in `crawl.log` there; the shard written by that process."""
    scratch_root = app.conf.zwgk_scratch or None
    scratch = Path(tempfile.mkdtemp(prefix=f"zwgk-{safe_name(site_id)}-", dir=scratch_root))
    try:
        log = scratch / CRAWL_LOG
        with open(log, "wb") as out:
            exit_status = subprocess.run(
                [
                    *(sys.executable, "-c", CRAWL_PROCESS, str(os.getpid())),
                    *(str(folder.shared), folder.run_id, site_id, str(scratch), str(int(full))),
                ],
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                check=False,
            ).returncode
        if exit_status not in CRAWLED:
            tail = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-8:]
            raise CrawlFailed(
                f"{site_id}: the crawl exited {exit_status} on {socket.gethostname()}: "
                + " | ".join(tail),
                exit_status,
            )
        return {"site_id": site_id, "outcome": "crawled", "exit": exit_status}
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


# A site's crawl process, a fresh interpreter (a Twisted reactor runs once per process, and a
# crawl's memory is returned when it ends) whose command line names the run and the site (`ps`
# shows what a worker is crawling). It dies with its worker (Linux: PR_SET_PDEATHSIG), so a
# killed worker leaves no crawl running beside the one its re-delivered task starts. Its exit
# status is the crawl's (pipelines/runs.py EXIT_CODES).
CRAWL_PROCESS = """
import ctypes, os, signal, sys
from pathlib import Path
parent, shared, run_id, site_id, scratch, full = sys.argv[1:]
try:
    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)
except (OSError, AttributeError):
    pass
if os.getppid() != int(parent):
    sys.exit(75)
from pipelines.shards import RunFolder, crawl_into_shard
sys.exit(crawl_into_shard(RunFolder(Path(shared), run_id), site_id, Path(scratch), full=full == "1"))
"""


def worker_command(
    broker: str,
    shared: Path,
    *,
    concurrency: int,
    visibility_timeout: int = DEFAULT_VISIBILITY_TIMEOUT,
    scratch: Path | None = None,
    loglevel: str = "INFO",
) -> int:
    """`zwgk worker`: take sites off the queue and crawl them, `concurrency` at a time."""
    problem = broker_problem(broker)
    if problem:
        print(f"zwgk worker: {problem}", file=sys.stderr)
        return 2
    if concurrency < 1:
        print("zwgk worker: --concurrency must be 1 or more", file=sys.stderr)
        return 2
    if not shared.is_dir():
        print(
            f"zwgk worker: the shared folder {shared} does not exist (mount it first)",
            file=sys.stderr,
        )
        return 2
    if not os.access(shared, os.W_OK):
        print(f"zwgk worker: the shared folder {shared} is not writable here", file=sys.stderr)
        return 2
    configure(
        broker, shared=shared.resolve(), visibility_timeout=visibility_timeout, scratch=scratch
    )
    name = f"zwgk-{os.getpid()}@{socket.gethostname()}"
    print(
        f"zwgk worker {name}: crawling up to {concurrency} sites at a time from "
        f"{redacted(broker)} into {shared}",
        file=sys.stderr,
    )
    app.worker_main(
        [
            "worker",
            f"--concurrency={concurrency}",
            "--pool=threads",  # each task waits on its crawl's own process
            f"--loglevel={loglevel}",
            f"--hostname={name}",
            f"--queues={QUEUE}",
            "--without-mingle",
            "--without-gossip",
        ]
    )
    return 0
