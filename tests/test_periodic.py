"""A periodic duty's rule (analysis/periodic.py) is refused with a message naming the key."""

from __future__ import annotations

import pytest

from analysis.periodic import problems
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
