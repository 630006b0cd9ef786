"""The `zwgk` command: one entry point for assessors, each sub-command a thin call into a layer."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

EPILOG = """examples:
  zwgk demo                          serve the sample sites, crawl them into output/audit.duckdb
  zwgk crawl --sites crawlers/sites/commissions.toml --only jinan --db output/jinan.duckdb
  zwgk score --as-of 2026-11-20      pair and score every site of output/audit.duckdb
  zwgk report --xlsx output/evidence.xlsx --pdf output/scorecard.pdf
                                     the scorecard in output/report/index.html, and more
  zwgk extract saved_page.html --url https://example.gov.cn/art/2023/1/7/art_1_2.html
  zwgk serve-samples --port 0 --latency 200
                                     the sample sites on any free ports, 200 ms per response
"""


class Formatter(argparse.HelpFormatter):
    """Descriptions wrapped to the terminal; texts laid out by hand (examples, exit codes) kept."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if "\n" in text:
            return "".join(indent + line for line in text.splitlines(keepends=True))
        return super()._fill_text(text, width, indent)


def cmd_crawl(args: argparse.Namespace) -> int:
    from zwgk.crawl import crawl_command

    progress = args.progress if args.progress is not None else sys.stderr.isatty()
    return crawl_command(
        args.sites,
        args.db,
        args.only,
        progress,
        args.verbose,
        workers=args.workers,
        full=args.full,
        run_id=args.run_id,
        broker=args.broker,
        shared=args.shared,
    )


def cmd_worker(args: argparse.Namespace) -> int:
    from zwgk.cluster import worker_command

    if not args.broker or not args.shared:
        print(
            "zwgk worker: name the broker and the shared folder (--broker redis://HOST:6379/0 "
            "--shared DIR, or ZWGK_BROKER and ZWGK_SHARED)",
            file=sys.stderr,
        )
        return 2
    return worker_command(
        args.broker,
        args.shared,
        concurrency=args.concurrency,
        visibility_timeout=args.visibility_timeout,
        scratch=args.scratch,
        loglevel="DEBUG" if args.verbose else "INFO",
    )


def cmd_extract(args: argparse.Namespace) -> int:
    from zwgk.extract import extract_command

    return extract_command(args.targets, args.url, args.jsonl, args.kind, args.family)


def cmd_score(args: argparse.Namespace) -> int:
    from zwgk.score import score_command

    return score_command(
        args.db, args.as_of, args.weeks, args.rules, args.reviews, known_at=args.known_at
    )


def cmd_indicators(args: argparse.Namespace) -> int:
    from zwgk.indicators import indicators_command

    return indicators_command(args.rules)


def add_indicators_args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--rules",
        type=Path,
        metavar="FILE",
        help="show the requirements of this rules file (default: analysis/rules.toml)",
    )


def cmd_report(args: argparse.Namespace) -> int:
    from zwgk.report import report_command

    return report_command(
        args.db, args.out, args.as_of, args.single_file, args.xlsx, args.pdf, args.rules
    )


def cmd_run(args: argparse.Namespace) -> int:
    from zwgk.run import RunOptions, run_command

    progress = args.progress if args.progress is not None else sys.stderr.isatty()
    options = RunOptions(
        only=args.only,
        progress=progress,
        verbose=args.verbose,
        workers=args.workers,
        full=args.full,
        broker=args.broker,
        shared=args.shared,
        as_of=args.as_of,
        weeks=args.weeks,
        rules=args.rules,
        reviews=args.reviews,
        out=args.out,
        xlsx=args.xlsx,
        pdf=args.pdf,
    )
    return run_command(args.sites, args.db, options)


def cmd_evidence(args: argparse.Namespace) -> int:
    from zwgk.evidence import evidence_command

    return evidence_command(
        args.url,
        args.db,
        capture=args.capture,
        out=args.out,
        warc=args.warc,
        decoded=args.decoded,
        prune_days=args.prune_older_than,
        dry_run=args.dry_run,
    )


def cmd_review(args: argparse.Namespace) -> int:
    from zwgk.review import review_import_command

    return review_import_command(args.workbook, args.db, args.reviews)


def cmd_publish(args: argparse.Namespace) -> int:
    from pipelines.publish import publish, working_path
    from pipelines.store import StoreError

    try:
        published = publish(args.db)
    except (StoreError, OSError) as exc:
        print(f"zwgk: {exc}", file=sys.stderr)
        return 2
    print(f"published {working_path(args.db)} → {published.resolve()}")
    return 0


PLUGINS = "zwgk.commands"  # entry points: a package's commands, e.g. the samples' demo


def plugin_commands() -> list[tuple]:
    """Commands other packages add (the entry point group `zwgk.commands`: a callable returning
    (name, summary, description, add_args, func[, epilog]) tuples). The samples package adds `demo` and
    `serve-samples` this way, so the product's code never imports the samples."""
    from importlib.metadata import entry_points

    found = []
    for entry in sorted(entry_points(group=PLUGINS), key=lambda e: e.name):
        found += entry.load()()
    return found


def build_parser() -> argparse.ArgumentParser:
    from pipelines.runs import EXIT_CODES

    epilogs = {"crawl": EXIT_CODES, "run": EXIT_CODES}
    parser = argparse.ArgumentParser(
        prog="zwgk",
        description="zwgk-audit: crawl health commissions' 政务公开 websites, store what each "
        "document says in DuckDB, and score the sites against the disclosure rules.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands: list[tuple[str, str, str, Callable[[argparse.ArgumentParser], None], Callable]] = [
        (
            "run",
            "the weekly job: crawl, score, write the scorecard and the workbook",
            "The weekly job in one command, as cron runs it: crawl the sites file into --db "
            "(zwgk crawl), pair and score every site (zwgk score), write the HTML scorecard and "
            "the evidence workbook (zwgk report --xlsx). Each step publishes the analysts' copy "
            "itself. The exit status is the crawl's (below) unless a later step failed; a failure "
            "ends with one line naming the step and why.",
            add_run_args,
            cmd_run,
        ),
        (
            "crawl",
            "crawl the commissions of a sites file into DuckDB",
            "Crawl every site of a sites file (TOML, one [[site]] table with id, name and homepage "
            "each, or a portal for a commission inside its county's portal): find the 政务公开 columns from the homepage, walk every list page, read every "
            "document's dates and attributes, check attachments and images, and store all of it "
            "in DuckDB (tables documented in docs/schema.md). Real sites are crawled politely "
            "(robots.txt, 1–2 requests at a time per site, AutoThrottle). The crawl writes its "
            "own working file (audit.work.duckdb beside --db) and, when it finishes, publishes "
            "it to --db in one atomic step, so notebooks reading --db never block it. Each "
            "site's outcome is in the site_runs table and the summary.",
            add_crawl_args,
            cmd_crawl,
        ),
        (
            "worker",
            "crawl sites for a coordinator on another machine (Celery, Redis)",
            "Take sites off the Redis queue that `zwgk crawl --broker` or `zwgk run --broker` "
            "fills and crawl each in a process of its own, --concurrency at a time: from the "
            "site's rows as the coordinator stored them (its seed in the shared folder), into a "
            "shard (the site's database and WARC files) the coordinator merges. Run one per "
            "machine; every machine must see the shared folder at the same path. A worker killed "
            "mid-site leaves the site to be crawled again (after the visibility timeout); a Redis "
            "lock keeps two workers off one site. README: More than one machine.",
            add_worker_args,
            cmd_worker,
        ),
        (
            "publish",
            "replace the analysts' copy (--db) by the working file, atomically",
            "Copy the working file (audit.work.duckdb beside --db) over the analysts' copy "
            "(--db) in one atomic rename. Every finished crawl and every scoring does this "
            "itself; run it by hand after an interrupted crawl you want analysts to see. A "
            "notebook holding the old copy keeps reading it until it reconnects.",
            add_db_arg,
            cmd_publish,
        ),
        (
            "score",
            "pair policies with interpretations and score every site",
            "Pair every policy with its interpretations (links between the pages, titles quoted "
            "in the interpretation, title similarity), apply the assessors' reviewed-pairs file, "
            "and compute every indicator per site for an as-of date over a window of weeks: "
            "update frequency, interpretation rate, graphic share, interpretation and disclosure "
            "timeliness in working days (official calendar), labelled attributes, stale and blank "
            "columns, dead links, homepage updates, backdated dates, duplicate posting, the yearly "
            "report (on time, complete, adding up), consultations (period, feedback), the "
            "principal leader's interpretations and the required columns (`zwgk indicators` "
            "lists them with their rules). Stores pairs, indicators and findings "
            "(docs/schema.md) and prints one row per site.",
            add_score_args,
            cmd_score,
        ),
        (
            "indicators",
            "list every indicator: its name, requirement, definition and source",
            "Print every indicator the scoring computes, in the scorecard's order: its code (the "
            "indicators table's `indicator`), its Chinese name, the requirement a rules file sets "
            "(--rules), its weight, its definition, the document the rule comes from, and the "
            "file that declares and computes it (analysis/indicators/<name>.sql).",
            add_indicators_args,
            cmd_indicators,
        ),
        (
            "report",
            "write the HTML scorecard (and the Excel workbook and PDF on request)",
            "Render the scores of one as-of date (default: the latest scored) as an HTML "
            "scorecard that opens from disk with no network: an overview ranking every site with "
            "a pass/fail mark per indicator, its value against its threshold and the change since "
            "the previous scoring; one page per site with the weekly updates chart, every "
            "indicator as numerator / denominator with its rule and source, and the findings "
            "behind it linking the source pages; the methodology. --xlsx writes the indicators "
            "and every finding as an Excel workbook; --pdf prints the scorecard to an A4 PDF with "
            "Chromium.",
            add_report_args,
            cmd_report,
        ),
        (
            "extract",
            "show what the crawler reads from one page, and where each value came from",
            "Read one or more document pages (URLs or saved files) exactly as the crawler does and "
            "print every documents field with the source it was taken from (信息公开 table, meta "
            "tag, byline, body, URL), the values that were found but not chosen, and the page's "
            "links. Use it to check a new site's profile before crawling it.",
            add_extract_args,
            cmd_extract,
        ),
        (
            "review",
            "read the assessors' pair verdicts from the evidence workbook (review import FILE)",
            "`zwgk review import WORKBOOK.xlsx` reads the 待复核配对 sheet of the evidence workbook "
            "(`zwgk report --xlsx`) after an assessor filled in 复核 (确认 / 否决 / 改配 with a page "
            "URL in 改配页面) and 备注, and merges the verdicts into the reviewed-pairs file beside "
            "the database. Every row is checked first (verdict, pair, URL known to the database); "
            "a sheet with any bad row changes nothing and each bad row is named with its sheet "
            "row number. Rows without a verdict are left for later. `zwgk score` applies the file.",
            add_review_args,
            cmd_review,
        ),
        (
            "evidence",
            "a page's captures, and one written out exactly as the server sent it",
            "Every response of every crawl is kept as the server sent it (before decompression "
            "and the encoding fix) in that run's WARC files (warc/<run>/ beside --db), except "
            "that personal numbers (身份证号, mobile, bank card) in a page's text are masked. `zwgk "
            "evidence URL` lists the page's captures: when, which run, the HTTP status, the size "
            "and the sha1 of the body. --capture N --out FILE writes capture N's body byte for "
            "byte (checked against its sha1); --warc FILE writes its WARC record as a file an "
            "archivist can replay. --prune-older-than DAYS deletes the WARC folders of runs "
            "older than that, naming each (the captures stay listed, marked pruned); nothing "
            "is ever pruned otherwise.",
            add_evidence_args,
            cmd_evidence,
        ),
    ]
    commands = plugin_commands() + commands
    for name, short, long, add_args, func, *epilog in commands:
        p = sub.add_parser(
            name,
            help=short,
            description=long,
            epilog=epilog[0] if epilog else epilogs.get(name),
            formatter_class=Formatter,
        )
        add_args(p)
        p.set_defaults(func=func)
    add_sites_commands(sub)
    return parser


SITES_IMPORT = (
    "Read a province's download of the 全国政府网站基本信息数据库 (xls, xlsx or csv with 网站名称, "
    "首页网址, 主办单位, 政府网站标识码, 地区, 网站类型 …) and merge it into the registry PATH (a sites "
    "file `zwgk crawl --sites` reads; created if absent). Kept: every health commission with a "
    "site of its own (主办单位 naming 卫生健康, 卫健, 卫生和计划生育 …: crawlers/registry/words.toml), "
    "with its 行政区划代码; and for each city or county whose commission has no site, its portal, "
    "where the crawl looks for the commission's section. A row that cannot be used is named with "
    "its file, line and reason. Importing again changes only the rows the register changed and "
    "keeps what was edited by hand (each table's [site.imported] is the base of the merge)."
)
SITES_CHECK = (
    "What an assessor runs first, from the office network: visit every site of the sites file "
    "once, politely (robots.txt, one request at a time per site, the User-Agent in README), and "
    "say per site whether the homepage answers, whether it sends us to another host (not "
    "followed), which CMS family its pages look like, where the 政务公开 entry is (for a "
    "commission inside a portal: its section) and which columns, required ones among them, that "
    "page lists. A site that refuses (a firewall's page, 403, robots.txt, a page that is only "
    "JavaScript) is named with the reason and what a crawl of it would need. Writes the CSV and "
    "records in the sites file what it found and when (check, checked_at, entry, family, scope, "
    "verified); only the checked sites' tables are rewritten."
)
SITES_EPILOG = """examples:
  zwgk sites import 湖北省.xls --registry crawlers/sites/hubei.toml
  zwgk sites check --sites crawlers/sites/hubei.toml --csv output/first-contact.csv
  zwgk crawl --sites crawlers/sites/hubei.toml --only wjw-420100
"""


def add_sites_commands(sub) -> None:
    p = sub.add_parser(
        "sites",
        help="the registry of commissions: import the national register, check every site",
        description="The registry of commissions (a sites file): import a province's download "
        "of the national register into it; check every site's first contact.",
        epilog=SITES_EPILOG,
        formatter_class=Formatter,
    )
    p.set_defaults(func=lambda args: p.print_help() or 2)
    actions = p.add_subparsers(dest="sites_command", metavar="ACTION")
    imp = actions.add_parser(
        "import",
        help="merge register downloads into a registry",
        description=SITES_IMPORT,
        epilog=SITES_EPILOG,
        formatter_class=Formatter,
    )
    imp.add_argument(
        "files", nargs="+", type=Path, metavar="FILE", help="downloads (.xls, .xlsx, .csv)"
    )
    imp.add_argument(
        "--registry",
        type=Path,
        required=True,
        metavar="PATH",
        help="the registry to create or merge into",
    )
    imp.add_argument(
        "--refused", type=Path, metavar="CSV", help="also write the refused rows there"
    )
    imp.set_defaults(func=cmd_sites_import)
    chk = actions.add_parser(
        "check",
        help="first contact with every site of a sites file",
        description=SITES_CHECK,
        epilog=SITES_EPILOG,
        formatter_class=Formatter,
    )
    chk.add_argument(
        "--sites", type=Path, required=True, metavar="FILE", help="the sites file or registry"
    )
    chk.add_argument("--csv", type=Path, required=True, metavar="OUT", help="where the results go")
    chk.add_argument("--only", nargs="+", metavar="ID", help="only these site ids")
    chk.add_argument(
        "--no-record", action="store_true", help="leave the sites file as it is (CSV only)"
    )
    chk.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="a progress bar on stderr (default: when stderr is a terminal)",
    )
    chk.set_defaults(func=cmd_sites_check)


def cmd_sites_import(args: argparse.Namespace) -> int:
    from zwgk.sites import import_command

    return import_command(args.files, args.registry, args.refused)


def cmd_sites_check(args: argparse.Namespace) -> int:
    from zwgk.sites import check_command

    progress = args.progress if args.progress is not None else sys.stderr.isatty()
    return check_command(args.sites, args.csv, args.only, progress, update=not args.no_record)


def add_db_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--db",
        type=Path,
        default=Path("output/audit.duckdb"),
        help="the DuckDB file to write (default output/audit.duckdb)",
    )


def add_score_args(p: argparse.ArgumentParser) -> None:
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


def add_run_args(p: argparse.ArgumentParser) -> None:
    add_crawl_args(p)
    add_scoring_options(p)
    p.add_argument(
        "--out",
        type=Path,
        help="the scorecard's folder (default: report/ beside --db)",
    )
    p.add_argument(
        "--xlsx",
        type=Path,
        metavar="FILE",
        help="the evidence workbook, with the 待复核配对 sheet (default: evidence.xlsx beside --db)",
    )
    p.add_argument("--pdf", type=Path, metavar="FILE", help="also print the scorecard to PDF")


def add_scoring_options(p: argparse.ArgumentParser) -> None:
    import datetime as dt

    p.add_argument(
        "--as-of",
        type=dt.date.fromisoformat,
        metavar="YYYY-MM-DD",
        help="the day the scores are for (default: the day the sites declare, else the China "
        "date the latest crawl finished)",
    )
    p.add_argument(
        "--weeks",
        type=int,
        default=52,
        metavar="N",
        help="the window: N complete weeks before the as-of week, plus that week (default 52)",
    )
    p.add_argument(
        "--rules",
        type=Path,
        metavar="FILE",
        help="a rules file (thresholds, weights, sources); default analysis/rules.toml",
    )
    p.add_argument(
        "--reviews",
        type=Path,
        metavar="FILE",
        help="the reviewed-pairs CSV (site_id,policy_url,interpretation_url,decision,note); "
        "default reviewed_pairs.csv beside the database, if it exists",
    )


def add_review_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", choices=["import"], help="import: read a filled-in workbook back")
    p.add_argument("workbook", type=Path, help="the evidence workbook (.xlsx) with 复核 filled in")
    add_db_arg(p)
    p.add_argument(
        "--reviews",
        type=Path,
        metavar="FILE",
        help="the reviewed-pairs CSV to merge into (default reviewed_pairs.csv beside the database)",
    )


def add_report_args(p: argparse.ArgumentParser) -> None:
    import datetime as dt

    add_db_arg(p)
    p.add_argument(
        "--out",
        type=Path,
        default=Path("output/report"),
        help="the folder to write (default output/report)",
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
    p.add_argument(
        "--rules", type=Path, metavar="FILE", help="the rules file the scores used (for sources)"
    )


def add_crawl_args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--sites",
        type=Path,
        required=True,
        help="sites file, e.g. crawlers/sites/samples.toml or crawlers/sites/commissions.toml",
    )
    p.add_argument("--only", nargs="+", metavar="ID", help="crawl only these site ids")
    add_db_arg(p)
    p.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show a progress line (default: when stderr is a terminal; off under cron)",
    )
    p.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help="processes that read document pages beside the crawl (default: one per core "
        "beyond the first, at most 4; 0 reads them in the crawl's own process)",
    )
    p.add_argument(
        "--full",
        action="store_true",
        help="fetch every list page and document even when an earlier crawl knows the site "
        "(default: incremental — each column's list only as far as it shows something new or "
        "its stated total calls for, and only new or changed documents; every list is still "
        "walked in full within 4 weeks and every link re-checked within 4 weeks)",
    )
    add_cluster_args(p)
    p.add_argument(
        "--run-id",
        metavar="ID",
        help=argparse.SUPPRESS,  # a worker's crawl of one site, as part of its coordinator's run
    )
    p.add_argument("-v", "--verbose", action="store_true", help="log Scrapy's INFO messages")


def add_cluster_args(p: argparse.ArgumentParser, *, coordinator: bool = True) -> None:
    p.add_argument(
        "--broker",
        metavar="URL",
        default=os.environ.get("ZWGK_BROKER"),
        help=(
            "crawl on Celery workers through this Redis (redis://HOST:6379/0; default "
            "$ZWGK_BROKER): one task per site, each shard merged here as it arrives; without "
            "it the crawl runs in this process"
            if coordinator
            else "the Redis the coordinator queues sites on (default $ZWGK_BROKER)"
        ),
    )
    p.add_argument(
        "--shared",
        type=Path,
        metavar="DIR",
        default=os.environ.get("ZWGK_SHARED"),
        help="the folder the coordinator and every worker see at the same path: seeds out, "
        "shards back (default $ZWGK_SHARED)",
    )


def add_worker_args(p: argparse.ArgumentParser) -> None:
    from zwgk.cluster import DEFAULT_VISIBILITY_TIMEOUT

    add_cluster_args(p, coordinator=False)
    p.add_argument(
        "--concurrency",
        type=int,
        default=os.cpu_count() or 1,
        metavar="N",
        help="sites crawled at once, each in its own process (default: one per core; a "
        "crawl of a polite site mostly waits, see the README for memory per crawl)",
    )
    p.add_argument(
        "--visibility-timeout",
        type=int,
        default=DEFAULT_VISIBILITY_TIMEOUT,
        metavar="SECONDS",
        help="a site taken by a worker that died is crawled again after this long: longer "
        f"than the longest site's crawl (default {DEFAULT_VISIBILITY_TIMEOUT})",
    )
    p.add_argument(
        "--scratch",
        type=Path,
        metavar="DIR",
        help="where each crawl works before its shard is written (default: the system's "
        "temporary folder; a local disk, not the shared one)",
    )
    p.add_argument("-v", "--verbose", action="store_true", help="Celery's DEBUG messages")


def add_evidence_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("url", nargs="?", metavar="URL", help="the page, as stored (documents.url)")
    add_db_arg(p)
    p.add_argument("--capture", type=int, metavar="N", help="which capture (default: the latest)")
    p.add_argument(
        "--out", type=Path, metavar="FILE", help="write the capture's body there ('-': stdout)"
    )
    p.add_argument("--warc", type=Path, metavar="FILE", help="write its WARC record there")
    p.add_argument(
        "--decoded",
        action="store_true",
        help="with --out: undo the server's Content-Encoding (gzip, br) instead of the bytes as sent",
    )
    p.add_argument(
        "--prune-older-than",
        type=float,
        metavar="DAYS",
        help="delete the WARC folders of runs that started more than DAYS ago",
    )
    p.add_argument(
        "--dry-run", action="store_true", help="with --prune-older-than: say what would go"
    )


def add_extract_args(p: argparse.ArgumentParser) -> None:
    from crawlers.families import FAMILIES
    from pipelines.doc_type import DOC_TYPES

    p.add_argument("targets", nargs="+", metavar="TARGET", help="a page URL or a saved HTML file")
    p.add_argument(
        "--url",
        help="the URL a saved file was fetched from (default: its Url meta tag, else its path)",
    )
    p.add_argument(
        "--jsonl", action="store_true", help="one JSON object per target instead of a table"
    )
    p.add_argument(
        "--kind",
        default=None,
        choices=[*DOC_TYPES, "other"],
        help="the kind of the column the page was listed in; sets doc_type (default: read from "
        "the page: its ColumnName meta, 组配分类, title form or 文号)",
    )
    p.add_argument(
        "--family",
        choices=list(FAMILIES),
        help="the CMS family, when detection from the page is not enough",
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        return args.func(args)
    except BrokenPipeError:  # `zwgk indicators | head`: the reader has seen enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
