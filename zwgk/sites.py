"""`zwgk sites import` and `zwgk sites check`: loading a province's commissions, and first contact."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import re
import sys
from pathlib import Path

from crawlers.extract.labels import column_kind
from crawlers.profiles import ProfileError, load_profiles
from zwgk.arguments import Command, Formatter, add_progress_arg, progress_wanted

CHECK_FIELDS = (
    "site_id",
    "name",
    "url",
    "result",
    "reason",
    "status",
    "redirected_to",
    "family",
    "entry",
    "scope",
    "columns",
    "column_kinds",
    "required_found",
    "required_missing",
    "needs",
    "detail",
    "checked_at",
)


def import_command(files: list[Path], registry: Path, refused_csv: Path | None = None) -> int:
    from crawlers.registry.imports import import_register
    from crawlers.registry.register import RegisterError

    try:
        result = import_register(files, registry)
    except (RegisterError, ProfileError) as exc:
        print(f"zwgk sites import: {exc}", file=sys.stderr)
        return 2
    print(
        f"read {result.rows} websites from {len(files)} file(s): {result.commissions} health "
        f"commissions with a site of their own, {result.portals} looked for in their portal"
    )
    print(
        f"{registry}: {len(result.added)} added, {len(result.changed)} changed, "
        f"{result.unchanged} unchanged"
    )
    for line in result.kept:
        print(f"  kept: {line}")
    for line in result.gone:
        print(f"  kept, though these files no longer call for it: {line}")
    if result.no_site:
        shown = "、".join(result.no_site[:8]) + ("…" if len(result.no_site) > 8 else "")
        print(
            f"{len(result.no_site)} divisions of these provinces have neither a commission site "
            f"nor a portal in the files (e.g. {shown}): add them by hand"
        )
    if result.refused:
        print(f"{len(result.refused)} rows refused:", file=sys.stderr)
        for row in result.refused:
            name = row.get("name") or row.get("organizer") or "(no name)"
            print(f"  {row.where}: {name}: {'; '.join(row.problems)}", file=sys.stderr)
    if refused_csv and result.refused:
        with refused_csv.open("w", encoding="utf-8-sig", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(["file", "line", "网站名称", "主办单位", "首页网址", "reason"])
            for row in result.refused:
                writer.writerow(
                    [
                        row.source,
                        row.line,
                        row.get("name"),
                        row.get("organizer"),
                        row.get("homepage"),
                        "; ".join(row.problems),
                    ]
                )
    return 0


def required_patterns() -> dict[str, list[str]]:
    """Per level, the required columns (rules.toml [required_columns]: a pattern each)."""
    from analysis.rules import load_rules

    rule = load_rules()["required_columns"]
    return {
        level: rule.get(level, []) for level in ("national", "provincial", "prefecture", "county")
    }


def required_columns(patterns: list[str], names: list[str]) -> tuple[list[str], list[str]]:
    """The patterns a column name matches (found), and the rest (missing)."""
    found = [p for p in patterns if any(re.search(p, n) for n in names)]
    return found, [p for p in patterns if p not in found]


def run_check(sites: Path, only: list[str] | None, progress: bool) -> dict:
    """The first-contact spider over the sites; its results by site id."""
    from scrapy.crawler import CrawlerProcess
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule("crawlers.settings", priority="project")
    settings.set("LOG_LEVEL", "ERROR", priority="cmdline")
    process = CrawlerProcess(settings)
    crawler = process.create_crawler("first_contact")
    process.crawl(crawler, sites=str(sites), only=",".join(only or []), progress=progress)
    process.start()
    return crawler.spider.results


def check_row(result, profile, required: dict[str, list[str]]) -> dict:
    """One CSV row; `required` the required columns by level (a site of no level: prefecture's)."""
    found, missing = required_columns(required[profile.level or "prefecture"], result.columns)
    kinds = sorted({k for n in result.columns if (k := column_kind(n))})
    return {
        "site_id": result.site_id,
        "name": result.name,
        "url": result.url,
        "result": result.result,
        "reason": result.reason,
        "status": "" if result.status is None else result.status,
        "redirected_to": result.redirected_to,
        "family": result.family,
        "entry": result.entry,
        "scope": " ".join(result.scope),
        "columns": "；".join(result.columns),
        "column_kinds": " ".join(kinds),
        "required_found": "；".join(found) if result.result == "ok" else "",
        "required_missing": "；".join(missing) if result.result == "ok" else "",
        "needs": result.needs,
        "detail": result.detail,
        "checked_at": result.checked_at,
    }


def record(sites: Path, results: dict) -> int:
    """What the check found, in the sites file: checked_at, check, entry, family, scope,
    verified. Only the checked sites' tables are rewritten."""
    from crawlers.registry import sitesfile

    registry = sitesfile.read(sites)
    changed = 0
    for block in registry.blocks:
        result = results.get(block.id)
        if result is None or result.result == "unchecked":
            continue  # not reached this time: what an earlier check recorded stays
        table = dict(block.table)
        table["checked_at"] = result.checked_at
        summary = result.result + (f": {result.reason}" if result.reason else "")
        table["check"] = summary + (f" ({result.detail})" if result.detail else "")
        if result.entry and result.result == "ok":
            table["entry"] = result.entry
        if result.family and "family" not in table:
            table["family"] = result.family
        if result.scope and "scope" not in table:
            table["scope"] = list(result.scope)
        table["verified"] = result.result == "ok"
        if table["verified"]:
            table["verified_at"] = result.checked_at[:10]
        else:
            table.pop("verified_at", None)
        block.table, block.text = table, None
        changed += 1
    sitesfile.write(registry)
    return changed


def check_command(
    sites: Path, csv_out: Path, only: list[str] | None, progress: bool, update: bool = True
) -> int:
    try:
        profiles = {p.id: p for p in load_profiles(sites, only=only)}
    except ProfileError as exc:
        print(f"zwgk sites check: {exc}", file=sys.stderr)
        return 2
    print(f"checking {len(profiles)} sites, one request at a time each (robots.txt obeyed)")
    results = run_check(sites, only, progress)
    required = required_patterns()
    rows = [check_row(results[i], profiles[i], required) for i in profiles if i in results]
    csv_out.parent.mkdir(parents=True, exist_ok=True)
    with csv_out.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=CHECK_FIELDS)
        writer.writeheader()
        writer.writerows(rows)
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["result"]] = counts.get(row["result"], 0) + 1
    print(", ".join(f"{n} {k}" for k, n in sorted(counts.items())) + f"; details in {csv_out}")
    for row in rows:
        if row["result"] != "ok" or row["reason"]:
            print(
                f"  {row['site_id']} ({row['name']}): {row['result']} {row['reason']}: {row['needs']}"
            )
    if update:
        print(f"{sites}: {record(sites, results)} sites' check recorded ({dt.date.today()})")
    return 0


# ----- the command ------------------------------------------------------------------------

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


def _add_arguments(p: argparse.ArgumentParser) -> None:
    p.set_defaults(sites_parser=p)
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
    imp.set_defaults(sites_action=_run_import)
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
    add_progress_arg(chk, "a progress bar on stderr")
    chk.set_defaults(sites_action=_run_check)


def _run_import(args: argparse.Namespace) -> int:
    return import_command(args.files, args.registry, args.refused)


def _run_check(args: argparse.Namespace) -> int:
    progress = progress_wanted(args)
    return check_command(args.sites, args.csv, args.only, progress, update=not args.no_record)


def _run(args: argparse.Namespace) -> int:
    action = getattr(args, "sites_action", None)
    if action is None:  # `zwgk sites` alone: what it can do
        args.sites_parser.print_help()
        return 2
    return action(args)


COMMAND = Command(
    "sites",
    "the registry of commissions: import the national register, check every site",
    "The registry of commissions (a sites file): import a province's download of the national "
    "register into it; check every site's first contact.",
    _add_arguments,
    _run,
    epilog=SITES_EPILOG,
)
