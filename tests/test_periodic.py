"""A periodic duty's rule (analysis/periodic.py) is refused with a message naming the key; each
duty's title words tell its document from a plan, a list or a call to start the work."""

from __future__ import annotations

import duckdb
import pytest

from analysis.periodic import problems, write_duties
from analysis.rules import load_rules

GOOD = load_rules()["department_budget"]

CASES = [
    # change to the default 部门预算 rule, the words the refusal must contain (None: accepted)
    ({}, None),
    ({"period": "quarter"}, "period must be one of"),
    ({"expected_from": "middle"}, "expected_from must be one of"),
    ({"due_months": 0}, "due_months must be a whole number"),
    ({"due_months": 1.5}, "due_months must be a whole number"),
    ({"titles": []}, "titles must be a list"),
    ({"titles": "部门预算"}, "titles must be a list"),
    ({"excluded_titles": "单位预算"}, "excluded_titles must be a list"),
    ({"review_after_months": 12}, "review_after_months must be a whole number below due_months"),
    ({"levels": "national"}, "levels must be a list"),
    ({"parts": ["三公"]}, "parts must be a list of the parts pages are read for"),
    ({"period": "two_years", "first_year": "2018"}, "first_year must be a year"),
    ({"period": "two_years", "first_year": 18}, "first_year must be a year"),
    ({"period": "two_years", "first_year": 2018, "due_months": 24}, None),
]


@pytest.mark.parametrize("change, refusal", CASES, ids=[str(c[0]) for c in CASES])
def test_a_periodic_rule_is_checked(change, refusal):
    wrong = problems("department_budget", {**GOOD, **change})
    if refusal is None:
        assert wrong == []
    else:
        assert any(refusal in w and "[department_budget]" in w for w in wrong), wrong


def test_a_periodic_rule_without_its_document_name_is_refused():
    rule = {k: v for k, v in GOOD.items() if k != "document"}
    assert problems("department_budget", rule) == ["[department_budget] needs `document`"]


# titles as health commissions write them: (duty, title, whether it is the duty's document)
DUTY_TITLES = [
    ("random_inspection", "2024年第1批“双随机、一公开”抽查结果公示", True),
    ("random_inspection", "2023年国家随机监督抽查结果公示", True),
    ("random_inspection", "关于“双随机、一公开”抽查结果的公示", True),
    ("random_inspection", "某县卫生健康局2025年度“双随机、一公开”监督抽查工作情况通报", True),
    ("random_inspection", "2024年度卫生健康领域随机抽查查处情况", True),
    ("random_inspection", "“双随机、一公开”抽查事项清单", False),
    ("random_inspection", "某县卫生健康局2026年度“双随机、一公开”抽查计划", False),
    ("random_inspection", "关于印发双随机抽查工作实施方案的通知", False),
    ("random_inspection", "2024年第2期食品安全监督抽检信息公告", False),
    ("normative_cleanup", "关于公布规章和规范性文件清理结果的通知", True),
    ("normative_cleanup", "某市卫生健康委员会关于2023年度规范性文件清理情况的公告", True),
    ("normative_cleanup", "关于废止和宣布失效部分规范性文件的决定", True),
    ("normative_cleanup", "国家卫生健康委关于废止和修改部分规范性文件的决定", True),
    # 山东省卫健委 2025's shape: its cleanup of 政策性文件（不含规范性文件）voids 委文件
    ("normative_cleanup", "山东省卫生健康委员会关于宣布失效第二批委文件的决定", False),
    # real titles of other bodies' cleanup results (the health commissions' own were not found
    # here): 湖北省住建厅 2026 (zjt.hubei.gov.cn …/gfxwj/202609/t20260902_6006344.shtml), 湖北省
    # 人民政府 2015 (gkml.hubei.gov.cn …/201502/t20150217_619593.html), 邯郸市人民政府 2018
    # (hdzfxxgk.hd.gov.cn …/201810/t20181011_879750.html), 成都市地方税务局公告2014年第2号
    ("normative_cleanup", "省住建厅关于公布行政规范性文件清理结果的通知", True),
    ("normative_cleanup", "省人民政府关于规范性文件清理结果的决定", True),
    ("normative_cleanup", "邯郸市人民政府关于公布市政府规章和规范性文件清理结果的通知", True),
    ("normative_cleanup", "成都市地方税务局关于税收规范性文件清理结果的公告", True),
    ("normative_cleanup", "关于开展规范性文件清理工作的通知", False),
    ("normative_cleanup", "规范性文件清理工作方案", False),
    ("normative_cleanup", "关于印发某市卫生健康系统规范性文件管理办法的通知", False),
    ("emergency_events", "2025年11月全省突发公共卫生事件报告情况", True),
    ("emergency_events", "2024年1月甘肃省突发公共卫生事件通报", True),
    ("emergency_events", "2023年第三季度全省突发公共卫生事件通报", False),
    ("emergency_events", "2019年度全省突发公共卫生事件概况", False),
    ("emergency_events", "某省突发公共卫生事件应急预案", False),
    ("emergency_events", "关于开展突发公共卫生事件应急演练的通知", False),
    ("emergency_events", "突发公共卫生事件应急处置培训班开班", False),
]


@pytest.mark.parametrize("duty, title, matches", DUTY_TITLES)
def test_a_duty_document_is_known_by_its_title(duty, title, matches):
    """The rule's title words, matched as scoring matches them (RE2 in DuckDB, the title read
    without its spaces), tell the duty's document from a plan, a list or a scheme."""
    con = duckdb.connect()
    write_duties(con, load_rules().table)
    matched = con.execute(
        "select regexp_matches(?, title_pattern) "
        "and not coalesce(regexp_matches(?, excluded_pattern), false) "
        "from periodic_duties where indicator = ?",
        [title.replace(" ", ""), title.replace(" ", ""), duty],
    ).fetchone()[0]
    assert matched is matches
