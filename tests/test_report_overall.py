"""总体情况 from the figures: counts, shortfalls, best and worst, and what changed since the
previous scoring (a site's score then is judged by today's thresholds and weights)."""

from __future__ import annotations

import datetime as dt

from analysis.rules import load_rules
from reports.overall import overall
from reports.report_data import Indicator, Report, SiteReport


def site(site_id: str, **values: tuple[float, float | None]) -> SiteReport:
    """A site with share indicators given as (value now, value at the previous scoring)."""
    report = SiteReport(site_id, f"{site_id}卫生健康委", None, None, "http://x/", None)
    for name, (now, then) in values.items():
        report.indicators[name] = Indicator(
            name, now, None, None, 1.0, now >= 1.0, "exact", previous=then
        )
    return report


def test_counts_shortfalls_best_worst_and_changes():
    sites = [
        site("a", interpretation_rate=(1.0, 0.5), graphic_share=(1.0, 1.0)),  # rose: 1 new pass
        site("b", interpretation_rate=(0.5, 1.0), graphic_share=(0.9, 0.9)),  # fell: 1 new fail
        # rose too: nothing to judge for 图解 then (score 0 of 1), now 1 of 2
        site("c", interpretation_rate=(0.5, 0.5), graphic_share=(1.0, None)),
        site("d", interpretation_rate=(0.2, 0.2), graphic_share=(0.1, 0.1)),
    ]
    report = Report(
        dt.date(2026, 11, 20), dt.date(2025, 11, 17), load_rules(), "rules",
        dt.date(2026, 11, 13), sites,
    )  # fmt: skip
    said = overall(report)
    assert (said.sites, said.passed) == (4, 1)
    assert said.shortfalls[0] == ("政策解读率", 3)
    assert [s.site_id for s in said.best] == ["a", "c"]
    assert [s.site_id for s in said.worst] == ["d", "b"]
    assert (said.rose, said.fell) == (2, 1)
    assert (said.newly_passed, said.newly_failed) == (1, 1)
