"""Yearly reports read from pages shaped like real ones (tests/files/annual_reports/SOURCES.md):
the year, the five required parts and the application table's sum, or why it cannot be checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawlers.extract.body_facts import read_annual_report
from crawlers.extract.detail import extract_page, find_body, parse_html

FILES = Path(__file__).parent / "files" / "annual_reports"
ALL_PARTS = [
    "总体情况",  # the national format's part 一 (国办公开办函〔2019〕60号, 〔2021〕30号)
    "主动公开政府信息情况",
    "收到和处理政府信息公开申请情况",
    "政府信息公开行政复议、行政诉讼情况",
    "存在的主要问题及改进情况",
    "其他需要报告的事项",
]


def report_of(name: str, html: str | None = None) -> dict:
    html = html if html is not None else (FILES / name).read_text("utf-8")
    return extract_page(html, f"http://example.gov.cn/{name}").facts.get("annual_report")


# file, year, missing parts, table state, (new, carried over, handled, carried forward)
REAL_SHAPES = [
    ("hangzhou_2023.html", 2023, [], "read", (44, 0, 39, 5)),
    ("changzhou_2025.html", 2025, ["其他需要报告的事项"], "read", (34, 0, 33, 1)),
    ("xinfeng_2023.html", 2023, [], "read", (0, 0, 0, 0)),
    ("derong_2019.html", 2019, [], "read", (0, 0, 0, 0)),
    ("hongshan_2024_image_table.html", 2024, [], "image", None),
    # issue 24: ten more real shapes (SOURCES.md)
    ("huachuan_2021.html", 2021, [], "read", (1, 0, 1, 0)),
    ("changan_2021.html", 2021, [], "read", (0, 0, 0, 0)),
    # traditional characters; only 一. 總體情況 and 二.存在的主要問題: its （一）主動公開情況 and
    # （二）依法申請公開情況 sit under 總體情況 and are not the parts they are named like
    (
        "xinrong_2021_traditional.html",
        2021,
        [
            "主动公开政府信息情况",
            "收到和处理政府信息公开申请情况",
            "政府信息公开行政复议、行政诉讼情况",
            "其他需要报告的事项",
        ],
        "missing",
        None,
    ),  # fmt: skip
    ("xialu_2021.html", 2021, [], "read", (0, 0, 0, 0)),
    ("benxi_2021.html", 2021, [], "read", (0, 0, 0, 0)),  # …年度政府信息公开工作报告
    ("songming_2025.html", 2025, [], "read", (1, 0, 1, 0)),
    ("liaoning_2020.html", 2020, [], "read", (49, 0, 27, 22)),
    ("guangzhou_2022_traditional.html", 2022, [], "read", (86, 0, 78, 8)),
    ("shaoxing_2020.html", 2020, [], "read", (6, 0, 6, 0)),
    ("yunnan_2022.html", 2022, [], "missing", None),  # 关于…工作的年度报告, eight parts
]


@pytest.mark.parametrize(("name", "year", "missing", "table", "figures"), REAL_SHAPES)
def test_each_real_shape_is_read_part_by_part_and_sum_by_sum(name, year, missing, table, figures):
    report = report_of(name)
    assert report["year"] == year
    assert report["missing_parts"] == missing
    assert report["parts"] == [p for p in ALL_PARTS if p not in missing]
    assert report["table"] == table
    if figures is None:
        assert "figures" not in report  # an image or no table is not read as zeros
    else:
        got = report["figures"]
        assert (got["new"], got["carried_over"], got["handled"], got["carried_forward"]) == figures
        assert report["unbalanced"] == []
        assert all(len(v) == 4 for v in report["columns"].values())
        assert list(report["columns"]) == [
            "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计",
        ]  # fmt: skip


def test_a_table_that_does_not_add_up_names_its_columns():
    html = (FILES / "hangzhou_2023.html").read_text("utf-8")
    row = '<td colspan="3">四、结转下年度继续办理</td><td>5</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>5</td>'
    assert row in html
    report = report_of("x.html", html.replace(row, row.replace("<td>5</td>", "<td>4</td>")))
    assert report["unbalanced"] == ["自然人", "总计"]
    assert report["columns"]["总计"] == [44, 0, 39, 4]


def test_a_table_missing_a_row_is_unreadable_not_balanced():
    html = (FILES / "hangzhou_2023.html").read_text("utf-8")
    html = html.replace("四、结转下年度继续办理", "四、其他")
    report = report_of("x.html", html)
    assert report["table"] == "unreadable"
    assert report["missing_rows"] == ["结转下年度继续办理"]
    assert "figures" not in report


def test_a_report_only_in_an_attachment_says_so():
    html = (
        "<html><head><title>某市卫生健康委员会2024年政府信息公开工作年度报告</title></head><body>"
        "<div id='zoom'>"
        "<p>附件：<a href='/u/2024nb.pdf'>2024年年度报告.pdf</a></p></div></body></html>"
    )
    report = report_of("x.html", html)
    assert report["table"] == "attachment"
    assert report["missing_parts"] == ALL_PARTS


@pytest.mark.parametrize(
    ("title", "year"),
    [
        ("国家卫生健康委2024年政府信息公开工作年度报告", 2024),
        ("杭州市卫生健康委员会2023年度政府信息公开工作年度报告", 2023),
        ("大同市卫生健康委员会2025年政府信息公开年度报告", 2025),
        ("城厢区卫生健康局2024年度政府信息公开工作报告", 2024),
        ("常州市卫生健康委员会2025年政府信息公开工作年报", 2025),
        ("关于做好2024年政府信息公开工作年度报告编制工作的通知", None),
        ("云南省卫生健康委关于2022年政府信息公开工作的年度报告", 2022),
        ("2022年长沙市卫生健康委员会政府信息公开工作年度报告", 2022),
        ("新榮區衛生健康和體育局2021年政府信息公開工作年度報告", 2021),
        ("本溪县卫健局2021年度政府信息公开工作报告", 2021),
        ("2020年卫生健康委员会政府信息公开工作年度报告", 2020),
        ("2022年政府信息公开工作年度报告", 2022),
        ("某区卫生健康局2021政府信息公开工作年度报告", 2021),  # a year not followed by 年
        ("某县卫生健康局2020年信息公开年报", 2020),  # 信息公开年报 without 政府
        ("2021年度信息公开工作要点", None),
        ("2024年度部门决算公开", None),
    ],
)
def test_a_yearly_report_is_known_by_its_title(title, year):
    root = parse_html("<html><body><div id='zoom'><p>一、总体情况</p></div></body></html>")
    body, _ = find_body(root, "", ())
    report = read_annual_report(body, [title])
    assert (report or {}).get("year") == year


def test_an_introduction_listing_the_parts_is_not_the_parts():
    html = (
        "<html><body><div id='zoom'><p>本报告包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、"
        "政府信息公开行政复议、行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项等六个部分。</p>"
        "<p>一、总体情况</p><p>二、主动公开政府信息情况</p></div></body></html>"
    )
    report = report_of(
        "x.html",
        html.replace(
            "<html>",
            "<html><head><title>某县卫生健康局2024年政府信息公开工作年度报告</title></head>",
        ),
    )
    assert report["parts"] == ["总体情况", "主动公开政府信息情况"]


def test_placeholders_in_the_table_count_as_nothing_received():
    """Real tables write — or / for none: the columns stay aligned and the sum holds."""
    html = (FILES / "hangzhou_2023.html").read_text("utf-8")
    row = '<td colspan="3">二、上年结转政府信息公开申请数量</td>' + "<td>0</td>" * 7
    assert row in html
    dashed = (
        '<td colspan="3">二、上年结转政府信息公开申请数量</td>' + "<td>—</td>" * 6 + "<td>/</td>"
    )
    report = report_of("x.html", html.replace(row, dashed))
    assert report["table"] == "read" and report["unbalanced"] == []
    assert report["columns"]["总计"] == [44, 0, 39, 5]
    assert len(report["columns"]) == 7


def test_a_report_in_parts_reads_its_parts_at_that_level():
    """第一部分 … numbers the parts; what is numbered 一、 under 第一部分 总体情况 is no part."""
    html = (
        "<html><head><title>某县卫生健康局2024年政府信息公开工作年度报告</title></head><body>"
        "<div id='zoom'><p>第一部分　总体情况</p><p>一、主动公开情况</p><p>二、依申请公开情况</p>"
        "<p>第二部分　存在的主要问题及改进情况</p><p>第三部分　其他需要报告的事项</p></div></body></html>"
    )
    report = report_of("x.html", html)
    assert report["parts"] == ["总体情况", "存在的主要问题及改进情况", "其他需要报告的事项"]
