"""`zwgk extract` on real government pages nobody here wrote (../shared/corpus/real/pages).

Each row names the page and the values it visibly shows; a value the page does not show is not
asserted. The figures are reported in the issue note.
"""

from __future__ import annotations

import json

import pytest

from .conftest import run_zwgk, shared_path

# page file, URL it was saved from (where known), then the fields visible on the page
PAGES = [
    (
        "lishui.gov.cn_detail.html",
        None,
        {
            "title": "丽水市人民政府关于下达2023年市区符合政府安排工作条件退役士兵和退出消防员安置任务的通知",
            "published_date": "2023-10-23",
            "written_date": "2023-10-16",
            "doc_no": "丽政发〔2023〕30号",
            "issuer": "市政府",
            "index_no": "113325000026455663/2023-43887",
            "disclosure_attr": "主动公开",
            "topic": None,  # the page shows 组配分类 市政府文件 (its column), no 主题分类
            "doc_type": "policy",
        },
    ),
    (
        "fgw.zj.gov.cn_art_1621004_30332664.html",
        None,
        {
            "title": "1-10月德清县固定资产投资结构趋稳趋优",
            "published_date": "2016-11-22",
            "written_date": None,
            "doc_no": None,
            "index_no": None,
        },
    ),
    (
        "cmse.gov.cn_press.html",
        None,
        {
            "title": "天宫一号与神舟九号载人交会对接任务第二场新闻发布会",
            "published_date": "2012-06-24",
            "written_date": None,
            "doc_no": None,
        },
    ),
    (
        "gov.cn_other.html",
        None,
        {
            "title": "全国人民代表大会常务委员会关于批准财政部发行特别国债购买外汇及调整2007年末国债余额限额的决议",
            "published_date": "2007-08-20",
            "doc_no": None,
            "index_no": None,
        },
    ),
    (
        "shanxi.gov.cn_detail.html",
        "http://www.shanxi.gov.cn/yw/sxyw/201909/t20190918_693227.shtml",
        {
            "title": "山西品牌丝路行（南美站）正式启动",
            "doc_type": "news",  # ColumnName 山西要闻
            "published_date": "2019-09-18",
            "written_date": None,
            "doc_no": None,
        },
    ),
    (
        "wsjkw.sh.gov.cn_detail.html",
        None,
        {
            "title": "上海2022年4月25日，新增本土新冠肺炎确诊病例1661例 新增本土无症状感染者15319例 "
            "无新增境外输入性新冠肺炎确诊病例 无新增境外输入性无症状感染者",
            "published_date": "2022-04-26",
            "written_date": None,
            "doc_no": None,
        },
    ),
]


def extract(page: str, url: str | None) -> dict:
    path = shared_path("corpus", "real", "pages", page)
    args = ["extract", str(path), "--jsonl"] + (["--url", url] if url else [])
    result = run_zwgk(*args, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("page, url, expected", PAGES, ids=[p[0] for p in PAGES])
def test_visible_fields_of_real_pages(page, url, expected):
    document = extract(page, url)["document"]
    got = {name: document[name] for name in expected}
    assert got == expected


def test_lishui_dates_name_their_sources():
    result = extract("lishui.gov.cn_detail.html", None)
    assert result["url"] == "http://www.lishui.gov.cn/art/2023/10/23/art_1229283449_2493752.html"
    assert (
        result["sources"]
        == {
            "published_date": "meta:PubDate",
            "written_date": "table:成文日期",
            "doc_type": "table:组配分类",  # the heaviest of three that agree: ColumnName 市政府文件, 文号
        }
    )
    assert result["family"] == "hanweb"


def test_shanghai_list_page_items_and_paging():
    from crawlers.families import detect

    path = shared_path("corpus", "real", "pages", "wsjkw.sh.gov.cn_list.html")
    text = path.read_text(encoding="utf-8")
    url = "https://wsjkw.sh.gov.cn/yqtb/index.html"
    family = detect(url, text)
    page = family.parse_list(url, text)
    assert page.is_list
    assert len(page.items) >= 10
    own = [i for i in page.items if i.url.startswith("https://wsjkw.sh.gov.cn/")]
    wechat = [i for i in page.items if i.url.startswith("https://mp.weixin.qq.com/")]
    assert len(own) == 9 and len(wechat) == 11  # most of the column links out to WeChat articles
    # the row's date, not the one inside the title 上海2022年4月25日，…
    first_own = own[0]
    assert first_own.title.startswith("上海2022年4月25日") and first_own.date_raw == "2022-04-26"
    # a jQuery pager: totalPage 54, pages index_2.html … index_54.html
    assert [p.url for p in page.more][:2] == [
        "https://wsjkw.sh.gov.cn/yqtb/index_2.html",
        "https://wsjkw.sh.gov.cn/yqtb/index_3.html",
    ]
    assert len(page.more) == 53


def test_document_types_from_real_titles():
    """104 records of a real commission's site (北京市中医管理局): the title alone decides the
    type only where its form says so; what it cannot tell stays `other` (the column decides)."""
    import re

    from pipelines.doc_type import decide_doc_type

    path = shared_path("corpus", "real", "datasets", "zyj.beijing.gov.cn_records.json")
    records = json.loads(path.read_text(encoding="utf-8"))
    by_column: dict[str, dict[str, list[str]]] = {}
    for r in records:
        column = r["urlsource"].split("/")[-3]  # wjjd 文件解读, zcfg 政策法规, tzgg 通知公告
        decision = decide_doc_type(
            column_kind_crawled=None, meta={}, hints=[], title=r["title"], doc_no=None
        )
        kind = decision.doc_type
        assert decision.source is None or decision.source.startswith("title:")
        by_column.setdefault(column, {}).setdefault(kind, []).append(r["title"])
    interpretations = by_column["wjjd"]["interpretation"]
    assert len(interpretations) == 15 and all(
        re.search(r"解读|图解|一图", t) for t in interpretations
    )
    # regulations and measures read as policies: 条例, 暂行办法, 规定, 规范 …
    policies = by_column["zcfg"]["policy"]
    assert len(policies) == 34  # of 40: the rest are 关于…的通知 titles, decided by the column
    for title in ("医疗事故处理条例", "中华人民共和国行政复议法", "医疗机构监督管理行政处罚程序"):
        assert title in policies
    assert by_column["zcfg"]["interpretation"] == ["宪法解读"]
    # notices are no policies, except those that issue or forward one (关于印发《…》的通知)
    assert all(re.search("印发|转发", t) for t in by_column["tzgg"].get("policy", []))
    assert len(by_column["tzgg"]["policy"]) == 3
    # work notices (关于开展 / 组织 / 申报…的通知) read as notices by their form; the rest stay other
    assert len(by_column["tzgg"]["notice"]) == 15 and len(by_column["tzgg"]["other"]) == 22
