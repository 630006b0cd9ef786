"""Dates as real pages write them: labels, bylines, Chinese numerals, compact forms, garbage."""

from __future__ import annotations

import datetime as dt

import pytest

from crawlers.dates import FallbackCounter, cn_number, date_numbers, month_day, parse_date

D = dt.date

CASES = [
    # labelled cells and bylines (dateparser alone returns None for these)
    ("发布日期：2021-08-11", D(2021, 8, 11)),
    ("发布时间：2021-08-11", D(2021, 8, 11)),
    ("发布时间:2023-10-23 08:59", D(2023, 10, 23)),
    ("成文日期：2019年12月31日", D(2019, 12, 31)),
    ("成文日期: 2023-10-16", D(2023, 10, 16)),
    ("公开日期：2026年11月18日", D(2026, 11, 18)),
    ("生成日期:2025年03月05日", D(2025, 3, 5)),
    ("时间:2017-07-17 11:35:16 浏览次数: 来源:黔南州卫计委 字号:[大 中 小]", D(2017, 7, 17)),
    ("时间： 2019-09-18 06:23", D(2019, 9, 18)),
    ("发布日期: 2012-06-24", D(2012, 6, 24)),
    ("发布时间：2025-3-5 10:22:01　来源：石岭县卫生健康局", D(2025, 3, 5)),
    ("( 2022-04-26)", D(2022, 4, 26)),
    ("[2024-01-09]", D(2024, 1, 9)),
    ("2016-11-22 09:53", D(2016, 11, 22)),
    ("2022-04-26", D(2022, 4, 26)),
    ("2021/08/11", D(2021, 8, 11)),
    ("2021.8.11", D(2021, 8, 11)),
    ("2021年8月11日", D(2021, 8, 11)),
    ("2021 年 8 月 11 日", D(2021, 8, 11)),
    ("2021年08月01日", D(2021, 8, 1)),
    ("2020年9月4日印发", D(2020, 9, 4)),
    ("（2020年8月11日）", D(2020, 8, 11)),
    ("２０２１年８月１１日", D(2021, 8, 11)),  # full-width digits
    ("２０２１－０８－１１", D(2021, 8, 11)),
    ("发布日期：2026年11月18日 10:20", D(2026, 11, 18)),
    ("2016年9月18日", D(2016, 9, 18)),
    ("日期：2007-08-20-23:59:59", D(2007, 8, 20)),
    ("2021年2月29日", None),  # not a leap year
    ("2024年2月29日", D(2024, 2, 29)),
    # Chinese numerals (signing dates)
    ("二〇一六年九月十八日", D(2016, 9, 18)),
    ("二〇二五年三月五日", D(2025, 3, 5)),
    ("二〇二〇年十二月三十一日", D(2020, 12, 31)),
    ("二〇二六年十一月二十日", D(2026, 11, 20)),
    ("二○一九年十月十日", D(2019, 10, 10)),  # ○ (white circle) instead of 〇
    ("二零二一年八月十一日", D(2021, 8, 11)),
    ("二〇二三年十月十六日印发", D(2023, 10, 16)),
    ("成文日期：二〇一七年一月二十一日", D(2017, 1, 21)),
    ("二〇二一年二月三十日", None),
    # compact forms
    ("20160918", D(2016, 9, 18)),
    ("发布日期：20210811", D(2021, 8, 11)),
    ("t20190918_693227.shtml", D(2019, 9, 18)),
    ("/art/2023/1/7/art_50366_4794863.html", D(2023, 1, 7)),
    ("20161399", None),
    # things that must be rejected, not guessed
    ("", None),
    ("   ", None),
    ("浏览次数：", None),
    ("来源：本站", None),
    ("2021年8月", None),  # partial: no day
    ("2021-08", None),
    ("2021年", None),
    ("/wjw/c100103/202505/", None),  # a URL folder gives a month, not a date
    ("枣卫字〔2016〕61号", None),  # a year inside a 文号 is not a date
    ("国办发〔2017〕47号", None),
    ("03/04/2021", None),  # day/month order unknown
    ("4/3/21", None),
    ("0000-00-00", None),
    ("2021-13-45", None),
    ("1900-01-01", None),  # before any commission's website
    ("2999-01-01", None),
    ("2021年13月1日", None),
    ("第十届全国人民代表大会", None),
    ("13800138000", None),  # a phone number
    ("<script>alert(1)</script>", None),
    ("113325000026455663/2023-43887", None),  # an 索引号 is not a date
]


@pytest.mark.parametrize("text, expected", CASES)
def test_parse_date(text, expected):
    assert parse_date(text).value == expected


def test_there_are_at_least_60_cases():
    assert len(CASES) >= 60


@pytest.mark.parametrize(
    "text, method",
    [
        ("2021-08-11", "regex"),
        ("二〇一六年九月十八日", "chinese"),
        ("20160918", "compact"),
        ("2021年8月", "rejected:partial"),
        ("03/04/2021", "rejected:ambiguous"),
        ("", "rejected:empty"),
    ],
)
def test_method_says_how_the_date_was_read(text, method):
    assert parse_date(text).method == method


def test_english_dates_reach_the_counted_fallback():
    before = FallbackCounter.calls
    assert parse_date("11 August 2021").value == D(2021, 8, 11)
    assert FallbackCounter.calls == before + 1


@pytest.mark.parametrize(
    "text, number",
    [("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("三十一", 31), ("15", 15), ("１５", 15),
     ("〇", 0), ("百", None), ("十百", None), ("", None)],
)  # fmt: skip
def test_small_numbers_in_chinese_or_digits(text, number):
    assert cn_number(text) == number


@pytest.mark.parametrize(
    "text, year, expected",
    [
        ("2026年12月1日", None, dt.date(2026, 12, 1)),
        ("12月31日", 2026, dt.date(2026, 12, 31)),  # the year from the text around it
        ("截至2026-01-15", 2025, dt.date(2026, 1, 15)),  # a year written wins
        ("2月30日", 2026, None),
        ("无日期", 2026, None),
    ],
)
def test_a_month_and_day_take_the_year_they_are_given(text, year, expected):
    assert month_day(text, year) == expected


@pytest.mark.parametrize(
    "text, numbers",
    [("2026年11月8日", (2026, 11, 8)), ("2026-11-08", (2026, 11, 8)), ("[2026/11/08]", (2026, 11, 8)),
     ("2026年11月", None), (None, None)],
)  # fmt: skip
def test_a_list_date_reads_as_its_numbers(text, numbers):
    assert date_numbers(text) == numbers
