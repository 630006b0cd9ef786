"""The answer key holds what issue #2 promises: enough sites, history and pages, every planted case."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from samples.generator import calendar

from .conftest import read_csv

REQUIRED_CASES = {
    "interp_on_time",
    "interp_late",
    "interp_missing",
    "interp_late_only_in_working_days",
    "interp_on_time_across_holiday",
    "graphic_by_body_only",
    "interpretation_cites_doc_no",
    "site_silent_3_weeks",
    "stale_column",
    "blank_column",
    "dead_detail_page",
    "missing_attachment",
    "broken_image",
    "written_after_published",
    "meta_pubdate_mismatch",
    "missing_disclosure_and_validity",
    "posted_in_two_columns",
    "related_block_links_news",
    "xss_script_title",
    "xss_img_title",
    "calendar_trap",
    "redirect_loop",
    "wrong_charset_header",
    "chinese_numeral_signing_date",
    "disclosure_over_20_working_days",
}


def test_scale_sites_families_levels_weeks_pages(truth_documents, truth_indicators):
    sites = read_csv("sites.csv")
    assert len(sites) >= 6
    assert len({s["family"] for s in sites}) >= 5
    assert {"national", "provincial", "prefecture", "county"} <= {s["level"] for s in sites}
    assert all(ind["weekly_updates"]["complete_weeks"] >= 104 for ind in truth_indicators.values())
    assert len(truth_documents) >= 3000


def test_every_planted_case_is_in_the_key(truth_planted):
    assert REQUIRED_CASES <= {p["case"] for p in truth_planted}


def test_planted_documents_exist_in_the_key(truth_planted, truth_documents):
    urls = {(d["site_id"], d["url"]) for d in truth_documents}
    dead = {(d["site_id"], d["url"]) for d in read_csv("dead_links.csv")}
    for case in truth_planted:
        if "url" in case:
            assert (case["site_id"], case["url"]) in urls | dead, case


@pytest.mark.parametrize(
    "case, late_by_calendar, late_by_mon_fri",
    [
        ("interp_late_only_in_working_days", True, False),
        ("interp_on_time_across_holiday", False, True),
    ],
)
def test_working_day_cases_need_the_official_calendar(
    truth_planted, case, late_by_calendar, late_by_mon_fri
):
    cases = [p for p in truth_planted if p["case"] == case]
    assert len(cases) == 2
    for p in cases:
        policy = dt.date.fromisoformat(p["policy_published"])
        interp = dt.date.fromisoformat(p["interp_published"])
        assert (calendar.workdays_between(policy, interp) > 3) is late_by_calendar
        assert (p["mon_fri_days"] > 3) is late_by_mon_fri


def test_titles_carrying_markup_are_kept_verbatim(truth_documents):
    titles = [d["title"] for d in truth_documents]
    assert any("<script>alert(1)</script>" in t for t in titles)
    assert any("<img src=x onerror=alert(1)>" in t for t in titles)


def test_pairs_join_a_policy_to_an_interpretation(truth_documents):
    types = {(d["site_id"], d["url"]): d["doc_type"] for d in truth_documents}
    for pair in read_csv("pairs.csv"):
        assert types[(pair["site_id"], pair["policy_url"])] == "policy"
        assert types[(pair["site_id"], pair["interpretation_url"])] == "interpretation"


def test_indicators_reflect_the_planted_cases(truth_indicators, truth_planted):
    shiling, qianxi = truth_indicators["shiling"], truth_indicators["qianxi"]
    assert shiling["homepage"]["not_updated_2_weeks"] is True
    silent = {w["week_start"]: w["count"] for w in qianxi["weekly_updates"]["weeks"]}
    assert [silent[d] for d in ("2025-07-07", "2025-07-14", "2025-07-21")] == [0, 0, 0]
    # a stale 人事 column is in the checklist's 应更新但长期未更新 count, not in the veto of 5
    quanyang = truth_indicators["quanyang"]
    assert "人事信息" in quanyang["should_update_columns"]
    assert "人事信息" not in {c["column"] for c in quanyang["stale_columns"]}
    blank = Counter(p["site_id"] for p in truth_planted if p["case"] == "blank_column")
    for site, n in blank.items():
        assert len(truth_indicators[site]["blank_columns"]) == n
    assert sum(ind["dead_links"] for ind in truth_indicators.values()) == len(
        read_csv("dead_links.csv")
    )
    rates = [ind["interpretation_rate"]["rate"] for ind in truth_indicators.values()]
    assert min(rates) < 1.0  # some sites miss the 100% rule
    shares = [ind["graphic_share"]["share"] for ind in truth_indicators.values()]
    assert min(shares) < 0.8 < max(shares)  # the 80% 图解 rule splits the sites
