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
