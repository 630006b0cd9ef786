"""The national view a leader reads first: the commissions grouped by level (国家级, 省级, 市级,
县级 apart) and by province, each group with its composite spread, each dimension's pass share
and its vetoes, opening to its commissions. Every figure comes from the sites' roll-ups
(analysis/dimensions.py), so the groups and the ranking never disagree."""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from functools import cache

from crawlers.registry.divisions import divisions
from reports.report_data import LEVELS, Report, SiteReport, by_composite

LEVEL_ORDER = ("national", "provincial", "prefecture", "county", None)
NATIONAL_GROUP = "国家卫生健康委"
UNKNOWN_PROVINCE = "省份未识别"
# a provincial-level name at the start of a region no division table knows (the samples' 江安省)
PROVINCE_PREFIX = re.compile(r"^(.{2,9}?(?:省|自治区|特别行政区))")


@dataclass
class Group:
    label: str
    sites: list[SiteReport]  # by composite, highest first
    low: float | None  # the composites' spread, 0–1
    median: float | None
    high: float | None
    passing: dict[str, float | None]  # dimension key -> share of sites meeting all of it
    vetoed: int  # sites with a single veto

    @property
    def size(self) -> int:
        return len(self.sites)


@cache
def _provinces() -> tuple[tuple[str, str], ...]:
    """(name, short name) of every provincial-level division, longest names first."""
    found = {(d.name, d.short) for d in divisions().values() if d.level == "provincial"}
    return tuple(sorted(found, key=lambda p: -len(p[0])))


def province_of(site: SiteReport) -> str:
    """The province a site belongs to: the division table's, where the region or the name starts
    with one; else a leading …省 / …自治区 of the region; 全国 for the national commission."""
    if site.level == "national":
        return NATIONAL_GROUP
    for text in (site.region or "", site.name):
        for name, short in _provinces():
            if text.startswith((name, short)):
                return name
        m = PROVINCE_PREFIX.match(text)
        if m:
            return m[1]
    return UNKNOWN_PROVINCE


def pass_share(sites: list[SiteReport], key: str) -> float | None:
    """The share of the sites with anything to judge in a dimension that meet all of it."""
    judged = [v for s in sites if (v := s.composite.dimensions.get(key)) is not None]
    return sum(1 for v in judged if v >= 1) / len(judged) if judged else None


def group(label: str, sites: list[SiteReport], dimensions) -> Group:
    scores = sorted(s.score for s in sites if s.score is not None)
    return Group(
        label,
        by_composite(sites),
        scores[0] if scores else None,
        statistics.median(scores) if scores else None,
        scores[-1] if scores else None,
        {d.key: pass_share(sites, d.key) for d in dimensions},
        sum(1 for s in sites if s.vetoes),
    )


def by_level(report: Report) -> list[Group]:
    dims = report.rules.dimensions
    groups = []
    for level in LEVEL_ORDER:
        sites = [s for s in report.sites if s.level == level]
        if sites:
            groups.append(group(LEVELS.get(level, str(level)), sites, dims))
    return groups


def by_province(report: Report) -> list[Group]:
    """One group per province, the national commission first, unknown provinces last; the rest
    in the order of their median composite, lowest first (where attention is needed)."""
    dims = report.rules.dimensions
    members: dict[str, list[SiteReport]] = {}
    for site in report.sites:
        members.setdefault(province_of(site), []).append(site)
    groups = [group(label, sites, dims) for label, sites in members.items()]

    def order(g: Group) -> tuple:
        first = g.label == NATIONAL_GROUP
        last = g.label == UNKNOWN_PROVINCE
        return (not first, last, g.median if g.median is not None else 2, g.label)

    return sorted(groups, key=order)
