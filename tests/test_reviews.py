"""Assessors correct the machine: a reviewed-pairs file, applied on every scoring, survives
a re-crawl."""

from __future__ import annotations

import shutil

import pytest

from analysis.reviews import ReviewError, load_reviews

from .conftest import run_zwgk, write_sites_file
from .support.db import query

AS_OF = ["--as-of", "2026-11-20", "--weeks", "106"]


def rate(db, site: str) -> tuple:
    return query(
        db,
        "select numerator, denominator from indicators where site_id = ? "
        "and indicator = 'interpretation_rate'",
        [site],
    )[0]


@pytest.mark.slow
def test_a_rejected_and_an_added_pair_change_the_indicators_and_survive_a_recrawl(
    crawled_db, sample_sites, tmp_path
):
    db = tmp_path / "audit.duckdb"
    shutil.copy(crawled_db[0], db)
    assert run_zwgk("score", "--db", str(db), *AS_OF).returncode == 0
    interpreted, policies = rate(db, "jiangan")
    # a policy with one interpretation only: rejecting that pair leaves it uninterpreted
    (policy, interp), *_ = query(
        db,
        "select policy_url, any_value(interpretation_url) from pairs where site_id = 'jiangan' "
        "group by policy_url having count(*) = 1 order by policy_url",
    )
    (missing,) = query(
        db,
        "select url from findings where site_id = 'jiangan' and indicator = 'interpretation_rate' "
        "order by url limit 1",
    )[0]
    reviews = tmp_path / "reviewed_pairs.csv"  # beside the database: found without --reviews
    reviews.write_text(
        "site_id,policy_url,interpretation_url,decision,note\n"
        f"jiangan,{policy},{interp},reject,解读讲的是另一份文件\n"
        f"jiangan,{missing},{interp},add,人工核对：解读正文引用了该文件\n",
        encoding="utf-8",
    )
    result = run_zwgk("score", "--db", str(db), *AS_OF)
    assert result.returncode == 0, result.stderr
    assert "1 rejected, 1 added" in result.stdout
    # one policy loses its only interpretation, another gains one: the same count, other rows
    assert rate(db, "jiangan") == (interpreted, policies)
    unpaired = {
        u
        for (u,) in query(
            db,
            "select url from findings where site_id = 'jiangan' and indicator = 'interpretation_rate'",
        )
    }
    assert policy in unpaired and missing not in unpaired
    assert query(db, "select reviewed, review_note from pairs where policy_url = ?", [missing]) == [
        ("added", "人工核对：解读正文引用了该文件")
    ]

    # a second crawl into the same file, then scoring again: the reviews still hold
    sites = write_sites_file(tmp_path / "sites.toml", sample_sites.values())
    crawl = run_zwgk("crawl", "--sites", str(sites), "--db", str(db), "--no-progress")
    assert crawl.returncode == 0, crawl.stderr[-2000:]
    assert run_zwgk("score", "--db", str(db), *AS_OF).returncode == 0
    assert query(
        db,
        "select count(*) from pairs where policy_url = ? and interpretation_url = ?",
        [policy, interp],
    ) == [(0,)]
    assert query(db, "select reviewed from pairs where policy_url = ?", [missing]) == [("added",)]
    assert query(db, "select count(*) from runs") == [(2,)]


def test_a_bad_reviews_file_is_refused_with_its_line(tmp_path):
    bad = tmp_path / "r.csv"
    bad.write_text(
        "site_id,policy_url,interpretation_url,decision,note\ns,a,b,maybe,\n", encoding="utf-8"
    )
    with pytest.raises(ReviewError, match=r"r\.csv:2: decision must be one of"):
        load_reviews(bad)
