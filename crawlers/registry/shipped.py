"""Writes the shipped registry (crawlers/sites/registry.toml) from what public material says.

`python -m crawlers.registry.shipped ../shared/registry crawlers/sites/registry.toml` reads the
candidates gathered from public code and stored pages (the project's shared research folder:
provincial_candidates.csv, city_candidates.csv) and writes one table per unit: the national and
31 provincial commissions, and the prefecture-level ones with an attested host, each with its
sources, none verified. A maintainer's tool: the registry it writes is what ships.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

from crawlers.registry import sitesfile
from crawlers.registry.divisions import find_division

# the research folder's source letters (its README): what each is, and when it was seen
SOURCES = {
    "D": (
        "a COVID-era crawler of every provincial commission's notice column "
        "(doctormin/COVID-19_SpiderOfChineseData@0af7024c)",
        "2020-03",
    ),
    "B": (
        "a policy-crawling catalogue of provincial hosts visited for robots.txt "
        "(bucm-policy-search/web-scraping@f667fd27, MIT)",
        "2022-02",
    ),
    "H": (
        "a governance crawler with the disclosure paths it crawls "
        "(hulelan/china-governance@c7329c22)",
        "2026-08",
    ),
    "T": ("a telehealth-policy collector listing all 31 provincial homepages", "c.2025"),
    "C": ("a COVID crawler of the 31 provincial notice URLs", "2020-01"),
    "X": ("a COVID-era crawler configuration of 120 prefecture-level notice lists", "c.2020-02"),
    "S": ("facts gathered from public code for the project (unverified)", "2026"),
    "M": ("the project's own unverified profiles (crawlers/sites/commissions.toml)", "2026"),
    "P": ("a stored copy of a real page of the site", ""),
}
HEADER = """\
# The registry of health commissions shipped with zwgk-audit: the national commission, the 31
# provincial ones and the prefecture-level ones whose host public material attests. A sites file:
# `zwgk crawl --sites crawlers/sites/registry.toml --only wjw-420000` reads it.
# NOTHING HERE IS VERIFIED: no machine of ours reaches a government site. Each row names its
# sources (public code and stored pages, with dates). Run `zwgk sites check --sites
# crawlers/sites/registry.toml --csv first-contact.csv` from the office network first; it records
# what it finds here. Counties: import the province's register (`zwgk sites import`).
# Written by `python -m crawlers.registry.shipped`; hand edits are kept by later imports.

"""


def _sources(letters: str, url: str = "") -> list[dict]:
    out = []
    for letter in letters.replace(";", " ").split():
        if letter in SOURCES:
            what, date = SOURCES[letter]
            entry = {"what": f"{letter}: {what}"}
            if letter == "P" and url:
                entry["url"] = url
            if date:
                entry["date"] = date
            out.append(entry)
    return out


def _page_url(evidence: str) -> str:
    """The stored page's URL a `P` source names in the evidence text (P https://…)."""
    m = re.search(r"P (https?://[^\s),]+)", evidence)
    return m[1] if m else ""


def provincial_rows(path: Path) -> list[dict]:
    rows = []
    with path.open(encoding="utf-8") as f:
        for r in csv.DictReader(line for line in f if not line.startswith("#")):
            national = r["level"] == "national"
            division = None if national else find_division(r["region"])
            notes = "；".join(
                x
                for x in (
                    f"older hosts: {r['older_hosts']}" if r["older_hosts"] else "",
                    f"disclosure entry seen: {r['xxgk_entry_evidence']}"
                    if r["xxgk_entry_evidence"]
                    else "",
                    r["notes"],
                )
                if x
            )
            table = {
                "id": "nhc-gov" if national else f"wjw-{division.code6}",
                "name": r["name"],
                "level": r["level"],
                "region": r["region"],
                "homepage": r["homepage"],
                "verified": False,
                "concurrency": 1,
                "delay": 2.0,
                "sources": _sources(r["sources"], _page_url(r["xxgk_entry_evidence"])),
            }
            if division:
                table["code"] = division.code6
            if notes:
                table["notes"] = notes
            rows.append(table)
    return rows


def city_rows(path: Path) -> list[dict]:
    units: dict[str, dict] = {}
    with path.open(encoding="utf-8") as f:
        for r in csv.DictReader(line for line in f if not line.startswith("#")):
            if not r["host"] or r["host_kind"] not in ("own_host", "city_portal_section"):
                continue
            division = find_division(r["province"] + r["city"])
            if division is None or division.level != "prefecture":
                continue
            letters = " ".join(
                x for x in r["source"].replace(";", " ").replace('"', " ").split() if x in SOURCES
            )
            sources = _sources(letters, r["sample_url"])
            name = f"{division.name}卫生健康委员会"
            url = f"http://{r['host']}/"
            table = {
                "id": f"wjw-{division.code6}",
                "name": name,
                "level": "prefecture",
                "region": f"{r['province']}{division.name}",
                "code": division.code6,
                "verified": False,
                "concurrency": 1,
                "delay": 2.0,
            }
            if r["host_kind"] == "own_host":
                table["homepage"] = url
            else:
                table["portal"] = url  # a section of the city portal: found from its directory
            seen = units.get(division.code6)
            if seen is not None:  # a second source for the same unit: its sources join
                seen["sources"] += [s for s in sources if s not in seen["sources"]]
                continue
            table["sources"] = sources or [{"what": r["source"], "date": r["source_date"]}]
            table["notes"] = f"a column seen: {r['sample_url']} ({r['source_date']})"
            units[division.code6] = table
    return list(units.values())


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m crawlers.registry.shipped RESEARCH_DIR OUT.toml", file=sys.stderr)
        return 2
    research, out = Path(argv[0]), Path(argv[1])
    tables = provincial_rows(research / "provincial_candidates.csv")
    tables += city_rows(research / "city_candidates.csv")
    registry = sitesfile.SitesFile(out, HEADER, [sitesfile.Block(t) for t in tables])
    sitesfile.write(registry)
    print(f"{out}: {len(tables)} commissions, none verified")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
