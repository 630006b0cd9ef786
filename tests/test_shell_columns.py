"""A shell column (a page without rows that loads them from one address: 岭南's gkmlpt columns and
their JSON API) in the weekly job: an unchanged week asks for the list directly, not the shell;
a list that moved since the last crawl is found again through the shell, and nothing is lost; a
list that is down is a dead link and its column is not concluded on."""

from __future__ import annotations

import duckdb
import pytest

from pipelines.publish import working_path
from samples.server import Faults

from .conftest import run_zwgk, write_sites_file
from .support.db import query

SITE = "lingnan"
SHELL = "/gkmlpt/column/"
API = "/gkmlpt/api/all/"
FIRST = "?page=1&sid=lingnan"  # a list's first page, on the platform's site 岭南
MOVED_FROM = f"/gkmlpt/api/v1/3{FIRST}"  # where column 3's list was, as the last crawl recorded
DOWN = "4"  # the column whose list answers 404 in the fourth week
RESET = "5"  # the column whose list drops every connection in the fifth


def crawl(sites, db, expect: int = 0) -> None:
    result = run_zwgk("crawl", "--sites", str(sites), "--db", str(db), "--no-progress")
    assert result.returncode == expect, result.stderr[-3000:]


@pytest.fixture(scope="module")
def weeks(sample_sites, tmp_path_factory):
    """岭南 crawled in full, again unchanged, again after its column 3's list 'moved', again with
    its column 4's list answering 404, and again with its column 5's list dropping connections."""
    site = sample_sites[SITE]
    tmp = tmp_path_factory.mktemp("shells")
    sites = write_sites_file(tmp / "sites.toml", [site])
    db = tmp / "audit.duckdb"
    asked, runs = {}, {}
    lists = site.data["gkmlpt_api"]
    for step in ("first", "unchanged", "moved", "down", "reset"):
        if step == "moved":  # the last crawl read column 3's rows at an address that is gone
            con = duckdb.connect(str(working_path(db)))
            con.execute(
                "update columns set list_url = replace(list_url, ?, ?) where column_url like ?",
                [f"{API}3{FIRST}", MOVED_FROM, f"%{SHELL}3"],
            )
            con.close()
        down = lists.pop(DOWN) if step == "down" else None
        if step == "reset":
            site.faults = Faults(reset={f"{API}{RESET}{FIRST}": None})
        site.requests.clear()
        try:
            crawl(sites, db, expect=3 if step == "reset" else 0)
        finally:  # the server is the session's: as it was
            if down is not None:
                lists[DOWN] = down
            site.faults = None
        asked[step] = [path for _, path in site.requests]
        runs[step] = query(db, "select max(run_id) from site_runs")[0][0]
    return {"db": db, "asked": asked, "runs": runs}


def test_a_first_crawl_records_where_each_shell_loads_its_rows(weeks):
    lists = query(
        weeks["db"],
        "select column_url, list_url from columns where site_id = ? and column_url like ?",
        [SITE, f"%{SHELL}%"],
    )
    assert len(lists) > 10
    for column_url, list_url in lists:
        number = column_url.rsplit("/", 1)[1]
        assert list_url.endswith(f"{API}{number}{FIRST}"), (column_url, list_url)


def test_an_unchanged_week_asks_for_each_list_and_no_shell(weeks):
    first, again = weeks["asked"]["first"], weeks["asked"]["unchanged"]
    shells = {p for p in first if p.startswith(SHELL)}
    assert len(shells) > 10
    assert [p for p in again if p.startswith(SHELL)] == []
    assert sorted(p for p in again if p.startswith(API)) == sorted(
        p.replace(SHELL, API) + FIRST for p in shells
    )


def test_a_list_that_moved_is_found_again_through_its_shell(weeks):
    asked = weeks["asked"]["moved"]
    # the recorded address fails; its shell is read; the list it names now is read
    order = [p for p in asked if p in (MOVED_FROM, f"{SHELL}3", f"{API}3{FIRST}")]
    assert order == [MOVED_FROM, f"{SHELL}3", f"{API}3{FIRST}"]
    assert [p for p in asked if p.startswith(SHELL)] == [f"{SHELL}3"]
    (list_url,) = query(
        weeks["db"],
        "select list_url from columns where site_id = ? and column_url like ?",
        [SITE, f"%{SHELL}3"],
    )[0]
    assert list_url.endswith(f"{API}3{FIRST}")
    # the paging gave way: no dead link recorded, no document of the column marked removed
    assert query(
        weeks["db"],
        "select count(*) from dead_links where site_id = ? and url like ?",
        [SITE, f"%{MOVED_FROM}"],
    ) == [(0,)]
    assert query(
        weeks["db"],
        "select count(*) from documents where site_id = ? and removed_at is not null",
        [SITE],
    ) == [(0,)]


def test_a_list_that_is_down_is_a_dead_link_and_its_column_is_not_concluded_on(weeks):
    asked = weeks["asked"]["down"]
    down = f"{API}{DOWN}{FIRST}"
    # the list, then its shell, which names the same list: not asked again
    assert [p for p in asked if p in (down, f"{SHELL}{DOWN}")] == [down, f"{SHELL}{DOWN}"]
    run = weeks["runs"]["down"]
    assert query(
        weeks["db"],
        "select outcome from link_check_history where run_id = ? and url like ?",
        [run, f"%{down}"],
    ) == [("dead",)]
    assert query(
        weeks["db"],
        "select complete from column_walks where run_id = ? and column_url like ?",
        [run, f"%{SHELL}{DOWN}"],
    ) == [(False,)]  # its known items not seen are not asked after, nor removed


def test_a_list_that_drops_the_connection_leaves_the_site_partial(weeks):
    """No answer at all from the list, an answer from its shell: the site's run is partial, as
    when the shell is read first and its list fails."""
    asked, run = weeks["asked"]["reset"], weeks["runs"]["reset"]
    dropped, shell = f"{API}{RESET}{FIRST}", f"{SHELL}{RESET}"
    # the list asked (and retried) until given up, then its shell once, then the list no more
    attempts = [p for p in asked if p in (dropped, shell)]
    assert attempts.count(shell) == 1 and attempts[-1] == shell and len(attempts) >= 3
    assert query(weeks["db"], "select status, failures from site_runs where run_id = ?", [run]) == [
        ("partial", 1)
    ]
    assert query(
        weeks["db"],
        "select outcome from link_check_history where run_id = ? and url like ?",
        [run, f"%{dropped}"],
    ) == [("unreachable",)]
