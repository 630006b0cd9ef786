"""zwgk report: the HTML scorecard, and on request the Excel workbook and the PDF."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path


def report_command(
    db: Path,
    out: Path,
    as_of: dt.date | None,
    single_file: bool,
    xlsx: Path | None,
    pdf: Path | None,
    rules_path: Path | None,
) -> int:
    from analysis.rules import RulesError, load_rules
    from pipelines.store import StoreError, connect
    from reports.browser import BrowserMissing, print_pdf
    from reports.render import render_report
    from reports.report_data import load_report
    from reports.workbook import write_workbook
    from zwgk.crawl import warc_dir

    if not db.exists():
        print(f"zwgk: {db}: no such database; crawl and score into it first", file=sys.stderr)
        return 2
    try:
        rules = load_rules(rules_path) if rules_path else load_rules()
        con = connect(db, read_only=True)
    except (RulesError, StoreError) as exc:
        print(f"zwgk: {exc}", file=sys.stderr)
        return 2
    try:
        report = load_report(con, rules, as_of)
        report.warc_dir = warc_dir(db)
        page = render_report(report, out, single_file=single_file)
        printable = (
            page
            if single_file or not pdf
            else render_report(report, out / "print", single_file=True)
        )
        if xlsx:
            from reports.review_sheet import rows_to_review

            xlsx = write_workbook(report, xlsx, review_rows=rows_to_review(con))
    except LookupError as exc:
        print(f"zwgk: {exc}", file=sys.stderr)
        return 2
    finally:
        con.close()
    print(f"scorecard: {page.resolve()}")
    if xlsx:
        print(f"workbook: {xlsx.resolve()}")
    if pdf:
        try:
            print(f"pdf: {print_pdf(printable, pdf).resolve()}")
        except BrowserMissing as exc:
            print(f"zwgk: no PDF: {exc}", file=sys.stderr)
            return 1
    return 0
