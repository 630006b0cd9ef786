"""The pairs a person must decide, as a workbook sheet (待复核配对), and its way back.

The evidence workbook gains one sheet listing what pairing could not settle
(analysis/sql/reports/pairs_to_review.sql): similarity pairs below the rules' threshold, policies
without interpretation, interpretations without a policy. An assessor fills 复核 with 确认 (the
pair is right), 否决 (it is wrong) or 改配 with a page's URL in 改配页面 (the interpretation explains
that policy instead; on a 政策无解读 row, the URL is the interpretation that explains it), and a note.
`zwgk review import` reads it back into the reviewed-pairs file: every row is checked first (a
verdict the sheet does not know, 确认/否决 on a row that has no pair, 改配 without a URL, a URL no
stored page of the site has, a note or URL with no verdict), and a file with any error changes
nothing. Untouched rows are left for later.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from analysis.reviews import Review

SHEET = "待复核配对"
HEADERS = (
    "类型",
    "网站代码",
    "政策标题",
    "政策页面",
    "解读标题",
    "解读页面",
    "依据",
    "相似度",
    "复核",
    "改配页面",
    "备注",
)
VERDICTS = {"确认": "confirm", "否决": "reject", "改配": "repoint"}
SQL = (
    Path(__file__).resolve().parent.parent / "analysis" / "sql" / "reports" / "pairs_to_review.sql"
)
LINK_COLUMNS = (HEADERS.index("政策页面"), HEADERS.index("解读页面"))  # 0-based


class ReviewSheetError(ValueError):
    """A review sheet that cannot be applied; `problems` names each bad row."""

    def __init__(self, path: Path, problems: list[str]):
        self.problems = problems
        super().__init__(
            f"{path}: {len(problems)} row(s) cannot be applied; nothing was changed:\n  "
            + "\n  ".join(problems)
        )


def rows_to_review(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    return con.execute(SQL.read_text(encoding="utf-8")).fetchall()


def add_review_sheet(book, rows: list[tuple]) -> None:
    """Append the 待复核配对 sheet to a reports.xlsx workbook: one row per open question, the
    verdict columns empty (复核 offers its three verdicts)."""
    sheet = book.add_sheet(SHEET, (12, 10, 40, 40, 40, 40, 40, 8, 8, 40, 30), HEADERS)
    sheet.offer(HEADERS.index("复核"), tuple(VERDICTS))
    for row in rows:
        sheet.append(
            [*row[:7], round(row[7], 3) if row[7] is not None else None], links=LINK_COLUMNS
        )


@dataclass(frozen=True)
class _Row:
    number: int
    site: str
    policy: str
    interpretation: str
    verdict: str
    target: str
    note: str


def _text(value) -> str:
    # a literal _xHHHH_ is written as _x005F_xHHHH_ (reports/xlsx.py); Excel, saving, keeps it so
    # in its shared strings, which openpyxl reads back unescaped; an unsaved sheet's are inline
    return "" if value is None else str(value).replace("_x005F_", "_").strip()


def read_review_sheet(path: Path, con: duckdb.DuckDBPyConnection) -> tuple[list[Review], int]:
    """The reviews a filled-in sheet says, and how many rows are still untouched; raises
    ReviewSheetError naming every bad row (sheet row numbers) when any row is bad."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise ReviewSheetError(path, ["no such file"]) from None
    except Exception as exc:  # zipfile.BadZipFile, KeyError, InvalidFileException …
        raise ReviewSheetError(path, [f"not an Excel workbook ({type(exc).__name__})"]) from None
    if SHEET not in book.sheetnames:
        raise ReviewSheetError(path, [f"no sheet named {SHEET} (write it with zwgk report --xlsx)"])
    rows = book[SHEET].iter_rows(values_only=True)
    header = tuple(_text(v) for v in next(rows, ()))
    if header[: len(HEADERS)] != HEADERS:
        raise ReviewSheetError(path, [f"row 1: the header must be {' | '.join(HEADERS)}"])
    col = {name: HEADERS.index(name) for name in HEADERS}
    sheet_rows = []
    for number, values in enumerate(rows, 2):
        values = [*values, *[None] * len(HEADERS)]
        sheet_rows.append(
            _Row(
                number,
                *(
                    _text(values[col[n]])
                    for n in ("网站代码", "政策页面", "解读页面", "复核", "改配页面", "备注")
                ),
            )
        )
    known = _known_pages(con, sheet_rows)
    reviews: list[Review] = []
    problems: list[str] = []
    pending = 0
    for row in sheet_rows:
        if not row.verdict:
            if row.target or row.note:
                problems.append(f"row {row.number}: 复核 is empty (write 确认, 否决 or 改配)")
            else:
                pending += 1
            continue
        found, why = _reviews_of(row, known)
        if why:
            problems.append(f"row {row.number}: {why}")
        reviews.extend(found)
    if problems:
        raise ReviewSheetError(path, problems)
    return reviews, pending


def _known_pages(con: duckdb.DuckDBPyConnection, rows: list[_Row]) -> set[tuple[str, str]]:
    """Which of the pages the sheet names are stored documents of their sites (only those are
    looked up: an audit holds millions)."""
    named = sorted(
        {
            (r.site, u)
            for r in rows
            if r.verdict
            for u in (r.policy, r.interpretation, r.target)
            if u
        }
    )
    if not named:
        return set()
    found = con.execute(
        "select d.site_id, d.url from documents d "
        "join (select unnest(?::varchar[]) as site_id, unnest(?::varchar[]) as url) n "
        "using (site_id, url)",
        [[s for s, _ in named], [u for _, u in named]],
    ).fetchall()
    return set(found)


def _reviews_of(row: _Row, known: set[tuple[str, str]]) -> tuple[list[Review], str | None]:
    verdict = VERDICTS.get(row.verdict)
    if verdict is None:
        return [], f"复核 must be 确认, 否决 or 改配, not {row.verdict!r}"
    if not row.site:
        return [], "网站代码 is empty"
    for url in (row.policy, row.interpretation, row.target):
        if url and (row.site, url) not in known:
            return [], f"{url} is no stored page of site {row.site}"
    note = row.note or f"复核表第{row.number}行"
    if verdict in ("confirm", "reject"):
        if not (row.policy and row.interpretation):
            return (
                [],
                f"{row.verdict} needs a pair (both 政策页面 and 解读页面); use 改配 with a URL",
            )
        return [Review(row.site, row.policy, row.interpretation, verdict, note)], None
    if not row.target:
        return [], "改配 needs the page it points to in 改配页面"
    if row.interpretation:  # the interpretation explains the target policy
        found = [Review(row.site, row.target, row.interpretation, "add", note)]
        if row.policy:
            found.insert(0, Review(row.site, row.policy, row.interpretation, "reject", note))
        return found, None
    return [Review(row.site, row.policy, row.target, "add", note)], None
