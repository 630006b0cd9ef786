"""What a document is, from the weight of its evidence (DOMAIN.md §4), table-driven; and what the
interpretation rate then counts on a site that files its policies carelessly."""

from __future__ import annotations

import datetime as dt

import pytest

from analysis.scoring import score
from crawlers.extract.detail import extract_page
from crawlers.items import DocumentItem
from pipelines.doc_type import decide_doc_type
from pipelines.normalize import normalize_document
from pipelines.store import Store

# (case, column kind, ColumnName meta, 组配分类, title, 文号) → (type, official class, disagreement)
CASES = [
    (
        "a 文件 under 工作动态",
        "news",
        "工作动态",
        None,
        "江安省人民政府办公厅关于印发江安省医疗机构管理办法的通知",
        "江政办发〔2020〕5号",
        ("policy", "policy", True),
    ),
    (
        "a plan with 文号 under 规划计划",
        "planning",
        None,
        None,
        "江安省健康乡村三年行动计划（2019-2025年）",
        "江卫发〔2019〕12号",
        ("policy", "policy", True),
    ),
    (
        "a plan without 文号 under 规划计划 stays other",
        "planning",
        None,
        None,
        "江安省卫生健康事业发展规划（2026年第3稿）",
        None,
        ("other", None, False),
    ),
    (
        "news under 工作动态",
        "news",
        "工作动态",
        None,
        "省卫健委召开家庭医生签约服务工作推进会",
        None,
        ("news", None, False),
    ),
    (
        "a 任免 notice with 文号 needs no interpretation",
        "personnel",
        None,
        None,
        "江安省卫生健康委关于张某某等同志职务任免的通知",
        "江卫任〔2026〕3号",
        ("other", "personnel", False),
    ),
    (
        "a 任免 notice with 文号 in a policy column is no policy",
        "policy",
        "政策文件",
        None,
        "关于李某某同志任职的通知",
        "江卫任〔2026〕4号",
        ("other", "personnel", True),
    ),
    (
        "a 表彰 notice with 文号",
        "notice",
        None,
        None,
        "关于表彰2025年度卫生健康工作先进集体的通报",
        "江卫发〔2026〕9号",
        ("notice", "award", False),
    ),
    (
        "a results notice",
        "notice",
        None,
        None,
        "关于公布2026年医疗机构评审结果的公告",
        "江卫发〔2026〕10号",
        ("notice", "award", False),
    ),
    (
        "a budget",
        "budget",
        None,
        None,
        "江安省卫生健康委员会2026年部门预算公开",
        None,
        ("other", "budget", False),
    ),
    (
        "a reply to a 人大建议",
        "other",
        None,
        None,
        "关于省十四届人大二次会议第123号建议的答复",
        "江卫建〔2026〕1号",
        ("other", "proposal_reply", False),
    ),
    (
        "a meeting notice",
        "notice",
        None,
        None,
        "关于召开全省卫生健康工作会议的通知",
        "江卫办发〔2026〕2号",
        ("notice", "meeting", False),
    ),
    (
        "a work notice with 文号 is a notice",
        "notice",
        "通知公告",
        None,
        "关于做好2026年家庭医生签约服务工作的通知",
        "江卫办发〔2026〕7号",
        ("notice", None, False),
    ),
    (
        "a 规 文号 is a 规范性文件",
        "policy",
        None,
        None,
        "江安省护理服务管理办法",
        "江卫规〔2026〕1号",
        ("policy", "normative", False),
    ),
    (
        "a 规范性文件 genre label under 通知公告",
        "notice",
        None,
        "规范性文件",
        "关于印发《江安省院前急救管理办法》的通知",
        None,
        ("policy", "normative", True),
    ),
    (
        "an interpretation under 政策文件",
        "policy",
        None,
        None,
        "解读《江安省护理服务管理办法》",
        None,
        ("interpretation", None, True),
    ),
    ("no evidence at all", None, None, None, "某项工作有关事项", None, ("other", None, False)),
]


@pytest.mark.parametrize(
    ("column", "meta", "genre", "title", "doc_no", "expected"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_document_type_from_its_evidence(column, meta, genre, title, doc_no, expected):
    decision = decide_doc_type(
        column_kind_crawled=column,
        meta={"columnname": meta} if meta else {},
        hints=[("table:组配分类", genre)] if genre else [],
        title=title,
        doc_no=doc_no,
    )
    assert (decision.doc_type, decision.official_class, decision.disagreement) == expected
    assert len(decision.evidence) == len(decision.signals)  # every signal kept, chosen or not


def page_item(url: str, title: str, column: str, kind: str, table: str = "") -> DocumentItem:
    html = (
        f"<html><head><title>{title}</title><meta name='ColumnName' content='{column}'></head>"
        f"<body><h1>{title}</h1>{table}<div id='zoom'><p>正文。</p></div></body></html>"
    )
    page = extract_page(html, url)
    return DocumentItem(
        site_id="t",
        url=url,
        page=page.to_dict(),
        fetched_at="2026-11-30T02:00:00",
        column_name=column,
        column_kind=kind,
        column_url=f"https://t.example.gov.cn/{kind}/",
    )


def block(doc_no: str, published: str) -> str:
    return (
        f"<table><tr><td>发文字号：</td><td>{doc_no}</td><td>发布日期：</td><td>{published}</td></tr>"
        "<tr><td>公开属性：</td><td>主动公开</td><td>有效性：</td><td>有效</td></tr></table>"
    )


def test_policies_filed_under_news_count_and_personnel_notices_do_not(tmp_path):
    """A 工作动态 column holding the general office's 文件 with 文号, and a 任免 notice with 文号:
    the 文件 is a policy needing interpretation (the column's word kept as a disagreement), the
    notice is not; the interpretation quoting the 文件's inner title pairs with it."""
    base = "https://t.example.gov.cn"
    items = [
        page_item(
            f"{base}/gzdt/1.html",
            "江安省人民政府办公厅关于印发江安省医疗机构管理办法的通知",
            "工作动态",
            "news",
            block("江政办发〔2026〕5号", "2026-09-08"),
        ),
        page_item(
            f"{base}/gzdt/2.html",
            "江安省人民政府办公厅关于印发江安省护理服务规范的通知",
            "工作动态",
            "news",
            block("江政办发〔2026〕6号", "2026-09-09"),
        ),
        page_item(
            f"{base}/rsxx/3.html",
            "江安省卫生健康委关于张某某等同志职务任免的通知",
            "人事信息",
            "personnel",
            block("江卫任〔2026〕3号", "2026-09-10"),
        ),
        page_item(
            f"{base}/zcjd/4.html",
            "解读《江安省医疗机构管理办法》",
            "政策解读",
            "interpretation",
            "<p>发布日期：2026-09-09</p>",
        ),
    ]
    store = Store(tmp_path / "t.duckdb")
    store.upsert("sites", [{"site_id": "t", "name": "江安省", "homepage": f"{base}/"}])
    store.upsert("documents", [normalize_document(item).row for item in items])
    score(store.con, as_of=dt.date(2026, 11, 20), weeks=52)
    docs = {
        url.rsplit("/", 1)[1]: (doc_type, official, "doc_type_disagreement" in warnings, evidence)
        for url, doc_type, official, warnings, evidence in store.sql(
            "select url, doc_type, official_class, warnings, doc_type_evidence from documents"
        )
    }
    assert docs["1.html"][:3] == ("policy", "policy", True)
    assert any(e.startswith("column=news → news") for e in docs["1.html"][3])
    assert docs["3.html"][:3] == ("other", "personnel", False)
    rate = store.sql(
        "select numerator, denominator from indicators where indicator = 'interpretation_rate'"
    )
    assert rate == [(1, 2)]  # both 文件 must be interpreted, one is; the 任免 notice is not counted
    findings = store.sql("select url from findings where indicator = 'interpretation_rate'")
    assert findings == [(f"{base}/gzdt/2.html",)]
    pairs = store.sql("select policy_url, method, counted from pairs")
    assert pairs == [(f"{base}/gzdt/1.html", "quote", True)]
    store.close()
