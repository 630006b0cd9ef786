"""The 信息公开 metadata block in every shape real sites use (../shared/LAYOUTS.md §1), table-driven.

Each case is a snippet of a page and every field an assessor would check on it. A field the
snippet does not show is asserted empty: a value read from the wrong place is worse than none.
"""

from __future__ import annotations

import pytest

from crawlers.extract.detail import extract_page
from crawlers.items import DocumentItem
from pipelines.normalize import normalize_document

FIELDS = (
    "index_no",
    "issuer",
    "doc_no",
    "topic",
    "written_date",
    "published_date",
    "validity",
    "disclosure_attr",
    "doc_type",
)
NONE = dict.fromkeys(FIELDS)
NONE["doc_type"] = "other"  # the title says no type; a 文号 makes a policy


def fields_of(snippet: str, head: str = "") -> dict:
    html = (
        f"<html><head><title>某项工作有关事项</title>{head}</head><body>{snippet}"
        '<div id="zoom"><p>各有关单位：现将有关事项通知如下，请认真贯彻执行。</p></div></body></html>'
    )
    page = extract_page(html, "https://wsjkw.example.gov.cn/a/b.html")
    item = DocumentItem(
        site_id="t", url=page.url, page=page.to_dict(), fetched_at="2026-11-30T02:00:00"
    )
    row = normalize_document(item).row
    return {f: (str(row[f]) if row[f] is not None else None) for f in FIELDS}


def expect(**values) -> dict:
    return {**NONE, **values}


CASES = [
    # ---- 1a: label cell | value cell, two pairs a row, labels in <b>, a title row across
    (
        "1a two pairs a row",
        "<table><tr><td><b>索 引 号：</b></td><td>000013610/2024-00123</td>"
        "<td><b>主题分类：</b></td><td>卫生、体育\\医药管理</td></tr>"
        "<tr><td><b>发文机关：</b></td><td>国务院办公厅</td><td><b>成文日期：</b></td><td>2024年03月01日</td></tr>"
        "<tr><td><b>标　　题：</b></td><td colspan='3'>国务院办公厅关于……的意见</td></tr>"
        "<tr><td><b>发文字号：</b></td><td>国办发〔2024〕9号</td><td><b>发布日期：</b></td><td>2024年03月05日</td></tr></table>",
        expect(
            index_no="000013610/2024-00123",
            topic="卫生、体育\\医药管理",
            issuer="国务院办公厅",
            written_date="2024-03-01",
            doc_no="国办发〔2024〕9号",
            published_date="2024-03-05",
            doc_type="policy",
        ),
    ),
    (
        "1a one pair a row, no colon",
        "<table><tr><td>索引号</td><td>113325000026455663/2023-43887</td></tr>"
        "<tr><td>文号</td><td>丽政发〔2023〕30号</td></tr><tr><td>发布机构</td><td>市政府</td></tr>"
        "<tr><td>成文日期</td><td>2023-10-16</td></tr><tr><td>公开方式</td><td>主动公开</td></tr></table>",
        expect(
            index_no="113325000026455663/2023-43887",
            doc_no="丽政发〔2023〕30号",
            issuer="市政府",
            written_date="2023-10-16",
            disclosure_attr="主动公开",
            doc_type="policy",
        ),
    ),
    (
        "1a th labels",
        "<table><tr><th>索引号:</th><td>11530000/2022-01</td><th>有效性:</th><td>有效</td></tr></table>",
        expect(index_no="11530000/2022-01", validity="有效"),
    ),
    (
        "1a empty value cell is not the next label",
        "<table><tr><td>发文字号：</td><td></td><td>发文机关：</td><td>市卫生健康委</td></tr></table>",
        expect(issuer="市卫生健康委"),
    ),
    (
        "1a value cell holding only spaces",
        "<table><tr><td>文号：</td><td>&nbsp;</td></tr><tr><td>成文日期：</td><td>2024-01-02</td></tr></table>",
        expect(written_date="2024-01-02"),
    ),
    (
        "1a labels padded with U+3000",
        "<table><tr><td>索　引　号</td><td>A1/2024-1</td></tr><tr><td>发　布　日　期</td>"
        "<td>2024-06-01</td></tr></table>",
        expect(index_no="A1/2024-1", published_date="2024-06-01"),
    ),
    (
        "1a label in <strong>, value with a link",
        "<table><tr><td><strong>发布机构：</strong></td><td><a href='/'>省卫生健康委</a></td></tr></table>",
        expect(issuer="省卫生健康委"),
    ),
    # ---- 1b: label and value in the same cell, three pairs a row
    (
        "1b the LAYOUTS example",
        "<table border='0' width='99%'><tr>"
        "<td width='38%'><b><span>索&nbsp;&nbsp;引&nbsp;&nbsp;号: </span></b>114400000/2023-04567</td>"
        "<td width='33%'><b> 发文机关: </b> 省卫生健康委</td>"
        "<td width='35%'><b>文      号:</b> 无</td></tr><tr>"
        "<td width='40%'><b>主题分类: </b> 卫生、体育</td>"
        "<td width='33%'><b>组配分类: </b> 政策文件</td>"
        "<td width='25%'><b>成文日期: </b> 2023-06-02          </td></tr></table>",
        expect(
            index_no="114400000/2023-04567",
            issuer="省卫生健康委",
            topic="卫生、体育",
            written_date="2023-06-02",
            doc_type="policy",  # from 组配分类, never the topic
        ),
    ),
    (
        "1b an empty value cell",
        "<table><tr><td><b>索 引 号:</b> X1/2024-00001</td><td><b>文      号:</b> </td>"
        "<td><b>发布机构:</b> 县卫生健康局</td></tr></table>",
        expect(index_no="X1/2024-00001", issuer="县卫生健康局"),
    ),
    (
        "1b label in <b><span>, full-width colon",
        "<table><tr><td><b><span>发布日期：</span></b>2024-05-10</td><td><b><span>有效性：</span></b>失效</td></tr></table>",
        expect(published_date="2024-05-10", validity="失效"),
    ),
    (
        "1b placeholder '-'",
        "<table><tr><td><b>文号:</b> -</td><td><b>主题分类:</b> 卫生</td></tr></table>",
        expect(topic="卫生"),
    ),
    (
        "1b placeholder '/'",
        "<table><tr><td><b>发文字号：</b>/</td><td><b>成文日期：</b>2022年1月5日</td></tr></table>",
        expect(written_date="2022-01-05"),
    ),
    (
        "1b label in <i>",
        "<table><tr><td><i>公开属性：</i>依申请公开</td><td><i>时效性：</i>废止</td></tr></table>",
        expect(disclosure_attr="依申请公开", validity="废止"),
    ),
    (
        "1b 信息类别 is the type, not the topic",
        "<table><tr><td><b>信息类别：</b>通知公告</td><td><b>主题分类：</b>综合政务</td></tr></table>",
        expect(topic="综合政务", doc_type="notice"),
    ),
    (
        "1b 体裁分类 解读",
        "<table><tr><td><b>体裁分类：</b>政策解读</td><td><b>发布机构：</b>市卫健委</td></tr></table>",
        expect(issuer="市卫健委", doc_type="interpretation"),
    ),
    # ---- 1c: list items, label in a span/em/i, value as the text after it
    (
        "1c the LAYOUTS example",
        "<ul class='xxgk-info'><li><span>索引号：</span>11330100MB1234567X/2024-00045</li>"
        "<li><span>发布机构：</span>市卫生健康委</li><li><span>生成日期：</span>2024-05-10</li>"
        "<li><i>公开方式：</i>主动公开</li></ul>",
        expect(
            index_no="11330100MB1234567X/2024-00045",
            issuer="市卫生健康委",
            written_date="2024-05-10",
            disclosure_attr="主动公开",
        ),
    ),
    (
        "1c label in <em>, empty item",
        "<ul><li><em>文件编号：</em></li><li><em>有效性：</em>有效</li></ul>",
        expect(validity="有效"),
    ),
    (
        "1c li with label and value in one text",
        "<ul><li>索引号：B22/2023-9</li><li>发文日期：2023年9月1日</li></ul>",
        expect(index_no="B22/2023-9", written_date="2023-09-01"),
    ),
    (
        "1c value in a trailing span",
        "<ul><li><span class='l'>发文机关</span><span class='v'>州卫生健康局</span></li>"
        "<li><span class='l'>文号</span><span class='v'>黔南卫发〔2017〕3号</span></li></ul>",
        expect(issuer="州卫生健康局", doc_no="黔南卫发〔2017〕3号", doc_type="policy"),
    ),
    # ---- 1d: dl/dt/dd and div rows
    (
        "1d dl",
        "<dl><dt>文件编号：</dt><dd>黔卫健发〔2024〕12号</dd><dt>有效性：</dt><dd>有效</dd></dl>",
        expect(doc_no="黔卫健发〔2024〕12号", validity="有效", doc_type="policy"),
    ),
    (
        "1d dl with an empty dd",
        "<dl><dt>文号：</dt><dd></dd><dt>发布机构：</dt><dd>市卫健委</dd></dl>",
        expect(issuer="市卫健委"),
    ),
    (
        "1d div row with label/value spans",
        "<div class='row'><span class='label'>公开属性</span><span class='value'>主动公开</span></div>"
        "<div class='row'><span class='label'>成文日期</span><span class='value'>2024-02-29</span></div>",
        expect(disclosure_attr="主动公开", written_date="2024-02-29"),
    ),
    (
        "1d div cells",
        "<div class='xxgk'><div class='name'>索 引 号：</div><div class='val'>C3/2021-00077</div>"
        "<div class='name'>发布日期：</div><div class='val'>2021-12-31</div></div>",
        expect(index_no="C3/2021-00077", published_date="2021-12-31"),
    ),
    (
        "1d one div holding several span pairs",
        "<div class='info'><span>发文机关：</span><span>省卫生健康委员会</span>"
        "<span>发文字号：</span><span>苏卫规〔2023〕2号</span></div>",
        expect(issuer="省卫生健康委员会", doc_no="苏卫规〔2023〕2号", doc_type="policy"),
    ),
    (
        "1d p with a strong label",
        "<p><strong>发文字号：</strong>枣卫字[2016]61号</p><p><strong>成文日期：</strong>2016年9月18日</p>",
        expect(doc_no="枣卫字〔2016〕61号", written_date="2016-09-18", doc_type="policy"),
    ),
    # ---- 1e: no block, meta tags only (sometimes in lower case)
    (
        "1e meta only",
        "",
        expect(published_date="2024-05-10", doc_type="notice"),
        '<meta name="ArticleTitle" content="关于……的通知"><meta name="PubDate" content="2024-05-10 00:00">'
        '<meta name="ContentSource" content="市卫生健康委"><meta name="ColumnName" content="通知公告">',
    ),
    (
        "1e lower-case meta",
        "",
        expect(published_date="2023-01-09", doc_type="policy"),
        '<meta name="pubdate" content="2023-01-09 09:30"><meta name="columnname" content="规范性文件">',
    ),
    # ---- 1f: bylines instead of a table
    (
        "1f byline with 来源 and 浏览次数 in one text",
        "<div class='byline'>发布时间：2024-05-10 10:32 来源：办公室 浏览次数：</div>",
        expect(published_date="2024-05-10"),
    ),
    (
        "1f 时间 byline",
        "<div>时间:2017-07-17 11:35:16 浏览次数: 来源:黔南州卫计委 字号:[大 中 小]</div>",
        expect(published_date="2017-07-17"),
    ),
    (
        "1f 日期 byline",
        "<p class='info'>日期：2024年5月10日</p>",
        expect(published_date="2024-05-10"),
    ),
    (
        "1f byline split in spans",
        "<div class='xx'><span>发布日期：2025-03-05</span><span>来源：省卫生健康委</span></div>",
        expect(published_date="2025-03-05"),
    ),
    (
        "1f 来源 is not the issuer",
        "<div>来源：市卫生健康委 发布日期：2025-01-02</div>",
        expect(published_date="2025-01-02"),
    ),
    # ---- values that are easy to take from the wrong place
    (
        "a label word inside a title is no label",
        "<h1>关于调整索引号编制规则的通知</h1><table><tr><td>发布日期：</td><td>2024-02-02</td></tr></table>",
        expect(published_date="2024-02-02"),
    ),
    (
        "a long value is prose, not a field",
        "<table><tr><td>标题：</td><td>" + "很长的标题" * 50 + "</td></tr>"
        "<tr><td>发文机关：</td><td>省政府</td></tr></table>",
        expect(issuer="省政府"),
    ),
    (
        "时间 inside the body is prose",
        "<table><tr><td>发布日期：</td><td>2024-03-03</td></tr></table>"
        "<div id='zoom'><p>会议时间：2024年4月1日上午9时</p></div>",
        expect(published_date="2024-03-03"),
    ),
    (
        "placeholder 暂无",
        "<table><tr><td>文号</td><td>暂无</td><td>发布机构</td><td>区卫健局</td></tr></table>",
        expect(issuer="区卫健局"),
    ),
    (
        "brackets of a 文号 normalised",
        "<table><tr><td>文号：</td><td>黔溪卫发【2025】7号</td></tr></table>",
        expect(doc_no="黔溪卫发〔2025〕7号", doc_type="policy"),
    ),
    (
        "中卫's four disclosure labels",
        "<table><tr><td>公开方式：</td><td>此件删减后公开</td></tr></table>",
        expect(disclosure_attr="主动公开"),
    ),
    (
        "a table date beats a body signing date",
        "<table><tr><td>成文日期：</td><td>2024-06-01</td></tr></table>",
        expect(written_date="2024-06-01"),
    ),
    (
        "Chinese-numeral written date",
        "<table><tr><td>成文日期：</td><td>二〇二四年六月一日</td></tr></table>",
        expect(written_date="2024-06-01"),
    ),
    (
        "label and value spread over two nested cells",
        "<table><tr><td><div><b>发布机构</b></div></td><td><div><span>市卫生健康委员会</span></div></td></tr></table>",
        expect(issuer="市卫生健康委员会"),
    ),
    (
        "three pairs a row, labels in separate cells",
        "<table><tr><td>索引号：</td><td>Q1/2020-3</td><td>文号：</td><td>无</td><td>有效性：</td>"
        "<td>有效</td></tr></table>",
        expect(index_no="Q1/2020-3", validity="有效"),
    ),
    (
        "公开日期 and 生效时间",
        "<ul><li><b>公开日期：</b>2026-01-05</li><li><b>主题词：</b>卫生 健康</li></ul>",
        expect(published_date="2026-01-05"),
    ),
    (
        "文号 makes a page a policy when nothing else says",
        "<table><tr><td>发文字号</td><td>国卫办医发〔2021〕5号</td></tr></table>",
        expect(doc_no="国卫办医发〔2021〕5号", doc_type="policy"),
    ),
]


@pytest.mark.parametrize(
    "snippet, expected, head",
    [(c[1], c[2], c[3] if len(c) > 3 else "") for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_every_field_of_a_metadata_block(snippet, expected, head):
    assert fields_of(snippet, head) == expected


def test_there_are_forty_shapes_at_least():
    assert len(CASES) >= 40
