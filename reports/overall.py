"""总体情况: the scorecard's opening page, written from the figures — how many sites, how many
pass; the shortfalls most sites share; the best and the worst; what changed since the last
scoring. Leadership reads it first; every figure comes from the same Report as the ranking."""

from __future__ import annotations

from dataclasses import dataclass, field

from analysis.rules import Rules
from reports.national import group
from reports.report_data import LABELS, Report, SiteReport, composite_of

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
    median: float | None = None  # the composites' median, 0–1
    vetoed: int = 0  # sites with a single veto
    veto_counts: list[tuple[str, int]] = field(default_factory=list)  # (indicator label, sites)
    weakest: list[tuple[str, float]] = field(default_factory=list)  # (dimension, pass share)


def score_then(site: SiteReport, rules: Rules) -> float | None:
    """The site's composite at the previous scoring (weights and thresholds of today)."""
    return composite_of(site, rules, previous=True).score


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
    everyone = group("全部", ranked, report.rules.dimensions)
    summary.median, summary.vetoed = everyone.median, everyone.vetoed
    vetoes: dict[str, int] = {}
    for site in ranked:
        for name in site.vetoes:
            vetoes[name] = vetoes.get(name, 0) + 1
    summary.veto_counts = [(LABELS[n], vetoes[n]) for n in report.rules.vetoes if n in vetoes]
    shares = [
        (d.label, everyone.passing[d.key])
        for d in report.rules.dimensions
        if everyone.passing[d.key] is not None
    ]
    summary.weakest = sorted(shares, key=lambda item: item[1])[:2]
    if report.previous_as_of:
        for site in ranked:
            now, then = site.score, score_then(site, report.rules)
            if now is not None and then is not None:
                summary.rose += now > then
                summary.fell += now < then
            for indicator in site.indicators.values():
                before = indicator.passed_then
                if indicator.counts and before is not None and indicator.passed is not None:
                    summary.newly_passed += indicator.passed and not before
                    summary.newly_failed += before and not indicator.passed
    return summary
