"""The assessors' evidence workbook: the indicators and every finding as Excel rows, headers in
Chinese, filters on, header rows frozen, links clickable.

Written by reports/xlsx.py, a streaming writer that keeps Excel's limits (the reasons and the
measures are there): every string is a text cell, so a crawled title or column name that starts
with `=` (a formula, a DDE `=cmd|…`), `+ - @`, a tab or a carriage return stays text, shown as
written and read back unchanged; past 65,530 links a sheet a URL stays text (said on stderr).
"""

from __future__ import annotations

from pathlib import Path

from analysis.indicators import INDICATORS
from analysis.workdays import BASIS_LABELS
from reports.report_data import LABELS, LISTED_LABELS, Report
from reports.xlsx import Workbook

INDICATOR_HEADERS = (
    "网站代码",
    "网站名称",
    "评估日",
    "指标",
    "结果",
    "分子",
    "分母",
    "要求",
    "是否达标",
    "工作日依据",
    "规则依据",
)
FINDING_HEADERS = ("网站代码", "网站名称", "评估日", "指标", "页面", "说明", "相关页面", "数值")
FINDING_WIDTHS = (12, 28, 12, 14, 60, 60, 60, 8)
EXCEL_ROWS_PER_SHEET = 1_048_576  # a row more and Excel refuses the file: the rest continue


def write_workbook(
    report: Report,
    path: Path,
    review_rows: list[tuple] | None = None,
    *,
    rows_per_sheet: int = EXCEL_ROWS_PER_SHEET,
) -> Path:
    """The workbook; with `review_rows` (reports.review_sheet.rows_to_review) it carries the
    待复核配对 sheet an assessor fills in and `zwgk review import` reads back. A write that
    fails leaves no file under `path` (nor the one there before changed)."""
    book = Workbook(path)
    try:
        _write_indicators(book, report)
        # the findings, and apart from them the items listed for a person, counted in no figure
        # (未到期事项, 待人工判断)
        _write_findings(book, report, "问题清单", lambda site: site.findings, rows_per_sheet)
        for status, (heading, _) in LISTED_LABELS.items():
            _write_findings(
                book, report, heading, lambda site, s=status: site.listed.get(s, {}), rows_per_sheet
            )
        if review_rows is not None:
            from reports.review_sheet import add_review_sheet

            add_review_sheet(book, review_rows)
    except BaseException:
        book.abandon()
        raise
    return book.close()


def _write_indicators(book: Workbook, report: Report) -> None:
    sheet = book.add_sheet("指标", (12, 28, 12, 14, 10, 8, 8, 10, 12, 12, 60), INDICATOR_HEADERS)
    for site in report.ranked:
        for name in INDICATORS:
            i = site.indicators.get(name)
            if i is None:
                continue
            sheet.append([
                site.site_id, site.name, report.as_of, LABELS[name], i.value, i.numerator,
                i.denominator, i.rule, {True: "达标", False: "不达标"}.get(i.passed, "无可评估内容"),
                BASIS_LABELS.get(i.basis, i.basis), report.rules[name]["source"],
            ])  # fmt: skip


def _write_findings(book: Workbook, report: Report, title: str, rows_of, rows_per_sheet: int):
    """The rows `rows_of(site)` gives, site by site in rank order; past Excel's last row the rest
    continue on sheets of their own: 问题清单（续2）…, each with its header."""
    per_sheet = rows_per_sheet - 1  # the header takes a row
    sheet, written, part = book.add_sheet(title, FINDING_WIDTHS, FINDING_HEADERS), 0, 1
    for site in report.ranked:
        found = rows_of(site)
        for indicator in INDICATORS:
            for f in found.get(indicator, ()):
                if written == per_sheet:
                    part += 1
                    sheet = book.add_sheet(f"{title}（续{part}）", FINDING_WIDTHS, FINDING_HEADERS)
                    written = 0
                sheet.append(
                    [site.site_id, site.name, report.as_of, LABELS[indicator], f["url"],
                     f["detail"], f["related_url"], f["amount"]],
                    links=(4, 6),
                )  # fmt: skip
                written += 1
