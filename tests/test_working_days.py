"""Working days across the edges: 调休 weekends, long holidays, and a year no calendar covers."""

from __future__ import annotations

import datetime as dt

import pytest

from analysis.scoring import score
from analysis.workdays import BASIS_LABELS, calendar_table, load_overrides
from pipelines.store import Store

D = dt.date


def lag(start: dt.date, end: dt.date, overrides=None) -> tuple[int, str]:
    rows = calendar_table(start, end, {} if overrides is None else overrides).to_pylist()
    basis = {r["basis"] for r in rows}
    weakest = next(b for b in ("estimated", "override", "official") if b in basis)
    return rows[-1]["workday_index"] - rows[0]["workday_index"], weakest


@pytest.mark.parametrize(
    "policy, interpretation, working_days, calendar_days, mon_fri, basis, why",
    [
        (
            D(2025, 9, 25),
            D(2025, 9, 30),
            4,
            5,
            3,
            "official",
            "Sunday 9-28 is a working day (国庆调休): late",
        ),
        (
            D(2025, 9, 30),
            D(2025, 10, 9),
            1,
            9,
            7,
            "official",
            "国庆 8 days off: looks late, is not",
        ),
        (D(2026, 2, 13), D(2026, 2, 25), 3, 12, 8, "official", "春节 2026: on time"),
        (D(2025, 5, 1), D(2025, 5, 6), 1, 5, 3, "official", "劳动节 5-1…5-5 off"),
        (
            D(2026, 12, 30),
            D(2027, 1, 5),
            4,
            6,
            4,
            "estimated",
            "2027 is no calendar's yet: Mon–Fri",
        ),
    ],
)
def test_working_days_between(
    policy, interpretation, working_days, calendar_days, mon_fri, basis, why
):
    got = lag(policy, interpretation)
    mon_fri_count = sum(
        1
        for i in range(1, (interpretation - policy).days + 1)
        if (policy + dt.timedelta(i)).weekday() < 5
    )
    assert (got, (interpretation - policy).days, mon_fri_count) == (
        (working_days, basis),
        calendar_days,
        mon_fri,
    ), why


def test_an_override_file_covers_a_year_the_package_lacks(tmp_path):
    overrides = tmp_path / "overrides.toml"
    overrides.write_text(
        '[[year]]\nyear = 2027\nsource = "国务院办公厅关于2027年部分节假日安排的通知（测试用）"\n'
        'holidays = ["2027-01-01"]\nworkdays = []\n',
        encoding="utf-8",
    )
    assert lag(D(2026, 12, 30), D(2027, 1, 5), load_overrides(overrides)) == (3, "override")


def test_a_bad_override_file_is_refused_by_name(tmp_path):
    overrides = tmp_path / "overrides.toml"
    overrides.write_text('[[year]]\nyear = 2027\nholidays = ["2027-13-01"]\n', encoding="utf-8")
    with pytest.raises(ValueError, match="overrides.toml"):
        load_overrides(overrides)


def document(url: str, doc_type: str, published: dt.date, title: str) -> dict:
    return {
        "site_id": "s",
        "url": f"http://s.example.gov.cn/{url}",
        "title": title,
        "doc_type": doc_type,
        "column_kind": doc_type,
        "published_date": published,
    }


def test_an_interpretation_across_new_year_2027_is_scored_as_estimated(tmp_path):
    store = Store(tmp_path / "a.duckdb")
    store.upsert(
        "sites", [{"site_id": "s", "name": "某卫健委", "homepage": "http://s.example.gov.cn/"}]
    )
    store.upsert(
        "documents",
        [
            document("p1.html", "policy", D(2026, 12, 30), "关于印发《某某工作方案》的通知"),
            document("i1.html", "interpretation", D(2027, 1, 5), "一图读懂《某某工作方案》"),
        ],
    )
    result = score(store.con, as_of=D(2027, 1, 8), weeks=4)
    pairs = store.sql("select method, lag_workdays, lag_basis from pairs")
    timeliness = store.sql(
        "select numerator, denominator, passed, basis from indicators "
        "where indicator = 'interpretation_timeliness'"
    )
    detail = store.sql("select detail from findings where indicator = 'interpretation_timeliness'")
    store.close()
    assert result.estimated_days
    assert pairs == [("quote", 4, "estimated")]
    # late on a Monday–Friday count; the figure says it is an estimate
    assert timeliness == [(0, 1, False, "estimated")]
    assert BASIS_LABELS["estimated"] in detail[0][0]  # the finding says so, in Chinese
