"""`zwgk review import WORKBOOK.xlsx`: the assessors' verdicts back into the reviewed-pairs file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from zwgk.arguments import Command, add_db_arg


def review_import_command(workbook: Path, db: Path, reviews_path: Path | None) -> int:
    from analysis.reviews import ReviewError, save_reviews
    from pipelines.runs import run_files
    from pipelines.store import StoreError, connect
    from reports.review_sheet import ReviewSheetError, read_review_sheet

    if not db.exists():
        print(f"zwgk: {db}: no such database (the URLs are checked against it)", file=sys.stderr)
        return 2
    target = reviews_path or run_files(db).reviews
    try:
        con = connect(db, read_only=True)
    except StoreError as exc:
        print(f"zwgk: {exc}", file=sys.stderr)
        return 2
    try:
        reviews, pending = read_review_sheet(workbook, con)
        total = save_reviews(target, reviews)
    except (ReviewSheetError, ReviewError) as exc:
        print(f"zwgk: {exc}", file=sys.stderr)
        return 2
    finally:
        con.close()
    kinds = {d: sum(1 for r in reviews if r.decision == d) for d in ("confirm", "reject", "add")}
    print(
        f"{target}: {len(reviews)} decision(s) imported (confirm {kinds['confirm']}, reject "
        f"{kinds['reject']}, add {kinds['add']}); {total} in the file; {pending} row(s) of the "
        "sheet still without a verdict. Run `zwgk score` to apply them."
    )
    return 0


# ----- the command ------------------------------------------------------------------------


def _add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", choices=["import"], help="import: read a filled-in workbook back")
    p.add_argument("workbook", type=Path, help="the evidence workbook (.xlsx) with 复核 filled in")
    add_db_arg(p)
    p.add_argument(
        "--reviews",
        type=Path,
        metavar="FILE",
        help="the reviewed-pairs CSV to merge into (default reviewed_pairs.csv beside the database)",
    )


def _run(args: argparse.Namespace) -> int:
    return review_import_command(args.workbook, args.db, args.reviews)


COMMAND = Command(
    "review",
    ("read the assessors' pair verdicts from the evidence workbook (review import FILE)"),
    (
        "`zwgk review import WORKBOOK.xlsx` reads the 待复核配对 sheet of the evidence workbook "
        "(`zwgk report --xlsx`) after an assessor filled in 复核 (确认 / 否决 / 改配 with a page URL in"
        " 改配页面) and 备注, and merges the verdicts into the reviewed-pairs file beside the "
        "database. Every row is checked first (verdict, pair, URL known to the database); a "
        "sheet with any bad row changes nothing and each bad row is named with its sheet row "
        "number. Rows without a verdict are left for later. `zwgk score` applies the file."
    ),
    _add_arguments,
    _run,
)
