"""Runs an assessor can trust from cron: every site's outcome recorded and named, the exit status
read from this run, runs killed or interrupted accounted for."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from pipelines.publish import working_path
from pipelines.store import Store
from samples import server

from .conftest import ROOT, read_csv, run_zwgk, spawn_zwgk, write_sites_file
from .support.db import query
from .support.fragile import closed_port, fragile_server


def site_line(name: str, homepage: str, **extra) -> str:
    lines = [
        "[[site]]",
        f'id = "{name}"',
        f'name = "{name}"',
        f'homepage = "{homepage}"',
        "private_network = true",
    ]
    lines += [f"{k} = {v}" for k, v in extra.items()]
    return "\n".join(lines) + "\n"


def crawl_args(sites, db) -> list[str]:
    return ["crawl", "--sites", str(sites), "--db", str(db), "--no-progress"]


@pytest.fixture()
def county_site():
    sites = server.start(server.load_sites(only=["shiling"]), port=0)
    yield sites[0]
    server.stop(sites)


def test_every_kind_of_site_failure_has_its_status_and_reason_and_exit_3(county_site, tmp_path):
    with (
        fragile_server("slow") as slow,
        fragile_server("robots") as robots,
        fragile_server("no_entry") as no_entry,
        fragile_server("empty") as empty,
        fragile_server("gateway_down") as gateway,
        fragile_server("waf") as waf,
        fragile_server("waf_pages") as waf_pages,
    ):
        sites = tmp_path / "sites.toml"
        sites.write_text(
            site_line("closed", closed_port() + "/")
            + site_line("slow", slow + "/", timeout=1)
            + site_line("robots", robots + "/")
            + site_line("noentry", no_entry + "/")
            + site_line("empty", empty + "/")
            + site_line("gateway", gateway + "/")
            + site_line("waf", waf + "/")
            + site_line("wafpages", waf_pages + "/")
            + site_line("shiling", county_site.homepage_url),
            encoding="utf-8",
        )
        db = tmp_path / "kinds.duckdb"
        started = time.monotonic()
        result = run_zwgk(*crawl_args(sites, db))
        took = time.monotonic() - started
    assert result.returncode == 3, result.stderr[-3000:]
    outcomes = {
        site: (status, reason)
        for site, status, reason in query(
            db,
            "select site_id, status, reason from site_runs where run_id = "
            "(select run_id from runs order by started_at desc limit 1)",
        )
    }
    assert outcomes["closed"][0] == "unreachable"
    assert "could not be fetched" in outcomes["closed"][1]
    assert "ConnectionRefused" in outcomes["closed"][1]
    assert outcomes["slow"][0] == "unreachable"
    assert "Timeout" in outcomes["slow"][1]
    assert outcomes["robots"] == ("blocked_by_robots", f"robots.txt forbids {robots}/")
    assert outcomes["noentry"][0] == "no_disclosure_entry"
    assert outcomes["empty"] == ("empty", "1 columns found, none lists an item")
    assert outcomes["gateway"] == (
        "unreachable",
        f"the homepage {gateway}/ answered HTTP 503",
    )
    # a firewall's block is recorded as such, never as "no documents" or dead links
    assert outcomes["waf"] == (
        "blocked_by_waf",
        f"a firewall answered instead of the site: {waf}/: HTTP 200: a firewall's block page, "
        "not the page",
    )
    assert outcomes["wafpages"][0] == "partial"
    assert outcomes["wafpages"][1].startswith("a firewall blocked 1 requests")
    assert query(db, "select outcome, status from link_checks where site_id = 'wafpages'") == [
        ("blocked", 403)
    ]
    assert outcomes["shiling"] == ("ok", None)
    # the summary names every site that is not ok, with its reason, and only those
    assert "sites not ok (8 of 9):" in result.stdout
    for site, (status, reason) in outcomes.items():
        named = f"  {site} {status}: {reason}" in result.stdout
        assert named == (status != "ok"), site
    # nothing from those sites is a dead link
    assert query(db, "select site_id from dead_links where site_id <> 'shiling'") == []
    # a 1 s timeout is honoured for robots.txt too: 3 tries of the homepage, not minutes
    assert took < 60
    # a cron log gets one line per failure, no tracebacks (the failures are data)
    assert "Traceback" not in result.stderr, result.stderr
    assert len(result.stderr.splitlines()) < 15, result.stderr


def test_the_exit_status_is_this_runs_not_the_latest_in_the_file(county_site, tmp_path):
    sites = write_sites_file(tmp_path / "sites.toml", [county_site])
    db = tmp_path / "a.duckdb"
    assert run_zwgk(*crawl_args(sites, db)).returncode == 0
    # a run in the file that started later than the next one will (a clock ahead on another
    # host) and was interrupted: reading "the latest run" would report it, and exit 130
    con = duckdb.connect(str(working_path(db)))
    con.execute(
        "insert into runs (run_id, started_at, status, host, pid, site_ids) values "
        "('29990101T000000Z-future', timestamp '2999-01-01', 'interrupted', 'elsewhere', 1, "
        "['shiling'])"
    )
    con.close()
    result = run_zwgk(*crawl_args(sites, db))
    assert result.returncode == 0, result.stderr[-3000:]
    this_run = query(db, "select run_id from runs where host <> 'elsewhere' order by run_id")[-1][0]
    assert result.stdout.startswith(f"run {this_run}: finished")
    bad = tmp_path / "bad.toml"
    bad.write_text(site_line("x", county_site.homepage_url).replace('id = "x"', "id = 5"))
    result = run_zwgk(*crawl_args(bad, db))
    assert result.returncode == 2
    assert "id must be letters, digits" in result.stderr and "run " not in result.stdout
    assert len(query(db, "select * from runs")) == 3


def spawn_crawl(sites, db) -> subprocess.Popen:
    return spawn_zwgk(*crawl_args(sites, db))


def test_a_killed_run_is_marked_crashed_and_a_rerun_loses_and_doubles_nothing(tmp_path):
    sample = server.load_sites(only=["shiling"])
    counter = server.Faults()  # no faults: it only counts the requests served
    slow = server.start(sample, port=0, faults={"shiling": counter})
    try:
        sites = write_sites_file(tmp_path / "sites.toml", slow)
        clean_db = tmp_path / "clean.duckdb"
        assert run_zwgk(*crawl_args(sites, clean_db)).returncode == 0
        db = tmp_path / "killed.duckdb"
        counter.served = 0
        slow[0].handler.latency = 0.4  # slow while the crawl that is killed runs
        proc = spawn_crawl(sites, db)
        deadline = time.monotonic() + 120
        while counter.served < 150 and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(6)  # rows are written at least every 5 s; ~120 more of the site's 614 pages
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=30)
        assert query(working_path(db), "select status from runs") == [("running",)]
        kept = query(working_path(db), "select count(*) from documents")[0][0]
        slow[0].handler.latency = 0
        result = run_zwgk(*crawl_args(sites, db))
    finally:
        server.stop(slow)
    assert result.returncode == 0, result.stderr[-3000:]
    every = sum(1 for d in read_csv("documents.csv") if d["site_id"] == "shiling")
    assert 0 < kept < every  # the killed run had stored part of the site
    runs = query(db, "select status from runs order by started_at")
    assert runs == [("crashed",), ("finished",)]
    crashed_sites = query(
        db, "select site_id, status from site_runs where run_id = (select min(run_id) from runs)"
    )
    assert crashed_sites == [("shiling", "interrupted")]
    for table in ("documents", "columns", "listings", "document_links", "document_fields"):
        sql = f"select count(*) from {table}"
        assert query(db, sql) == query(clean_db, sql), table
    assert query(db, "select count(*) from dead_links") == query(
        clean_db, "select count(*) from dead_links"
    )


def test_two_quick_ctrl_c_end_cleanly_as_interrupted(tmp_path):
    counter = server.Faults()  # no faults: it only counts the requests served
    slow = server.start(
        server.load_sites(only=["nhc"]), port=0, latency_ms=100, faults={"nhc": counter}
    )
    try:
        sites = write_sites_file(tmp_path / "sites.toml", slow)
        db = tmp_path / "int.duckdb"
        proc = spawn_crawl(sites, db)
        deadline = time.monotonic() + 120
        while counter.served < 100 and time.monotonic() < deadline:
            time.sleep(0.2)  # well into the crawl (the site has 966 pages)
        proc.send_signal(signal.SIGINT)
        time.sleep(0.05)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=120)
    finally:
        server.stop(slow)
    assert proc.returncode == 130, err[-3000:]
    assert "Traceback" not in err and "nanobind" not in err, err[-3000:]
    assert query(working_path(db), "select status from runs") == [("interrupted",)]
    statuses = query(working_path(db), "select distinct status from site_runs")
    assert statuses == [("interrupted",)]
    assert query(working_path(db), "select count(*) from documents")[0][0] > 0


def serve_in_child(site_id: str, port: int, latency_ms: int = 0) -> subprocess.Popen:
    """`zwgk serve-samples` in its own process, which a test can kill outright."""
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "zwgk.cli",
            "serve-samples",
            "--only",
            site_id,
            "--port",
            str(port),
            "--latency",
            str(latency_ms),
        ],  # fmt: skip
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout.readline().startswith("serving"), "the sample server did not start"
    proc.stdout.readline()
    return proc


def warc_bytes(folder: Path) -> int:
    """The size of every run's WARC files in `folder`: about 0.9 kB a page of the samples."""
    return sum(p.stat().st_size for p in folder.glob("*/*.warc.gz"))


def test_an_outage_mid_crawl_leaves_no_false_dead_links_after_a_clean_rerun(tmp_path):
    port = int(closed_port().rsplit(":", 1)[1])
    base = f"http://127.0.0.1:{port}"
    sites = tmp_path / "sites.toml"
    sites.write_text(site_line("shiling", f"{base}/index.html"), encoding="utf-8")
    db = tmp_path / "outage.duckdb"
    sample = serve_in_child("shiling", port, latency_ms=200)  # 614 pages: ~15 s
    crawl = spawn_crawl(sites, db)
    # the server dies mid-crawl: once the crawl has archived some 40 pages (its columns found,
    # their walks begun), not after a fixed 5 s, which a loaded machine (the suite's parallel
    # workers) once spent starting the crawl and fetching the homepage alone
    deadline = time.monotonic() + 120
    while warc_bytes(tmp_path / "warc") < 40_000 and time.monotonic() < deadline:
        if crawl.poll() is not None:
            break
        time.sleep(0.1)
    sample.kill()
    sample.wait()
    out, err = crawl.communicate(timeout=300)
    assert crawl.returncode == 3, err[-3000:]
    status, reason, failures = query(
        db, "select status, reason, failures from site_runs where site_id = 'shiling'"
    )[0]
    assert status == "partial" and failures > 0
    assert reason.startswith("the site stopped answering") or "failed after retries" in reason
    assert f"shiling partial: {reason}" in out
    unreachable = query(db, "select count(*) from link_checks where outcome = 'unreachable'")
    assert unreachable[0][0] == failures
    # an outage is not dead links: only the planted dead link, if the crawl reached it
    dead = {u for (u,) in query(db, "select url from dead_links")}
    planted = {f"{base}{d['url']}" for d in read_csv("dead_links.csv") if d["site_id"] == "shiling"}
    assert dead <= planted

    sample = serve_in_child("shiling", port)
    try:
        result = run_zwgk(*crawl_args(sites, db))
    finally:
        sample.kill()
        sample.wait()
    assert result.returncode == 0, result.stderr[-3000:]
    assert query(db, "select status from site_runs order by run_id") == [("partial",), ("ok",)]
    dead = {u for (u,) in query(db, "select url from dead_links")}
    assert dead == planted  # the samples' key, and not one page fetched in the re-run
    assert query(db, "select count(*) from link_checks where outcome = 'unreachable'") == [(0,)]
    fetched = {u for (u,) in query(db, "select url from documents where run_id = "
                                       "(select max(run_id) from site_runs)")}  # fmt: skip
    assert not dead & fetched
    # the history keeps the outage: when each page or link failed, and what came of it next
    after = dict(
        query(
            db,
            "select f.url, r.outcome from link_check_history f join link_check_history r "
            "on r.url = f.url and r.run_id > f.run_id where f.outcome = 'unreachable'",
        )
    )
    assert len(after) == failures
    assert {u for u, outcome in after.items() if outcome != "ok"} <= planted


def test_a_file_url_is_never_requested_not_even_through_a_redirect(tmp_path):
    with fragile_server("out_of_scope") as base:
        sites = tmp_path / "sites.toml"
        # its homepage links a file:// URL, a column that redirects to one, and another host
        # (private addresses in a profile: tests/test_profiles.py)
        sites.write_text(site_line("scope", base + "/"))
        db = tmp_path / "scope.duckdb"
        result = run_zwgk(*crawl_args(sites, db), "-v")
    assert result.returncode == 3, result.stderr[-3000:]
    assert "hostname" not in " ".join(str(r) for r in query(db, "select * from documents"))
    checks = dict(query(db, "select url, outcome from link_checks"))
    assert checks[f"{base}/zwgk/tzgg/"] == "refused"
    assert "file:///etc/hostname" not in checks
    assert "file:///etc/hostname" not in result.stderr.replace("not file:///etc/hostname", "")
    assert query(db, "select count(*) from documents") == [(0,)]


def test_a_database_that_refuses_a_write_stops_the_crawl_with_exit_1_and_publishes_nothing(
    county_site, tmp_path
):
    db = tmp_path / "refusing.duckdb"
    store = Store(working_path(db))  # a working file whose captures table refuses every row
    columns = store.sql("select column_name, column_type from (describe captures)")
    store.sql("drop table captures")
    store.sql(
        "create table captures ("
        + ", ".join(f"{name} {kind}" for name, kind in columns)
        + ", check (warc_offset < 0))"
    )
    store.close()
    sites = write_sites_file(tmp_path / "sites.toml", [county_site])
    county_site.handler.latency = 0.3  # ~25 s in all: the first periodic write (5 s) comes first
    try:
        result = run_zwgk(*crawl_args(sites, db))
    finally:
        county_site.handler.latency = 0
    assert result.returncode == 1, result.stderr[-3000:]
    assert "refused a write, so the crawl stops" in result.stderr, result.stderr[-2000:]
    assert "CHECK constraint" in result.stderr
    assert not db.exists()  # nothing published
    runs = query(working_path(db), "select status, pages from runs")
    assert runs[0][0] == "store_error" and runs[0][1] < 600  # stopped, not crawled to the end
    assert query(working_path(db), "select status from site_runs") == [("interrupted",)]
