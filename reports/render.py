"""The HTML scorecard: an overview, one page per site and the methodology, opening from disk
with no network (jinja2, autoescaped; charts inline; a Content-Security-Policy that forbids any
request), or all of it in one file (`single_file`, also what the PDF prints)."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, Template, select_autoescape

from analysis.indicators import BY_NAME, INDICATORS
from crawlers.files import write_atomically
from crawlers.status import STATUSES
from pipelines.doc_type import DOC_TYPE_LABELS
from reports.archive import archived_copy
from reports.charts import sparkline_png, weekly_svg
from reports.national import by_level, by_province, province_of
from reports.overall import overall
from reports.report_data import (
    CHANGES,
    DEFINITIONS,
    LABELS,
    LEVELS,
    LISTED_LABELS,
    QUOTES,
    Report,
    SiteReport,
)
from reports.rows import document_rows, finding_rows

TEMPLATES = Path(__file__).with_name("templates")
MAX_FINDINGS = 200  # per indicator on a site page; the workbook has them all
SHOWN_ROWS = 300  # overview rows laid out at once; the rest wait in a <template> (opens fast)
GROUP_ROWS = 20  # commissions listed inside a level's or a province's group (the ranking has all)
SAFE_NAME = re.compile(r"[^A-Za-z0-9_.-]")


def site_file(site: SiteReport) -> str:
    return f"sites/{SAFE_NAME.sub('_', site.site_id)}.html"


def points(value: float | None, digits: int = 0) -> str:
    """A 0–1 score as the pages write it, out of 100 (综合得分, 维度得分); — for none."""
    return "—" if value is None else f"{value * 100:.{digits}f}"


def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["points"] = points
    return env


PAGE = (
    '{% extends "base.html" %}{% block title %}{{ title }}{% endblock %}'
    "{% block body %}{{ body | safe }}{% endblock %}"
)


@lru_cache(maxsize=4)
def _frame(env: Environment) -> Template:
    """The page frame, compiled once per environment (per page, 3,000 site pages took 7.6 s)."""
    return env.from_string(PAGE)


def page(env: Environment, parts: list[str], title: str, context: dict, nav: str = "") -> str:
    body = nav + "".join(env.get_template(p).render(**context) for p in parts)
    return _frame(env).render(title=title, body=body)


def add_archived_copies(site: SiteReport, warc_dir: Path, out: Path) -> None:
    """Each shown finding's page as the crawl received it, beside its live URL."""
    for rows in site.findings.values():
        for finding in rows[:MAX_FINDINGS]:
            if finding.get("capture"):
                copy = archived_copy(warc_dir, out, finding["capture"], finding["url"])
                if copy:
                    finding["archive"] = f"../archive/{copy[0]}"
                    finding["archived_at"] = f"{copy[1]:%Y-%m-%d}"


def render_report(report: Report, out: Path, *, single_file: bool = False) -> Path:
    """Write the scorecard into `out`; returns the path of the page to open."""
    env = environment()
    minimum = float(report.rules["update_frequency"]["min_per_week"])
    sources = {name: report.rules[name]["source"] for name in INDICATORS}

    def rule_text(name: str) -> str:
        return BY_NAME[name].rule_text(report.rules[name])

    def cell_class(indicator) -> str:
        """p/f/n: passed, failed, nothing to judge; b/w: better, worse than last time; e: estimated."""
        if indicator is None:
            return "n"
        classes = ["p" if indicator.passed else ("f" if indicator.passed is False else "n")]
        classes += {"better": ["b"], "worse": ["w"]}.get(indicator.trend, [])
        classes += ["e"] if indicator.basis == "estimated" else []
        return " ".join(classes)

    def packed_cells(site, dimension) -> str:
        """A dimension's indicator cells packed into its score cell (`class:value:text`, joined by
        `|`), drawn by the overview's script when the dimension is opened: at 3,000 sites the 36
        cells a row written out made the overview 6.25 MB."""
        cells = []
        for name in dimension.indicators:
            i = site.indicators.get(name)
            value = f"{i.value:g}" if i and i.value is not None else ""
            cells.append(f"{cell_class(i)}:{value}:{i.shown() if i else ''}")
        return "|".join(cells)

    context = {
        "cell_class": cell_class,
        "packed_cells": packed_cells,
        "report": report,
        "indicators": INDICATORS,
        "labels": LABELS,
        "levels": LEVELS,
        "crawl_status": STATUSES,  # a site's outcome in its latest crawl, in Chinese
        "definitions": DEFINITIONS,
        "quotes": QUOTES,
        "changes": CHANGES,
        "doc_types": DOC_TYPE_LABELS,
        "listed_labels": LISTED_LABELS,
        "sources": sources,
        "rule_text": rule_text,
        "max_findings": MAX_FINDINGS,
        "shown_rows": SHOWN_ROWS,
        "group_rows": GROUP_ROWS,
        "summary": overall(report),
        "dimensions": report.rules.dimensions,
        "national": {"levels": by_level(report), "provinces": by_province(report)},
        "province_of": province_of,
        "sparkline": lambda s: sparkline_png(s.weekly, report.window_start, report.as_of, minimum),
        "weekly_chart": lambda s: weekly_svg(s.weekly, report.window_start, report.as_of, minimum),
        "finding_rows": finding_rows,
        "document_rows": document_rows,
    }
    out.mkdir(parents=True, exist_ok=True)
    title = f"政务公开评估 {report.as_of}"
    if single_file:  # also what is printed: every site in the ranking, none held back
        context["site_href"] = lambda s: f"#site-{s.site_id}"
        context["shown_rows"] = len(report.ranked)
        parts = ["overview.html"]
        html = page(env, parts, title, context)
        sites = "".join(
            env.get_template("site.html").render(site=s, **context) for s in report.ranked
        )
        method = env.get_template("methodology.html").render(**context)
        bulletin = env.get_template("bulletin.html").render(**context)
        html = html.replace("</body>", sites + method + bulletin + "</body>")
        return write_atomically(out / "report.html", html)
    context["site_href"] = site_file
    nav = (
        '<nav><a href="index.html">总览</a><a href="bulletin.html">通报</a>'
        '<a href="methodology.html">评估方法</a></nav>'
    )
    write_atomically(out / "index.html", page(env, ["overview.html"], title, context, nav))
    write_atomically(
        out / "methodology.html", page(env, ["methodology.html"], "评估方法", context, nav)
    )
    write_atomically(
        out / "bulletin.html", page(env, ["bulletin.html"], "评估情况通报", context, nav)
    )
    (out / "sites").mkdir(exist_ok=True)
    site_nav = (
        '<nav><a href="../index.html">总览</a><a href="../bulletin.html">通报</a>'
        '<a href="../methodology.html">评估方法</a></nav>'
    )
    for site in report.sites:
        if report.warc_dir:
            add_archived_copies(site, report.warc_dir, out)
        html = page(env, ["site.html"], site.name, {**context, "site": site}, site_nav)
        write_atomically(out / site_file(site), html)
    return out / "index.html"
