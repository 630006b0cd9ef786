"""Column names as real sites spell them → the column kind (DOMAIN.md §3 synonyms)."""

from __future__ import annotations

import pytest

from crawlers.extract.labels import column_kind, is_entry_link, label_key

KINDS = [
    ("政策文件", "policy"),
    ("规范性文件", "policy"),
    ("文件发布", "policy"),
    ("政府文件", "policy"),
    ("委文件", "policy"),
    ("通知文件", "policy"),
    ("政策法规", "policy"),
    ("政策解读", "interpretation"),
    ("解读材料", "interpretation"),
    ("文件解读", "interpretation"),
    ("图解政策", "interpretation"),
    ("一图读懂", "interpretation"),
    ("解读回应", "interpretation"),
    ("通知公告", "notice"),
    ("公告公示", "notice"),
    ("工作动态", "news"),
    ("卫健要闻", "news"),
    ("新闻动态", "news"),
    ("人事信息", "personnel"),
    ("规划计划", "planning"),
    ("预决算公开", "budget"),
    ("权责清单", "other"),
    ("双随机一公开", "other"),
    ("建议提案办理", "other"),
    ("信息公开指南", "other"),
    ("政府信息公开年报", "other"),
    (" 通知公告 ", "notice"),
    ("首页", None),
    ("站内搜索", None),
    ("旧版网站", None),
    ("活动日历", None),
    ("关于印发《某某实施方案》的通知", None),
]


@pytest.mark.parametrize("text, kind", KINDS)
def test_column_kind(text, kind):
    assert column_kind(text) == kind


@pytest.mark.parametrize(
    "text, entry",
    [
        ("政务公开", True),
        ("信息公开", True),
        ("政府信息公开", True),
        ("公开目录", True),
        ("政府信息公开目录", True),
        ("信息公开指南", False),
        ("政策解读", False),
        ("首页", False),
    ],
)
def test_entry_links(text, entry):
    assert is_entry_link(text) is entry


def test_labels_compare_without_padding_or_colons():
    assert label_key("索 引 号：") == label_key("索　引　号:") == "索引号"
    assert label_key("文　　号：") == "文号"
