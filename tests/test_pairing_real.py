"""Pairing on real records nobody here wrote (北京市中医管理局, ../shared/corpus/real/datasets).

The expected pairs were judged by reading both titles and bodies: each interpretation below
explains that policy (its body links or quotes it). The machine's pairs are compared with them;
precision and recall are printed and asserted as measured.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from analysis.scoring import score
from crawlers.charsets import decide_encoding
from crawlers.extract.detail import extract_page
from pipelines.doc_type import decide_doc_type
from pipelines.normalize import link_relation
from pipelines.store import Store

from .conftest import shared_path

COLUMN_TYPES = {"wjjd": "interpretation", "zcfg": "policy", "tzgg": "notice"}
# (policy title, interpretation title), judged by reading both
JUDGED = {
    ("中医诊所备案管理暂行办法", "《中医诊所备案管理暂行办法》解读"),
    (
        "北京市卫生健康委员会关于印发《北京市中医医术确有专长人员医师资格考核注册管理实施细则（试行）》的通知",
        "《北京市中医医术确有专长人员医师资格考核注册管理实施细则（试行）》解读",
    ),
    (
        "北京市中医管理局关于印发第六批北京市级中医药专家学术经验继承工作实施方案的通知",
        "关于对《北京市中医管理局关于印发第六批北京市级中医药专家学术经验继承工作实施方案的通知》的文件解读",
    ),
    (
        "北京市人民政府关于支持中医药振兴发展的意见",
        "《北京市人民政府关于支持中医药振兴发展的意见》解读",
    ),
    # the body explains the 中医药法 throughout; its title names the law without 《》
    ("《中华人民共和国中医药法》", "权威解读：中医药发展的里程碑—中医药法的立法背景、意义和亮点"),
}
# Considered and not judged a pair: 中医药发展战略规划是中医药事业发展的又一个里程碑 (2016-08-20)
# against 国务院关于印发中医药发展战略规划纲要（2016—2030年）的通知 (posted 2017-02-17): the record's
# body is empty, so it cannot be read, and its title names no document whole.


@pytest.fixture(scope="module")
def beijing(tmp_path_factory):
    records = json.loads(
        shared_path("corpus", "real", "datasets", "zyj.beijing.gov.cn_records.json").read_text(
            encoding="utf-8"
        )
    )
    store = Store(tmp_path_factory.mktemp("bj") / "bj.duckdb")
    documents, links = [], []
    for r in records:
        column_kind = COLUMN_TYPES[r["urlsource"].split("/")[-3]]
        decision = decide_doc_type(
            column_kind_crawled=column_kind, meta={}, hints=[], title=r["title"], doc_no=None
        )
        doc_type = decision.doc_type
        documents.append(
            {
                "site_id": "bj",
                "url": r["urlsource"],
                "title": r["title"],
                "doc_type": doc_type,
                "official_class": decision.official_class,
                "column_kind": column_kind,
                "published_date": dt.date.fromisoformat(r["date"][:10]),
            }
        )
        html = f"<html><head><title>{r['title']}</title></head><body><div id='zoom'>{r['article'] or ''}</div></body></html>"
        for link in extract_page(html, r["urlsource"]).links:
            links.append(
                {
                    "site_id": "bj",
                    "from_url": r["urlsource"],
                    "to_url": link.to_url,
                    "anchor_text": link.anchor_text,
                    "relation": link_relation(link.relation, link.anchor_text, doc_type),
                }
            )
    store.upsert(
        "sites",
        [{"site_id": "bj", "name": "北京市中医管理局", "homepage": "http://zyj.beijing.gov.cn/"}],
    )
    store.upsert("documents", documents)
    store.upsert("document_links", links)
    score(store.con, as_of=dt.date(2021, 6, 30), weeks=52)
    pairs = store.sql(
        "select p.title, i.title, pa.method from pairs pa "
        "join documents p on p.url = pa.policy_url join documents i on i.url = pa.interpretation_url"
    )
    outside = store.sql("select cited_name from outside_citations order by all")
    store.close()
    return pairs, [name for (name,) in outside]


def test_real_pairs_against_the_judged_ones(beijing):
    pairs, _ = beijing
    found = {(p, i) for p, i, _ in pairs}
    right = found & JUDGED
    precision, recall = len(right) / len(found), len(right) / len(JUDGED)
    print(
        f"北京市中医管理局: {len(found)} pairs, {len(JUDGED)} judged; precision {precision:.2f}, recall {recall:.2f}"
    )
    assert precision == 1.0
    # measured: 5 of 5 (0.8 before issue 15: the 中医药法 interpretation names the law only in
    # running text, and its title is 权威解读：<a headline>, not a name)
    assert recall == 1.0
    methods = {i: m for _, i, m in pairs}
    assert (
        methods[
            "关于对《北京市中医管理局关于印发第六批北京市级中医药专家学术经验继承工作实施方案的通知》的文件解读"
        ]
        == "quote"
    )


def test_real_interpretations_of_documents_the_site_does_not_host(beijing):
    """Names no page of the site carries are outside documents (national ones here): recorded,
    counted against nobody; a headline after 权威解读： is no name."""
    _, outside = beijing
    assert "北京市医师执业注册管理办法（试行）" in outside
    assert "国务院关于扶持和促进中医药事业发展的若干意见" in outside
    assert "政府工作报告" in outside
    assert not any("里程碑" in name for name in outside)


@pytest.mark.parametrize(
    "page",
    [
        "lishui.gov.cn_detail.html",
        "fgw.zj.gov.cn_art_1621004_30332664.html",
        "cmse.gov.cn_press.html",  # its 相关推荐 list is no relation
        "gov.cn_other.html",
        "shanxi.gov.cn_detail.html",
        "wsjkw.sh.gov.cn_detail.html",
    ],
)
def test_real_pages_show_no_relation_they_do_not_have(page):
    body = shared_path("corpus", "real", "pages", page).read_bytes()
    html = body.decode(decide_encoding(body))
    links = extract_page(html, f"https://example.gov.cn/{page}").links
    assert [ln for ln in links if ln.relation in ("interpretation", "policy", "related")] == []
