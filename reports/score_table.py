"""The terminal scorecard `zwgk score` prints: one row per site, one cell per indicator."""

from __future__ import annotations

from pathlib import Path

from analysis.indicators import BY_NAME, INDICATORS, SPECS
from reports.report_data import LISTED_LABELS
from reports.text_table import table

LABELS = {spec.name: spec.short for spec in SPECS}  # short, for a terminal


def cell(indicator: str, value, passed) -> str:
    if value is None:
        return "—"
    shown = f"{value:.0%}" if BY_NAME[indicator].is_share else f"{value:.0f}"
    return shown + ("✓" if passed else "✗")


def score_table(con, result, reviews_path: Path | None) -> str:
    rows = con.execute(
        "select site_id, indicator, value, passed from indicators where as_of = ? order by 1",
        [result.as_of],
    ).fetchall()
    by_site: dict[str, dict] = {}
    for site, indicator, value, passed in rows:
        by_site.setdefault(site, {})[indicator] = (value, passed)
    pairs = result.pairs
    counted = ("link", "quote", "similar", "manual")
    methods = ", ".join(f"{m} {pairs[m]}" for m in counted if pairs.get(m))
    lines = [
        f"as of {result.as_of}, window {result.window_start} … {result.as_of} "
        f"({result.weeks} weeks), rules: {result.rules.name} ({result.rules.path})",
        f"pairs: {sum(pairs.get(m, 0) for m in counted)} ({methods or 'none'}); "
        f"{pairs.get('waiting_review', 0)} proposed by title similarity wait for review "
        f"(zwgk report --xlsx, sheet 待复核配对); {pairs.get('outside', 0)} interpretation(s) of "
        f"documents the site does not host; {result.paired} interpretation(s) paired this time, "
        "the others kept their pairs (nothing their pairing reads had changed)",
    ]
    if reviews_path:
        lines.append(
            f"reviewed pairs from {reviews_path}: {pairs.get('review_confirm', 0)} confirmed, "
            f"{pairs.get('review_reject', 0)} rejected, {pairs.get('review_add', 0)} added, "
            f"{pairs.get('review_stale', 0)} no longer found"
        )
    if result.estimated_days:
        lines.append(
            "note: some working days fall in years no official calendar covers here; they were "
            "counted Monday–Friday and the figures that use them are marked estimated"
        )
    header = [("site", 10, "<"), *((LABELS[i], 10, ">") for i in INDICATORS)]
    rows = [
        [site, *(cell(i, *cells.get(i, (None, None))) for i in INDICATORS)]
        for site, cells in sorted(by_site.items())
    ]
    lines += ["", *table(header, rows)]
    lines += [
        "",
        f"{result.indicators} indicator rows and {result.findings} findings stored for {result.as_of}"
        + "".join(
            f"; {n} items {LISTED_LABELS[status][0]} listed apart, counted in no indicator"
            for status, n in sorted(result.listed.items())
        ),
    ]
    return "\n".join(lines)
