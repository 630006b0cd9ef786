"""The crawl against a fragile server (samples/server.py fault mode): it finishes, retries what is
worth retrying, records every fault as data, and a clean run afterwards leaves no trace of the
transient ones. (The server's redirect loop and endless calendar: tests/test_crawl_operation.py
test_traps_end.)"""

from __future__ import annotations

import pytest

from samples import server

from .conftest import read_csv, run_zwgk
from .support.db import query

SITE = "shiling"


def site_documents() -> int:
    """The documents the key expects of the site (all of them, read in a clean run)."""
    return sum(1 for d in read_csv("documents.csv") if d["site_id"] == SITE)


def sites_file(path, homepage: str, timeout: int) -> str:
    # a 1 MB page limit, so the huge page shows quickly
    path.write_text(
        f'[[site]]\nid = "{SITE}"\nname = "石岭县卫生健康局"\nhomepage = "{homepage}"\n'
        f"private_network = true\ntimeout = {timeout}\nmax_page_mb = 1\n",
        encoding="utf-8",
    )
    return str(path)


@pytest.fixture(scope="module")
def fault_runs(tmp_path_factory):
    """Three crawls into one file: the page faults, an outage of the whole site, then clean."""
    tmp = tmp_path_factory.mktemp("faults")
    db = tmp / "faults.duckdb"
    faults = server.Faults.plan(SITE, hang_seconds=2.5, huge_mb=2, slow_seconds=0.15)
    site = server.start(server.load_sites(only=[SITE]), port=0, faults={SITE: faults})[0]
    try:
        # a 1 s timeout, so the hanging pages show quickly; the later runs meet no hanging page,
        # and a 1 s timeout there can fail ordinary pages on a loaded machine (a CI run once
        # found the outage and clean runs short of pages, the faulty run whole)
        hanging = sites_file(tmp / "hanging.toml", site.homepage_url, timeout=1)
        ordinary = sites_file(tmp / "sites.toml", site.homepage_url, timeout=30)
        args = ["--db", str(db), "--no-progress"]
        faulty = run_zwgk("crawl", "--sites", hanging, *args)
        site.faults = server.Faults(down_after=150, down_seconds=6)
        # every page again, so the outage falls mid-crawl
        outage = run_zwgk("crawl", "--sites", ordinary, *args, "--full")
        site.faults = None
        # incremental: what failed before is asked for again
        clean = run_zwgk("crawl", "--sites", ordinary, *args)
    finally:
        server.stop([site])
    base = site.base_url
    return db, base, faults, (faulty, outage, clean)


def checks(db, run: int) -> dict[str, tuple]:
    """url → (outcome, status, error) recorded in the n-th run."""
    rows = query(
        db,
        "select url, outcome, status, error from link_check_history h where run_id = "
        "(select run_id from runs order by started_at limit 1 offset ?)",
        [run],
    )
    return {url: (outcome, status, error) for url, outcome, status, error in rows}


def stored_in_first_run(db, url: str) -> bool:
    """The document was first stored by the faulty run (first_seen_at keeps the first write)."""
    return (
        query(
            db,
            "select count(*) from documents where url = ? and first_seen_at <= "
            "(select finished_at from runs order by started_at limit 1)",
            [url],
        )[0][0]
        == 1
    )


def test_the_faulty_crawl_finishes_partial_with_exit_3(fault_runs):
    db, _, _, (faulty, _, _) = fault_runs
    assert faulty.returncode == 3, faulty.stderr[-3000:]
    assert "Traceback" not in faulty.stderr
    status, failures, retries = query(
        db, "select status, failures, retries from site_runs order by run_id limit 1"
    )[0]
    assert status == "partial"
    # the 503, the hang, the reset and the cut-short body that never end, and the firewall
    assert failures == 5
    assert retries >= 2 + 1 + 2 + 1  # every transient fault was retried, and more


def test_each_transient_fault_is_retried_into_a_stored_page(fault_runs):
    db, base, faults, _ = fault_runs
    kinds = faults.describe()
    transient = [
        *kinds["burst_5xx_transient"],
        *kinds["hang_transient"],
        *kinds["reset_transient"],
        *kinds["truncated_transient"],
        *kinds["slow_body"],
    ]
    recorded = checks(db, 0)
    for path in transient:
        assert f"{base}{path}" not in recorded, path
        assert stored_in_first_run(db, f"{base}{path}"), path


@pytest.mark.parametrize(
    "kind, outcome, status, error",
    [
        ("burst_5xx_permanent", "unreachable", 503, None),  # "not now", three times: no dead link
        ("hang_permanent", "unreachable", None, "DownloadTimeoutError"),
        ("reset_permanent", "unreachable", None, "Connection"),
        ("truncated_permanent", "unreachable", None, "DataLoss"),
        ("huge", "oversize", None, "larger than download max size"),
        ("waf", "blocked", 403, "a firewall's block page"),
    ],
)
def test_each_lasting_fault_is_recorded_with_its_outcome(fault_runs, kind, outcome, status, error):
    db, base, faults, _ = fault_runs
    recorded = checks(db, 0)
    (path,) = faults.describe()[kind]
    got = recorded[f"{base}{path}"]
    assert got[0] == outcome and got[1] == status
    assert (error is None and got[2] is None) or error in got[2]
    assert not stored_in_first_run(db, f"{base}{path}")
    assert query(db, "select count(*) from documents where url = ?", [f"{base}{path}"]) == [(1,)]


def test_a_site_going_down_for_seconds_is_bridged_by_retries_and_recorded(fault_runs):
    """Down for 6 s after 150 requests, then back: the retries reach it again. (A server that
    stays down: tests/test_run_outcomes.py, the outage test.)"""
    db, _, _, (_, outage, _) = fault_runs
    status, failures, retries, documents = query(
        db, "select status, failures, retries, documents from site_runs order by run_id offset 1"
    )[0]
    assert retries >= 20  # the requests the outage refused, each asked again
    # bridged as a rule (measured: every time here); a retry that still met the outage is an
    # unreachable page of a partial run, never a dead link
    assert (status, outage.returncode) in (("ok", 0), ("partial", 3))
    every = site_documents()
    assert documents == every if status == "ok" else documents + failures >= every
    outcomes = {v[0] for v in checks(db, 1).values()}
    assert outcomes <= {"ok", "unreachable", "dead"}
    assert len([v for v in checks(db, 1).values() if v[0] == "unreachable"]) == failures


def test_the_next_clean_run_leaves_no_trace_of_the_faults(fault_runs):
    db, base, _, (_, _, clean) = fault_runs
    assert clean.returncode == 0, clean.stderr[-3000:]
    assert query(db, "select status from site_runs order by run_id offset 2") == [("ok",)]
    assert query(db, "select retries from site_runs order by run_id offset 2") == [(0,)]
    planted = {f"{base}{d['url']}" for d in read_csv("dead_links.csv") if d["site_id"] == SITE}
    not_ok = query(db, "select outcome, count(*) from link_checks where outcome <> 'ok' group by 1")
    assert not_ok == [("dead", len(planted))]
    dead = {u for (u,) in query(db, "select url from dead_links")}
    assert dead == planted
    assert query(db, "select count(*) from documents")[0][0] == site_documents()
