"""The assessors' evidence workbook: the indicators and every finding as Excel rows, headers in
Chinese, filters on, header rows frozen, links clickable.

Every string is written as text: a crawled title or column name that starts with `=` (a
formula, a DDE `=cmd|…`) would otherwise be stored as a live formula (openpyxl takes any string
starting with `=` for one), and `+ - @`, a tab or a carriage return start formulas when a person
edits the cell; they stay inline strings, shown as written and read back unchanged.

Written in openpyxl's write-only mode (rows streamed to the file, no cell objects kept): the
3,000-site workbook took 99 s the ordinary way. Excel accepts at most 65,530 hyperlinks a sheet;
past that a URL stays as text (said once on stderr), so the file opens without repair.
"""

from __future__ import annotations

import sys
from pathlib import Path

from analysis.indicators import INDICATORS
from analysis.workdays import BASIS_LABELS
from reports.report_data import LABELS, LISTED_LABELS, Report

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
LINK_STYLE = "Hyperlink"
# the first characters that make a spreadsheet read a cell as a formula (OWASP: CSV injection)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
EXCEL_LINKS_PER_SHEET = 65_530
EXCEL_ROWS_PER_SHEET = 1_048_576  # a row more and Excel refuses the file: the rest continue


class Sheet:
    """A write-only sheet with its header frozen, filters over its rows and a budget of links."""

    def __init__(
        self, book, title: str, headers: tuple[str, ...], widths: tuple[int, ...], rows: int
    ):
        from openpyxl.utils import get_column_letter

        self.sheet = book.create_sheet(title)
        self.links_left = EXCEL_LINKS_PER_SHEET
        self.unlinked = 0
        # write-only: everything about the sheet is set before its first row
        self.sheet.freeze_panes = "A2"
        last = get_column_letter(len(headers))
        self.sheet.auto_filter.ref = f"A1:{last}{max(rows + 1, 2)}"
        for index, width in enumerate(widths, 1):
            self.sheet.column_dimensions[get_column_letter(index)].width = width
        self.sheet.append(headers)

    def append(self, values: list, links: tuple[int, ...] = ()) -> None:
        """One row; the values at the `links` positions (0-based) made clickable."""
        from openpyxl.cell import WriteOnlyCell

        for i in links:
            url = values[i]
            if not url:
                continue
            if url.startswith(FORMULA_STARTS):
                continue  # no link to what reads as a formula: it stays text (below)
            if self.links_left == 0:
                self.unlinked += 1
                continue
            cell = WriteOnlyCell(self.sheet, value=url)
            cell.hyperlink = url
            cell.style = LINK_STYLE
            values[i] = cell
            self.links_left -= 1
        self.sheet.append([self.text(v) for v in values])

    def text(self, value):
        """A string as a text cell whatever it starts with (never a formula); others as given."""
        from openpyxl.cell import WriteOnlyCell

        if not isinstance(value, str) or not value.startswith(FORMULA_STARTS):
            return value
        cell = WriteOnlyCell(self.sheet, value=value)
        cell.data_type = "s"  # openpyxl made a '=' string a formula ('f'): text it is
        return cell

    def finish(self) -> None:
        """Say how many URLs stayed text (past Excel's limit), once per sheet."""
        if self.unlinked:
            print(
                f"workbook: sheet {self.sheet.title}: {self.unlinked:,} URLs past Excel's "
                f"{EXCEL_LINKS_PER_SHEET:,} links a sheet are plain text",
                file=sys.stderr,
            )


def write_workbook(
    report: Report,
    path: Path,
    review_rows: list[tuple] | None = None,
    *,
    rows_per_sheet: int = EXCEL_ROWS_PER_SHEET,
) -> Path:
    """The workbook; with `review_rows` (reports.review_sheet.rows_to_review) it carries the
    待复核配对 sheet an assessor fills in and `zwgk review import` reads back."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    indicators = [
        (site, name, site.indicators[name])
        for site in report.ranked
        for name in INDICATORS
        if name in site.indicators
    ]
    sheet = Sheet(
        book, "指标", INDICATOR_HEADERS, (12, 28, 12, 14, 10, 8, 8, 10, 12, 12, 60), len(indicators)
    )
    for site, name, i in indicators:
        sheet.append([
            site.site_id, site.name, report.as_of, LABELS[name], i.value, i.numerator,
            i.denominator, i.rule, {True: "达标", False: "不达标"}.get(i.passed, "无可评估内容"),
            BASIS_LABELS.get(i.basis, i.basis), report.rules[name]["source"],
        ])  # fmt: skip
    sheet.finish()
    # the findings, and apart from them the items listed for a person, counted in no figure
    # (未到期事项, 待人工判断)
    sheets = [("问题清单", lambda site: site.findings)] + [
        (heading, lambda site, status=status: site.listed.get(status, {}))
        for status, (heading, _) in LISTED_LABELS.items()
    ]
    per_sheet = rows_per_sheet - 1  # the header takes a row
    for title, rows_of in sheets:
        rows = [
            (site, name, f)
            for site in report.ranked
            for name in INDICATORS
            for f in rows_of(site).get(name, [])
        ]
        # past Excel's last row the rest continue on sheets of their own: 问题清单（续2）…
        for start in range(0, max(len(rows), 1), per_sheet):
            part = rows[start : start + per_sheet]
            name = title if start == 0 else f"{title}（续{start // per_sheet + 1}）"
            sheet = Sheet(book, name, FINDING_HEADERS, FINDING_WIDTHS, len(part))
            for site, indicator, f in part:
                sheet.append(
                    [site.site_id, site.name, report.as_of, LABELS[indicator], f["url"],
                     f["detail"], f["related_url"], f["amount"]],
                    links=(4, 6),
                )  # fmt: skip
            sheet.finish()
    if review_rows is not None:
        from reports.review_sheet import add_review_sheet

        add_review_sheet(book, review_rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path
