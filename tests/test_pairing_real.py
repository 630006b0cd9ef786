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
from crawlers.extract.detail import extract_page
from crawlers.middlewares import decide_encoding
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
        doc_type = COLUMN_TYPES[r["urlsource"].split("/")[-3]]
        documents.append(
            {
                "site_id": "bj",
                "url": r["urlsource"],
                "title": r["title"],
                "doc_type": doc_type,
                "column_kind": doc_type,
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
    store.close()
    return pairs


def test_real_pairs_against_the_judged_ones(beijing):
    found = {(p, i) for p, i, _ in beijing}
    right = found & JUDGED
    precision, recall = len(right) / len(found), len(right) / len(JUDGED)
    print(
        f"北京市中医管理局: {len(found)} pairs, {len(JUDGED)} judged; precision {precision:.2f}, recall {recall:.2f}"
    )
    assert precision == 1.0
    # measured: 4 of 5; the 中医药法 interpretation names the law only in running text
    assert recall == 0.8
    assert JUDGED - found == {
        (
            "《中华人民共和国中医药法》",
            "权威解读：中医药发展的里程碑—中医药法的立法背景、意义和亮点",
        )
    }
    methods = {i: m for _, i, m in beijing}
    assert (
        methods[
            "关于对《北京市中医管理局关于印发第六批北京市级中医药专家学术经验继承工作实施方案的通知》的文件解读"
        ]
        == "quote"
    )


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
