"""Review where assessors work: the workbook's 待复核配对 sheet, filled in and read back.

A small site: policy A is quoted by its interpretation (counted); B and E are proposed by title
similarity below the rules' threshold (waiting); C has no interpretation; D is an interpretation
that names nothing. The assessor confirms B, rejects E and re-points D to C.
"""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook

from analysis.reviews import load_reviews, save_reviews
from analysis.rules import load_rules
from analysis.scoring import score
from pipelines.store import Store
from reports.report_data import load_report
from reports.review_sheet import HEADERS, SHEET, ReviewSheetError, read_review_sheet, rows_to_review
from reports.workbook import write_workbook

from .conftest import run_zwgk

BASE = "https://t.example.gov.cn"
AS_OF = dt.date(2026, 11, 20)
DOCS = [
    (
        "A",
        "policy",
        "江安省人民政府办公厅关于印发江安省医疗机构管理办法的通知",
        dt.date(2026, 9, 8),
    ),
    ("B", "policy", "关于印发《江安省护理服务质量提升行动方案》的通知", dt.date(2026, 9, 10)),
    ("E", "policy", "关于印发《江安省职业病防治能力建设工作方案》的通知", dt.date(2026, 9, 14)),
    ("C", "policy", "关于印发《江安省院前急救管理办法》的通知", dt.date(2026, 9, 15)),
    ("iA", "interpretation", "解读《江安省医疗机构管理办法》", dt.date(2026, 9, 9)),
    ("iB", "interpretation", "护理服务质量提升院感问答", dt.date(2026, 9, 20)),
    ("iE", "interpretation", "职业病防治能力建设宣传答记者问", dt.date(2026, 9, 20)),
    ("D", "interpretation", "专家谈院前急救体系建设", dt.date(2026, 9, 16)),
]


def url(key: str) -> str:
    return f"{BASE}/{key}.html"


@pytest.fixture
def site(tmp_path):
    db = tmp_path / "audit.duckdb"
    store = Store(db)
    store.upsert("sites", [{"site_id": "t", "name": "江安省卫生健康委员会", "homepage": BASE}])
    store.upsert(
        "documents",
        [
            {
                "site_id": "t",
                "url": url(key),
                "title": title,
                "doc_type": kind,
                "official_class": "policy" if kind == "policy" else None,
                "column_kind": kind,
                "published_date": day,
            }
            for key, kind, title, day in DOCS
        ],
    )
    score(store.con, as_of=AS_OF, weeks=52)
    yield store, db
    store.close()


def rate(store) -> tuple[int, int]:
    return store.sql(
        "select numerator, denominator from indicators where indicator = 'interpretation_rate'"
    )[0]


def workbook(store, path):
    report = load_report(store.con, load_rules(), AS_OF)
    return write_workbook(report, path, review_rows=rows_to_review(store.con))


def fill(path, verdicts: dict[tuple[str | None, str | None], tuple]) -> None:
    """Write (复核, 改配页面, 备注) on the rows whose (政策页面, 解读页面) are given."""
    book = load_workbook(path)
    sheet = book[SHEET]
    col = {name: HEADERS.index(name) + 1 for name in HEADERS}
    for row in range(2, sheet.max_row + 1):
        key = (sheet.cell(row, col["政策页面"]).value, sheet.cell(row, col["解读页面"]).value)
        if key in verdicts:
            for name, value in zip(("复核", "改配页面", "备注"), verdicts[key], strict=True):
                sheet.cell(row, col[name]).value = value
    book.save(path)


def test_the_sheet_lists_what_waits_for_a_person(site, tmp_path):
    store, _ = site
    assert store.sql("select policy_url, method, counted from pairs order by all") == [
        (url("A"), "quote", True),
        (url("B"), "similar", False),
        (url("E"), "similar", False),
    ]
    assert rate(store) == (1, 4)  # similarity below the threshold counts nothing
    path = workbook(store, tmp_path / "evidence.xlsx")
    sheet = load_workbook(path)[SHEET]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == HEADERS
    # the 复核 column offers the three verdicts, and the page columns are links
    [choice] = sheet.data_validations.dataValidation
    assert choice.formula1 == '"确认,否决,改配"'
    verdict = sheet.cell(1, HEADERS.index("复核") + 1).column_letter
    assert str(choice.sqref) == f"{verdict}2:{verdict}{len(rows)}"
    linked = [c for c in sheet["D"][1:] if c.value]
    assert linked and all(c.hyperlink.target == c.value for c in linked)
    listed = {(r[0], r[3], r[5]) for r in rows[1:]}
    assert listed == {
        ("相似待复核", url("B"), url("iB")),
        ("相似待复核", url("E"), url("iE")),
        ("政策无解读", url("C"), None),
        ("解读无对应政策", None, url("D")),
    }


def test_confirm_reject_and_repoint_move_the_indicators(site, tmp_path):
    store, db = site
    path = workbook(store, tmp_path / "evidence.xlsx")
    fill(
        path,
        {
            (url("B"), url("iB")): ("确认", None, "读过正文，是该方案的解读"),
            (url("E"), url("iE")): ("否决", None, "讲的是宣传活动"),
            (None, url("D")): ("改配", url("C"), "正文解读院前急救管理办法"),
        },
    )
    reviews, pending = read_review_sheet(path, store.con)
    assert pending == 1  # the 政策无解读 row for C was left alone
    reviews_file = db.parent / "reviewed_pairs.csv"
    save_reviews(reviews_file, reviews)
    assert {
        (r.policy_url, r.interpretation_url, r.decision) for r in load_reviews(reviews_file)
    } == {
        (url("B"), url("iB"), "confirm"),
        (url("E"), url("iE"), "reject"),
        (url("C"), url("D"), "add"),
    }
    score(store.con, as_of=AS_OF, weeks=52, reviews_path=reviews_file)
    assert rate(store) == (3, 4)  # A quoted, B confirmed, C re-pointed; E rejected
    assert store.sql(
        "select policy_url, reviewed from pairs where reviewed is not null order by 1"
    ) == [
        (url("B"), "confirmed"),
        (url("C"), "added"),
    ]
    unpaired = store.sql("select url from findings where indicator = 'interpretation_rate'")
    assert unpaired == [(url("E"),)]


def test_a_malformed_sheet_changes_nothing_and_names_its_rows(site, tmp_path):
    store, db = site
    reviews_file = db.parent / "reviewed_pairs.csv"
    save_reviews(reviews_file, [])
    before = reviews_file.read_bytes()
    path = workbook(store, tmp_path / "evidence.xlsx")
    fill(
        path,
        {
            (url("B"), url("iB")): ("确认", None, None),  # fine on its own
            (url("E"), url("iE")): ("同意", None, None),  # no such verdict
            (None, url("D")): ("改配", f"{BASE}/nowhere.html", None),  # no such page
            (url("C"), None): (None, None, "待定"),  # a note but no verdict
        },
    )
    with pytest.raises(ReviewSheetError) as raised:
        read_review_sheet(path, store.con)
    problems = " | ".join(raised.value.problems)
    assert len(raised.value.problems) == 3
    for text in ("同意", "nowhere.html is no stored page", "复核 is empty"):
        assert text in problems
    store.close()  # the command reads the database itself
    run = run_zwgk("review", "import", str(path), "--db", str(db), timeout=120)
    assert run.returncode == 2
    assert "nothing was changed" in run.stderr and "row " in run.stderr
    assert reviews_file.read_bytes() == before
