"""Publications due once a period: the one home of the periodic duties' mechanism.

An indicator whose rule has a `period` is a periodic duty: a document (the rule's `document`,
known by its `titles`) due each month or each year, by the end of the `due_months`-th month
counted from the period's first month (a month's 疫情概况 by the end of the next: 2; a year's
重大行政决策事项目录 within its year: 12; a year's 部门决算 within the year after: 24), from
the sites of the rule's `levels` (all levels when it names none). `expected_from` says when a
publication can first be expected: during its period (`start`: a catalogue, a budget) or once
the period is over (`end`: a month's statistics, a year's final accounts); it also places a
document whose title names no period (published in its period, or in the period after it).
`excluded_titles` (optional) are title words that make a matching title another document (a
所属单位's budget is not the department's).
Where the source's own deadline cannot be seen from the site (a budget is due 20 days after its
批复, whose day no page shows), `review_after_months` is the usual bound: a publication after it
but within the deadline is listed for a person (待人工判断), not counted.

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
    excluded = rule.get("excluded_titles", [])
    if not isinstance(excluded, list) or not all(isinstance(t, str) for t in excluded):
        wrong.append(f"[{name}] excluded_titles must be a list of regular expressions")
    review = rule.get("review_after_months")
    if review is not None and not (
        isinstance(review, int) and not isinstance(review, bool) and 1 <= review < due
    ):
        wrong.append(f"[{name}] review_after_months must be a whole number below due_months")
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
        "title_pattern varchar, excluded_pattern varchar, levels varchar[], "
        "review_after_months integer)"
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
            "|".join(f"(?:{t})" for t in rule.get("excluded_titles", [])) or None,
            rule.get("levels"),
            rule.get("review_after_months"),
        )
        for name, rule in table.items()
        if is_periodic(rule)
    ]
    if rows:
        con.executemany("insert into periodic_duties values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
