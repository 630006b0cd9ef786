"""Title similarity pairs what no link or quotation pairs, and refuses the near misses."""

from __future__ import annotations

import datetime as dt

import pytest

from analysis.similarity import Candidate, best_policy, near_miss

D = dt.date


@pytest.mark.parametrize(
    "a, b, miss",
    [
        ("2020年妇幼健康服务工作要点解读", "关于印发《2019年妇幼健康服务工作要点》的通知", True),
        ("2020年妇幼健康服务工作要点解读", "关于印发《2020年妇幼健康服务工作要点》的通知", False),
        (
            "第二批临床重点专科建设项目名单解读",
            "关于公布第一批临床重点专科建设项目名单的通知",
            True,
        ),
        (
            "第二批临床重点专科建设项目名单解读",
            "关于公布第二批临床重点专科建设项目名单的通知",
            False,
        ),
        ("爱国卫生运动实施方案解读", "关于成立爱国卫生运动领导小组的通知", True),
        ("家庭医生签约服务政策答记者问", "关于印发《家庭医生签约服务实施方案》的通知", False),
    ],
)
def test_near_misses(a, b, miss):
    assert near_miss(a, b) is miss


POLICIES = [
    Candidate("p1", "关于印发《石岭县医疗废物规范化管理工作方案》的通知", D(2025, 1, 16)),
    Candidate("p2", "关于印发《石岭县医疗机构依法执业自查工作方案》的通知", D(2025, 1, 10)),
    Candidate("p3", "关于印发《2024年医疗废物规范化管理工作要点》的通知", D(2024, 3, 1)),
    Candidate("p4", "关于成立医疗废物规范化管理工作领导小组的通知", D(2025, 1, 15)),
]


@pytest.mark.parametrize(
    "title, published, expected",
    [
        ("在线访谈：医疗废物规范化管理政策答记者问", D(2025, 1, 16), "p1"),
        ("在线访谈：医疗机构依法执业自查政策答记者问", D(2025, 1, 13), "p2"),
        # a year later nothing is close enough in time
        ("在线访谈：医疗废物规范化管理政策答记者问", D(2026, 1, 16), None),
        # unrelated subject
        ("在线访谈：公共场所控烟政策答记者问", D(2025, 1, 16), None),
    ],
)
def test_best_policy(title, published, expected):
    found = best_policy(title, published, POLICIES)
    assert (found[0].url if found else None) == expected


def test_two_equally_good_policies_are_left_to_a_person():
    twins = [
        Candidate("a", "关于印发《老年健康服务工作要点》的通知", D(2025, 6, 1)),
        Candidate("b", "关于进一步加强老年健康服务工作的意见", D(2025, 6, 1)),
    ]
    assert best_policy("老年健康服务政策解读", D(2025, 6, 3), twins) is None
