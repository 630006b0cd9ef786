"""zwgk score: pair policies with their interpretations and score every site of a database."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from crawlers.status import CHINA
from zwgk.arguments import Command, add_db_arg, add_scoring_options

if TYPE_CHECKING:
    from pipelines.store import Store


def default_as_of(con) -> dt.date | None:
    """The as-of date the sites declare (the samples), else the China day the latest crawl
    finished; None when the database has no finished crawl."""
    from crawlers.status import FINISHED

    declared = {d for (d,) in con.execute("select distinct as_of from sites").fetchall()}
    if len(declared) == 1 and None not in declared:
        return declared.pop()
    finished = con.execute(
        "select max(finished_at) from runs where status = ?", [FINISHED]
    ).fetchall()[0][0]
    if finished is None:
        return None
    return finished.replace(tzinfo=dt.UTC).astimezone(CHINA).date()


def score_command(
    db: Path,
    as_of: dt.date | None,
    weeks: int,
    rules_path: Path | None,
    reviews_path: Path | None,
    known_at: str | None = None,
    store: Store | None = None,
) -> int:
    """`zwgk score`: pair and score the working file, print the table, publish. Through `store`
    when given (`zwgk run` hands over the crawl's, so the working file is opened once), which is
    left open; otherwise the working file is opened here and closed."""
    from analysis.reviews import ReviewError
    from analysis.rules import RulesError, load_rules
    from analysis.scoring import score
    from analysis.snapshot import default_known_at, resolve_known_at
    from crawlers.status import utc_now
    from pipelines.publish import ensure_working, publish
    from pipelines.runs import run_files
    from pipelines.store import StoreError
    from reports.score_table import score_table

    working = ensure_working(db)
    if not working.exists():
        print(
            f"zwgk: {db}: no such database; crawl into it first (zwgk crawl / zwgk demo)",
            file=sys.stderr,
        )
        return 2
    if weeks < 1:
        print("zwgk: --weeks must be 1 or more", file=sys.stderr)
        return 2
    owned = store is None
    try:
        rules = load_rules(rules_path) if rules_path else load_rules()
        if store is None:
            from pipelines.store import Store

            store = Store(working)
    except (RulesError, StoreError) as exc:
        print(f"zwgk: {exc}", file=sys.stderr)
        return 2
    try:
        as_of = as_of or default_as_of(store.con)
        if as_of is None:
            print(f"zwgk: {db} has no finished crawl; give --as-of YYYY-MM-DD", file=sys.stderr)
            return 2
        try:
            cutoff = (
                resolve_known_at(store.con, known_at)
                if known_at
                else default_known_at(store.con, as_of)
            )
        except ValueError as exc:
            print(f"zwgk: {exc}", file=sys.stderr)
            return 2
        if cutoff is not None:
            local = cutoff.replace(tzinfo=dt.UTC).astimezone(CHINA)
            print(
                f"known at {local:%Y-%m-%d %H:%M} China time: what the crawls up to then had "
                "seen (documents first seen by then, their versions of then); later crawls "
                "are left out"
            )
        reviews = reviews_path or run_files(db).reviews
        try:
            result = score(
                store.con,
                as_of=as_of,
                weeks=weeks,
                rules=rules,
                reviews_path=reviews,
                scored_at=utc_now(),
                known_at=cutoff,
            )
        except ReviewError as exc:
            print(f"zwgk: {exc}", file=sys.stderr)
            return 2
        print(score_table(store.con, result, reviews if Path(reviews).exists() else None))
        try:
            publish(db, store.con)  # the store opened once: scored, then copied for the analysts
        except (StoreError, OSError) as exc:
            print(f"zwgk: scored, but could not publish {db}: {exc}", file=sys.stderr)
            return 1
    finally:
        if owned:
            store.close()
    return 0


# ----- the command ------------------------------------------------------------------------


def _add_arguments(p: argparse.ArgumentParser) -> None:
    add_db_arg(p)
    add_scoring_options(p)
    p.add_argument(
        "--known-at",
        metavar="RUN|TIME",
        help="score from what was known when this run ended (a run id) or at this UTC time "
        "(YYYY-MM-DDTHH:MM): documents first seen by then, with their versions of then; later "
        "crawls are left out. Default: the end of the as-of day when a crawl came after it, so "
        "a past week scored again gives the scorecard of then",
    )


def _run(args: argparse.Namespace) -> int:
    return score_command(
        args.db, args.as_of, args.weeks, args.rules, args.reviews, known_at=args.known_at
    )


COMMAND = Command(
    "score",
    "pair policies with interpretations and score every site",
    (
        "Pair every policy with its interpretations (links between the pages, titles quoted in "
        "the interpretation, title similarity), apply the assessors' reviewed-pairs file, and "
        "compute every indicator per site for an as-of date over a window of weeks: update "
        "frequency, interpretation rate, graphic share, interpretation and disclosure "
        "timeliness in working days (official calendar), labelled attributes, stale and blank "
        "columns, dead links, homepage updates, backdated dates, duplicate posting, the yearly "
        "report (on time, complete, adding up), consultations (period, feedback), the principal"
        " leader's interpretations and the required columns (`zwgk indicators` lists them with "
        "their rules). Stores pairs, indicators and findings (docs/schema.md) and prints one "
        "row per site."
    ),
    _add_arguments,
    _run,
)
