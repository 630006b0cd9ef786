"""zwgk report: the HTML scorecard, and on request the Excel workbook and the PDF."""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import sys
from pathlib import Path

from zwgk.arguments import Command, add_db_arg, add_rules_arg


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
    out: Path | None,
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
    out = out or run_files(db).report
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


# ----- the command ------------------------------------------------------------------------


def _add_arguments(p: argparse.ArgumentParser) -> None:
    import datetime as dt

    add_db_arg(p)
    p.add_argument(
        "--out",
        type=Path,
        help="the folder to write (default: report/ beside --db)",
    )
    p.add_argument(
        "--as-of",
        type=dt.date.fromisoformat,
        metavar="YYYY-MM-DD",
        help="which scoring to show (default: the latest)",
    )
    p.add_argument(
        "--single-file", action="store_true", help="everything in one report.html (small audits)"
    )
    p.add_argument("--xlsx", type=Path, metavar="FILE", help="also write the evidence workbook")
    p.add_argument("--pdf", type=Path, metavar="FILE", help="also print the scorecard to PDF")
    add_rules_arg(p, "the rules file the scores used (for sources)")


def _run(args: argparse.Namespace) -> int:
    return report_command(
        args.db, args.out, args.as_of, args.single_file, args.xlsx, args.pdf, args.rules
    )


COMMAND = Command(
    "report",
    "write the HTML scorecard (and the Excel workbook and PDF on request)",
    (
        "Render the scores of one as-of date (default: the latest scored) as an HTML scorecard "
        "that opens from disk with no network: an overview ranking every site with a pass/fail "
        "mark per indicator, its value against its threshold and the change since the previous "
        "scoring; one page per site with the weekly updates chart, every indicator as numerator"
        " / denominator with its rule and source, and the findings behind it linking the source"
        " pages; the methodology. --xlsx writes the indicators and every finding as an Excel "
        "workbook; --pdf prints the scorecard to an A4 PDF with Chromium."
    ),
    _add_arguments,
    _run,
)
