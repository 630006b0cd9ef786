"""When a column's walk reads on (crawlers/walk.py `ColumnWalk.wants_more`): the rule that keeps an
unchanged week's crawl to each column's first list page without missing what is new."""

from __future__ import annotations

import pytest

from crawlers.walk import ColumnWalk

KNOWN = {"http://s/art/1.html", "http://s/art/2.html"}

# (case, incremental, known at the last full walk, stated then, rows read (new or not), stated now,
#  reads on)
CASES = [
    ("a full walk reads every page", False, KNOWN, 2, [False, False], 2, True),
    ("a full walk reads past an empty page", False, set(), 0, [], 0, True),
    ("an empty list stating 共有0条, empty before", True, set(), 0, [], 0, False),
    ("an empty list stating 0 for the first time", True, set(), None, [], 0, False),
    ("an empty page stating 0, items known before", True, KNOWN, 2, [], 0, True),
    ("a shell without rows or total", True, KNOWN, 2, [], None, True),
    ("a shell stating an unchanged total", True, KNOWN, 2, [], 2, True),
    ("a shell without rows, nothing known, no total", True, set(), None, [], None, True),
    ("all rows known, the total unchanged", True, KNOWN, 2, [False, False], 2, False),
    ("one new row, the total grown by one", True, KNOWN, 2, [True, False, False], 3, False),
    ("one new row, the total grown by two", True, KNOWN, 2, [True, False, False], 4, True),
    ("no total, the last row new", True, KNOWN, None, [True, True], None, True),
    ("no total, the last row known", True, KNOWN, None, [True, False], None, False),
]


@pytest.mark.parametrize(
    "incremental,known,stated_before,new,stated,reads_on",
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_whether_a_walk_reads_on(incremental, known, stated_before, new, stated, reads_on):
    walk = ColumnWalk(
        {"column_url": "http://s/col/1/"},
        known_items=set(known),
        stated_before=stated_before,
        incremental=incremental,
    )
    known_rows = iter(sorted(KNOWN))
    urls = [
        f"http://s/art/new{n}.html" if is_new else next(known_rows) for n, is_new in enumerate(new)
    ]
    walk.read(urls, new, stated)
    assert walk.wants_more(new) is reads_on
    if incremental and not reads_on:
        assert walk.accounted or stated is None  # stopped by the stated total, or by a known row
