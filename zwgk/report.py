"""zwgk report: the HTML scorecard, and on request the Excel workbook and the PDF."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import sys
from pathlib import Path


def write_workbook_from(
    db: Path, rules_path: Path | None, as_of: dt.date | None, xlsx: Path
) -> None:
    """The evidence workbook straight from the database: run in a process of its own while the
    HTML is rendered (bench/report.py: 39 s and 30 s at 3,000 sites, one after the other)."""
    from analysis.rules import DEFAULT_RULES, load_rules
    from pipelines.store import connect
    from reports.report_data import load_report
    from reports.review_sheet import rows_to_review
    from reports.workbook import write_workbook

    con = connect(db, read_only=True)
    con.execute("set enable_progress_bar = false")  # no bars in the cron log from a side process
    try:
        report = load_report(con, load_rules(rules_path or DEFAULT_RULES), as_of)
        write_workbook(report, xlsx, review_rows=rows_to_review(con))
    except LookupError:
        sys.exit(2)  # the parent says why
    finally:
        con.close()


def start_workbook(
    db: Path, rules_path: Path | None, as_of: dt.date | None, xlsx: Path
) -> multiprocessing.Process:
    job = multiprocessing.get_context("spawn").Process(
        target=write_workbook_from, args=(db, rules_path, as_of, xlsx), name="zwgk-workbook"
    )
    job.start()
    return job


def report_command(
    db: Path,
    out: Path,
    as_of: dt.date | None,
    single_file: bool,
    xlsx: Path | None,
    pdf: Path | None,
    rules_path: Path | None,
) -> int:
    from analysis.rules import DEFAULT_RULES, RulesError, load_rules
    from pipelines.runs import run_files
    from pipelines.store import StoreError, connect
    from reports.browser import BrowserMissing, print_pdf
    from reports.render import render_report
    from reports.report_data import load_report

    if not db.exists():
        print(f"zwgk: {db}: no such database; crawl and score into it first", file=sys.stderr)
        return 2
    try:
        rules = load_rules(rules_path or DEFAULT_RULES)
        con = connect(db, read_only=True)
    except (RulesError, StoreError) as exc:
        print(f"zwgk: {exc}", file=sys.stderr)
        return 2
    workbook = start_workbook(db, rules_path, as_of, xlsx) if xlsx else None
    try:
        report = load_report(con, rules, as_of)
        report.warc_dir = run_files(db).warc
        page = render_report(report, out, single_file=single_file)
        printable = (
            page
            if single_file or not pdf
            else render_report(report, out / "print", single_file=True)
        )
    except LookupError as exc:
        print(f"zwgk: {exc}", file=sys.stderr)
        return 2
    except BaseException:
        if workbook:
            workbook.terminate()
        raise
    finally:
        con.close()
        if workbook:
            workbook.join()
    print(f"scorecard: {page.resolve()}")
    if workbook:
        if workbook.exitcode != 0:
            print(f"zwgk: the workbook {xlsx} was not written (above: why)", file=sys.stderr)
            return 1
        print(f"workbook: {xlsx.resolve()}")
    if pdf:
        try:
            print(f"pdf: {print_pdf(printable, pdf).resolve()}")
        except BrowserMissing as exc:
            print(f"zwgk: no PDF: {exc}", file=sys.stderr)
            return 1
    return 0
