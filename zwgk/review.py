"""`zwgk review import WORKBOOK.xlsx`: the assessors' verdicts back into the reviewed-pairs file."""

from __future__ import annotations

import sys
from pathlib import Path


def review_import_command(workbook: Path, db: Path, reviews_path: Path | None) -> int:
    from analysis.reviews import ReviewError, save_reviews
    from pipelines.store import StoreError, connect
    from reports.review_sheet import ReviewSheetError, read_review_sheet

    if not db.exists():
        print(f"zwgk: {db}: no such database (the URLs are checked against it)", file=sys.stderr)
        return 2
    target = reviews_path or db.parent / "reviewed_pairs.csv"
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
