"""Each CMS family on saved pages (tests/files/<family>/): its list parser and the detail
extractor, fed the page with the URL it was served from. A failing case names its family.

The pages are written for this project in the shapes of ../shared/LAYOUTS.md (invented values).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from crawlers.charsets import decide_encoding
from crawlers.extract.detail import extract_page
from crawlers.families import FAMILIES, detect
from crawlers.items import DocumentItem
from pipelines.normalize import normalize_document

FILES = Path(__file__).parent / "files"
FETCHED = "2026-11-30T02:00:00"  # the frozen day these pages were 'fetched'


def read(name: str) -> str:
    body = (FILES / name).read_bytes()
    return body.decode(decide_encoding(body))


# family, file, URL, expected: items, first item (url, title, date), stated count, pages
LISTS = [
    (
        "hanweb",
        "hanweb/list_windowed_pager.html",  # page 5 of 27: tests/support/windowed_pager.py
        "https://wsjkw.example.gov.cn/col/col5678/index_5.html",
        {
            "items": 15,
            "first": (
                "https://wsjkw.example.gov.cn/art/2024/10/22/art_5678_899940.html",
                "关于做好第61批卫生健康工作的通知",
                "2024-10-22",
            ),
            "stated": 400,
            # index_2 … index_27 but itself, once each: 下一页's index_6.html#list is index_6
            "pages": 25,
            "page_first": "https://wsjkw.example.gov.cn/col/col5678/index_6.html",
            "page_last": "https://wsjkw.example.gov.cn/col/col5678/index_27.html",
            "fallback": 0,
        },
    ),
    (
        "hanweb",
        "hanweb/list_static_nextgroup.html",
        "https://wsjkw.example.gov.cn/col/col1234/index.html",
        {
            "items": 3,
            "first": (
                "https://wsjkw.example.gov.cn/art/2024/5/10/art_1234_5678901.html?xxgkhide=1",
                "某省卫生健康委员会关于张某某同志任职的通知",
                "2024-05-10",
            ),
            "stated": 405,
            "pages": 26,  # index_2 … index_27: the static <nextgroup>, the links, the counter
            "page_first": "https://wsjkw.example.gov.cn/col/col1234/index_2.html",
            "page_last": "https://wsjkw.example.gov.cn/col/col1234/index_27.html",
            "fallback": 0,
        },
    ),
    (
        "hanweb",
        "hanweb/list_dataproxy.html",
        "https://wsjkw.example.gov.cn/col/col50366/index.html",
        {
            "items": 2,
            "first": (
                "https://wsjkw.example.gov.cn/art/2023/1/7/art_50366_4794863.html",
                "某市卫生健康委员会关于印发某某工作方案的通知",
                "2023-01-07",
            ),
            "stated": 40,
            "pages": 1,  # records 3–40 in one POST of three pages' worth
            "page_first": "https://wsjkw.example.gov.cn/module/web/jpage/dataproxy.jsp?"
            "col=1&webid=28&columnid=50366&unitid=99123&permissiontype=0"
            "&sourceContentType=1&path=%2F",
            "page_last": None,
            "fallback": 1,  # if dataproxy.jsp answers 404/405: the visible 下一页 link
        },
    ),
    (
        "hanweb",
        "hanweb/list_jpage_initdata.html",
        "http://wjw.example.gov.cn/col/col1021/index.html",
        {
            "items": 2,
            "first": (
                "http://wjw.example.gov.cn/art/2019/3/5/art_1021_301.html",
                "关于开展2019年某某工作的通知",
                "2019-03-05",
            ),
            "stated": 48,
            "pages": 8,  # records 3–48, three pages of 2 a request, from jpage's own proxyUrl
            "page_first": "http://wjw.example.gov.cn/module/jslib/jquery/jpage/dataproxy.jsp?"
            "col=1&webid=3&columnid=1021&unitid=5544&permissiontype=0&sourceContentType=1&path=%2F",
            "page_last": "http://wjw.example.gov.cn/module/jslib/jquery/jpage/dataproxy.jsp?"
            "col=1&webid=3&columnid=1021&unitid=5544&permissiontype=0&sourceContentType=1&path=%2F",
            "fallback": 0,
        },
    ),
    (
        "trs",
        "trs/list_createpage.html",
        "https://wsjkw.example.gov.cn/zwgk/gfxwj/index.html",
        {
            "items": 2,
            "first": (
                "https://wsjkw.example.gov.cn/zwgk/gfxwj/202611/t20261118_4021.html",
                "某省卫生健康委员会关于印发某某管理办法的通知",
                "2026-11-18",
            ),
            "stated": None,  # the page count only
            "pages": 26,
            "page_first": "https://wsjkw.example.gov.cn/zwgk/gfxwj/index_1.html",
            "page_last": "https://wsjkw.example.gov.cn/zwgk/gfxwj/index_26.html",
            "fallback": 0,
        },
    ),
    (
        "gkmlpt",
        "gkmlpt/api_page1.json",
        "https://wsjkw.example.gov.cn/gkmlpt/api/all/2?page=1&sid=4",
        {
            "items": 2,
            "first": (
                "https://wsjkw.example.gov.cn/gkmlpt/content/4/4123/post_4123456.html",
                "某省卫生健康委员会关于印发某某规定的通知",
                "2025-11-18",  # display_publish_time in China time
            ),
            "stated": 45,
            "pages": 2,
            # the site's sid kept: the platform serves many sites
            "page_first": "https://wsjkw.example.gov.cn/gkmlpt/api/all/2?page=2&sid=4",
            "page_last": "https://wsjkw.example.gov.cn/gkmlpt/api/all/2?page=3&sid=4",
            "fallback": 0,
        },
    ),
    (
        "shtml",
        "shtml/list.shtml",
        "https://www.example.gov.cn/wjw/zcjd/list.shtml",
        {
            "items": 2,
            "first": (
                "https://www.example.gov.cn/wjw/c100175/202406/049e945e6c8044c5b4cb6b4aa19ad98e.shtml",
                "《关于某某工作的通知》政策解读",
                "2024-06-18",
            ),
            "stated": None,
            "pages": 11,  # 共12页 applied to list_2.shtml
            "page_first": "https://www.example.gov.cn/wjw/zcjd/list_2.shtml",
            "page_last": "https://www.example.gov.cn/wjw/zcjd/list_12.shtml",
            "fallback": 0,
        },
    ),
    (
        "legacy",
        "legacy/list_gbk.html",
        "http://www.example.gov.cn/Article/ShowClass.asp?ClassID=13",
        {
            "items": 2,
            "first": (
                "http://www.example.gov.cn/Article/ShowArticle.asp?ArticleID=512",
                "关于开展2025年度某某工作的通知",
                "2025-3-8",
            ),
            "stated": 52,
            "pages": 2,
            "page_first": "http://www.example.gov.cn/Article/ShowClass.asp?ClassID=13&page=2",
            "page_last": "http://www.example.gov.cn/Article/ShowClass.asp?ClassID=13&page=3",
            "fallback": 0,
        },
    ),
    (
        "generic",
        "generic/list_numbered_links.html",
        "https://wjw.example.gov.cn/news/list.php?cid=7",
        {
            "items": 2,
            "first": (
                "https://wjw.example.gov.cn/news/show.php?id=3401",
                "关于做好2026年某某工作的通知（全文）",  # the title attribute, not the shortened text
                "2026-11-20",
            ),
            "stated": None,
            "pages": 8,  # 共9页 applied to ?page=2
            "page_first": "https://wjw.example.gov.cn/news/list.php?cid=7&page=2",
            "page_last": "https://wjw.example.gov.cn/news/list.php?cid=7&page=9",
            "fallback": 0,
        },
    ),
]


@pytest.mark.parametrize(
    "family, name, url, expected", LISTS, ids=[f"{c[0]}:{c[1]}" for c in LISTS]
)
def test_list_pages(family, name, url, expected):
    text = read(name)
    assert detect(url, text).name == family or family == "generic"
    page = FAMILIES[family].parse_list(url, text, first=True)
    got = {
        "items": len(page.items),
        "first": (page.items[0].url, page.items[0].title, page.items[0].date_raw),
        "stated": page.stated_total,
        "pages": len(page.more),
        "page_first": page.more[0].url,
        "page_last": page.more[-1].url if len(page.more) > 1 else None,
        "fallback": len(page.more[0].fallback),
    }
    assert got == expected


def test_a_dataproxy_request_falls_back_on_the_visible_link():
    url = "https://wsjkw.example.gov.cn/col/col50366/index.html"
    page = FAMILIES["hanweb"].parse_list(url, read("hanweb/list_dataproxy.html"), first=True)
    request = page.more[0]
    assert request.formdata == {"startrecord": "3", "endrecord": "40", "perpage": "15"}
    assert [p.url for p in request.fallback] == [
        "https://wsjkw.example.gov.cn/col/col50366/index.html?uid=99123&pageNum=2"
    ]


def document(family: str, name: str, url: str) -> dict:
    page = extract_page(read(name), url, body_hints=FAMILIES[family].body_hints)
    item = DocumentItem(site_id="t", url=url, page=page.to_dict(), fetched_at=FETCHED)
    return normalize_document(item).__dict__


def test_hanweb_detail_same_cell_block_inline_related_links():
    url = "https://wsjkw.example.gov.cn/art/2023/6/9/art_1229_2493752.html"
    doc = document("hanweb", "hanweb/detail_same_cell.html", url)
    row = doc["row"]
    assert {k: row[k] for k in ("index_no", "issuer", "doc_no", "topic", "doc_type")} == {
        "index_no": "114400000/2023-04567",
        "issuer": "省卫生健康委",
        "doc_no": "某卫基层发〔2023〕12号",
        "topic": "卫生、体育",
        "doc_type": "policy",
    }
    # the table's 成文日期 wins over the body's signing date (a decree's own, years earlier)
    assert row["written_date"] == dt.date(2023, 6, 2)
    assert row["written_source"] == "table:成文日期"
    assert "written_date_disagreement" in row["warnings"]
    assert row["published_date"] == dt.date(2023, 6, 9)
    assert row["disclosure_attr"] == "主动公开"
    related = sorted(
        (ln["to_url"], ln["relation"]) for ln in doc["links"] if ln["relation"] != "other"
    )
    # 相关解读 and 相关文章 both lead to interpretations; 相关阅读 is no relation
    assert related == [
        (
            "https://wsjkw.example.gov.cn/art/2023/6/12/art_1230_2493801.html?xxgkhide=1",
            "interpretation",
        ),
        ("https://wsjkw.example.gov.cn/art/2023/6/13/art_1230_2493822.html", "interpretation"),
    ]
    assert not any("2493700" in ln["to_url"] for ln in doc["links"])


def test_trs_detail_th_labels():
    url = "https://wsjkw.example.gov.cn/zwgk/gfxwj/202611/t20261102_4002.html"
    row = document("trs", "trs/detail.html", url)["row"]
    assert (row["index_no"], row["issuer"], row["doc_no"], row["published_date"]) == (
        "11360000MB1C2345X7/2026-00088",
        "某省卫生健康委员会",
        "某卫规〔2026〕4号",
        dt.date(2026, 11, 2),
    )
    assert (row["written_date"], row["written_source"]) == (dt.date(2026, 10, 28), "body:signing")
    assert (row["doc_type"], row["attachment_count"]) == ("policy", 1)


def test_an_interpretation_page_with_one_image_and_a_link_back():
    url = "https://wjw.example.gov.cn/zwgk/zcjd/202403/t20240309_123999.html"
    doc = document("generic", "generic/detail_interpretation_image.html", url)
    row = doc["row"]
    assert (row["doc_type"], row["doc_type_source"], row["interpretation_form"]) == (
        "interpretation",
        "title:interpretation",
        "graphic",
    )
    assert row["published_date"] == dt.date(2024, 3, 9)
    related = [(ln["to_url"], ln["relation"]) for ln in doc["links"] if ln["relation"] == "policy"]
    assert related == [
        ("https://wjw.example.gov.cn/zwgk/zcwj/202403/t20240306_123456.html", "policy")
    ]
    assert not any(ln["relation"] == "interpretation" for ln in doc["links"])  # 相关推荐


def test_a_list_laid_out_as_a_table_reads_each_value_by_its_header():
    """序号 | 标题 | 文号 | 产生日期 | 发布日期: the listing's date is the 发布日期 column (not the
    first date in the row), the 文号 and 产生日期 are kept as listing evidence, and a title of two
    characters (通知) is still an item."""
    url = "https://wjw.example.gov.cn/zwgk/gfxwj/index.html"
    family = detect(url, read("generic/list_table_header.html"), None)
    page = family.parse_list(url, read("generic/list_table_header.html"))
    got = [
        (i.url.rsplit("/", 1)[1], i.title, i.date_raw, i.doc_no_raw, i.written_raw)
        for i in page.items
    ]
    assert got == [
        ("t20261102_4102.html", "某市卫生健康委员会关于印发某市护理服务管理办法的通知", "2026-11-02",
         "某卫规〔2026〕4号", "2026-10-28"),
        ("t20261020_4088.html", "通知", "2026-10-20", "某卫办发〔2026〕31号", "2026-10-15"),
        ("t20260930_4071.html", "某市卫生健康委员会关于印发《某市院前急救管理办法》的通知",
         "2026-09-30", None, "2026-09-24"),
    ]  # fmt: skip
    assert page.stated_total == 3


def test_a_table_list_s_values_are_evidence_of_the_document():
    """The row's 文号 and 产生日期 reach the document's evidence with the source `list`; the
    page's own metadata block still wins where it states them."""
    page = extract_page("<html><body><h1>通知</h1><div id='zoom'><p>正文。</p></div></body></html>",
                        "https://wjw.example.gov.cn/zwgk/gfxwj/202610/t20261020_4088.html")  # fmt: skip
    item = DocumentItem(
        site_id="t",
        url=page.url,
        page=page.to_dict(),
        fetched_at=FETCHED,
        column_name="规范性文件",
        column_kind="policy",
        list_date="2026-10-20",
        list_title="通知",
        list_doc_no="某卫办发[2026]31号",
        list_written="2026-10-15",
    )
    doc = normalize_document(item)
    row = doc.row
    assert (row["doc_no"], row["written_date"], row["published_date"]) == (
        "某卫办发〔2026〕31号",
        dt.date(2026, 10, 15),
        dt.date(2026, 10, 20),
    )
    assert {(f["field"], f["source"]) for f in doc.fields if f["chosen"]} >= {
        ("doc_no", "list"),
        ("written_date", "list"),
    }


@pytest.mark.parametrize(
    "markup, script, list_url",
    [
        (
            "",
            'var CLASSIFY_ID = 2; var SID = "216"; var api = "/gkmlpt/api/all/2";',
            "?page=1&sid=216",
        ),
        ("", 'window.gkmlptConfig = {"api": "/gkmlpt/api/all/2", "sid": 216};', "?page=1&sid=216"),
        ("", 'window.gkmlptConfig = {"api": "/gkmlpt/api/all/2"};', "?page=1"),
        ("", "const SID = 216; const api = `/gkmlpt/api/all/2`;", "?page=1&sid=216"),
        # an attribute that merely ends in "sid" is not the platform's site id
        (
            '<li data-sid="nav3">',
            'var SID = "216"; var api = "/gkmlpt/api/all/2";',
            "?page=1&sid=216",
        ),
        ('<li data-sid="nav3">', 'window.gkmlptConfig = {"api": "/gkmlpt/api/all/2"};', "?page=1"),
    ],
)
def test_a_gkmlpt_shell_names_its_list_with_the_sites_sid(markup, script, list_url):
    """The platform serves many sites from one API: a list asked without the shell's sid may
    be another site's, and one asked with a wrong sid is."""
    shell = f"<html><body>{markup}<div id='list'></div><script>{script}</script></body></html>"
    page = FAMILIES["gkmlpt"].parse_list("https://wsjkw.example.gov.cn/gkmlpt/column/2", shell)
    expected = "https://wsjkw.example.gov.cn/gkmlpt/api/all/2" + list_url
    assert (page.rows_at, [p.url for p in page.more]) == (expected, [expected])


@pytest.mark.parametrize(
    "script",
    [
        'var CLASSIFY_ID = 2; var api = "/gkmlpt/api/all/" + CLASSIFY_ID;',
        "$.get('/gkmlpt/api/all/' + cid, {page: 1, sid: SID}, render);",
        "fetch(`/gkmlpt/api/all/${cid}?page=1&sid=${SID}`);",
    ],
)
def test_a_gkmlpt_shell_whose_script_builds_its_list_address_is_not_read(script):
    """A path ending in "/" is the start of the list's address, not the address: asked as it
    stands (`/gkmlpt/api/all/?page=1`) the platform answers with some other list, whose rows
    would be counted as this column's. Nothing is asked, and why is said."""
    shell = f"<html><body><div id='list'></div><script>{script}</script></body></html>"
    page = FAMILIES["gkmlpt"].parse_list("https://wsjkw.example.gov.cn/gkmlpt/column/2", shell)
    assert (page.is_list, page.items, page.more, page.rows_at) == (False, [], [], None)
    assert "'/gkmlpt/api/all/'" in page.unread and "not read" in page.unread
