"""The assessors' evidence workbook: the indicators and every finding as Excel rows, headers in
Chinese, filters on, header rows frozen, links clickable."""

from __future__ import annotations

from pathlib import Path

from analysis.indicators import INDICATORS
from analysis.workdays import BASIS_LABELS
from reports.report_data import LABELS, Report

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
LINK_STYLE = "Hyperlink"


def link_cells(ws, row: int, columns: tuple[int, ...]) -> None:
    """Make the URL cells of a row clickable."""
    for column in columns:
        cell = ws.cell(row, column)
        if cell.value:
            cell.hyperlink = cell.value
            cell.style = LINK_STYLE


def finish_sheet(ws, widths: tuple[int, ...]) -> None:
    """Header row frozen, filters on, column widths set: every sheet of the workbook."""
    from openpyxl.utils import get_column_letter

    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    for index, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(index)].width = width


def write_workbook(report: Report, path: Path, review_rows: list[tuple] | None = None) -> Path:
    """The workbook; with `review_rows` (reports.review_sheet.rows_to_review) it carries the
    待复核配对 sheet an assessor fills in and `zwgk review import` reads back."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "指标"
    sheet.append(INDICATOR_HEADERS)
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
    findings = book.create_sheet("问题清单")
    findings.append(FINDING_HEADERS)
    row = 1  # counted here: openpyxl's max_row walks every cell, which made this quadratic
    for site in report.ranked:
        for name in INDICATORS:
            for f in site.findings.get(name, []):
                findings.append([
                    site.site_id, site.name, report.as_of, LABELS[name], f["url"], f["detail"],
                    f["related_url"], f["amount"],
                ])  # fmt: skip
                row += 1
                link_cells(findings, row, (5, 7))
    finish_sheet(sheet, (12, 28, 12, 14, 10, 8, 8, 10, 12, 12, 60))
    finish_sheet(findings, (12, 28, 12, 14, 60, 60, 60, 8))
    if review_rows is not None:
        from reports.review_sheet import add_review_sheet

        add_review_sheet(book, review_rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path
