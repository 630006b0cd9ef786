"""回应关切 (concern_responses): read from the lists of the columns a site itself names 回应关切,
热点回应 …; each case a one-site store with the real schema, scored by the real scoring code."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from analysis.scoring import score
from pipelines.store import Store

AS_OF = dt.date(2026, 11, 20)
SITE = "s"
IN_WINDOW, UNDATED = "2026-11-10", None


def build(path, columns: dict[str, list[tuple[str, str | None, str | None]]]) -> None:
    """columns: name -> [(item, the list's date, the page's 发布日期)]; a page's own column is
    新闻动态 (it was first found there), whatever lists it."""
    store = Store(path)
    try:
        store.sql(
            "insert into sites (site_id, name, homepage) values (?, '某卫健委', 'http://s/')",
            [SITE],
        )
        names = {"新闻动态", *columns}
        for name in names:
            store.sql(
                "insert into columns (site_id, column_url, name, kind) values (?, ?, ?, 'other')",
                [SITE, f"http://s/{name}/", name],
            )
        for name, items in columns.items():
            for item, listed, published in items:
                url = f"http://s/{item}.html"
                store.sql(
                    "insert into documents (site_id, url, title, doc_type, column_url, column_kind, "
                    "published_date) values (?, ?, ?, 'other', 'http://s/新闻动态/', 'news', ?) "
                    "on conflict do nothing",
                    [SITE, url, item, published],
                )
                store.sql(
                    "insert into listings (site_id, column_url, item_url, title, list_date) "
                    "values (?, ?, ?, ?, ?)",
                    [SITE, f"http://s/{name}/", url, item, listed],
                )
    finally:
        store.close()


CASES = [
    # (id, columns, (numerator, passed) or None when not judged, findings, listed for a person)
    ("a response listed in 回应关切, first found under 新闻", {"回应关切": [("r1", None, IN_WINDOW)]}, (1, True), 0, 0),
    ("dated by its list where its page shows no day", {"热点回应": [("r1", IN_WINDOW, None)]}, (1, True), 0, 0),
    ("two columns taken together", {"回应关切": [("r1", IN_WINDOW, None)], "舆情回应": [("r2", IN_WINDOW, None)]}, (2, True), 0, 0),
    ("only before the window", {"回应关切": [("r1", "2024-01-05", "2024-01-05")]}, (0, False), 1, 0),
    ("an empty column", {"回应关切": []}, (0, False), 1, 0),
    ("undated items only: a person looks", {"回应关切": [("r1", UNDATED, None)]}, None, 0, 1),
    ("no column of the kind: not judged", {"新闻动态": [("n1", IN_WINDOW, IN_WINDOW)]}, None, 0, 0),
]  # fmt: skip


@pytest.mark.parametrize(
    ("columns", "verdict", "found", "listed"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_concern_responses_are_read_from_the_columns_lists(
    tmp_path, columns, verdict, found, listed
):
    db = tmp_path / "audit.duckdb"
    build(db, columns)
    con = duckdb.connect(str(db))
    try:
        score(con, as_of=AS_OF, weeks=52, reviews_path=tmp_path / "none.csv")
        row = con.execute(
            "select numerator, passed from indicators where indicator = 'concern_responses'"
        ).fetchone()
        statuses = [s for (s,) in con.execute(
            "select status from findings where indicator = 'concern_responses'"
        ).fetchall()]  # fmt: skip
    finally:
        con.close()
    assert row == verdict
    assert (statuses.count("finding"), statuses.count("review")) == (found, listed)
