"""Scores every site for an as-of date: calendar, views, pairing, indicators, findings.

The SQL lives in `analysis/sql/` in two layers (staging → intermediate), one CTE chain per file
ending in `select * from final`; each file becomes a temporary view of its own name. The marts
are the union of the indicators' own queries (`analysis/indicators/<name>.sql`).
Nothing here reads the clock: the as-of date and the window come in as arguments and reach the
SQL as variables (`getvariable('as_of')`), with every threshold of the rules file.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from analysis.db import create_macros, sql, transaction
from analysis.indicators import FINDING, KINDS, LISTED, PASSES, SPECS, IndicatorSpec
from analysis.kept import KEPT, compute_temporary, refresh
from analysis.pairing_state import pair_documents
from analysis.periodic import write_duties
from analysis.reviews import load_reviews
from analysis.rules import Rules, load_rules
from analysis.sequences import TABLES as SEQUENCE_TABLES
from analysis.sequences import place_snapshot, refresh_sequences
from analysis.snapshot import known_then
from analysis.workdays import BASIS_LABELS, OVERRIDES, calendar_table, load_overrides
from crawlers.personal_data import KIND_LABELS
from crawlers.status import CHINA
from pipelines.attributes import FORM_LABELS

SQL_DIR = Path(__file__).with_name("sql")
LAYERS = ("staging", "intermediate")
DEFAULT_WEEKS = 52
CALENDAR_FLOOR = dt.date(2000, 1, 1)  # earlier dates get no working-day count
MATERIALIZED = re.compile(r"^--\s*materialized\s*$", re.M)  # a later file computed once per run
# a staging file read straight from the stored table, but computed once for a past moment (whose
# stored tables are views: analysis/snapshot.py)
PAST_ONLY = re.compile(r"^--\s*materialized for a past moment\s*$", re.M)


@dataclass
class ScoreResult:
    as_of: dt.date
    window_start: dt.date
    weeks: int
    rules: Rules
    pairs: dict[str, int] = field(default_factory=dict)
    indicators: int = 0
    findings: int = 0
    listed: dict[str, int] = field(default_factory=dict)  # items listed apart, by status
    estimated_days: bool = False  # some working days were counted Mon–Fri
    known_at: dt.datetime | None = None  # what the crawls up to then had seen (None: all)
    paired: int = 0  # interpretations paired this time (the rest kept their pairs)


def window_start(as_of: dt.date, weeks: int) -> dt.date:
    """Monday of the week `weeks` complete weeks before the as-of date's week."""
    return as_of - dt.timedelta(as_of.weekday()) - dt.timedelta(weeks=weeks)


@dataclass(frozen=True)
class Relation:
    """One SQL file as the scoring creates it: a temporary table (computed once per run) or a
    view; one computed once that reads the pairs is a view until pairing has written them."""

    name: str
    text: str
    materialized: bool
    reads_pairs: bool
    past_only: bool = False  # a view, but computed once for a past moment


def relations() -> list[Relation]:
    """Every SQL file, layer by layer, each after the files of its layer it uses. Staging is read
    by almost every later query, so it is materialized, but for a file that says `-- materialized
    for a past moment` (a view of one stored table, cheaper read again than copied); so is a later
    file that says `-- materialized` on a line of its own (one several indicators' queries
    read)."""
    found = []
    after_pairing = {"pairs"}  # what pairing writes, and every file that reads it
    for layer in LAYERS:
        pending = {p.stem: p.read_text(encoding="utf-8") for p in (SQL_DIR / layer).glob("*.sql")}
        while pending:
            for name in sorted(pending):
                if _uses(pending[name], set(pending) - {name}):
                    continue
                text = pending.pop(name)
                reads_pairs = bool(_uses(text, after_pairing))
                if reads_pairs:
                    after_pairing.add(name)
                past_only = layer == "staging" and bool(PAST_ONLY.search(text))
                materialized = (layer == "staging" and not past_only) or bool(
                    MATERIALIZED.search(text)
                )
                found.append(Relation(name, text, materialized, reads_pairs, past_only))
                break
            else:
                raise ValueError(f"analysis/sql/{layer}: files use each other: {sorted(pending)}")
    return found


def create_views(con: duckdb.DuckDBPyConnection, *, past: bool = False) -> list[str]:
    """Every SQL file as a temporary relation of its name (`relations()`); the ones to be
    materialized that read the pairs are views until `materialize_pairs_readers` runs. `past`:
    the stored tables are a past moment's views, so the files that say so are computed once."""
    planned = relations()
    existing = dict(
        sql(
            con,
            "select table_name, table_type from information_schema.tables "
            "where table_catalog = 'temp'",
        )
    )
    for r in planned:
        kind = (
            "table" if (r.materialized or (past and r.past_only)) and not r.reads_pairs else "view"
        )
        if (
            r.name in existing
        ):  # an earlier scoring in this connection made it, maybe as the other kind
            sql(con, f"drop {'view' if existing[r.name] == 'VIEW' else 'table'} {r.name}")
        sql(con, f"create temp {kind} {r.name} as {r.text}")
    return [r.name for r in planned]


def materialize_pairs_readers(con: duckdb.DuckDBPyConnection) -> None:
    """After pairing: each file to be materialized that reads the pairs, computed once (the views
    that read it find the table by its name)."""
    for r in relations():
        if r.materialized and r.reads_pairs:
            sql(con, f"drop view {r.name}")
            sql(con, f"create temp table {r.name} as {r.text}")


def _verdict(kind: str) -> str:
    """The columns that judge an indicator of this kind: a share on its fraction (none without a
    denominator); a count on itself, and none counted (no dated item on the homepage) fails; the
    comparison is the kind's (PASSES)."""
    if kind == "share":
        return (
            "case when denominator > 0 then round(numerator / denominator, 4) end as value, "
            "numerator, denominator, threshold, case when denominator > 0 then "
            f"numerator / denominator {PASSES[kind]} threshold end as passed"
        )
    return (
        "numerator as value, numerator, denominator, threshold, "
        f"coalesce(numerator {PASSES[kind]} threshold, false) as passed"
    )


def create_marts(con: duckdb.DuckDBPyConnection, specs: tuple[IndicatorSpec, ...] = SPECS) -> None:
    """Each indicator's two queries as views (`score__<name>`, `findings__<name>`) and the marts
    their union: `mart_indicators` (value, threshold and verdict worked out here, the same way for
    every indicator of a kind) and `mart_findings` (beside the findings that count, `status`
    'finding', the items listed apart: 'pending', not yet due, and 'review', for a person)."""
    rows: dict[str, list[str]] = {kind: [] for kind in KINDS}
    findings = []
    for spec in specs:
        sql(con, f"create or replace temp view score__{spec.name} as {spec.score_sql}")
        sql(con, f"create or replace temp view findings__{spec.name} as {spec.findings_sql}")
        row = (
            f"select site_id, '{spec.name}' as indicator, numerator, denominator, "
            f"getvariable('{spec.name}__{spec.threshold_key}') as threshold, basis "
            f"from score__{spec.name}"
        )
        rows[spec.kind].append(row)
        findings.append(
            f"select site_id, '{spec.name}' as indicator, url, detail, related_url, amount, "
            f"'{FINDING}' as status from findings__{spec.name}"
        )
        for status in LISTED:
            query = getattr(spec, f"{status}_sql")
            if query:
                sql(con, f"create or replace temp view {status}__{spec.name} as {query}")
                findings.append(
                    f"select site_id, '{spec.name}' as indicator, url, detail, related_url, "
                    f"amount, '{status}' as status from {status}__{spec.name}"
                )
    verdicts = [
        f"select site_id, indicator, {_verdict(kind)}, basis from ({' union all '.join(queries)})"
        for kind, queries in rows.items()
        if queries
    ]
    sql(con, f"create or replace temp view mart_indicators as {' union all '.join(verdicts)}")
    sql(con, f"create or replace temp view mart_findings as {' union all '.join(findings)}")


def _uses(text: str, others: set[str]) -> int:
    """How many of the other not-yet-created files of its layer a query names."""
    return sum(1 for name in others if re.search(rf"\b{name}\b", text))


def set_variables(
    con: duckdb.DuckDBPyConnection, as_of: dt.date, start: dt.date, rules: Rules
) -> None:
    create_macros(con)
    sql(con, "set variable as_of = ?::date", [as_of])
    sql(con, "set variable window_start = ?::date", [start])
    # stored times are UTC; a day a finding names is China's
    sql(con, "set variable china_offset = ?::interval", [CHINA.utcoffset(None)])
    for name, value in rules.variables().items():
        cast = {list: "varchar[]", str: "varchar"}.get(type(value), "double")
        sql(con, f"set variable {name} = ?::{cast}", [value])
    write_duties(con, rules.table)
    # the Chinese a finding says for a stored code: getvariable('form_labels')[code]
    for name, labels in (
        ("form_labels", FORM_LABELS),
        ("basis_labels", BASIS_LABELS),
        ("personal_kind_labels", KIND_LABELS),
    ):
        sql(
            con,
            f"set variable {name} = map(?::varchar[], ?::varchar[])",
            [list(labels), list(labels.values())],
        )


def refresh_workdays(
    con: duckdb.DuckDBPyConnection, as_of: dt.date, overrides: Path = OVERRIDES
) -> bool:
    """The working-day table from the oldest date the documents show to 60 days past the as-of
    date; True when some of it is estimated (a year no calendar covers)."""
    oldest = sql(con, "select least(min(published_date), min(written_date)) from documents")[0][0]
    start = max(oldest or as_of, CALENDAR_FLOOR)
    newest = sql(con, "select max(published_date) from documents")[0][0]
    end = max(as_of, newest or as_of) + dt.timedelta(60)
    table = calendar_table(start, end, load_overrides(overrides))
    con.register("new_workdays", table)
    try:
        sql(con, "delete from workdays")
        sql(con, "insert into workdays select * from new_workdays")
    finally:
        con.unregister("new_workdays")
    return sql(
        con, "select count(*) > 0 from workdays where basis = 'estimated' and day <= ?", [as_of]
    )[0][0]


@contextmanager
def kept_facts(con: duckdb.DuckDBPyConnection, *, snapshot: bool = False) -> Iterator[None]:
    """Every kept fact up to date for this scoring (analysis/kept.py), the pages' places in
    their sequences last (they read document_facts); for a past moment, temporary tables of the
    same names from the store as known then, dropped afterwards."""
    if not snapshot:
        done = {kept.name: refresh(con, kept) for kept in KEPT}
        refresh_sequences(con, whole=done["document_facts"].whole)
        yield
        return
    try:
        for kept in KEPT:
            compute_temporary(con, kept)
        place_snapshot(con)
        yield
    finally:
        for name in (*(k.name for k in KEPT), *SEQUENCE_TABLES):
            sql(con, f"drop table if exists temp.main.{name}")


def score(
    con: duckdb.DuckDBPyConnection,
    *,
    as_of: dt.date,
    weeks: int = DEFAULT_WEEKS,
    rules: Rules | None = None,
    reviews_path: str | Path | None = None,
    scored_at: dt.datetime | None = None,
    overrides: Path = OVERRIDES,
    known_at: dt.datetime | None = None,
) -> ScoreResult:
    """Pair and score every site in the database for `as_of`, replacing that date's results,
    from what the crawls up to `known_at` had seen (analysis/snapshot.py; None: everything).
    `scored_at` (UTC) is only recorded beside the figures; the caller reads the clock."""
    rules = rules or load_rules()
    reviews = load_reviews(reviews_path)  # refused before anything is written
    start = window_start(as_of, weeks)
    result = ScoreResult(as_of, start, weeks, rules)
    result.known_at = known_at
    with known_then(con, known_at):
        _score(con, result, reviews, scored_at, overrides)
    return result


def _score(con, result: ScoreResult, reviews, scored_at, overrides: Path) -> None:
    as_of, start, rules = result.as_of, result.window_start, result.rules
    set_variables(con, as_of, start, rules)  # before the kept facts: some read the rules' words
    with kept_facts(con, snapshot=result.known_at is not None):
        result.estimated_days = refresh_workdays(con, as_of, overrides)
        create_views(con, past=result.known_at is not None)
        create_marts(con)
        result.pairs, result.paired = pair_documents(
            con,
            reviews,
            counts_from=rules["pairing"]["similarity_counts_from"],
            review_from=rules["pairing"]["similarity_review_from"],
        )
        materialize_pairs_readers(con)
        _store_results(con, result, scored_at)


def _store_results(con, result: ScoreResult, scored_at: dt.datetime | None) -> None:
    """The marts written as the as-of date's indicators and findings, in one transaction."""
    as_of, start, rules = result.as_of, result.window_start, result.rules
    with transaction(con):
        sql(con, "delete from indicators where as_of = ?", [as_of])
        sql(con, "delete from findings where as_of = ?", [as_of])
        sql(
            con,
            "insert into indicators select site_id, ?::date, indicator, value, numerator, denominator, "
            "threshold, passed, basis, ?::date, ?, ? from mart_indicators",
            [as_of, start, rules.name, scored_at],
        )
        sql(
            con,
            "insert into findings by name select site_id, ?::date as as_of, indicator, url, detail, "
            "related_url, amount, status from mart_findings",
            [as_of],
        )
    result.indicators = sql(con, "select count(*) from indicators where as_of = ?", [as_of])[0][0]
    counts = dict(
        sql(con, "select status, count(*) from findings where as_of = ? group by all", [as_of])
    )
    result.findings = counts.pop(FINDING, 0)
    result.listed = counts
