"""Running the crawl as an assessor does: twice, interrupted, against a locked file, bad input."""

from __future__ import annotations

import re
import signal
import threading
import time
from http.server import BaseHTTPRequestHandler

import duckdb
import pytest

from pipelines.publish import working_path
from samples import server

from .conftest import ROOT, run_zwgk, spawn_zwgk, write_sites_file
from .support.holder import database_held_open

COUNT_SQL = {
    "documents": "select count(*) from documents",
    "fields": "select count(*) from document_fields",
    "links": "select count(*) from document_links",
    "checks": "select count(*) from link_checks",
    "columns": "select count(*) from columns",
}


def counts(db) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {name: con.execute(sql).fetchone()[0] for name, sql in COUNT_SQL.items()}
    finally:
        con.close()


@pytest.fixture()
def county_site():
    """The legacy GBK county site alone, with its trap and its redirect loop."""
    sites = server.start(server.load_sites(only=["shiling"]), port=0)
    yield sites[0]
    server.stop(sites)


def test_a_second_run_stores_nothing_twice(county_site, tmp_path):
    sites = write_sites_file(tmp_path / "sites.toml", [county_site])
    db = tmp_path / "a.duckdb"
    assert (
        run_zwgk("crawl", "--sites", str(sites), "--db", str(db), "--no-progress").returncode == 0
    )
    first = counts(db)
    con = duckdb.connect(str(db), read_only=True)
    seen = dict(con.execute("select url, first_seen_at from documents").fetchall())
    con.close()
    assert (
        run_zwgk("crawl", "--sites", str(sites), "--db", str(db), "--no-progress").returncode == 0
    )
    assert counts(db) == first
    con = duckdb.connect(str(db), read_only=True)
    assert dict(con.execute("select url, first_seen_at from documents").fetchall()) == seen
    assert [
        r[0] for r in con.execute("select status from runs order by started_at").fetchall()
    ] == ["finished"] * 2
    con.close()


def test_a_crawl_opens_its_working_file_once(county_site, tmp_path):
    """Checked, crawled, its outcome and summary read and published through one connection:
    a large working file is not opened again for each step (issue 27)."""
    from .support.count_opens import opens_of, zwgk_counting_opens

    sites = write_sites_file(tmp_path / "sites.toml", [county_site])
    db, log = tmp_path / "a.duckdb", tmp_path / "opens.log"
    done = zwgk_counting_opens(
        log, "crawl", "--sites", str(sites), "--db", str(db), "--no-progress", cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    assert opens_of(log, working_path(db)) == ["rw"]
    assert "database: " in done.stdout  # published: the summary's last line


DOCUMENT_SQL = """
    select * exclude (fetched_at, first_seen_at, last_seen_at, run_id, warc_file, warc_offset,
                     stored_seq)
    from documents order by url
"""


def test_reading_pages_in_workers_or_in_process_stores_the_same(county_site, tmp_path):
    sites = write_sites_file(tmp_path / "sites.toml", [county_site])
    stored = {}
    for workers in ("0", "2"):
        db = tmp_path / f"w{workers}.duckdb"
        result = run_zwgk(
            "crawl",
            "--sites",
            str(sites),
            "--db",
            str(db),
            "--no-progress",
            "-v",
            "--workers",
            workers,
        )
        assert result.returncode == 0, result.stderr
        con = duckdb.connect(str(db), read_only=True)
        stored[workers] = (
            con.execute(DOCUMENT_SQL).fetchall(),
            con.execute("select * from document_fields order by all").fetchall(),
            con.execute("select * from document_links order by all").fetchall(),
        )
        con.close()
        in_workers = re.search(r"'zwgk/pages_extracted_in_workers': (\d+)", result.stderr)
        # every document page went to the workers, or none did
        assert int(in_workers[1]) == (len(stored[workers][0]) if workers == "2" else 0)
    assert len(stored["0"][0]) > 100
    assert stored["2"] == stored["0"]


def test_traps_end(county_site, tmp_path):
    """The calendar trap and the redirect loop, even when a profile points the crawl at them."""
    base = county_site.base_url
    columns = f'{{ "通知公告" = "{base}/Article/ShowClass.asp?ClassID=13", "活动日历" = "{base}/calendar.asp?d=2026-11-20", "旧版栏目" = "{base}/old/" }}'
    sites = write_sites_file(tmp_path / "sites.toml", [county_site], shiling={"columns": columns})
    db = tmp_path / "trap.duckdb"
    result = run_zwgk("crawl", "--sites", str(sites), "--db", str(db), "--no-progress", timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    con = duckdb.connect(str(db), read_only=True)
    calendar_pages = con.execute(
        "select count(*) from listings where item_url like '%calendar%'"
    ).fetchone()[0]
    notices = con.execute(
        "select count(*) from documents where column_name = '通知公告'"
    ).fetchone()[0]
    loops = con.execute(
        "select url, found_on, status, error from link_checks where error like 'redirect loop%'"
    ).fetchall()
    con.close()
    assert calendar_pages == 0 and notices > 50
    # the column that redirects in a circle is a dead link, not silently nothing
    assert loops == [
        (
            f"{base}/old/",
            "profile",
            302,
            f"redirect loop: {base}/old/ → {base}/old/index.asp → {base}/old/",
        )
    ]


def test_a_page_robots_txt_forbids_is_not_fetched_and_not_called_dead(county_site, tmp_path):
    base = county_site.base_url
    columns = f'{{ "通知公告" = "{base}/Article/ShowClass.asp?ClassID=13", "站内搜索" = "{base}/search/" }}'
    sites = write_sites_file(tmp_path / "sites.toml", [county_site], shiling={"columns": columns})
    db = tmp_path / "robots.duckdb"
    result = run_zwgk("crawl", "--sites", str(sites), "--db", str(db), "--no-progress", "-v")
    assert result.returncode == 0, result.stderr[-2000:]
    assert f"{base}/search/ not fetched: IgnoreRequest: Forbidden by robots.txt" in result.stderr
    con = duckdb.connect(str(db), read_only=True)
    dead = con.execute("select url from dead_links").fetchall()
    outcome = con.execute(
        "select outcome from link_checks where url = ?", [f"{base}/search/"]
    ).fetchall()
    con.close()
    assert (f"{base}/search/",) not in dead
    assert outcome == [("robots",)]


def test_a_second_process_on_the_working_file_is_named_and_nothing_is_lost(county_site, tmp_path):
    db = tmp_path / "locked.duckdb"
    sites = write_sites_file(tmp_path / "sites.toml", [county_site])
    assert (
        run_zwgk("crawl", "--sites", str(sites), "--db", str(db), "--no-progress").returncode == 0
    )
    before = counts(working_path(db))
    with database_held_open(working_path(db)) as holder_pid:
        result = run_zwgk("crawl", "--sites", str(sites), "--db", str(db), "--no-progress")
    assert result.returncode == 2
    assert f"{working_path(db)} is open in another process" in result.stderr
    assert f"PID {holder_pid}" in result.stderr and "--db" in result.stderr
    assert "Traceback" not in result.stderr
    assert counts(working_path(db)) == before == counts(db)


@pytest.mark.parametrize(
    "content, message",
    [
        ("[[site]]\nid = 'x'\nname = 'X'\n", "missing homepage"),
        ("[[site]]\nid = 'x'\nname = 'X'\nhomepage = 'ftp://x'\n", "http(s) URL"),
        ("[[site]\n", "not valid TOML"),
        (
            "[[site]]\nid = 'x'\nname = 'X'\nhomepage = 'http://127.0.0.1:1/'\nlevle = 'county'\n",
            "unknown keys",
        ),
    ],
)
def test_a_bad_sites_file_is_refused_before_crawling(tmp_path, content, message):
    sites = tmp_path / "bad.toml"
    sites.write_text(content, encoding="utf-8")
    result = run_zwgk("crawl", "--sites", str(sites), "--db", str(tmp_path / "x.duckdb"))
    assert result.returncode == 2
    assert message in result.stderr and str(sites) in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "x.duckdb").exists()  # refused before anything was opened


def test_an_interrupted_crawl_keeps_what_it_fetched(tmp_path):
    counter = server.Faults()  # no faults: it only counts the requests served
    slow = server.start(
        server.load_sites(only=["nhc"]), port=0, latency_ms=100, faults={"nhc": counter}
    )
    try:
        sites = write_sites_file(tmp_path / "sites.toml", slow)
        db = tmp_path / "int.duckdb"
        proc = spawn_zwgk("crawl", "--sites", str(sites), "--db", str(db), "--no-progress")
        # Ctrl-C once some 60 pages were served, not after a fixed 5 s, which a loaded machine
        # (the suite's parallel workers) may spend starting the crawl
        deadline = time.monotonic() + 120
        while counter.served < 60 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.1)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=120)
    finally:
        server.stop(slow)
    assert proc.returncode == 130, err[-2000:]
    assert "interrupted" in err
    assert not db.exists()  # an interrupted crawl is not published
    con = duckdb.connect(str(working_path(db)), read_only=True)
    status = con.execute("select status from runs").fetchone()[0]
    stored = con.execute("select count(*) from documents").fetchone()[0]
    con.close()
    assert status == "interrupted"
    assert 0 < stored < 568


class EndlessRedirects(BaseHTTPRequestHandler):
    """/r/N answers 302 → /r/N+1, for ever: no loop, just more redirects than Scrapy follows."""

    def do_GET(self):
        if self.path.startswith("/r/"):
            self.send_response(302)
            self.send_header("Location", f"/r/{int(self.path[3:]) + 1}")
            self.send_header("Content-Length", "0")
        else:
            self.send_response(404)
            self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def test_a_column_that_redirects_without_end_is_a_dead_link(tmp_path):
    httpd = server.LocalServer(("127.0.0.1", 0), EndlessRedirects)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    try:
        sites = tmp_path / "sites.toml"
        sites.write_text(
            f'[[site]]\nid = "endless"\nname = "无尽跳转"\nhomepage = "{base}/"\nprivate_network = true\n'
            f'columns = {{ "通知公告" = "{base}/r/0" }}\n',
            encoding="utf-8",
        )
        db = tmp_path / "endless.duckdb"
        result = run_zwgk("crawl", "--sites", str(sites), "--db", str(db), "--no-progress")
    finally:
        httpd.shutdown()
    # the only page the profile names never answers with a page: the site is unreachable
    assert result.returncode == 3, result.stderr[-2000:]
    assert f"endless unreachable: {base}/r/0: IgnoreRequest: max redirections reached" in (
        result.stdout
    )
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute("select url, found_on, status, error from dead_links").fetchall()
    con.close()
    assert rows == [
        (
            f"{base}/r/0",
            "profile",
            None,
            f"IgnoreRequest: max redirections reached (after 5 redirects, at {base}/r/5)",
        ),
    ]


def test_the_first_full_crawl_of_a_windowed_pager_list_records_its_walk(tmp_path):
    """A Hanweb list paged as index_N.html with a windowed pager whose 下一页 spells the next page
    with a fragment (tests/support/windowed_pager.py; page 5 saved in tests/files/hanweb/
    list_windowed_pager.html): every page is read once and the walk is recorded, so a later
    crawl can prove a date backdated against it. Scrapy's duplicate filter used to drop the
    second spelling of a page the walk waited for: no walk was recorded at all."""
    from .support import windowed_pager

    saved = (ROOT / "tests/files/hanweb/list_windowed_pager.html").read_text(encoding="utf-8")
    assert saved == windowed_pager.list_page(5)
    httpd = windowed_pager.serve()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    try:
        sites = tmp_path / "sites.toml"
        sites.write_text(
            f'[[site]]\nid = "wp"\nname = "某市卫生健康委员会"\nhomepage = "{base}/"\n'
            "private_network = true\n",
            encoding="utf-8",
        )
        db = tmp_path / "wp.duckdb"
        result = run_zwgk("crawl", "--sites", str(sites), "--db", str(db), "--no-progress")
    finally:
        httpd.shutdown()
    assert result.returncode == 0, result.stderr[-2000:]
    con = duckdb.connect(str(db), read_only=True)
    walks = con.execute(
        "select column_url, pages, listed, complete, incremental from column_walks"
    ).fetchall()
    documents = con.execute("select count(*) from documents").fetchone()[0]
    con.close()
    total = windowed_pager.TOTAL
    assert walks == [(f"{base}/col/col5678/", windowed_pager.PAGES, total, True, False)]
    assert documents == total


def test_a_walk_asks_for_one_page_once_however_it_is_spelled():
    """A walk waits for every page it asks for, so it must never ask twice for what Scrapy's
    duplicate filter takes for one page (no fragment, the query in any order)."""
    from crawlers.families.base import PageRequest
    from crawlers.walk import ColumnWalk

    walk = ColumnWalk({"column_url": "http://s/col/col1/index.html"})
    walk.add_pages(
        [
            PageRequest("http://s/col/col1/index.html?uid=1&pageNum=2"),
            PageRequest("http://s/col/col1/index.html?pageNum=2&uid=1#list"),
            PageRequest("http://s/col/col1/index.html?uid=1&pageNum=3"),
        ]
    )
    asked = []
    while (page := walk.next_page()) is not None:
        asked.append(page.url)
    assert asked == [
        "http://s/col/col1/index.html?uid=1&pageNum=2",
        "http://s/col/col1/index.html?uid=1&pageNum=3",
    ]
