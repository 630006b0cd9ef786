"""A shell column (a page without rows that loads them from one address: 岭南's gkmlpt columns and
their JSON API) in the weekly job: an unchanged week asks for the list directly, not the shell;
a list that moved since the last crawl is found again through the shell, and nothing is lost; a
list that is down is a dead link and its column is not concluded on."""

from __future__ import annotations

import duckdb
import pytest

from pipelines.publish import working_path

from .conftest import run_zwgk, write_sites_file
from .support.db import query

SITE = "lingnan"
SHELL = "/gkmlpt/column/"
API = "/gkmlpt/api/all/"
MOVED_FROM = "/gkmlpt/api/v1/3?page=1"  # where column 3's list was, as the last crawl recorded
DOWN = "4"  # the column whose list answers 404 in the last week


def crawl(sites, db) -> None:
    result = run_zwgk("crawl", "--sites", str(sites), "--db", str(db), "--no-progress")
    assert result.returncode == 0, result.stderr[-3000:]


@pytest.fixture(scope="module")
def weeks(sample_sites, tmp_path_factory):
    """岭南 crawled in full, again unchanged, again after its column 3's list 'moved', and again
    with its column 4's list down."""
    site = sample_sites[SITE]
    tmp = tmp_path_factory.mktemp("shells")
    sites = write_sites_file(tmp / "sites.toml", [site])
    db = tmp / "audit.duckdb"
    asked = {}
    lists = site.data["gkmlpt_api"]
    for step in ("first", "unchanged", "moved", "down"):
        if step == "moved":  # the last crawl read column 3's rows at an address that is gone
            con = duckdb.connect(str(working_path(db)))
            con.execute(
                "update columns set list_url = replace(list_url, ?, ?) where column_url like ?",
                [f"{API}3?page=1", MOVED_FROM, f"%{SHELL}3"],
            )
            con.close()
        down = lists.pop(DOWN) if step == "down" else None
        site.requests.clear()
        try:
            crawl(sites, db)
        finally:
            if down is not None:
                lists[DOWN] = down  # the server is the session's: as it was
        asked[step] = [path for _, path in site.requests]
    return {"db": db, "asked": asked}


def test_a_first_crawl_records_where_each_shell_loads_its_rows(weeks):
    lists = query(
        weeks["db"],
        "select column_url, list_url from columns where site_id = ? and column_url like ?",
        [SITE, f"%{SHELL}%"],
    )
    assert len(lists) > 10
    for column_url, list_url in lists:
        number = column_url.rsplit("/", 1)[1]
        assert list_url.endswith(f"{API}{number}?page=1"), (column_url, list_url)


def test_an_unchanged_week_asks_for_each_list_and_no_shell(weeks):
    first, again = weeks["asked"]["first"], weeks["asked"]["unchanged"]
    shells = {p for p in first if p.startswith(SHELL)}
    assert len(shells) > 10
    assert [p for p in again if p.startswith(SHELL)] == []
    assert sorted(p for p in again if p.startswith(API)) == sorted(
        p.replace(SHELL, API) + "?page=1" for p in shells
    )


def test_a_list_that_moved_is_found_again_through_its_shell(weeks):
    asked = weeks["asked"]["moved"]
    # the recorded address fails; its shell is read; the list it names now is read
    order = [p for p in asked if p in (MOVED_FROM, f"{SHELL}3", f"{API}3?page=1")]
    assert order == [MOVED_FROM, f"{SHELL}3", f"{API}3?page=1"]
    assert [p for p in asked if p.startswith(SHELL)] == [f"{SHELL}3"]
    (list_url,) = query(
        weeks["db"],
        "select list_url from columns where site_id = ? and column_url like ?",
        [SITE, f"%{SHELL}3"],
    )[0]
    assert list_url.endswith(f"{API}3?page=1")
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
    down = f"{API}{DOWN}?page=1"
    # the list, then its shell, which names the same list: not asked again
    assert [p for p in asked if p in (down, f"{SHELL}{DOWN}")] == [down, f"{SHELL}{DOWN}"]
    assert query(
        weeks["db"],
        "select count(*) from dead_links where site_id = ? and url like ?",
        [SITE, f"%{down}"],
    ) == [(1,)]
    (complete,) = query(
        weeks["db"],
        "select complete from column_walks where site_id = ? and column_url like ? "
        "order by walked_at desc limit 1",
        [SITE, f"%{SHELL}{DOWN}"],
    )[0]
    assert complete is False  # its known items not seen are not asked after, nor removed
