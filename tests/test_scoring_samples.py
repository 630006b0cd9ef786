"""Pairing and scoring on the samples, checked against the answer key (issue 9's bar: exact).

The key (samples/truth/pairs.csv, indicators.json) is written by the generator from its own
records with its own working-day code; `analysis/` and `reports/` may import nothing from
`samples/`, so a bug there cannot hide behind the same bug here.
"""

from __future__ import annotations

import ast
import inspect
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import duckdb
import pytest

from analysis.indicators import SPECS

from .conftest import ROOT, SAMPLE_SITES, read_csv, run_zwgk

AS_OF = "2026-11-20"
WEEKS = "106"  # the samples' whole history: 2024-11-04 … 2026-11-15, plus the as-of week


def path_of(url: str | None) -> str | None:
    if url is None:
        return None
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


@pytest.fixture(scope="module")
def scored(crawled_db, tmp_path_factory):
    db, _ = crawled_db
    copy = tmp_path_factory.mktemp("score") / "audit.duckdb"
    shutil.copy(db, copy)
    result = run_zwgk("score", "--db", str(copy), "--as-of", AS_OF, "--weeks", WEEKS)
    assert result.returncode == 0, result.stderr[-3000:]
    con = duckdb.connect(str(copy), read_only=True)
    yield con, result
    con.close()


def test_pairs_equal_the_key(scored):
    con, result = scored
    got = {
        (site, path_of(p), path_of(i))
        for site, p, i in con.execute(
            "select site_id, policy_url, interpretation_url from pairs"
        ).fetchall()
    }
    expected = {
        (r["site_id"], r["policy_url"], r["interpretation_url"]) for r in read_csv("pairs.csv")
    }
    right = got & expected
    precision, recall = len(right) / len(got), len(right) / len(expected)
    print(
        f"pairs: {len(got)} found, {len(expected)} in the key; precision {precision:.3f}, recall {recall:.3f}"
    )
    assert (precision, recall) == (1.0, 1.0), (
        sorted(got - expected)[:5],
        sorted(expected - got)[:5],
    )


def test_an_interpretation_citing_a_doc_no_alone_pairs_by_it(scored, truth_planted):
    """关于国卫疾控发〔2026〕22号的政策解读 / 一图读懂黔溪卫发〔2026〕42号: no link, no title quoted."""
    con, _ = scored
    planted = [r for r in truth_planted if r["case"] == "interpretation_cites_doc_no"]
    assert len(planted) == 2
    for r in planted:
        rows = con.execute(
            "select method, evidence from pairs where site_id = ? and interpretation_url like ?",
            [r["site_id"], "%" + r["url"]],
        ).fetchall()
        assert len(rows) == 1, (r, rows)
        method, evidence = rows[0]
        assert method == "quote" and r["doc_no"] in evidence, (r, rows)


def test_pair_lags_are_the_keys_working_days(scored):
    con, _ = scored
    got = {
        (site, path_of(p), path_of(i)): (lag, basis)
        for site, p, i, lag, basis in con.execute(
            "select site_id, policy_url, interpretation_url, lag_workdays, lag_basis from pairs"
        ).fetchall()
    }
    for r in read_csv("pairs.csv"):
        key = (r["site_id"], r["policy_url"], r["interpretation_url"])
        assert got[key] == (int(r["working_days"]), "official"), r


def findings(con, site: str, indicator: str, status: str = "finding") -> list[tuple]:
    return con.execute(
        "select url, related_url, amount, detail from findings where site_id = ? and "
        "indicator = ? and as_of = ? and status = ? order by url, related_url, detail",
        [site, indicator, AS_OF, status],
    ).fetchall()


def pending(con, site: str, indicator: str) -> list[tuple]:
    """The items listed as not yet due (未到期), counted in no figure."""
    return findings(con, site, indicator, "pending")


def indicator(con, site: str, name: str) -> tuple:
    return con.execute(
        "select numerator, denominator, value, passed from indicators "
        "where site_id = ? and indicator = ? and as_of = ?",
        [site, name, AS_OF],
    ).fetchone()


def judged_as_the_key_says(con, site: str, name: str, key) -> tuple | None:
    """The indicator's row of a site the key judges; where the key says the site is not judged
    (None: it shows nothing of the kind), the indicator has no row for it, not a pass."""
    got = indicator(con, site, name)
    if key is None:
        assert got is None, f"{site} {name}: judged, though it shows nothing to judge"
    return got


# indicator → the test that checks it against the samples' answer key. Every indicator of the
# registry (analysis/indicators) must have one: test_every_indicator_has_a_key_check.
KEY_CHECKS: dict[str, str] = {}


def key_check(*indicators: str):
    """Register a test as the key check of these indicators; each must be named (quoted) in the
    test's own code, its parameters included, not only in this decorator."""

    def register(test):
        source = inspect.getsource(test)
        [function] = ast.parse(source).body
        # the test's code without this decorator (the outermost: the first in the list)
        body = "\n".join(source.splitlines()[function.decorator_list[0].end_lineno :])
        for name in indicators:
            assert f'"{name}"' in body, f"{test.__name__} does not check {name}"
            KEY_CHECKS[name] = test.__name__
        return test

    return register


SITES = SAMPLE_SITES


@key_check(
    "attribute_labelled",
    "backdated_dates",
    "blank_columns",
    "dead_links",
    "disclosure_timeliness",
    "duplicate_posting",
    "graphic_share",
    "homepage_updated",
    "interpretation_rate",
    "interpretation_timeliness",
    "policy_linkage",
    "should_update_columns",
    "stale_columns",
    "update_frequency",
    "validity_labelled",
)
@pytest.mark.parametrize("site", SITES)
def test_every_indicator_equals_the_key(scored, truth_indicators, site):
    con, _ = scored
    key = truth_indicators[site]

    weeks = key["weekly_updates"]
    good, total, _, _ = indicator(con, site, "update_frequency")
    assert (total, total - good) == (weeks["complete_weeks"], weeks["weeks_below_minimum"])
    silent = [w["week_start"] for w in weeks["weeks"] if w["count"] < weeks["minimum_per_week"]]
    assert [d[:10] for *_, d in findings(con, site, "update_frequency")] == silent

    rate = key["interpretation_rate"]
    assert indicator(con, site, "interpretation_rate")[:3] == (
        rate["interpreted"],
        rate["policies"],
        rate["rate"],
    )
    assert [path_of(u) for u, *_ in findings(con, site, "interpretation_rate")] == rate["missing"]
    assert [path_of(u) for u, *_ in pending(con, site, "interpretation_rate")] == rate["pending"]

    graphic = key["graphic_share"]
    assert indicator(con, site, "graphic_share")[:3] == (
        graphic["graphic"],
        graphic["policies"],
        graphic["share"],
    )
    assert [path_of(u) for u, *_ in findings(con, site, "graphic_share")] == graphic[
        "without_graphic"
    ]
    assert [path_of(u) for u, *_ in pending(con, site, "graphic_share")] == graphic["pending"]

    timely = key["interpretation_timeliness"]
    on_time, with_interp, _, _ = indicator(con, site, "interpretation_timeliness")
    assert (with_interp, with_interp - on_time) == (
        timely["policies_with_interpretation"],
        timely["late_count"],
    )
    late = [
        {"policy_url": path_of(u), "interpretation_url": path_of(r), "working_days": n}
        for u, r, n, _ in findings(con, site, "interpretation_timeliness")
    ]
    assert late == timely["late"]

    linkage = key["policy_linkage"]
    assert indicator(con, site, "policy_linkage")[:3] == (
        linkage["linked"],
        linkage["pairs"],
        linkage["share"],
    )
    words = {"forward": "政策页面未链接其解读", "backward": "解读页面未链接回政策文件"}
    words["both"] = "政策页面与解读页面互未链接"
    unlinked = [
        {"policy_url": path_of(u), "interpretation_url": path_of(r), "missing": d}
        for u, r, _, d in findings(con, site, "policy_linkage")
    ]
    assert unlinked == [{**u, "missing": words[u["missing"]]} for u in linkage["unlinked"]]

    disclosure = key["disclosure_timeliness"]
    within, with_written, _, _ = indicator(con, site, "disclosure_timeliness")
    rows = findings(con, site, "disclosure_timeliness")
    over = [{"url": path_of(u), "working_days": n} for u, _, n, _ in rows if n >= 0]
    after = [path_of(u) for u, _, n, _ in rows if n < 0]
    assert with_written == disclosure["with_written_date"]
    assert (over, after) == (disclosure["over_limit"], disclosure["written_after_published"])
    assert within == with_written - len(over) - len(after)

    names = dict(
        con.execute("select column_url, name from columns where site_id = ?", [site]).fetchall()
    )
    stale = [names[u] for u, *_ in findings(con, site, "stale_columns")]
    assert sorted(stale) == sorted(c["column"] for c in key["stale_columns"])
    should = [names[u] for u, *_ in findings(con, site, "should_update_columns")]
    assert sorted(should) == key["should_update_columns"]
    assert indicator(con, site, "should_update_columns")[0] == len(key["should_update_columns"])
    blank = [names[u] for u, *_ in findings(con, site, "blank_columns")]
    assert sorted(blank) == sorted(key["blank_columns"])
    assert indicator(con, site, "dead_links")[0] == key["dead_links"]

    homepage = key["homepage"]
    days, _, _, passed = indicator(con, site, "homepage_updated")
    assert (days, not passed) == (homepage["days_since"], homepage["not_updated_2_weeks"])

    for name, population, missing in (
        ("attribute_labelled", key["official_documents"], key["missing_disclosure_attr"]),
        ("validity_labelled", key["publishable_documents"], key["missing_validity"]),
    ):
        assert [path_of(u) for u, *_ in findings(con, site, name)] == missing
        assert indicator(con, site, name)[:2] == (population - len(missing), population)
    duplicates = [path_of(u) for u, *_ in findings(con, site, "duplicate_posting")]
    assert duplicates == key["posted_in_several_columns"]
    # one crawl proves no backdating, and the page numbers of these sites run with their dates
    assert indicator(con, site, "backdated_dates")[0] == len(key["backdated"]) == 0
    assert findings(con, site, "backdated_dates") == []


@key_check(
    "annual_report_parts",
    "annual_report_table",
    "annual_report_timely",
    "consultation_feedback",
    "consultation_period",
    "leader_interpretation",
    "required_columns",
)
@pytest.mark.parametrize("site", SITES)
def test_the_rest_of_the_assessment_equals_the_key(scored, truth_indicators, site):
    """Yearly reports, consultations, leader interviews and required columns (issue 18)."""
    con, _ = scored
    key = truth_indicators[site]

    due = key["annual_reports"]["due"]
    failing = [d for d in due if d["url"] is None or d["days_late"] > 0]
    assert indicator(con, site, "annual_report_timely")[:2] == (len(failing), len(due))
    rows = findings(con, site, "annual_report_timely")
    assert sorted((path_of(u) if a is not None else None, a) for u, _, a, _ in rows) == sorted(
        (d["url"], d["days_late"]) if d["url"] else (None, None) for d in failing
    )

    reports = key["annual_reports"]["reports"]
    complete = [r for r in reports if not r["missing_parts"]]
    assert indicator(con, site, "annual_report_parts")[:2] == (len(complete), len(reports))
    assert [(path_of(u), d.split("缺少：")[1].split("、")) for u, _, _, d in
            findings(con, site, "annual_report_parts")] == [
        (r["url"], r["missing_parts"]) for r in reports if r["missing_parts"]
    ]  # fmt: skip
    adding_up = [r for r in reports if r["adds_up"]]
    assert indicator(con, site, "annual_report_table")[:2] == (len(adding_up), len(reports))
    for url, _, amount, detail in findings(con, site, "annual_report_table"):
        report = next(r for r in reports if r["url"] == path_of(url))
        assert not report["adds_up"]
        if report["table"] == "image":
            assert "图片，无法核对" in detail and amount is None
        else:
            new, carried, handled, forward = report["figures"]
            assert amount == new + carried - handled - forward != 0
            assert f"本年新收 {new} + 上年结转 {carried} ≠ 办理结果总计 {handled}" in detail

    consultations = key["consultations"]
    period_ok = [c for c in consultations if c["period_ok"]]
    assert indicator(con, site, "consultation_period")[:2] == (len(period_ok), len(consultations))
    assert sorted(path_of(u) for u, *_ in findings(con, site, "consultation_period")) == sorted(
        c["url"] for c in consultations if not c["period_ok"]
    )
    counted = [c for c in consultations if c["feedback_counted"]]
    answered = [c for c in counted if c["feedback_ok"]]
    assert indicator(con, site, "consultation_feedback")[:2] == (len(answered), len(counted))
    assert sorted(
        (path_of(u), path_of(r)) for u, r, _, _ in findings(con, site, "consultation_feedback")
    ) == sorted((c["url"], c["feedback_url"]) for c in counted if not c["feedback_ok"])

    leader = key["leader_interpretations"]
    got, _, _, passed = indicator(con, site, "leader_interpretation")
    assert (got, passed) == (leader["last_12_months"], leader["last_12_months"] >= 2)

    required = key["required_columns"]
    assert indicator(con, site, "required_columns")[0] == len(required["missing"]) + len(
        required["blank"]
    )
    assert sorted(d for *_, d in findings(con, site, "required_columns")) == sorted(
        [f"未设置栏目：{w.replace('|', '／')}" for w in required["missing"]]
        + [f"栏目没有信息：{name}" for name in required["blank"]]
    )


@key_check("emergency_events", "epidemic_reports")
@pytest.mark.parametrize("site", SITES)
@pytest.mark.parametrize(
    "duty, key_name, word",
    [
        ("epidemic_reports", "epidemic_reports", "法定"),
        ("emergency_events", "emergency_events", "突发"),
    ],
)
def test_the_monthly_duties_equal_the_key(scored, truth_indicators, site, duty, key_name, word):
    """法定传染病疫情概况 each month at the national and provincial levels; 突发公共卫生事件
    reports each month where a site keeps such a series (issue 26): missing or late counted, the
    month ahead not yet due; a site the rule does not judge has no verdict at all."""
    con, _ = scored
    monthly = truth_indicators[site][key_name]
    if monthly is None:
        assert indicator(con, site, duty) is None
        return
    failing = [m for m in monthly["due"] if m["missing_or_late"]]
    assert indicator(con, site, duty)[:2] == (len(failing), len(monthly["due"]))
    rows = findings(con, site, duty)
    assert sorted((d[:d.index(word)], path_of(u) if a is not None else None, a)
                  for u, _, a, d in rows) == sorted(
        (f"{int(m['month'][:4])}年{int(m['month'][5:])}月", m["url"], m["days_late"])
        for m in failing
    )  # fmt: skip
    waiting = [d for *_, d in pending(con, site, duty)]
    assert [w[4 : w.index(word)] for w in waiting] == [
        f"{int(m[:4])}年{int(m[5:])}月" for m in monthly["pending"]
    ]


@key_check("decision_catalogue", "personal_data")
@pytest.mark.parametrize("site", SITES)
def test_the_health_duties_and_personal_data_equal_the_key(scored, truth_indicators, site):
    """重大行政决策事项目录 each year, personal numbers (issue 26)."""
    con, _ = scored
    key = truth_indicators[site]

    catalogues = key["decision_catalogues"]
    failing = [c for c in catalogues["due"] if c["missing_or_late"]]
    assert indicator(con, site, "decision_catalogue")[:2] == (len(failing), len(catalogues["due"]))
    assert sorted(
        (int(d[:4]), path_of(u) if a is not None else None, a)
        for u, _, a, d in findings(con, site, "decision_catalogue")
    ) == sorted((c["year"], c["url"], c["days_late"]) for c in failing)
    assert len(pending(con, site, "decision_catalogue")) == len(catalogues["pending"])

    personal = key["personal_data"]
    assert indicator(con, site, "personal_data")[0] == len(personal["id_card"])
    counted = findings(con, site, "personal_data")
    listed = findings(con, site, "personal_data", "review")
    assert [(path_of(u), d.split(" ")[1].split("（")[0]) for u, *_, d in counted] == [
        (p["url"], p["masked"]) for p in personal["id_card"]
    ]
    assert [(path_of(u), d.split(" ")[1].split("（")[0]) for u, *_, d in listed] == [
        (p["url"], p["masked"]) for p in personal["mobile"]
    ]
    wrong = {p["url"] for p in personal["not_personal"]}
    assert not wrong & {path_of(u) for u, *_ in counted + listed}


@key_check(
    "department_budget", "department_final_accounts", "normative_cleanup", "random_inspection"
)
@pytest.mark.parametrize("site", SITES)
@pytest.mark.parametrize(
    "duty",
    ["department_budget", "department_final_accounts", "random_inspection", "normative_cleanup"],
)
def test_the_yearly_duties_equal_the_key(scored, truth_indicators, site, duty):
    """部门预算 each year, 部门决算 each year after it, 双随机一公开 抽查结果 within each year
    and 规范性文件清理结果 every two years (issue 26): missing or late counted, after the usual bound or without 三公经费 listed for a
    person, the year ahead not yet due; a level the rule does not name has no verdict."""
    con, _ = scored
    key = truth_indicators[site][duty]
    judged_as_the_key_says(con, site, duty, key)
    if key is None:
        return
    failing = [y for y in key["due"] if y["missing_or_late"]]
    assert indicator(con, site, duty)[:2] == (len(failing), len(key["due"]))
    assert sorted(
        (int(d[:4]), path_of(u) if a is not None else None, a)
        for u, _, a, d in findings(con, site, duty)
    ) == sorted((y["year"], y["url"], y["days_late"]) for y in failing)
    assert [int(d[4:8]) for *_, d in pending(con, site, duty)] == key["pending"]
    listed = findings(con, site, duty, "review")
    assert sorted((int(d[:4]), path_of(u)) for u, *_, d in listed if "一般期限" in d) == sorted(
        (y["year"], y["url"]) for y in key["after_usual_bound"]
    )
    assert sorted((int(d[:4]), path_of(u)) for u, *_, d in listed if "三公经费" in d) == sorted(
        (y["year"], y["url"]) for y in key["without_three_public"]
    )


@key_check("letter_replies", "letters_unanswered")
@pytest.mark.parametrize("site", SITES)
def test_the_letters_and_their_replies_equal_the_key(scored, truth_indicators, site):
    """互动回应 (issue 26): a letter due in the window (its 60 days over within it) and answered
    after them, or not at all, counts; one not yet due is listed as such; one answered after 5
    working days, or whose reply the page shows without its day, is listed for a person (never
    unanswered); one unanswered for more than 3 months is the checklist's veto. A site showing no letter is scored on its mailbox statistics (its own row
    of a portal's table, or its own sentence; a statement without the overdue letters listed);
    one showing neither has no verdict."""
    con, _ = scored
    key = truth_indicators[site]["letters"]
    if key is None:
        assert indicator(con, site, "letter_replies") is None
        assert indicator(con, site, "letters_unanswered") is None
        return
    if key.get("statistics"):  # no letter shown: its mailbox statistics, its own row
        assert indicator(con, site, "letter_replies")[:2] == (key["overdue"], key["due"])
        assert (
            sorted(path_of(u) for u, *_ in findings(con, site, "letter_replies"))
            == key["late_or_missing"]
        )
        listed = findings(con, site, "letter_replies", "review")
        assert sorted(path_of(u) for u, *_ in listed) == key["listed"]
        assert indicator(con, site, "letters_unanswered") is None
        return
    assert indicator(con, site, "letter_replies")[:2] == (len(key["late_or_missing"]), key["due"])
    assert (
        sorted(path_of(u) for u, *_ in findings(con, site, "letter_replies"))
        == key["late_or_missing"]
    )
    assert sorted(path_of(u) for u, *_ in pending(con, site, "letter_replies")) == key["pending"]
    listed = findings(con, site, "letter_replies", "review")
    assert sorted(path_of(u) for u, *_ in listed) == key["listed"]
    got = indicator(con, site, "letters_unanswered")
    assert got[:2] == (len(key["unanswered"]), key["lookback"])
    assert got[3] is (not key["unanswered"]), "one letter unanswered for 3 months fails it"
    assert (
        sorted(path_of(u) for u, *_ in findings(con, site, "letters_unanswered"))
        == key["unanswered"]
    )


@key_check("proposal_replies")
@pytest.mark.parametrize("site", SITES)
def test_the_proposal_replies_equal_the_key(scored, truth_indicators, site):
    """建议提案 replies in full text (issue 26): a reply of a line and no attachment counts, one
    whose text is its attachment does not, a 摘要 is listed for a person."""
    con, _ = scored
    key = truth_indicators[site]["proposal_replies"]
    assert indicator(con, site, "proposal_replies")[:2] == (
        len(key["without_text"]),
        key["replies"],
    )
    assert (
        sorted(path_of(u) for u, *_ in findings(con, site, "proposal_replies"))
        == key["without_text"]
    )
    listed = findings(con, site, "proposal_replies", "review")
    assert sorted(path_of(u) for u, *_ in listed) == key["summaries"]


def test_a_rules_file_change_flips_a_verdict(scored, tmp_path):
    """One number in a copy of the rules: the principal leader's interviews a year, 2 → 3."""
    con, _ = scored
    assert indicator(con, "nhc", "leader_interpretation")[::3] == (2, True)
    text = (ROOT / "analysis" / "rules.toml").read_text("utf-8")
    assert text.count("min_per_year = 2") == 1
    rules = tmp_path / "rules.toml"
    rules.write_text(text.replace("min_per_year = 2", "min_per_year = 3"), "utf-8")
    [(source,)] = con.execute(
        "select path from duckdb_databases() where database_name = current_database()"
    ).fetchall()
    db = shutil.copy(source, tmp_path / "audit.duckdb")
    result = run_zwgk(
        "score", "--db", str(db), "--as-of", AS_OF, "--weeks", WEEKS, "--rules", str(rules)
    )
    assert result.returncode == 0, result.stderr[-3000:]
    with duckdb.connect(str(db), read_only=True) as changed:
        assert indicator(changed, "nhc", "leader_interpretation")[::3] == (2, False)
        [(*_, detail)] = findings(changed, "nhc", "leader_interpretation")
        assert detail.startswith("评估日前12个月主要负责人解读 2 次，少于 3 次")


def test_the_score_prints_one_row_per_site(scored):
    _, result = scored
    for site in SITES:
        assert f"\n{site}" in result.stdout
    assert "解读率" in result.stdout and "✗" in result.stdout


def test_analysis_and_reports_import_nothing_from_samples():
    offenders = []
    for folder in ("analysis", "reports"):
        for path in (ROOT / folder).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                names = []
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module]
                offenders += [
                    f"{path.relative_to(ROOT)}: {n}" for n in names if n.split(".")[0] == "samples"
                ]
    assert offenders == []


def test_the_analysis_sql_has_no_clock():
    words = ("now()", "current_date", "current_timestamp", "today()", "get_current")
    for path in (ROOT / "analysis").rglob("*.sql"):
        text = path.read_text(encoding="utf-8").lower()
        assert not [w for w in words if w in text], path
    for path in (ROOT / "analysis").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "datetime.now" not in text and "date.today" not in text, path


DATA_TESTS = sorted((ROOT / "analysis" / "sql" / "tests").glob("*.sql"))


@pytest.mark.parametrize("path", DATA_TESTS, ids=[p.stem for p in DATA_TESTS])
def test_data_tests_return_no_rows(scored, path: Path):
    from analysis.indicators import INDICATORS, SHARES

    con, _ = scored
    con.execute("set variable indicator_names = ?::varchar[]", [list(INDICATORS)])
    con.execute("set variable share_indicators = ?::varchar[]", [sorted(SHARES)])
    assert con.execute(path.read_text(encoding="utf-8")).fetchall() == []


@key_check("enforcement_disclosure")
@pytest.mark.parametrize("site", SITES)
def test_the_enforcement_decisions_equal_the_key(scored, truth_indicators, site):
    """行政执法公示 (issue 26): a 行政处罚 or 行政许可 decision published in the window more than
    20 working days after it was made counts (at a county, 7: its 标准目录's day); one after 7
    at another level is listed for a person, as is one
    whose page shows no day (a table of labels, or `<p>处罚决定日期：…</p>`); a site showing no
    decision has no verdict."""
    con, _ = scored
    key = truth_indicators[site]["decisions"]
    got = judged_as_the_key_says(con, site, "enforcement_disclosure", key)
    if key is None:
        return
    assert got[:2] == (len(key["late"]), key["counted"])
    assert got[3] is (not key["late"])
    late = findings(con, site, "enforcement_disclosure")
    assert sorted(path_of(u) for u, *_ in late) == key["late"]
    listed = findings(con, site, "enforcement_disclosure", "review")
    assert sorted(path_of(u) for u, *_, d in listed if "一般期限" in d) == key["slow"]
    assert sorted(path_of(u) for u, *_, d in listed if "未载明" in d) == key["undated"]


@key_check("service_guides")
@pytest.mark.parametrize("site", SITES)
def test_the_service_guides_equal_the_key(scored, truth_indicators, site):
    """办事指南 (issue 26): each guide carries every element the rule requires, read in a table
    of elements (岭南) or headed paragraphs (黔溪), or hands its service to the 政务服务网; the
    finding names what a guide leaves out; a site showing no guide has no verdict."""
    con, _ = scored
    key = truth_indicators[site]["guides"]
    got = judged_as_the_key_says(con, site, "service_guides", key)
    if key is None:
        return
    assert got[:2] == (key["seen"] - len(key["incomplete"]), key["seen"])
    assert [
        (path_of(u), d.split("：")[1].split("、"))
        for u, *_, d in findings(con, site, "service_guides")
    ] == [(g["url"], g["missing"]) for g in key["incomplete"]]


@key_check("concern_responses")
@pytest.mark.parametrize("site", SITES)
def test_the_concern_responses_equal_the_key(scored, truth_indicators, site):
    """回应关切 (issue 26): a site with a column of that name is judged on what the column
    published in the window (岭南's three responses pass; 江安's empty 热点回应 falls short); a
    site without one has no verdict."""
    con, _ = scored
    key = truth_indicators[site]["concern_responses"]
    got = judged_as_the_key_says(con, site, "concern_responses", key)
    if key is None:
        return
    assert (got[0], got[3]) == (key["in_window"], not key["below_minimum"])
    shown = findings(con, site, "concern_responses")
    assert len(shown) == key["below_minimum"]
    assert all(f"发布 {key['in_window']} 条" in d for *_, d in shown)


def test_every_indicator_has_a_key_check():
    """A new indicator file without a check against the samples' answer key fails here."""
    registry = {spec.name for spec in SPECS}
    assert sorted(registry - KEY_CHECKS.keys()) == [], "indicators without a key check"
    assert sorted(KEY_CHECKS.keys() - registry) == [], "key checks of no indicator"
