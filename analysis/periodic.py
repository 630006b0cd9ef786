"""Publications due once a period: the one home of the periodic duties' mechanism.

An indicator whose rule has a `period` is a periodic duty: a document (the rule's `document`,
known by its `titles`) due each month, each year or every two years (counted from the rule's
`first_year`), by the end of the `due_months`-th month
counted from the period's first month (a month's 疫情概况 by the end of the next: 2; a year's
重大行政决策事项目录 within its year: 12; a year's 部门决算 within the year after: 24), from
the sites of the rule's `levels` (all levels when it names none). `expected_from` says when a
publication can first be expected: during its period (`start`: a catalogue, a budget) or once
the period is over (`end`: a month's statistics, a year's final accounts); it also places a
document whose title names no period (published in its period, or in the period after it).
`where_published` (optional) judges only the sites that have published the document, from the
first period they published it for (a series a site keeps of its own accord: the rule's period
is its own, not a source's; before the series began there was none to keep).
`excluded_titles` (optional) are title words that make a matching title another document (a
所属单位's budget is not the department's).
Where the source's own deadline cannot be seen from the site (a budget is due 20 days after its
批复, whose day no page shows), `review_after_months` is the usual bound: a publication after it
but within the deadline is listed for a person (待人工判断), not counted; so is a document
whose page names none of the rule's `parts` (a budget without its 三公经费: body fact
budget_parts), which may be in its attachments.

Scoring writes one row per duty into the temporary table `periodic_duties` and every duty's
title words into the variable `periodic_titles` (`write_duties`);
`analysis/sql/intermediate/int_periodic_due.sql` works out every period of every duty,
`int_periodic_findings.sql` words every duty's findings, 未到期 and 待人工判断 items once, and
each indicator file selects its own duty's rows.
"""

from __future__ import annotations

import duckdb

from crawlers.extract.body_facts import BUDGET_PARTS

PERIOD_MONTHS = {"month": 1, "year": 12, "two_years": 24}
# periods of more than a year are counted from a rule's `first_year` (黔南's 规范性文件 cleaned
# every 2 years from 2018: 2018–2019, 2020–2021 …); shorter ones need none
FIRST_YEAR = 2000
EXPECTED_FROM = ("start", "end")
KEYS = ("period", "due_months", "expected_from", "titles", "document")
NO_TITLE = "\\x00"  # matches no title: the pattern when the rules hold no periodic duty


def is_periodic(rule: dict) -> bool:
    return "period" in rule


def _texts(value) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _months(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


def problems(name: str, rule: dict) -> list[str]:
    """What is wrong with a periodic duty's rule (an empty list: nothing)."""
    wrong = [f"[{name}] needs `{key}`" for key in KEYS if key not in rule]
    if wrong:
        return wrong
    due, review = rule["due_months"], rule.get("review_after_months")
    checks = (
        (rule["period"] in PERIOD_MONTHS, f"period must be one of {list(PERIOD_MONTHS)}"),
        (
            rule["expected_from"] in EXPECTED_FROM,
            f"expected_from must be one of {list(EXPECTED_FROM)}",
        ),
        (_months(due), "due_months must be a whole number of months, at least 1"),
        (_texts(rule["titles"]) and rule["titles"], "titles must be a list of regular expressions"),
        (
            _texts(rule.get("excluded_titles", [])),
            "excluded_titles must be a list of regular expressions",
        ),
        (
            review is None or (_months(review) and _months(due) and review < due),
            "review_after_months must be a whole number below due_months",
        ),
        (
            _texts(rule.get("parts", [])) and set(rule.get("parts", [])) <= set(BUDGET_PARTS),
            f"parts must be a list of the parts pages are read for: {list(BUDGET_PARTS)}",
        ),
        (rule.get("levels") is None or _texts(rule["levels"]), "levels must be a list of levels"),
        (
            isinstance(rule.get("where_published", False), bool),
            "where_published must be true or false",
        ),
        (
            isinstance(rule.get("first_year", FIRST_YEAR), int)
            and 1990 <= rule.get("first_year", FIRST_YEAR) <= 2100,
            "first_year must be a year (the first period's)",
        ),
    )
    return [f"[{name}] {message}" for ok, message in checks if not ok]


def write_duties(con: duckdb.DuckDBPyConnection, table: dict[str, dict]) -> None:
    """The temporary table `periodic_duties`, one row per periodic indicator of the rules, and
    the variable `periodic_titles`."""
    con.execute(
        "create or replace temp table periodic_duties (indicator varchar, document varchar, "
        "period varchar, period_months integer, due_months integer, expected_from varchar, "
        "title_pattern varchar, excluded_pattern varchar, levels varchar[], "
        "review_after_months integer, parts varchar[], first_year integer, "
        "where_published boolean)"
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
            rule.get("parts", []),
            rule.get("first_year", FIRST_YEAR),
            rule.get("where_published", False),
        )
        for name, rule in table.items()
        if is_periodic(rule)
    ]
    if rows:
        con.executemany(
            "insert into periodic_duties values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows
        )
    # every duty's title words as one constant pattern, tried first (int_periodic_due.sql)
    titles = "|".join(row[6] for row in rows) or NO_TITLE
    con.execute("set variable periodic_titles = ?::varchar", [titles])
