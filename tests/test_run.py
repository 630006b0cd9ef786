"""`zwgk run`: the weekly job in one command, as cron runs it, on the samples served for real."""

from __future__ import annotations

from openpyxl import load_workbook

from pipelines.publish import working_path

from .conftest import ROOT, indicator_rows, judged_everywhere_rows, run_zwgk, write_sites_file
from .support.count_opens import opens_of, zwgk_counting_opens
from .support.db import query


def test_the_weekly_job_crawls_scores_and_writes_the_scorecard_and_workbook(sample_sites, tmp_path):
    sites = write_sites_file(tmp_path / "sites.toml", sample_sites.values())
    db, opens = tmp_path / "audit.duckdb", tmp_path / "opens.log"
    # the command as cron runs it, with every DuckDB file it opens written to a log
    result = zwgk_counting_opens(
        opens, "run", "--sites", str(sites), "--db", str(db), "--no-progress", cwd=ROOT
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stderr.strip().splitlines()[-1] == "zwgk run: done; every site ok"
    # crawled and scored through one connection: the working file is opened once (issue 27)
    assert opens_of(opens, working_path(db)) == ["rw"]
    levels = [level for (level,) in query(db, "select level from sites")]
    assert judged_everywhere_rows(db) == indicator_rows(levels)
    assert (tmp_path / "report" / "index.html").exists()
    book = load_workbook(tmp_path / "evidence.xlsx", read_only=True)
    assert {"指标", "问题清单", "待复核配对"} <= set(book.sheetnames)


def test_a_failed_step_ends_with_one_line_naming_it(sample_sites, tmp_path):
    missing = run_zwgk(
        "run", "--sites", str(tmp_path / "nowhere.toml"), "--db", str(tmp_path / "a.duckdb")
    )
    assert missing.returncode == 2
    assert (
        missing.stderr.strip()
        .splitlines()[-1]
        .startswith("zwgk run: stopped at the crawl (exit 2)")
    )

    sites = write_sites_file(tmp_path / "sites.toml", [sample_sites["shiling"]])
    rules = tmp_path / "rules.toml"
    rules.write_text('name = "broken"\n', encoding="utf-8")
    db = tmp_path / "b.duckdb"
    broken = run_zwgk(
        "run", "--sites", str(sites), "--db", str(db), "--rules", str(rules), "--no-progress"
    )
    assert broken.returncode == 2
    assert (
        broken.stderr.strip().splitlines()[-1].startswith("zwgk run: stopped at scoring (exit 2)")
    )
    assert query(db, "select count(*) from documents")[0][0] > 300  # the crawl was published
