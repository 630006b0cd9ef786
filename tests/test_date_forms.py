"""Dates written in the forms the extractor used to misread (issue 26): a doubled colon after the
label, an 编稿时间 label, a bare date opening the byline, an 归档时间 that is no publication date,
and a date only in the path (`/202509/20250912_…`). Each page is saved in tests/files/date_forms/."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from crawlers.extract.detail import extract_page
from crawlers.items import DocumentItem
from pipelines.normalize import normalize_document

FILES = Path(__file__).parent / "files" / "date_forms"
FETCHED = "2026-12-01T08:00:00"
D = dt.date

CASES = [
    # page, url, published_date, its source, written_date
    ("doubled_colon.html", "https://wsjkw.example.gov.cn/zwgk/a/1.html",
     D(2025, 9, 12), "table:发布日期", D(2025, 9, 3)),
    ("editing_time.html", "https://wsjkw.example.gov.cn/xwzx/a/2.html",
     D(2025, 10, 20), "byline:编稿时间", None),
    ("bare_byline_date.html", "https://wsjkw.example.gov.cn/czzj/a/3.html",
     D(2025, 2, 18), "byline:unlabelled", None),
    ("archive_time.html", "https://wsjkw.example.gov.cn/ssjygk/a/4.html",
     D(2025, 10, 15), "byline:unlabelled", None),
    ("date_in_path.html", "https://wsjkw.example.gov.cn/zfxxgk/202509/20250912_5501234.html",
     D(2025, 9, 12), "url", None),
]  # fmt: skip


@pytest.mark.parametrize("name, url, published, source, written", CASES, ids=[c[0] for c in CASES])
def test_each_date_form_is_read_from_its_own_place(name, url, published, source, written):
    html = (FILES / name).read_text(encoding="utf-8")
    item = DocumentItem(
        site_id="t", url=url, page=extract_page(html, url).to_dict(), fetched_at=FETCHED
    )
    row = normalize_document(item).row
    assert (row["published_date"], row["published_source"], row["written_date"]) == (
        published,
        source,
        written,
    )


def test_an_archive_date_is_never_a_publication_date():
    """Without any other date the page has no 发布日期: the 归档时间 is left where it is."""
    html = (FILES / "archive_time.html").read_text(encoding="utf-8")
    html = html.replace("2025-10-15 来源：综合监督处", "来源：综合监督处")
    url = "https://wsjkw.example.gov.cn/ssjygk/a/4.html"
    item = DocumentItem(
        site_id="t", url=url, page=extract_page(html, url).to_dict(), fetched_at=FETCHED
    )
    row = normalize_document(item).row
    assert row["published_date"] is None
    assert "no_published_date" in row["warnings"]


SIGNING_CELLS = [
    # the closing rows of a body laid out in a table, the 成文日期 read from them (None: none)
    # a layout table pads the 落款 to the right with an empty cell: still the signing
    ("<tr><td></td><td>某县卫生健康局</td></tr><tr><td></td><td>2026年3月2日</td></tr>",
     dt.date(2026, 3, 2)),
    # a date beside its label is that label's value (a decision's day), never the signing
    ("<tr><td>处罚决定日期</td><td>2026年3月2日</td></tr><tr><td>作出决定机关</td><td>某县卫生健康局</td></tr>",
     None),
]  # fmt: skip


@pytest.mark.parametrize("rows, written", SIGNING_CELLS)
def test_a_signing_date_in_a_table_is_told_from_a_labelled_value(rows, written):
    body = (
        "<p>"
        + "为进一步规范医疗机构执业行为，保障医疗质量和医疗安全，现就有关事项通知如下。" * 2
        + "</p>"
    )
    html = (
        "<html><head><title>关于某事项的通知</title></head><body><h1>关于某事项的通知</h1>"
        f'<div class="content">{body}<table>{rows}</table></div></body></html>'
    )
    page = extract_page(html, "https://x.example.gov.cn/a/b.html")
    signed = [c.raw for c in page.candidates if c.source == "body:signing"]
    assert (signed[0] if signed else None) == (written and "2026年3月2日")
