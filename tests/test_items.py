"""The crawl's items are declared classes (crawlers/items.py) that the spider, the pipelines and
the tests share: every row the pipelines make of an item fits its table's columns."""

from __future__ import annotations

import dataclasses

import pytest

from crawlers.extract.detail import extract_page
from crawlers.items import (
    ColumnItem,
    ColumnWalkItem,
    DocumentItem,
    LinkCheckItem,
    ListingEntry,
    ListingItem,
    RemovedItem,
    SiteItem,
)
from pipelines.item_pipelines import ROWS_OF, NormalizePipeline
from pipelines.store import Store

PAGE = extract_page(
    "<html><head><title>关于印发《某市护理服务管理办法》的通知</title></head><body>"
    "<table><tr><td>发文字号：</td><td>某卫规〔2026〕4号</td></tr></table>"
    "<div id='zoom'><p>正文。</p><a href='/a.pdf'>附件1.pdf</a></div></body></html>",
    "https://t.example.gov.cn/zcwj/1.html",
).to_dict()
ITEMS = [
    SiteItem(
        "t",
        "某市卫生健康委员会",
        "https://t.example.gov.cn/",
        level="prefecture",
        as_of="2026-11-20",
    ),
    ColumnItem("t", "https://t.example.gov.cn/zcwj/", "政策文件", "policy", stated_count=40),
    ListingItem(
        "t",
        "https://t.example.gov.cn/zcwj/",
        "https://t.example.gov.cn/zcwj/index.html",
        [
            ListingEntry(
                "https://t.example.gov.cn/zcwj/1.html",
                "https://t.example.gov.cn/zcwj/1.html?from=x",
                "关于印发《某市护理服务管理办法》的通知",
                "2026-11-02",
                "某卫规[2026]4号",
                "2026-10-28",
            )
        ],
    ),  # fmt: skip
    DocumentItem(
        "t",
        "https://t.example.gov.cn/zcwj/1.html",
        PAGE,
        "2026-11-30T02:00:00",
        column_name="政策文件",
        column_kind="policy",
    ),  # fmt: skip
    LinkCheckItem(
        "t",
        "https://t.example.gov.cn/a.pdf",
        "https://t.example.gov.cn/zcwj/1.html",
        404,
        None,
        "dead",
        "2026-11-30T02:00:00",
    ),  # fmt: skip
    ColumnWalkItem(
        "t",
        "https://t.example.gov.cn/zcwj/",
        "2026-11-30T02:00:00",
        2,
        40,
        1,
        40,
        "2025年3月4日",
        complete=True,
        incremental=True,
        accounted=True,
    ),  # fmt: skip
    RemovedItem(
        "t",
        "https://t.example.gov.cn/zcwj/0.html",
        "https://t.example.gov.cn/zcwj/",
        404,
        "2026-11-30T02:00:00",
    ),  # fmt: skip
]


def test_every_item_kind_has_its_rows():
    assert set(ROWS_OF) == {type(i) for i in ITEMS}
    assert len({cls.kind for cls in ROWS_OF}) == len(ROWS_OF)
    for cls in ROWS_OF:
        assert dataclasses.is_dataclass(cls) and cls.__doc__


@pytest.mark.parametrize("item", ITEMS, ids=lambda i: type(i).__name__)
def test_an_items_rows_fit_its_tables(item, tmp_path):
    rows = NormalizePipeline().process_item(item)
    assert (rows.kind, rows.site_id) == (item.kind, "t")
    store = Store(tmp_path / "t.duckdb")
    try:
        for table, table_rows in rows.rows.items():
            columns = {c for (c,) in store.sql(f"select column_name from (describe {table})")}
            assert table_rows, table
            for row in table_rows:
                assert set(row) <= columns, (table, set(row) - columns)
    finally:
        store.close()


def test_a_listing_row_keeps_what_a_table_list_stated():
    listing = NormalizePipeline().process_item(ITEMS[2]).rows["listings"][0]
    assert (listing["doc_no"], str(listing["written_date"]), str(listing["list_date"])) == (
        "某卫规〔2026〕4号",
        "2026-10-28",
        "2026-11-02",
    )
    assert listing["linked_url"].endswith("?from=x")


def test_a_list_row_or_column_is_first_seen_when_the_spider_read_it_not_when_it_was_stored():
    """A column's walk ends after its list pages were read; stored a second later under load,
    its last rows would seem listed after the walk, which would then have missed them (one
    crawl proving a backdating: the CI run of 2026-12-07 found it so)."""
    for item, table in ((ITEMS[2], "listings"), (ITEMS[1], "columns")):
        read = dataclasses.replace(item, seen_at="2026-11-30T02:00:00")
        row = NormalizePipeline().process_item(read).rows[table][0]
        assert str(row["first_seen_at"]) == "2026-11-30 02:00:00", table


def test_something_else_is_refused_in_words():
    with pytest.raises(TypeError, match="not a crawl item"):
        NormalizePipeline().process_item({"item_type": "document"})
