"""Publications due once a period: the one home of the periodic duties' mechanism.

An indicator whose rule has a `period` is a periodic duty: a document (the rule's `document`,
known by its `titles`) due each month or each year, by the end of the `due_months`-th month
counted from the period's first month (a month's 疫情概况 by the end of the next: 2; a year's
重大行政决策事项目录 within its year: 12; a year's 部门决算 within the year after: 24), from
the sites of the rule's `levels` (all levels when it names none). `expected_from` says when a
publication can first be expected: during its period (`start`: a catalogue, a budget) or once
the period is over (`end`: a month's statistics, a year's final accounts); it also places a
document whose title names no period (published in its period, or in the period after it).

Scoring writes one row per duty into the temporary table `periodic_duties`
(`write_duties`); `analysis/sql/intermediate/int_periodic_due.sql` works out every period of
every duty; each indicator file selects its own duty's rows from it.
"""

from __future__ import annotations

import duckdb

PERIOD_MONTHS = {"month": 1, "year": 12}
EXPECTED_FROM = ("start", "end")
KEYS = ("period", "due_months", "expected_from", "titles", "document")


def is_periodic(rule: dict) -> bool:
    return "period" in rule


def problems(name: str, rule: dict) -> list[str]:
    """What is wrong with a periodic duty's rule (an empty list: nothing)."""
    wrong = [f"[{name}] needs `{key}`" for key in KEYS if key not in rule]
    if wrong:
        return wrong
    if rule["period"] not in PERIOD_MONTHS:
        wrong.append(f"[{name}] period must be one of {list(PERIOD_MONTHS)}")
    if rule["expected_from"] not in EXPECTED_FROM:
        wrong.append(f"[{name}] expected_from must be one of {list(EXPECTED_FROM)}")
    due = rule["due_months"]
    if not isinstance(due, int) or isinstance(due, bool) or due < 1:
        wrong.append(f"[{name}] due_months must be a whole number of months, at least 1")
    titles = rule["titles"]
    if not isinstance(titles, list) or not titles or not all(isinstance(t, str) for t in titles):
        wrong.append(f"[{name}] titles must be a list of regular expressions")
    levels = rule.get("levels")
    if levels is not None and not (
        isinstance(levels, list) and all(isinstance(v, str) for v in levels)
    ):
        wrong.append(f"[{name}] levels must be a list of levels")
    return wrong


def write_duties(con: duckdb.DuckDBPyConnection, table: dict[str, dict]) -> None:
    """The temporary table `periodic_duties`, one row per periodic indicator of the rules."""
    con.execute(
        "create or replace temp table periodic_duties (indicator varchar, document varchar, "
        "period varchar, period_months integer, due_months integer, expected_from varchar, "
        "title_pattern varchar, levels varchar[])"
    )
    rows = [
        (
            name,
            rule["document"],
            rule["period"],
            PERIOD_MONTHS[rule["period"]],
            int(rule["due_months"]),
            rule["expected_from"],
            "|".join(f"(?:{t})" for t in rule["titles"]),
            rule.get("levels"),
        )
        for name, rule in table.items()
        if is_periodic(rule)
    ]
    if rows:
        con.executemany("insert into periodic_duties values (?, ?, ?, ?, ?, ?, ?, ?)", rows)
