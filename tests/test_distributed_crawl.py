"""The national crawl on Celery workers (zwgk/cluster.py, zwgk/dispatch.py): a real redis-server
on 127.0.0.1, real `zwgk worker` processes, the sample sites served for real. Whatever happens to
a worker, the broker, a shard or the coordinator, the database ends equal, table by table and row
by row, to the one-process crawl of the same sites (run ids, timestamps and WARC offsets aside:
tests/support/table_rows.py). The faults are each played on three sites of three families, against
the one-process crawl of those three: the whole samples are crawled both ways once, by the first
test."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from pipelines.shards import SITE_TABLES, ShardError, merge_shard, write_shard
from pipelines.store import Store

from .conftest import ROOT, SAMPLE_SITES, run_zwgk, sample_sites_file
from .support.cluster import RedisServer, Worker, redis_binary
from .support.db import query
from .support.table_rows import differences, table_rows

CRAWL_TABLES = (*SITE_TABLES, "runs")  # every table a crawl writes (the scoring's stay empty)
CRAWLED = re.compile(r"succeeded in [\d.]+s: \{'site_id': '(\w+)', 'outcome': 'crawled'")
# where the faults are played: three families (gkmlpt's shell columns, Hanweb, a legacy site),
# enough sites that a run has some merged and some not when it is interrupted
FAULT_SITES = ("lingnan", "qianxi", "shiling")


@pytest.fixture(scope="module")
def fault_sites(sample_sites) -> dict:
    return {site_id: sample_sites[site_id] for site_id in FAULT_SITES}


@pytest.fixture(scope="module")
def crawled_fault_sites(fault_sites, tmp_path_factory) -> Path:
    """The fault sites crawled once by one process: what every faulty distributed run must equal."""
    tmp = tmp_path_factory.mktemp("one-process")
    sites = sample_sites_file(tmp / "sites.toml", fault_sites.values())
    db = tmp / "audit.duckdb"
    result = run_zwgk("crawl", "--sites", str(sites), "--db", str(db), "--no-progress")
    assert result.returncode == 0, result.stderr[-3000:]
    return db


@pytest.fixture
def cluster(tmp_path):
    """A fresh Redis, a shared folder, and the workers a test starts (all stopped after)."""
    if not redis_binary():
        message = "redis-server is not installed (make test installs it)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)

    class Cluster:
        redis = RedisServer(tmp_path / "redis").start()
        shared = tmp_path / "shared"
        workers: list[Worker] = []
        coordinators: list[subprocess.Popen] = []

        def worker(self, concurrency: int = 1) -> Worker:
            log = tmp_path / f"worker{len(self.workers)}.log"
            worker = Worker(self.redis.url, self.shared, log, concurrency=concurrency)
            self.workers.append(worker)
            return worker

        def crawled(self) -> Counter:
            """How often each site's crawl ran to its shard, by every worker's log."""
            return Counter(s for w in self.workers for s in CRAWLED.findall(w.output()))

    cluster = Cluster()
    cluster.shared.mkdir()
    yield cluster
    for coordinator in cluster.coordinators:  # a test that failed half-way leaves none behind
        if coordinator.poll() is None:
            coordinator.kill()
            coordinator.wait(30)
    for worker in cluster.workers:
        worker.stop()
    cluster.redis.stop()


def coordinator_args(sites: Path, db: Path, cluster) -> list[str]:
    return [
        *("crawl", "--sites", str(sites), "--db", str(db), "--no-progress"),
        *("--broker", cluster.redis.url, "--shared", str(cluster.shared)),
    ]


def spawn_coordinator(sites: Path, db: Path, cluster, log: Path) -> subprocess.Popen:
    coordinator = subprocess.Popen(
        [sys.executable, "-m", "zwgk.cli", *coordinator_args(sites, db, cluster)],
        cwd=ROOT,
        stdout=open(log, "ab"),  # noqa: SIM115
        stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    cluster.coordinators.append(coordinator)
    return coordinator


def begin(
    cluster, sites: dict, tmp_path, *, workers: int = 2
) -> tuple[Path, Path, subprocess.Popen]:
    """Start `workers` workers and a coordinator crawling these sample sites into a new database:
    (the database, the coordinator's log, its process)."""
    for _ in range(workers):
        cluster.worker()
    db, log = tmp_path / "dist" / "audit.duckdb", tmp_path / "coordinator.log"
    coordinator = spawn_coordinator(sites_file(tmp_path, sites), db, cluster, log)
    return db, log, coordinator


def wait_for(condition, timeout: float = 120, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"gave up waiting for {what}")


def assert_same_as_one_process(db: Path, one_process: Path) -> None:
    diffs = differences(
        table_rows(one_process, only=CRAWL_TABLES), table_rows(db, only=CRAWL_TABLES)
    )
    assert not diffs, "\n".join(diffs)


def crawls_running(shared: Path, site_id: str) -> list[int]:
    """The processes crawling this site for a run of this shared folder (by their command line)."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            args = cmdline.read_bytes().split(b"\0")
        except OSError:
            continue
        if site_id.encode() in args and str(shared).encode() in b" ".join(args):
            found.append(int(cmdline.parent.name))
    return found


def sites_file(tmp_path, sample_sites) -> Path:
    for site in sample_sites.values():  # from here on, crawls_started counts
        site.counted_from = len(site.requests)
    return sample_sites_file(tmp_path / "sites.toml", sample_sites.values())


def crawls_started(sample_sites) -> Counter:
    """How many crawls of each site began, counted at the server: each crawl process asks for
    robots.txt once."""
    return Counter(
        {
            site_id: site.requests[site.counted_from :].count(("GET", "/robots.txt"))
            for site_id, site in sample_sites.items()
        }
    )


def test_two_workers_crawl_the_samples_into_the_database_one_process_makes(
    crawled_db, sample_sites, cluster, tmp_path
):
    sites = sites_file(tmp_path, sample_sites)
    cluster.worker()
    cluster.worker()
    db = tmp_path / "dist" / "audit.duckdb"
    result = run_zwgk(*coordinator_args(sites, db, cluster))
    assert result.returncode == 0, result.stderr[-3000:]
    assert_same_as_one_process(db, crawled_db[0])
    assert (
        f"[{len(SAMPLE_SITES)}/{len(SAMPLE_SITES)}]" in result.stderr and "merged" in result.stderr
    )
    assert crawls_started(sample_sites) == Counter(dict.fromkeys(sample_sites, 1))
    assert cluster.crawled() == Counter(dict.fromkeys(sample_sites, 1))
    assert all(CRAWLED.search(w.output()) for w in cluster.workers), "both workers took sites"
    [(run_id, status, shards, dispatched)] = query(
        db,
        "select r.run_id, r.status, (select count(*) from run_shards s where s.run_id = r.run_id), "
        "r.dispatched_to from runs r",
    )
    assert (status, shards, dispatched) == (
        "finished",
        len(SAMPLE_SITES),
        str(cluster.shared.resolve()),
    )
    # the evidence moved beside the database, every capture readable where its row says
    for site_id in sample_sites:
        assert (db.parent / "warc" / run_id / f"{site_id}.warc.gz").is_file()
        log = (db.parent / "logs" / run_id / f"{site_id}.log").read_text(encoding="utf-8")
        assert f"crawling {site_id} of run {run_id}" in log, (
            "each site's crawl log is kept beside the database"
        )
        # the worker copied the site's database in once (its seed: none for a first crawl) and
        # its data out once (the database and each WARC file into the shard)
        copies = json.loads(
            (db.parent / "logs" / run_id / f"{site_id}.manifest.json").read_text(encoding="utf-8")
        )["copies"]
        assert copies["in"] == [], "a first crawl starts from no seed"
        assert sorted(c["to"] for c in copies["out"]) == sorted(
            ["audit.duckdb", "crawl.log", f"warc/{run_id}/{site_id}.warc.gz"]
        )
    url = query(db, "select url from documents where site_id = 'nhc' order by url limit 1")[0][0]
    out = tmp_path / "page.html"
    evidence = run_zwgk("evidence", url, "--db", str(db), "--out", str(out))
    assert evidence.returncode == 0, evidence.stderr
    assert out.stat().st_size > 0
    # the shared folder keeps only the run's description and logs once it is merged
    assert not (cluster.shared / run_id / "shards").exists()

    # the next week: the seeds carry what is known, so both crawls are incremental and agree
    one = tmp_path / "one" / "audit.duckdb"
    one.parent.mkdir()
    shutil.copyfile(crawled_db[0], one)
    again = run_zwgk("crawl", "--sites", str(sites), "--db", str(one), "--no-progress")
    assert again.returncode == 0, again.stderr[-3000:]
    result = run_zwgk(*coordinator_args(sites, db, cluster))
    assert result.returncode == 0, result.stderr[-3000:]
    assert_same_as_one_process(db, one)
    [second_run] = query(db, "select run_id from runs order by started_at desc limit 1")[0]
    for site_id in sample_sites:  # one copy each way: the seed in, the shard out
        copies = json.loads(
            (db.parent / "logs" / second_run / f"{site_id}.manifest.json").read_text("utf-8")
        )["copies"]
        assert [(c["from"], c["to"]) for c in copies["in"]] == [
            (f"seeds/{site_id}.duckdb", "audit.work.duckdb")
        ]
        assert [c["to"] for c in copies["out"] if c["to"].endswith(".duckdb")] == ["audit.duckdb"]
    pages = query(db, "select pages from runs order by started_at desc limit 1")[0][0]
    assert pages < 200, f"an incremental week asks for little, not {pages} pages"


def test_a_worker_killed_mid_site_leaves_its_site_to_another_crawled_once(
    crawled_fault_sites, fault_sites, cluster, tmp_path
):
    import redis

    db, log, coordinator = begin(cluster, fault_sites, tmp_path, workers=1)
    first = cluster.workers[0]
    client = redis.Redis.from_url(cluster.redis.url)
    locks = []
    wait_for(lambda: locks.extend(client.keys("zwgk:site-lock:*")) or locks, what="a site lock")
    killed_site = locks[0].decode().rsplit(":", 1)[1]
    site = fault_sites[killed_site]
    wait_for(lambda: len(site.requests) > site.counted_from + 20, what="the crawl under way")
    first.kill()  # mid-site
    time.sleep(0.5)
    assert not crawls_running(cluster.shared, killed_site), "the killed worker's crawl died with it"
    second = cluster.worker()
    assert coordinator.wait(300) == 0, log.read_text()[-3000:]
    assert_same_as_one_process(db, crawled_fault_sites)
    assert killed_site not in CRAWLED.findall(first.output())
    assert killed_site in CRAWLED.findall(second.output())
    # the killed site began twice (the killed crawl, then the whole one), every other site once
    assert crawls_started(fault_sites) == Counter({**dict.fromkeys(fault_sites, 1), killed_site: 2})
    assert cluster.crawled() == Counter(dict.fromkeys(fault_sites, 1))


def test_a_broker_restart_mid_crawl_ends_in_the_same_database(
    crawled_fault_sites, fault_sites, cluster, tmp_path
):
    db, log, coordinator = begin(cluster, fault_sites, tmp_path)
    wait_for(lambda: f"[1/{len(FAULT_SITES)}]" in log.read_text(), what="the first shard merged")
    cluster.redis.stop()
    time.sleep(2)
    cluster.redis.start()  # same port, same append-only file
    assert coordinator.wait(300) == 0, log.read_text()[-3000:]
    assert "the broker does not answer" in log.read_text()
    assert_same_as_one_process(db, crawled_fault_sites)
    # once each, although every site without a shard was queued again (a worker's log may miss
    # a crawl that ended while the broker was away: counted at the server)
    assert crawls_started(fault_sites) == Counter(dict.fromkeys(fault_sites, 1))


def test_a_half_written_shard_is_ignored_and_its_site_crawled_again(
    crawled_fault_sites, fault_sites, cluster, tmp_path
):
    db, log, coordinator = begin(cluster, fault_sites, tmp_path, workers=0)  # sites wait
    wait_for(lambda: any(cluster.shared.glob("*/run.json")), what="the run's folder")
    run = next(cluster.shared.glob("*/run.json")).parent
    # a copy cut off before its rename (hidden, never read) and one renamed whose file is short
    (run / "shards" / ".nhc.part-elsewhere-1").mkdir(parents=True)
    (run / "shards" / ".nhc.part-elsewhere-1" / "audit.duckdb").write_bytes(b"DUCK" * 10)
    cut = run / "shards" / "lingnan"
    cut.mkdir()
    (cut / "audit.duckdb").write_bytes(b"\0" * 4096)
    stated = {"audit.duckdb": {"bytes": 8192, "sha256": "00"}}
    (cut / "manifest.json").write_text(
        json.dumps({"site_id": "lingnan", "run_id": run.name, "files": stated})
    )
    cluster.worker()
    cluster.worker()
    assert coordinator.wait(300) == 0, log.read_text()[-3000:]
    assert "lingnan: its shard is refused" in log.read_text()
    assert_same_as_one_process(db, crawled_fault_sites)
    assert crawls_started(fault_sites) == Counter(dict.fromkeys(fault_sites, 1))


def test_a_killed_coordinator_started_again_resumes_its_run_from_the_shards(
    crawled_fault_sites, fault_sites, cluster, tmp_path
):
    db, log, coordinator = begin(cluster, fault_sites, tmp_path)
    # killed after the first merge: with three sites, after the second the last could be merged
    # and the run finished before the kill lands
    wait_for(lambda: f"[1/{len(FAULT_SITES)}]" in log.read_text(), what="a shard merged")
    coordinator.send_signal(signal.SIGKILL)
    coordinator.wait(30)
    sites = tmp_path / "sites.toml"
    restarted = spawn_coordinator(sites, db, cluster, tmp_path / "restarted.log")
    assert restarted.wait(300) == 0, (tmp_path / "restarted.log").read_text()[-3000:]
    said = (tmp_path / "restarted.log").read_text()
    assert re.search(rf"resumed: [1-{len(FAULT_SITES) - 1}] merged before", said), said[-2000:]
    assert_same_as_one_process(db, crawled_fault_sites)
    assert query(db, "select count(*), count(distinct run_id) from run_shards") == [
        (len(FAULT_SITES), 1)
    ]
    assert crawls_started(fault_sites) == Counter(dict.fromkeys(fault_sites, 1))


def test_a_shard_merged_twice_changes_nothing_and_a_foreign_one_is_refused(crawled_db, tmp_path):
    [(run_id,)] = query(crawled_db[0], "select run_id from runs")
    shard = write_shard(
        crawled_db[0],
        crawled_db[0].parent / "warc",
        tmp_path / "shards" / "nhc",
        site_id="nhc",
        run_id=run_id,
    )
    db = tmp_path / "merged.duckdb"
    store = Store(db)
    try:
        merge_shard(store, shard, tmp_path / "warc", site_id="nhc", run_id=run_id)
        store.con.execute("checkpoint")
        once = table_rows_of(store)
        merge_shard(store, shard, tmp_path / "warc", site_id="nhc", run_id=run_id)
        assert table_rows_of(store) == once
        assert once["documents"] == Counter(
            r
            for r in table_rows(crawled_db[0], only=("documents",))["documents"].elements()
            if r[0] == "nhc"
        )
        with pytest.raises(ShardError, match="manifest is for site 'nhc'"):
            merge_shard(store, shard, tmp_path / "warc", site_id="jiangan", run_id=run_id)
        # a shard is written by another machine: it names its own files and nothing else
        manifest = json.loads((shard / "manifest.json").read_text())
        manifest["files"]["warc/../../../escaped.txt"] = manifest["files"]["audit.duckdb"]
        (shard / "manifest.json").write_text(json.dumps(manifest))
        with pytest.raises(ShardError, match="cannot hold: 'warc/../../../escaped.txt'"):
            merge_shard(store, shard, tmp_path / "warc", site_id="nhc", run_id=run_id)
        assert not (tmp_path.parent / "escaped.txt").exists()
    finally:
        store.close()


def table_rows_of(store: Store) -> dict:
    copy = store.path.with_name("copy.duckdb")
    store.con.execute("checkpoint")
    shutil.copyfile(store.path, copy)
    return table_rows(copy, only=CRAWL_TABLES)


def test_a_site_lock_is_held_by_one_and_a_dead_holders_lock_is_broken(cluster):
    import redis

    from zwgk.cluster import SiteLock

    client = redis.Redis.from_url(cluster.redis.url)
    first, second = SiteLock(client, "nhc", seconds=30), SiteLock(client, "nhc", seconds=30)
    assert first.acquire()
    assert not second.acquire(), "one crawl of a site at a time"
    assert SiteLock(client, "jiangan").acquire(), "other sites are free"
    first.release()
    assert second.acquire()
    # a holder on this machine whose process is gone (a killed worker): broken at once
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True
    )
    client.set(second.key, f"{socket.gethostname()}:{int(dead.stdout)}:x", ex=30)
    assert SiteLock(client, "nhc").acquire()
    # one on another machine cannot be checked from here: it lapses with its lifetime
    client.set(second.key, "elsewhere:1:x", ex=1)
    late = SiteLock(client, "nhc", seconds=30)
    assert not late.acquire()
    time.sleep(1.5)
    assert late.acquire()


def test_a_wrong_broker_or_shared_folder_is_said_before_anything_is_crawled(tmp_path, sample_sites):
    sites = sites_file(tmp_path, sample_sites)
    db = tmp_path / "audit.duckdb"
    wrong_scheme = run_zwgk(
        *("crawl", "--sites", str(sites), "--db", str(db)),
        *("--broker", "celery://broker:6379", "--shared", str(tmp_path)),
    )
    assert wrong_scheme.returncode == 2
    assert "--broker must be a Redis URL" in wrong_scheme.stderr
    no_shared = run_zwgk(
        *("crawl", "--sites", str(sites), "--db", str(db), "--broker", "redis://127.0.0.1:1/0"),
        env={k: v for k, v in os.environ.items() if k != "ZWGK_SHARED"},
    )
    assert no_shared.returncode == 2 and "--broker needs --shared DIR" in no_shared.stderr
    worker = run_zwgk(
        "worker", "--broker", "redis://127.0.0.1:1/0", "--shared", str(tmp_path / "x")
    )
    assert worker.returncode == 2 and "does not exist (mount it first)" in worker.stderr
    assert not db.exists() and crawls_started(sample_sites) == Counter()
    assert "Traceback" not in wrong_scheme.stderr + no_shared.stderr + worker.stderr


def test_a_workers_crawl_of_a_sites_file_that_does_not_load_is_bad_input_and_no_shard(tmp_path):
    """As `zwgk crawl` says a bad sites file with exit status 2, so does a worker's crawl of a
    site (the task then fails at once instead of trying again), and it writes no shard."""
    from pipelines.runs import EXIT_BAD_INPUT
    from pipelines.shards import RunFolder, crawl_into_shard

    folder = RunFolder(tmp_path / "shared", "20261207T000000Z-abcdef")
    folder.path.mkdir(parents=True)
    folder.sites_file.write_text('[[site]]\nid = "a"\nname = ', encoding="utf-8")
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    assert crawl_into_shard(folder, "a", scratch, full=False) == EXIT_BAD_INPUT
    assert not folder.shard_arrived("a")
