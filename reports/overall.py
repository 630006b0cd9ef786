"""总体情况: the scorecard's opening page, written from the figures — how many sites, how many
pass; the shortfalls most sites share; the best and the worst; what changed since the last
scoring. Leadership reads it first; every figure comes from the same Report as the ranking."""

from __future__ import annotations

from dataclasses import dataclass

from reports.report_data import Indicator, Report, SiteReport

SHOWN = 3  # shortfalls, best and worst sites named


@dataclass
class Overall:
    sites: int
    passed: int  # sites with no failing indicator
    shortfalls: list[tuple[str, int]]  # (indicator label, sites failing it), most first
    best: list[SiteReport]
    worst: list[SiteReport]
    previous_as_of: object | None = None
    rose: int = 0  # sites whose score rose since the previous scoring
    fell: int = 0
    newly_passed: int = 0  # indicator results of all sites that pass now and did not then
    newly_failed: int = 0


def passed_then(indicator: Indicator) -> bool | None:
    """Whether the previous scoring's value met today's threshold."""
    return None if indicator.previous is None else indicator.meets(indicator.previous)


def score_then(site: SiteReport) -> float | None:
    """The site's score at the previous scoring (weights and thresholds of today)."""
    judged = [
        (i.weight, passed_then(i))
        for i in site.indicators.values()
        if i.counts and passed_then(i) is not None
    ]
    total = sum(w for w, _ in judged)
    return sum(w for w, ok in judged if ok) / total if total else None


def overall(report: Report) -> Overall:
    ranked = report.ranked
    failing: dict[str, int] = {}
    for site in ranked:
        for indicator in site.failed:
            failing[indicator.label] = failing.get(indicator.label, 0) + 1
    shortfalls = sorted(failing.items(), key=lambda item: (-item[1], item[0]))[:SHOWN]
    named = min(SHOWN, len(ranked) // 2) or min(1, len(ranked))
    summary = Overall(
        sites=len(ranked),
        passed=sum(1 for s in ranked if not s.failed),
        shortfalls=shortfalls,
        best=ranked[:named],
        worst=list(reversed(ranked[-named:])) if len(ranked) > 1 else [],
        previous_as_of=report.previous_as_of,
    )
    if report.previous_as_of:
        for site in ranked:
            now, then = site.score, score_then(site)
            if now is not None and then is not None:
                summary.rose += now > then
                summary.fell += now < then
            for indicator in site.indicators.values():
                before = passed_then(indicator)
                if indicator.counts and before is not None and indicator.passed is not None:
                    summary.newly_passed += indicator.passed and not before
                    summary.newly_failed += before and not indicator.passed
    return summary
