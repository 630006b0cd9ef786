"""`zwgk sites import`: the national register's download merged into a registry.

Kept from the download: every health commission with a site of its own (its 主办单位 names
卫生健康 …, words.toml [health]), and, for each division whose portal is registered but whose
commission has no site, the portal it must be looked for in (a portal section: `portal` and the
name the commission goes by, words.toml [commission_names]). Each table records what the import
read in `[site.imported]`; the next import merges three ways against it: a value the import set
and nobody touched follows the register, a value edited by hand is kept (and said so when the
register changed it too), a row the register did not change is not rewritten at all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from crawlers.registry import sitesfile
from crawlers.registry.divisions import Division, divisions, find_division, region_of
from crawlers.registry.register import (
    RegisterRow,
    homepage_url,
    is_health_commission,
    is_portal,
    read_register,
    words,
)

REGISTER = "全国政府网站基本信息数据库"
# the values an import owns: it sets them, and follows the register on them unless hand-edited
OWNED = ("name", "level", "region", "code", "homepage", "portal", "site_code")


@dataclass
class ImportResult:
    rows: int = 0
    commissions: int = 0  # rows of a commission with a site of its own
    portals: int = 0  # divisions whose commission is looked for in their portal
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: int = 0
    kept: list[str] = field(default_factory=list)  # hand edits kept against a changed register
    refused: list[RegisterRow] = field(default_factory=list)
    no_site: list[str] = field(default_factory=list)  # divisions with neither site nor portal
    gone: list[str] = field(default_factory=list)  # imported before, not in these files: kept


def _proposed_commission(row: RegisterRow, division: Division) -> dict:
    return {
        "key": f"site:{row.get('site_code') or urlsplit(homepage_url(row.get('homepage'))).hostname}",
        "name": row.get("organizer"),
        "level": division.level,
        "region": region_of(division),
        "code": division.code6,
        "homepage": homepage_url(row.get("homepage")),
        "site_code": row.get("site_code") or None,
    }


def commission_name(division: Division) -> str:
    """What a commission without a site is called: 洪山区卫生健康局, 黔南布依族苗族自治州卫生健康委员会."""
    return words()["commission_names"][division.level].format(region=division.name)


def _proposed_section(portal: RegisterRow, division: Division) -> dict:
    return {
        "key": f"portal:{division.code6}",
        "name": commission_name(division),
        "level": division.level,
        "region": region_of(division),
        "code": division.code6,
        "portal": homepage_url(portal.get("homepage")),
        "site_code": None,
    }


def _clean(imported: dict) -> dict:
    return {k: v for k, v in imported.items() if v is not None}


def propose(rows: list[RegisterRow], result: ImportResult) -> list[dict]:
    """The registry entries the rows call for, each as the values an import owns (+ `key`)."""
    seen_codes: dict[str, RegisterRow] = {}
    commissions: dict[str, list[dict]] = {}
    portals: dict[str, tuple[RegisterRow, Division]] = {}
    provinces: set[str] = set()
    for row in rows:
        code = row.get("site_code")
        if not row.problems and code:
            if code in seen_codes:
                row.problems.append(
                    f"政府网站标识码 {code} again (first at {seen_codes[code].where})"
                )
            else:
                seen_codes[code] = row
        health = not row.problems and is_health_commission(row.get("organizer"))
        portal = not row.problems and not health and is_portal(row)
        division = None
        if health or portal:
            division = find_division(row.get("region"), row.get("organizer"), row.get("name"))
            if division is None:
                row.problems.append(
                    f"地区 {row.get('region')!r} and 主办单位 {row.get('organizer')!r} name no "
                    "division (province first) of the division table"
                )
        if row.problems:
            result.refused.append(row)
            continue
        if division is None:
            continue
        provinces.add(division.code[:2])
        if health:
            commissions.setdefault(division.code, []).append(_proposed_commission(row, division))
        elif division.code not in portals:
            portals[division.code] = (row, division)
    proposed = [p for entries in commissions.values() for p in entries]
    result.commissions = len(proposed)
    for code, (row, division) in sorted(portals.items()):
        if code not in commissions and division.level != "provincial":
            proposed.append(_proposed_section(row, division))
            result.portals += 1
    covered = set(commissions) | set(portals)
    result.no_site = [
        region_of(d)
        for d in sorted(divisions().values(), key=lambda d: d.code)
        if d.code[:2] in provinces and d.level != "provincial" and d.code not in covered
    ]
    return proposed


def _new_id(entry: dict, taken: set[str]) -> str:
    base = f"wjw-{entry['code']}"
    if base not in taken:
        return base
    suffix = entry.get("site_code") or ("portal" if entry.get("portal") else "site")
    candidate, n = f"{base}-{suffix}"[:64], 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def _source(today: dt.date) -> dict:
    return {"what": f"{REGISTER}（zwgk sites import）", "date": today.isoformat()}


def merge(
    registry: sitesfile.SitesFile, proposed: list[dict], today: dt.date, result: ImportResult
) -> None:
    """Three-way merge of the proposed entries into the registry's blocks (see module doc)."""
    by_key = {
        b.table.get("imported", {}).get("key"): b
        for b in registry.blocks
        if b.table.get("imported")
    }
    taken = registry.ids()
    provinces = {e["code"][:2] for e in proposed}
    keys = {e["key"] for e in proposed}
    result.gone = [
        f"{b.id} ({b.table['name']})"
        for key, b in by_key.items()
        if key not in keys and str(b.table["imported"].get("code", ""))[:2] in provinces
    ]
    for entry in proposed:
        imported = _clean(entry)
        block = by_key.get(entry["key"])
        if block is None:
            table = {"id": _new_id(entry, taken)}
            table.update({k: imported[k] for k in OWNED if k in imported})
            table["verified"] = False
            table["sources"] = [_source(today)]
            table["imported"] = imported
            taken.add(table["id"])
            registry.blocks.append(sitesfile.Block(table))
            result.added.append(table["id"])
            continue
        base = block.table["imported"]
        if base == imported:
            result.unchanged += 1
            continue
        table = dict(block.table)
        moved = False
        for key in OWNED:
            current, old, new = table.get(key), base.get(key), imported.get(key)
            if current == old:
                if new is None:
                    table.pop(key, None)
                else:
                    table[key] = new
                moved |= key in ("homepage", "portal") and new != old
            elif new != old:
                result.kept.append(
                    f"{table['id']}: {key} kept as edited by hand ({current!r}); the register "
                    f"now says {new!r}"
                )
        if moved:  # a new address is not what anyone verified
            table["verified"] = False
            table.pop("verified_at", None)
        sources = [
            s for s in table.get("sources", []) if not s.get("what", "").startswith(REGISTER)
        ]
        table["sources"] = [*sources, _source(today)]
        table["imported"] = imported
        block.table, block.text = table, None
        result.changed.append(table["id"])


def import_register(
    files: list[Path], registry_path: Path, today: dt.date | None = None
) -> ImportResult:
    """Read the downloads, merge them into the registry (created if absent), write it."""
    today = today or dt.date.today()
    result = ImportResult()
    rows = [row for path in files for row in read_register(path)]
    result.rows = len(rows)
    proposed = propose(rows, result)
    registry = sitesfile.read(registry_path, missing_ok=True)
    if not registry.header:
        registry.header = (
            "# A registry of health commissions (a sites file: `zwgk crawl --sites` reads it).\n"
            f"# Made by `zwgk sites import` from {REGISTER} downloads; hand edits are kept on the\n"
            "# next import. Nothing here is verified until `zwgk sites check` has reached it.\n\n"
        )
    merge(registry, proposed, today, result)
    sitesfile.write(registry)
    return result
