"""Real shapes of the health duties' pages (tests/files/disclosures/, facts and sources in its
SOURCES.md): each page's title, 发布日期, the month its body states (the fact
int_title_periods.sql falls back on where the title names no month; the samples' key test covers
that SQL), and the rule's own title words finding it."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import duckdb
import pytest

from analysis.periodic import write_duties
from analysis.rules import load_rules
from crawlers.extract.detail import extract_page
from crawlers.items import DocumentItem
from pipelines.normalize import normalize_document

FILES = Path(__file__).parent / "files" / "disclosures"
D = dt.date


def read_page(name: str, url: str):
    """A saved page as the crawl reads it: its extract and its normalised `documents` row."""
    page = extract_page((FILES / name).read_text(encoding="utf-8"), url)
    item = DocumentItem(site_id="t", url=url, page=page.to_dict(), fetched_at="2026-12-01T08:00:00")
    return page, normalize_document(item).row


CASES = [
    # file, url, rule, title, published, the month the body states (year, month) or None
    ("hainan_2020_10_epidemic.html", "https://wst.hainan.gov.cn/sjkzx/info/1053/1469.htm",
     "epidemic_reports", "海南省2020年法定传染病疫情概况", D(2021, 1, 5), (2020, 10)),
    ("anhui_2023_01_epidemic.html", "https://wjw.ah.gov.cn/ywdt/yqxx/56611111.html",
     "epidemic_reports", "1月全省法定报告传染病疫情情况", D(2023, 2, 14), (2023, 1)),
    ("nhc_2019_01_epidemic.html", "http://www.nhc.gov.cn/jkj/s3578/201902/a1b2c3.shtml",
     "epidemic_reports", "2019年1月全国法定传染病疫情概况", D(2019, 2, 20), (2019, 1)),
    ("qujiang_2024_catalogue.html", "http://www.qjq.gov.cn/art/2024/3/13/art_1229844853_59028762.html",
     "decision_catalogue", "衢江区卫生健康局关于公布2024年度重大行政决策事项目录的通知", D(2024, 3, 13), None),
    ("dongtou_2024_catalogue.html", "http://www.dongtou.gov.cn/art/2024/2/27/art_1229441855_4223001.html",
     "decision_catalogue", "温州市洞头区卫生健康局关于公布2024年度重大行政决策目录的通知", D(2024, 2, 27), None),
]  # fmt: skip


@pytest.mark.parametrize("name, url, rule, title, published, of", CASES, ids=[c[0] for c in CASES])
def test_each_page_is_found_and_dated_and_its_period_read(name, url, rule, title, published, of):
    page, row = read_page(name, url)
    assert (row["title"], row["published_date"]) == (title, published)
    stated = page.facts.get("stated_month")
    assert ((stated["year"], stated["month"]) if stated else None) == of
    words = "|".join(load_rules()[rule]["titles"])
    assert re.search(words, row["title"]), "the rule's title words find the page"


BUDGET_CASES = [
    # file, url, title, published, the rule that finds it (None: neither), its period's year
    ("zhejiang_2020_final_accounts.html", "https://wsjkw.zj.gov.cn/art/2021/8/31/art_1229123443_4720996.html",
     "2020年度浙江省卫生健康委员会部门决算", D(2021, 8, 31), "department_final_accounts", 2020),
    ("minle_2024_final_accounts.html",
     "http://www.gsml.gov.cn/zfxxgk/fdzdgknr/jczwgkbzml/czyjs/2024ys/202509/t20250916_1453801.html",
     "2024年度民乐县卫生健康局(本级)部门决算", D(2025, 9, 16), "department_final_accounts", 2024),
    ("hongjiang_2025_budget.html", "http://www.hjs.gov.cn/hjs/c123531/202504/5c13705818684d06a821904fb17a8c81.shtml",
     "洪江市卫生健康局2025年部门预算公开", D(2025, 1, 10), "department_budget", 2025),
    # a hospital's own 单位决算 is not its commission's 部门决算
    ("luzhou_tcm_2023_unit_final_accounts.html", "http://www.lzszyyy.com/content/3654.html",
     "2023年度泸州市中医医院单位决算", D(2024, 9, 24), None, 2023),
]  # fmt: skip


def found_by(rule: dict, title: str) -> bool:
    """The periodic duty's own reading: a title word and no excluded word (analysis/periodic.py)."""
    return any(re.search(t, title) for t in rule["titles"]) and not any(
        re.search(t, title) for t in rule.get("excluded_titles", [])
    )


def duties_finding(title: str) -> list[str]:
    """The periodic duties whose rule finds the title, matched as scoring matches them: RE2 in
    DuckDB on the title without its spaces (analysis/periodic.py, int_periodic_due.sql)."""
    con = duckdb.connect()
    write_duties(con, load_rules().table)
    flat = re.sub(r"\s+", "", title)
    return [
        name
        for (name,) in con.execute(
            "select indicator from periodic_duties where regexp_matches(?, title_pattern) "
            "and not coalesce(regexp_matches(?, excluded_pattern), false) order by indicator",
            [flat, flat],
        ).fetchall()
    ]


@pytest.mark.parametrize(
    "name, url, title, published, duty, year", BUDGET_CASES, ids=[c[0] for c in BUDGET_CASES]
)
def test_each_budget_page_is_dated_found_by_its_rule_alone_and_names_its_three_public(
    name, url, title, published, duty, year
):
    page, row = read_page(name, url)
    assert (row["title"], row["published_date"]) == (title, published)
    assert duties_finding(title) == ([duty] if duty else [])
    assert re.search(r"((?:19|20)\d{2})\s*年", title)[1] == str(year)
    assert "三公经费" in page.facts["budget_parts"]["parts"], "each real page names its 三公经费"


REPLY_CASES = [
    # file, url, title, published, a reply the rule finds, its page holds the reply's words
    ("gaoping_2023_reply.html",
     "http://xxgk.sxgp.gov.cn/gzbm/gpwjj/fdzdgknr/jytabl_wtj/202310/t20231026_1875580.shtml",
     "关于对市七届人大五次会议第71号建议的答 复", D(2023, 10, 26), True, True),
    # a 提案公开办理工作方案 in the 政协委员提案 column is no reply
    ("lishui_2025_proposal_plan.html", "https://www.lishui.gov.cn/art/2025/4/27/art_1229830607_5502952.html",
     "丽水市卫生健康委员会关于印发市政协五届四次会议第271号提案公开办理工作方案的通知", D(2025, 4, 27),
     False, False),
    # nor is a news item on the bureau's handling of them
    ("yangchun_2023_proposal_news.html", "http://www.yangchun.gov.cn/zxzx/bmdt/content/post_705611.html",
     "市卫生健康局:重视人大建议和政协提案办理", D(2023, 5, 16), False, False),
]  # fmt: skip


@pytest.mark.parametrize(
    "name, url, title, published, is_reply, answers", REPLY_CASES, ids=[c[0] for c in REPLY_CASES]
)
def test_each_proposal_page_is_dated_and_only_a_reply_is_taken_for_one(
    name, url, title, published, is_reply, answers
):
    """The rule reads the title without its spaces (`建议的答 复`); a real reply can be shorter
    than the rule's characters, and its own words (尊敬的…代表, 现答复如下) say it is one."""
    page, row = read_page(name, url)
    assert (row["title"], row["published_date"]) == (title, published)
    rule = load_rules()["proposal_replies"]
    flat = re.sub(r"\s+", "", title)
    assert found_by(rule, flat) is is_reply
    assert page.facts["reply"]["answers"] is answers
    if is_reply:
        assert row["body_chars"] < rule["min_chars"], "shorter than the rule: its words decide"


RANDOM_CASES = [
    # file, url, title, published, a 双随机 result the rule finds
    ("jiangyin_2018_random_results.html", "http://221.228.70.110/wjj/a/201810/1olxtfjucl47p.shtml",
     "2018年下半年江阴市公共场所国家“双随机”抽查结果公示", D(2018, 10, 16), True),
    # the year's list of what may be inspected is no result
    ("yiyuan_2023_random_list.html",
     "http://www.yiyuan.gov.cn/gongkai/site_yyxwsjkj/channel_c_5f9f6cb0744146b464b6e88e_n_1605858942.3923/doc_63f5d23f4579d1bef05a87cf.html",
     "沂源县卫生健康局2023年度部门联合“双随机、一公开”随机抽查事项清单", D(2023, 2, 17), False),
    # nor is the news that the year's inspections have begun
    ("zhengzhou_2020_random_launch.html", "http://wjw.zhengzhou.gov.cn/xqdt/3297339.jhtml",
     "全市卫生健康系统启动2020年 “双随机、一公开”抽查工作", D(2020, 5, 9), False),
]  # fmt: skip


@pytest.mark.parametrize(
    "name, url, title, published, is_result", RANDOM_CASES, ids=[c[0] for c in RANDOM_CASES]
)
def test_each_random_inspection_page_is_dated_and_only_a_result_is_taken_for_one(
    name, url, title, published, is_result
):
    page, row = read_page(name, url)
    assert (row["title"], row["published_date"]) == (title, published)
    assert duties_finding(title) == (["random_inspection"] if is_result else [])


LETTER_CASES = [
    # file, url, title, published, the facts read (letter, letter_stats)
    # a city portal's monthly 市长信箱 statistics: the commission's own row of the units' table
    # (the page's 434 letters are the whole city's); the address names only the month
    ("hanzhong_2022_08_mailbox_stats.html",
     "http://www.hanzhong.gov.cn/hzszf/hdjl/12345rx/202209/db3890416aa44c41b840ba54464d9375.shtml",
     "2022年8月市长信箱办理情况", None,
     {"letter_stats": {"rows": [
         {"unit": "市卫生健康委员会", "received": 6, "closed": 4, "open": 0, "overdue": 2}]}}),
    # a 卫生信箱 letter and its answer with no 来信时间: the day it came cannot be read, so the
    # reply's time is not judged (the 发布时间 is the page's)
    ("chongqing_2012_mailbox_letter.html",
     "http://m.52667788.cn/rencai/2013/20130701162754_669336.shtml",
     "关于重庆市12320健康公益服务热线工作何时开展", D(2012, 9, 6), {}),
    # a notice of where to complain, naming working days and 来信来访: no letter, no statistics
    ("shiquan_2023_complaint_notice.html", "https://www.shiquan.gov.cn/Content-2564421.html",
     "关于公布爱国卫生和国家卫生城镇巩固工作意见建议及监督投诉渠道的公告", D(2023, 4, 26), {}),
]  # fmt: skip


@pytest.mark.parametrize(
    "name, url, title, published, facts", LETTER_CASES, ids=[c[0] for c in LETTER_CASES]
)
def test_each_letter_page_gives_only_what_it_states(name, url, title, published, facts):
    """互动回应's pages: the commission's row of a portal's statistics, never the portal's total;
    a letter without the day it came is no letter to judge; a notice about complaints is none."""
    page, row = read_page(name, url)
    assert (row["title"], row["published_date"]) == (title, published)
    read = {k: v for k, v in page.facts.items() if k in ("letter", "letter_stats")}
    assert read == facts


STANDARD_CATALOGUE_CASES = [
    # file, url, title, published, the 信息公开 table's values read (index_no, issuer, written)
    # 重庆 酉阳's TRS page writes its labels in brackets without a colon: `[ 索引号 ]`
    ("youyang_2023_standard_catalogue.html",
     "http://youyang.gov.cn/bmjz_sites/bm/wsjkw/zwgk_104134/zfxxgkml/wsjklyjczwgk/bzml/202309/t20230922_12366951.html",
     "酉阳自治县卫生健康领域政务公开标准目录(2023年版)", D(2023, 9, 22),
     ("11500242322384326D/2023-00148", "酉阳县卫生健康委", D(2023, 9, 22))),
    ("nanhai_2020_standard_catalogue.html",
     "http://www.nanhai.gov.cn/fsnhq/zwgk/jczwgkml/bzml/wsjk/index.html",
     "南海区卫生健康领域基层政务公开标准目录行政许可", D(2020, 12, 16), (None, None, None)),
    # a 四川 county's catalogue naming 处罚决定日期 among the items of a cell (no label, no date)
    ("sichuan_county_penalty_catalogue.html", "https://dyrmt.com/article-156600-48.html",
     "卫生健康领域基层政务公开标准目录", None, (None, None, None)),
]  # fmt: skip


@pytest.mark.parametrize(
    "name, url, title, published, table",
    STANDARD_CATALOGUE_CASES,
    ids=[c[0] for c in STANDARD_CATALOGUE_CASES],
)
def test_a_standard_catalogue_is_neither_a_guide_nor_a_decision(name, url, title, published, table):
    """The health field's 基层政务公开标准目录 (the source of the 办事指南 elements and of the 7
    working days for 行政处罚决定信息) names guides, penalties and 处罚决定日期 in its cells: the
    page is none of them, and its own 信息公开 table is read, bracketed labels included."""
    page, row = read_page(name, url)
    assert (row["title"], row["published_date"]) == (title, published)
    assert (row.get("index_no"), row.get("issuer"), row.get("written_date")) == table
    assert not {"guide", "decision"} & set(page.facts)
    assert duties_finding(title) == []


EMERGENCY_CASES = [
    # file, url, title, published, the duties whose title words find it
    # 甘肃's monthly report as a city commission reposts it, and as another city's portal does
    ("pingliang_2024_01_emergency.html",
     "http://wjw.pingliang.gov.cn/zfxxgk/fdzdgknr/dcjc/art/2024/art_b64ac5c2f5ee481b8b77c7722fc6e127.html",
     "2024年1月甘肃省突发公共卫生事件通报", D(2024, 2, 28), ["emergency_events"]),
    ("zhangye_2025_01_emergency.html",
     "https://www.zhangye.gov.cn/zyszfxxgk/fdzdgknr_5657/zdmsxx/wsjk/tfggwssj/202502/t20250221_1360012.html",
     "2025年1月甘肃省突发公共卫生事件通报", D(2025, 2, 8), ["emergency_events"]),
    # 浙江 reports by the quarter: no month's report, and no monthly series to judge
    ("zhejiang_2023_q3_emergency.html",
     "https://wsjkw.zj.gov.cn/art/2023/10/26/art_1229123465_5194702.html",
     "2023年第三季度全省突发公共卫生事件通报", D(2023, 10, 26), []),
]  # fmt: skip


@pytest.mark.parametrize(
    "name, url, title, published, duties", EMERGENCY_CASES, ids=[c[0] for c in EMERGENCY_CASES]
)
def test_each_emergency_report_is_dated_and_only_a_months_is_taken(
    name, url, title, published, duties
):
    """突发公共卫生事件 reports: a month's (通报, with the month in its title) starts or continues a
    site's monthly series; a quarter's is none (the byline's date wins over the address's)."""
    page, row = read_page(name, url)
    assert (row["title"], row["published_date"]) == (title, published)
    assert duties_finding(title) == duties
