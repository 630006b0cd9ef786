"""The weekly job against a sample site that changes between crawls (samples/generator/weeks.py):
a second crawl of an unchanged site asks for next to nothing; a week with new documents fetches
those and the list pages that show them; changes, removals and a document inserted deep in its
list are found. Requests are counted where they arrive: at the sample server."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import signal
import time

import duckdb
import pytest
from warcio.archiveiterator import ArchiveIterator

from pipelines.publish import working_path
from samples import server
from samples.generator.build import file_name
from samples.generator.weeks import KINDS, render_week

from .conftest import run_zwgk, spawn_zwgk, write_sites_file
from .support.db import query

SITE = "quanyang"  # Hanweb: its lists state their totals (totalRecord)
DOCUMENT = re.compile(r"^/(art|oldweb)/")  # oldweb: the migrated pages' older URL form
CHINA = dt.timezone(dt.timedelta(hours=8))


def crawl(sites, db, *extra: str) -> None:
    result = run_zwgk("crawl", "--sites", str(sites), "--db", str(db), "--no-progress", *extra)
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def documents_asked(site) -> set[str]:
    return {path for method, path in site.requests if method == "GET" and DOCUMENT.match(path)}


@pytest.fixture(scope="module")
def weeks(tmp_path_factory):
    """The site at the end of its history (week 0), a week later with new documents only
    (week 1), and the same week with every kind of change (week 1, all)."""
    tmp = tmp_path_factory.mktemp("weeks")
    today = dt.datetime.now(CHINA).date()  # the week's items are posted today: the crawls run now
    rendered = {}
    for name, kinds in (("w0", KINDS), ("w1_new", ("new",)), ("w1_all", KINDS)):
        out = tmp / name
        week = 0 if name == "w0" else 1
        rendered[name] = (out, render_week(SITE, out, week, kinds, day=today))
    return rendered


@pytest.fixture(scope="module")
def weekly(weeks, tmp_path_factory):
    """Crawls one site week after week, recording the requests of each crawl."""
    tmp = tmp_path_factory.mktemp("weekly")
    site = server.SampleSite.load(weeks["w0"][0])
    server.start([site], port=0)
    sites = write_sites_file(tmp / "sites.toml", [site])
    db = tmp / "audit.duckdb"
    asked = {}
    try:
        for step, rendering, extra in (
            ("first", "w0", ()),
            ("unchanged", "w0", ()),
            ("new", "w1_new", ()),
            ("all", "w1_all", ()),
            ("full", "w1_all", ("--full",)),
        ):
            site.switch(weeks[rendering][0])
            site.requests.clear()
            crawl(sites, db, *extra)
            asked[step] = list(site.requests)
    finally:
        server.stop([site])
    return {
        "db": db,
        "asked": asked,
        "site": site,
        "changes": weeks["w1_all"][1],
        "renderings": {name: out for name, (out, _) in weeks.items()},
    }


def test_a_second_crawl_of_an_unchanged_site_fetches_no_document_and_under_2_percent(weekly):
    first, again = weekly["asked"]["first"], weekly["asked"]["unchanged"]
    assert len(first) > 800
    assert [p for m, p in again if DOCUMENT.match(p)] == []
    assert len(again) <= 0.02 * len(first), (len(again), len(first))
    # what it asked for: robots.txt, the homepage, the directory and each column's first page
    columns = query(weekly["db"], "select count(*) from columns where site_id = ?", [SITE])[0][0]
    assert len(again) <= columns + 4


def test_a_week_with_new_documents_fetches_those_and_the_list_pages_showing_them(weekly, weeks):
    new = set(weeks["w1_new"][1]["new"])
    asked = weekly["asked"]["new"]
    fetched = {p for m, p in asked if DOCUMENT.match(p)}
    assert fetched == new
    # every new item is on its column's first page: no deeper list page is read
    assert not [p for m, p in asked if "dataproxy" in p or re.search(r"index_\d+", p)]
    listed = query(
        weekly["db"],
        "select count(*) from documents where site_id = ? and url like '%' || ? ",
        [SITE, sorted(new)[0]],
    )[0][0]
    assert listed == 1


def test_only_new_changed_and_deep_inserted_documents_are_fetched_in_a_changed_week(weekly):
    changes = weekly["changes"]
    fetched = {p for m, p in weekly["asked"]["all"] if DOCUMENT.match(p)}
    expected = set(
        changes["changed"]
        + changes["backdated"]
        + changes["filled"]
        + changes["republished"]
        + changes["migrated"]
        + changes["late_written"]
        + changes["removed"]  # asked once: gone from the list, does the page still answer?
    )
    assert fetched == expected


def test_the_document_inserted_months_deep_in_its_list_is_found_by_the_incremental_crawl(weekly):
    (backdated,) = weekly["changes"]["backdated"]
    rows = query(
        weekly["db"],
        "select published_date, first_seen_at from documents where site_id = ? and url like ?",
        [SITE, "%" + backdated],
    )
    assert len(rows) == 1
    published, first_seen = rows[0]
    assert (first_seen.date() - published).days > 100


def test_a_changed_document_keeps_its_earlier_version(weekly):
    (changed,) = weekly["changes"]["changed"]
    versions = query(
        weekly["db"],
        "select version, title, changed from document_versions where site_id = ? and url like ? "
        "order by version",
        [SITE, "%" + changed],
    )
    assert [v[0] for v in versions] == [1, 2]
    assert versions[1][1] == versions[0][1] + "（修订）"
    assert "title" in versions[1][2]


def test_a_removed_document_is_marked_not_deleted(weekly):
    removed = weekly["changes"]["removed"]
    rows = query(
        weekly["db"],
        "select url, removed_at, title from documents where site_id = ? and removed_at is not null",
        [SITE],
    )
    assert sorted(r[0].split(":", 2)[2].split("/", 1)[1] for r in rows) == sorted(
        p.lstrip("/") for p in removed
    )
    assert all(r[2] for r in rows)  # the stored copy is kept


def test_a_full_crawl_after_incremental_ones_finds_nothing_new_and_no_second_version(weekly):
    db = weekly["db"]
    full = weekly["asked"]["full"]
    assert len(full) > 800
    versions = query(
        db,
        "select count(*) from document_versions where site_id = ? and version > 1",
        [SITE],
    )[0][0]
    assert versions == 1  # the corrected title only: the incremental crawls missed nothing


def test_a_killed_incremental_crawl_then_a_normal_one_loses_and_duplicates_nothing(weeks, tmp_path):
    site = server.SampleSite.load(weeks["w0"][0])
    server.start([site], port=0)
    sites = write_sites_file(tmp_path / "sites.toml", [site])
    clean, killed = tmp_path / "clean.duckdb", tmp_path / "killed.duckdb"
    try:
        for db in (clean, killed):
            site.switch(weeks["w0"][0])
            crawl(sites, db)
        site.switch(weeks["w1_all"][0])
        crawl(sites, clean)
        stored_before = query(killed, "select count(*) from document_versions")[0][0]
        site.requests.clear()
        site.handler.latency = 1.5  # slow while the crawl that is killed runs
        proc = spawn_zwgk("crawl", "--sites", str(sites), "--db", str(killed), "--no-progress")
        deadline = time.monotonic() + 60
        while len(documents_asked(site)) < 4 and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(7)  # rows are written at least every 5 s
        assert proc.poll() is None, "the crawl ended before it could be killed"
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=30)
        kept = query(working_path(killed), "select count(*) from document_versions")[0][0]
        site.handler.latency = 0
        crawl(sites, killed)
    finally:
        server.stop([site])
    assert kept > stored_before  # the killed run had stored part of the week
    assert query(killed, "select status from runs order by started_at") == [
        ("finished",),
        ("crashed",),
        ("finished",),
    ]
    for sql in (
        "select url, title, published_date, removed_at is null from documents order by url",
        "select url, version, title, body_hash from document_versions order by url, version",
        "select column_url, item_url, title from listings order by all",
        "select url, outcome from link_checks order by url",
    ):
        assert query(killed, sql) == query(clean, sql), sql


def test_evidence_returns_the_exact_bytes_served_for_a_page_that_has_since_changed(
    weekly, weeks, tmp_path
):
    (changed,) = weekly["changes"]["changed"]
    url = f"{weekly['site'].base_url}{changed}"
    listing = run_zwgk("evidence", url, "--db", str(weekly["db"]))
    assert listing.returncode == 0, listing.stderr
    assert listing.stdout.startswith("3 captures of")  # week 0 twice (no change: not fetched),
    # then the corrected page in week 1, and the --full crawl's copy: see below
    out, record = tmp_path / "first.html", tmp_path / "first.warc.gz"
    result = run_zwgk(
        "evidence",
        url,
        "--db",
        str(weekly["db"]),
        "--capture",
        "1",
        "--out",
        str(out),
        "--warc",
        str(record),
    )
    assert result.returncode == 0, result.stderr
    origin = f"127.0.0.1:{weekly['site'].port}".encode()
    served_then = (weeks["w0"][0] / "www" / file_name(changed)).read_bytes()
    assert out.read_bytes() == served_then.replace(b"__ORIGIN__", origin)
    served_now = (weeks["w1_all"][0] / "www" / file_name(changed)).read_bytes()
    assert out.read_bytes() != served_now.replace(b"__ORIGIN__", origin)
    (replayed,) = list(ArchiveIterator(record.open("rb"), check_digests="raise"))
    assert replayed.rec_headers.get_header("WARC-Target-URI") == url
    assert replayed.http_headers.get_statuscode() == "200"


def test_every_stored_document_and_link_check_points_at_its_warc_record(weekly):
    db = weekly["db"]
    unpointed = query(
        db,
        "select count(*) from documents d left join captures c using (warc_file, warc_offset) "
        "where c.url is null",
    )[0][0]
    assert unpointed == 0
    checks = query(
        db, "select count(*), count(warc_file) from link_checks where status is not null"
    )
    assert checks[0][0] == checks[0][1] > 0
    sizes = query(db, "select count(*), count(warc_bytes) from runs")[0]
    assert sizes[0] == sizes[1] == 5


def test_old_warc_files_are_pruned_only_on_command_and_each_is_named(weekly, tmp_path):
    db = tmp_path / "audit.duckdb"
    shutil.copy(weekly["db"], db)
    shutil.copytree(weekly["db"].parent / "warc", tmp_path / "warc")
    dry = run_zwgk("evidence", "--db", str(db), "--prune-older-than", "0", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.count("would remove") == 5
    assert len(list((tmp_path / "warc").iterdir())) == 5
    pruned = run_zwgk("evidence", "--db", str(db), "--prune-older-than", "0")
    assert pruned.returncode == 0, pruned.stderr
    assert pruned.stdout.count("removing") == 5
    assert list((tmp_path / "warc").iterdir()) == []
    assert query(db, "select count(*) from captures where pruned_at is null") == [(0,)]


def backdating_findings(db) -> dict[str, set[str]]:
    """The backdated_dates findings by kind: proven by two crawls, or suggested by one."""
    rows = query(
        db,
        "select url, detail from findings where indicator = 'backdated_dates' "
        "and status = 'finding' and as_of = (select max(as_of) from findings)",
    )
    found = {"backdated": set(), "possibly_backdated": set()}
    for url, detail in rows:
        kind = "possibly_backdated" if detail.startswith("疑似") else "backdated"
        found[kind].add("/" + url.split("/", 3)[3])
    return found


def migrations_listed(db) -> list[tuple[str, int, str]]:
    """The batches listed for a person as possible migrations: (first page, size, detail)."""
    return [
        ("/" + url.split("/", 3)[3], amount, detail)
        for url, amount, detail in query(
            db,
            "select url, amount, detail from findings where indicator = 'backdated_dates' "
            "and status = 'review' and as_of = (select max(as_of) from findings)",
        )
    ]


def test_the_backdated_document_is_found_by_two_crawls_and_no_near_miss(weekly):
    scored = run_zwgk("score", "--db", str(weekly["db"]))
    assert scored.returncode == 0, scored.stderr[-2000:]
    found = backdating_findings(weekly["db"])
    changes = weekly["changes"]
    # the backdated policy and the notice column filled in one day (集中补发), each counted
    assert found["backdated"] == set(changes["backdated"] + changes["filled"])
    # near-misses: a correction posted again with its date, a migrated batch, a late 成文日期
    assert not found["possibly_backdated"] & set(
        changes["republished"] + changes["migrated"] + changes["late_written"]
    )
    (count,) = query(
        weekly["db"],
        "select numerator from indicators where indicator = 'backdated_dates' "
        "and as_of = (select max(as_of) from indicators)",
    )[0]
    assert count == 1 + len(changes["filled"]) == 6
    # the migration (8 old documents of 4 columns under the old system's URL form) is listed
    # once with its size for a person, and counts nothing
    [(first, size, detail)] = migrations_listed(weekly["db"])
    assert (first, size) == (min(changes["migrated"]), len(changes["migrated"]))
    assert "疑似网站迁移" in detail and "涉及 4 个栏目" in detail


def test_one_crawl_suggests_the_backdated_document_by_its_page_number_and_counts_nothing(
    weeks, tmp_path
):
    """One crawl proves nothing: the page numbers only suggest (listed as 疑似, not counted).
    They suggest the backdated policy, and the notice posted again under a new number with its
    old date: its original is gone, so one crawl cannot tell the correction from a backdating
    (two crawls can: test above). The migrated pages keep their old system's own numbers."""
    site = server.SampleSite.load(weeks["w1_all"][0])
    server.start([site], port=0)
    try:
        sites = write_sites_file(tmp_path / "sites.toml", [site])
        db = tmp_path / "once.duckdb"
        crawl(sites, db)
    finally:
        server.stop([site])
    scored = run_zwgk("score", "--db", str(db))
    assert scored.returncode == 0, scored.stderr[-2000:]
    found = backdating_findings(db)
    changes = weeks["w1_all"][1]
    assert found == {
        "backdated": set(),
        "possibly_backdated": set(changes["backdated"] + changes["republished"]),
    }
    assert query(db, "select numerator from indicators where indicator = 'backdated_dates'") == [
        (0,)
    ]


def test_the_scorecard_offers_each_findings_archived_copy_beside_the_live_url(weekly, tmp_path):
    db = weekly["db"]
    assert run_zwgk("score", "--db", str(db)).returncode == 0
    out = tmp_path / "report"
    result = run_zwgk("report", "--db", str(db), "--out", str(out))
    assert result.returncode == 0, result.stderr[-2000:]
    page = (out / "sites" / f"{SITE}.html").read_text(encoding="utf-8")
    (backdated,) = weekly["changes"]["backdated"]
    row = next(line for line in page.splitlines() if backdated in line and "存档" in line)
    archive = re.search(r'class="archive" href="\.\./([^"]+)"', row)[1]
    copy = (out / archive).read_bytes()
    # scripts, frames and requests of the archived page are forbidden; its bytes follow
    assert copy.startswith(b'<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy"')
    served = (weeks_file(weekly, "w1_all", backdated)).replace(b"__ORIGIN__", origin(weekly))
    assert copy.endswith(served)


def weeks_file(weekly, rendering: str, path: str) -> bytes:
    return (weekly["renderings"][rendering] / "www" / file_name(path)).read_bytes()


def origin(weekly) -> bytes:
    return f"127.0.0.1:{weekly['site'].port}".encode()


SCORECARD = (
    "select * exclude (scored_at) from indicators order by all",
    "select * from findings order by all",
)


@pytest.fixture(scope="module")
def scored_weekly(weeks, tmp_path_factory):
    """The weekly job: the site crawled and scored, then crawled and scored again a week later
    (the second scoring brings its kept facts up to date from what the crawl wrote)."""
    tmp = tmp_path_factory.mktemp("scored_weekly")
    site = server.SampleSite.load(weeks["w0"][0])
    server.start([site], port=0)
    sites = write_sites_file(tmp / "sites.toml", [site])
    db = tmp / "audit.duckdb"
    try:
        crawl(sites, db)
        assert run_zwgk("score", "--db", str(db)).returncode == 0
        then = [query(db, sql) for sql in SCORECARD]
        (first_run,) = query(db, "select run_id from runs")[0]
        site.switch(weeks["w1_all"][0])
        crawl(sites, db)
    finally:
        server.stop([site])
    now = run_zwgk("score", "--db", str(db))
    assert now.returncode == 0, now.stderr[-2000:]
    return {"db": db, "then": then, "first_run": first_run}


def test_a_past_scorecard_is_reproduced_exactly_from_a_later_file(scored_weekly, tmp_path):
    db = tmp_path / "audit.duckdb"
    shutil.copy(scored_weekly["db"], db)
    then = scored_weekly["then"]
    assert [query(db, sql) for sql in SCORECARD] != then  # the week changed the scorecard
    again = run_zwgk("score", "--db", str(db), "--known-at", scored_weekly["first_run"])
    assert again.returncode == 0, again.stderr[-2000:]
    assert "known at" in again.stdout
    reproduced = [query(db, sql) for sql in SCORECARD]
    assert reproduced == then


def test_the_weeks_scoring_from_kept_facts_equals_one_computing_them_whole(scored_weekly, tmp_path):
    db = tmp_path / "audit.duckdb"
    shutil.copy(scored_weekly["db"], db)
    kept = [query(db, sql) for sql in SCORECARD]
    assert any(row[2] == "backdated_dates" for row in kept[1])  # the week's backdating found
    with duckdb.connect(str(db)) as con:  # forget the kept facts: computed whole next time
        con.execute("delete from kept_basis")
    whole = run_zwgk("score", "--db", str(db))
    assert whole.returncode == 0, whole.stderr[-2000:]
    assert [query(db, sql) for sql in SCORECARD] == kept
