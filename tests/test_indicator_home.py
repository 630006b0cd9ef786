"""An indicator has one home: its file in `analysis/indicators/` (with its rule in rules.toml).

The project's code is copied aside, one indicator file and one rule are added to the copy and
nothing else; scoring, the scorecard, the workbook, the methodology and `zwgk indicators` of the
copy must all show it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest
from openpyxl import load_workbook

from analysis.indicators import IndicatorFileError, read_spec

from .conftest import ROOT, SAMPLE_SITES, run_zwgk

PACKAGES = ("analysis", "reports", "pipelines", "crawlers", "zwgk")
AS_OF = "2026-11-20"

LONG_TITLES = """\
-- label: 标题过长
-- short: 长标题
-- order: 999
-- kind: count
-- unit: 条
-- threshold: max_count
-- keys: max_count, max_chars
-- rule: （标题不超过{max_chars:g}字）
-- definition: 窗口内标题超过规定字数的信息条数
-- quote: 某省政务公开工作要点：标题简明，不超过40字

-- score: documents of the window whose title is too long
select s.site_id, count(d.url) as numerator, null::int as denominator, 'exact' as basis
from sites s
left join stg_documents d on d.site_id = s.site_id and d.in_window
    and length(d.title) > getvariable('long_titles__max_chars')
group by all

-- findings: each of them, with its length
select site_id, url, '标题 ' || length(title) || ' 字：' || title as detail, null as related_url,
       length(title) as amount
from stg_documents
where in_window and length(title) > getvariable('long_titles__max_chars')
"""

RULE = """
[long_titles]
max_count = 0
max_chars = 40
dimension = "documents"
weight = 1
counts = false
source = "测试规则：标题不超过40字"
"""


def zwgk_in(copy: Path, *args: str) -> subprocess.CompletedProcess:
    """`zwgk` of the copied project (its folder first on the path)."""
    return run_zwgk(*args, cwd=copy, env={**os.environ, "PYTHONPATH": str(copy)})


@pytest.fixture(scope="module")
def project_with_one_more_indicator(crawled_db, tmp_path_factory):
    copy = tmp_path_factory.mktemp("project")
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package, copy / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    (copy / "analysis" / "indicators" / "long_titles.sql").write_text(LONG_TITLES, "utf-8")
    rules = copy / "analysis" / "rules.toml"
    rules.write_text(rules.read_text("utf-8") + RULE, "utf-8")
    db = copy / "audit.duckdb"
    shutil.copy(crawled_db[0], db)
    for args in (
        ("score", "--db", str(db), "--as-of", AS_OF),
        ("report", "--db", str(db), "--out", str(copy / "report"), "--xlsx", str(copy / "e.xlsx")),
    ):
        result = zwgk_in(copy, *args)
        assert result.returncode == 0, result.stderr[-3000:]
    return copy, db


def test_the_copy_runs_its_own_code(project_with_one_more_indicator):
    copy, _ = project_with_one_more_indicator
    result = zwgk_in(copy, "indicators")
    assert result.returncode == 0, result.stderr
    assert "long_titles  标题过长  ≤ 0条（标题不超过40字）" in result.stdout
    assert "测试规则：标题不超过40字" in result.stdout


def test_a_new_indicator_is_scored_with_its_findings(project_with_one_more_indicator):
    _, db = project_with_one_more_indicator
    with duckdb.connect(str(db), read_only=True) as con:
        scored = con.execute(
            "select site_id, numerator from indicators where indicator = 'long_titles'"
        ).fetchall()
        long = dict(
            con.execute(
                "select site_id, count(*) from documents where length(title) > 40 "
                "and published_date >= ?::date - interval 53 week and published_date <= ? "
                "group by all",
                [AS_OF, AS_OF],
            ).fetchall()
        )
        found = con.execute(
            "select count(*) from findings where indicator = 'long_titles'"
        ).fetchone()[0]
    assert len(scored) == len(SAMPLE_SITES)
    assert sum(long.values()) > 0, "the samples have long titles to count"
    assert found == sum(n for _, n in scored) > 0


def test_a_new_indicator_is_in_the_scorecard_methodology_and_workbook(
    project_with_one_more_indicator,
):
    copy, _ = project_with_one_more_indicator
    report = copy / "report"
    overview = (report / "index.html").read_text("utf-8")
    assert "标题过长" in overview
    site_pages = [p.read_text("utf-8") for p in (report / "sites").glob("*.html")]
    assert site_pages and all("标题过长" in text for text in site_pages)
    assert any("≤ 0条" in text and 'data-indicator="long_titles"' in text for text in site_pages)
    methodology = (report / "methodology.html").read_text("utf-8")
    assert "窗口内标题超过规定字数的信息条数" in methodology
    assert "≤ 0条（标题不超过40字）" in methodology
    assert "测试规则：标题不超过40字" in methodology

    book = load_workbook(copy / "e.xlsx", read_only=True)
    indicator_rows = [r for r in book["指标"].iter_rows(values_only=True) if r[3] == "标题过长"]
    assert len(indicator_rows) == len(SAMPLE_SITES)
    assert {r[10] for r in indicator_rows} == {"测试规则：标题不超过40字"}
    finding_rows = [r for r in book["问题清单"].iter_rows(values_only=True) if r[3] == "标题过长"]
    assert finding_rows and all(r[5].startswith("标题 ") for r in finding_rows)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda t: t.replace("-- kind: count\n", ""), "lacks kind"),
        (lambda t: t.replace("kind: count", "kind: ratio"), "kind must be one of"),
        (lambda t: t.replace("threshold: max_count", "threshold: most"), "not among keys"),
        (lambda t: t.replace("-- findings:", "-- more:"), "`-- findings` query"),
        # a rule follows its source's words: an indicator without them is refused
        (
            lambda t: t.replace("-- quote: 某省政务公开工作要点：标题简明，不超过40字\n", ""),
            "lacks quote",
        ),
    ],
    ids=["no kind", "unknown kind", "threshold not a key", "no findings query", "no quote"],
)
def test_a_malformed_indicator_file_is_named_with_what_is_wrong(tmp_path, change, message):
    path = tmp_path / "long_titles.sql"
    path.write_text(change(LONG_TITLES), "utf-8")
    with pytest.raises(IndicatorFileError, match=message) as caught:
        read_spec(path)
    assert str(path) in str(caught.value)
