"""A periodic duty's rule (analysis/periodic.py) is refused with a message naming the key; the
双随机 rule's title words tell a result from a plan or a list."""

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


# titles as health commissions write them: (title, whether it is a 双随机 抽查结果)
RANDOM_INSPECTION_TITLES = [
    ("2024年第1批“双随机、一公开”抽查结果公示", True),
    ("2023年国家随机监督抽查结果公示", True),
    ("关于“双随机、一公开”抽查结果的公示", True),
    ("某县卫生健康局2025年度“双随机、一公开”监督抽查工作情况通报", True),
    ("2024年度卫生健康领域随机抽查查处情况", True),
    ("“双随机、一公开”抽查事项清单", False),
    ("某县卫生健康局2026年度“双随机、一公开”抽查计划", False),
    ("关于印发双随机抽查工作实施方案的通知", False),
    ("2024年第2期食品安全监督抽检信息公告", False),
]


@pytest.mark.parametrize("title, result", RANDOM_INSPECTION_TITLES)
def test_a_random_inspection_result_is_known_by_its_title(title, result):
    """The rule's title words, matched as scoring matches them (RE2 in DuckDB, the title read
    without its spaces), tell a result from a plan, a list or a scheme."""
    con = duckdb.connect()
    write_duties(con, load_rules().table)
    matched = con.execute(
        "select regexp_matches(?, title_pattern) "
        "and not coalesce(regexp_matches(?, excluded_pattern), false) "
        "from periodic_duties where indicator = 'random_inspection'",
        [title.replace(" ", ""), title.replace(" ", "")],
    ).fetchone()[0]
    assert matched is result
