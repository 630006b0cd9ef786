"""The coordinator of a distributed crawl (`zwgk crawl --broker …`): one Celery task per site,
each site's shard merged into the working file as it arrives, the run finished when every site
is in. Killed and started again with the same sites, it resumes its run from the shards merged
(`run_shards`) and those waiting in the shared folder."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from crawlers.files import write_atomically
from crawlers.profiles import SiteProfile
from crawlers.status import CRASHED, FINISHED, INTERRUPTED, RUNNING, site_status, utc_now
from pipelines.files import copy_atomically
from pipelines.shards import (
    FINISHED_FILE,
    RUN_FILE,
    RunFolder,
    ShardError,
    export_seed,
    merge_shard,
    run_totals,
)
from pipelines.store import Store

POLL_SECONDS = 1.0
STATUS_EVERY_SECONDS = 30.0
CHECK_EVERY_SECONDS = 10.0  # how often the tasks' states are asked for failures
FIRST_CONTACT_SECONDS = 60.0  # a broker that never answered: the crawl is not started
# a task's states in Celery's words, and in the coordinator's progress lines
STATE_WORDS = {"PENDING": "queued", "RECEIVED": "queued", "STARTED": "crawling", "RETRY": "waiting"}


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@dataclass
class Dispatch:
    """One distributed run as the coordinator holds it."""

    store: Store
    folder: RunFolder
    sites_file: Path
    site_ids: list[str]
    full: bool
    warc_dir: Path  # beside the database: pipelines.runs.RunFiles.warc
    logs_dir: Path  # beside the database: pipelines.runs.RunFiles.logs
    tasks: dict[str, str] = field(default_factory=dict)  # site → its latest task id
    pending: list[str] = field(default_factory=list)
    broker_id: str | None = None  # the Redis server's run_id: a new one means it restarted
    broker_up: bool = True
    sent: int = 0
    token: str = field(default_factory=lambda: secrets.token_hex(3))

    @property
    def run_id(self) -> str:
        return self.folder.run_id

    def prepare(self) -> None:
        """The run's folder: the sites file, the run's description, each waiting site's seed."""
        self.folder.path.mkdir(parents=True, exist_ok=True)
        if not self.folder.sites_file.exists():
            copy_atomically(self.sites_file, self.folder.sites_file)
        write_atomically(
            self.folder.path / RUN_FILE,
            json.dumps(
                {"run_id": self.run_id, "sites": self.site_ids, "database": str(self.store.path)},
                ensure_ascii=False,
            ),
        )
        merged = {
            s
            for (s,) in self.store.sql(
                "select site_id from run_shards where run_id = ?", [self.run_id]
            )
        }
        self.pending = [s for s in self.site_ids if s not in merged]
        for site_id in self.pending:
            seed = self.folder.seed(site_id)
            if not seed.exists():
                export_seed(self.store, site_id, self.run_id, seed)

    def send(self, site_id: str) -> None:
        from zwgk.cluster import crawl_site

        self.sent += 1
        # unique to this coordinator process: a restarted one never reuses an earlier task's id
        # (whose stored state, a failure perhaps, would be read as the new task's)
        task_id = f"{self.run_id}:{site_id}:{self.token}-{self.sent}"
        crawl_site.apply_async((self.run_id, site_id, self.full), task_id=task_id, retry=False)
        self.tasks[site_id] = task_id

    def send_waiting(self) -> bool:
        """A task for every site not yet merged whose shard is not there (again, after a broker
        restart or a coordinator restart: a site crawled already is not crawled twice).
        False when the broker went away meanwhile (then all are sent again when it is back)."""
        try:
            for site_id in self.pending:
                if not self.folder.shard_arrived(site_id):
                    self.send(site_id)
        except Exception as exc:  # noqa: BLE001  (kombu's and redis's connection errors)
            say(f"the broker went away while sites were queued ({type(exc).__name__})")
            return False
        return True

    def watch_broker(self) -> bool:
        """Whether the broker answers. At first contact, and when it answers as a new server
        (restarted, its queue perhaps lost), every waiting site is queued."""
        from zwgk.cluster import redis_client

        try:
            server_id = redis_client().info("server")["run_id"]
        except Exception as exc:  # noqa: BLE001  (any connection error: say it, wait)
            if self.broker_up:
                say(f"the broker does not answer ({type(exc).__name__}); waiting for it")
            self.broker_up = False
            return False
        if server_id != self.broker_id:
            if self.broker_id is not None:
                say("the broker is back, restarted: the sites not yet in are queued again")
            if not self.send_waiting():
                self.broker_up = False
                return False
            self.broker_id = server_id
        elif not self.broker_up:
            say("the broker answers again")
        self.broker_up = True
        return True

    def merge_arrived(self) -> None:
        """Merge every shard that has arrived; a shard that does not check out is thrown away
        and its site crawled again."""
        shards = self.folder.shards
        # one listing per poll, not a look per waiting site (thousands, on a network disk)
        present = {p.name for p in shards.iterdir()} if shards.is_dir() else set()
        for site_id in list(self.pending):
            shard = self.folder.shard(site_id)
            if shard.name not in present or not self.folder.shard_arrived(site_id):
                continue
            started = time.monotonic()
            try:
                row = merge_shard(
                    self.store,
                    shard,
                    self.warc_dir,
                    site_id=site_id,
                    run_id=self.run_id,
                    logs_dir=self.logs_dir,
                )
            except ShardError as exc:
                say(f"{site_id}: its shard is refused ({exc}); crawling it again")
                shutil.rmtree(shard, ignore_errors=True)
                try:
                    self.send(site_id)
                except Exception:  # noqa: BLE001  (the broker away: all waiting sent when back)
                    self.broker_up, self.broker_id = False, None
                continue
            self.pending.remove(site_id)
            done = len(self.site_ids) - len(self.pending)
            documents = self.store.sql(
                "select count(*) from documents where site_id = ?", [site_id]
            )[0][0]
            say(
                f"[{done}/{len(self.site_ids)}] {site_id}: merged ({row['pages']} pages, "
                f"{documents} documents; crawled on {row['host']} in "
                f"{_seconds(row['crawl_started_at'], row['crawl_finished_at'])}, merged in "
                f"{time.monotonic() - started:.1f} s)"
            )

    def failed_tasks(self) -> None:
        """Sites whose task failed for good (its retries spent): recorded as failed, not waited for."""
        from celery.result import AsyncResult

        from zwgk.cluster import app

        for site_id in list(self.pending):
            task_id = self.tasks.get(site_id)
            if task_id is None:
                continue
            result = AsyncResult(task_id, app=app)
            if result.state != "FAILURE":
                continue
            if self.folder.shard_arrived(site_id):
                continue  # an earlier delivery's shard is there: merged next
            reason = str(result.result)[:500]
            say(f"{site_id}: its crawl failed on the worker: {reason}")
            self.store.upsert(
                "site_runs",
                [
                    {
                        "run_id": self.run_id,
                        "site_id": site_id,
                        "status": site_status("failed"),
                        "reason": reason,
                    }
                ],  # fmt: skip
            )
            self.pending.remove(site_id)

    def states(self) -> str:
        """What the waiting sites' tasks are doing, and how many workers answer."""
        from celery.result import AsyncResult

        from zwgk.cluster import app

        try:
            workers = len(app.control.ping(timeout=2.0))
        except Exception:  # noqa: BLE001
            workers = 0
        if not workers:
            return (
                "no worker answers: is a `zwgk worker --broker …` running against this broker, "
                "with the same shared folder?"
            )

        counts: dict[str, int] = {}
        for site_id in self.pending:
            task_id = self.tasks.get(site_id)
            state = AsyncResult(task_id, app=app).state if task_id else "PENDING"
            word = STATE_WORDS.get(state, state.lower())
            counts[word] = counts.get(word, 0) + 1
        doing = ", ".join(f"{n} {word}" for word, n in sorted(counts.items()))
        return f"{doing} ({workers} worker{'s' if workers != 1 else ''} online)"

    def finish(self, status: str) -> None:
        totals = run_totals(self.store, self.run_id)
        self.store.finish_run(
            self.run_id,
            status=status,
            pages=totals["pages"],
            errors=totals["errors"],
            fallbacks=totals["dateparser_fallbacks"],
            unreadable=totals["unreadable_dates"],
        )
        if status == FINISHED:
            (self.folder.path / FINISHED_FILE).write_text(utc_now().isoformat(), encoding="utf-8")
            for part in (self.folder.seeds, self.folder.shards):  # merged: all beside the db
                shutil.rmtree(part, ignore_errors=True)


def _seconds(start, end) -> str:
    if not start or not end:
        return "?"
    return f"{(end - start).total_seconds():.0f} s"


class BrokerUnreachable(RuntimeError):
    """The broker did not answer before the crawl began: nothing was started."""


def wait_for_broker(broker: str, seconds: float = FIRST_CONTACT_SECONDS) -> None:
    """Wait up to `seconds` for the broker's first answer (a broker starting with the machine)."""
    from zwgk.cluster import redacted, redis_client

    deadline = time.monotonic() + seconds
    while True:
        try:
            redis_client().ping()
            return
        except Exception as exc:  # noqa: BLE001
            if time.monotonic() >= deadline:
                raise BrokerUnreachable(
                    f"the broker {redacted(broker)} did not answer for {seconds:.0f} s "
                    f"({type(exc).__name__}: {exc}); nothing was crawled. Is redis-server "
                    "running there, reachable from here, with this password?"
                ) from None
            time.sleep(1.0)


def resumable_run(store: Store, site_ids: list[str], shared: Path) -> str | None:
    """The latest distributed run of these very sites into this shared folder that did not
    finish (its coordinator killed or interrupted), if its folder is still there."""
    row = store.sql(
        "select run_id from runs where dispatched_to = ? and site_ids = ? "
        "and list_contains(?, status) order by started_at desc limit 1",
        [str(shared), sorted(site_ids), [RUNNING, CRASHED, INTERRUPTED]],
    )
    if row and (shared / row[0][0] / RUN_FILE).exists():
        return row[0][0]
    return None


def dispatch_crawl(
    store: Store,
    profiles: list[SiteProfile],
    sites_file: Path,
    *,
    broker: str,
    shared: Path,
    warc_dir: Path,
    logs_dir: Path,
    full: bool = False,
) -> str:
    """Queue one task per site, merge the shards as they arrive, finish the run; returns its id.
    Ctrl-C leaves the run `interrupted` (its id returned all the same) and resumable by the same
    command."""
    from zwgk.cluster import configure, redacted

    shared = shared.resolve()
    configure(broker, shared=shared)
    wait_for_broker(broker)
    site_ids = sorted(p.id for p in profiles)
    run_id = resumable_run(store, site_ids, shared)
    if run_id:
        store.sql(
            "update runs set status = ?, pid = ?, host = ? where run_id = ?",
            [RUNNING, os.getpid(), socket.gethostname(), run_id],
        )
        store.mark_crashed_runs()
    else:
        run_id = store.start_run(site_ids)
        store.sql("update runs set dispatched_to = ? where run_id = ?", [str(shared), run_id])
    job = Dispatch(store, RunFolder(shared, run_id), sites_file, site_ids, full, warc_dir, logs_dir)
    job.prepare()
    merged_before = len(site_ids) - len(job.pending)
    say(
        f"run {run_id}: {len(site_ids)} sites through {redacted(broker)}, shards in {job.folder.path}"
        + (f" (resumed: {merged_before} merged before)" if merged_before else "")
    )
    try:
        job.merge_arrived()
        job.watch_broker()  # first contact: every waiting site queued
        last_status = last_check = time.monotonic()
        while job.pending:
            time.sleep(POLL_SECONDS)
            job.merge_arrived()
            if job.watch_broker():
                if time.monotonic() - last_check >= CHECK_EVERY_SECONDS:
                    job.failed_tasks()
                    last_check = time.monotonic()
                if job.pending and time.monotonic() - last_status >= STATUS_EVERY_SECONDS:
                    say(f"waiting for {len(job.pending)} sites: {job.states()}")
                    last_status = time.monotonic()
    except KeyboardInterrupt:
        job.finish(INTERRUPTED)
        say(
            f"interrupted: {len(site_ids) - len(job.pending)} of {len(site_ids)} sites merged; "
            "the tasks queued stay queued. Run the same command again to resume this run."
        )
        return run_id
    job.finish(FINISHED)
    return run_id
