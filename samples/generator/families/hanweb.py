"""Hanweb JCMS (大汉): records in a <datastore>, further pages through dataproxy.jsp."""

from __future__ import annotations

from html import escape

from samples.generator.plan import Doc
from samples.generator.render_base import SiteRenderer, hexid, table_cells
from samples.generator.specs import ColumnSpec

# Two sister sites on the same CMS, configured differently (as real sites are).
LABELS = {
    "quanyang": {
        "index_no": "索引号：",
        "issuer": "发布机构：",
        "topic": "主题分类：",
        "written": "成文日期：",
        "doc_no": "发文字号：",
        "published": "发布时间：",
        "disclosure": "公开属性：",
        "validity": "有效性：",
    },
    "qianxi": {
        "index_no": "索 引 号:",
        "topic": "组配分类:",
        "issuer": "发文单位:",
        "written": "生成日期:",
        "doc_no": "文件编号:",
        "published": "公开日期:",
        "validity": "有效性:",
    },
}
PER_PAGE = 15
IN_PAGE = 45  # records embedded in the column page; the rest come from dataproxy.jsp
WEBID = {"quanyang": 28, "qianxi": 41}


class HanwebRenderer(SiteRenderer):
    family = "hanweb"

    def __init__(self, plan):
        super().__init__(plan)
        self.date_style = "cn" if self.spec.site_id == "qianxi" else "iso"
        self.directory_id = int(self.spec.columns[0].slug) - 10
        self.directory_path = f"/col/col{self.directory_id}/index.html"

    def art_id(self, doc: Doc) -> int:
        return 4_790_000 + doc.seq * 11

    def detail_path(self, doc: Doc) -> str:
        p = doc.published
        return f"/art/{p.year}/{p.month}/{p.day}/art_{doc.column.slug}_{self.art_id(doc)}.html"

    def asset_path(self, doc: Doc, kind: str, i: int, ext: str) -> str:
        name = f"{doc.published:%y%m%d}{hexid(doc.seq, kind, i, n=10)}"
        if kind == "image":
            return f"/picture/0/{name}.{ext}"
        return f"/module/download/downfile.jsp?classid=0&filename={name}.{ext}"

    def column_path(self, col: ColumnSpec) -> str:
        return f"/col/col{col.slug}/index.html"

    def record(self, doc: Doc) -> str:
        return (
            f'<li><a href="{doc.path}" title="{escape(doc.title)}" target="_blank">{escape(doc.title)}</a>'
            f"<span>{doc.published.isoformat()}</span></li>"
        )

    def render_directory(self) -> None:
        self.put(self.homepage_path, self.homepage())
        links = "".join(
            f'<li><a href="{self.column_path(c)}" target="_blank">{c.name}</a></li>'
            for c in self.spec.columns
        )
        self.put(
            self.directory_path,
            f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>政务公开_{escape(self.spec.name)}</title></head><body>
<div class="zwgk-menu"><h3>政府信息公开目录</h3><ul>{links}</ul></div></body></html>""",
        )

    def render_column(self, col: ColumnSpec, docs: list[Doc]) -> None:
        webid, unitid = WEBID[self.spec.site_id], 70000 + int(col.slug)
        self.paginate(
            docs,
            PER_PAGE,
            lambda i: (
                self.column_path(col)
                if i < IN_PAGE // PER_PAGE
                else (
                    f"/module/web/jpage/dataproxy.jsp?columnid={col.slug}&startrecord={i * PER_PAGE + 1}"
                )
            ),
        )
        records = "".join(
            f"<record><![CDATA[\n{self.record(d)}]]></record>" for d in docs[:IN_PAGE]
        )
        proxy = (
            f"/module/web/jpage/dataproxy.jsp?page=1&appid=1&webid={webid}&path=/&columnid={col.slug}"
            f"&unitid={unitid}&webname={escape(self.spec.name)}&permissiontype=0"
        )
        self.put(
            self.column_path(col),
            f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<meta name="ColumnName" content="{col.name}"><title>{col.name}_{escape(self.spec.name)}</title></head><body>
<div class="bt-position">当前位置：<a href="/">首页</a> &gt; <a href="{self.directory_path}">政务公开</a> &gt; {col.name}</div>
<div class="default_pgContainer" id="{unitid}"><script type="text/xml"><datastore>
<nextgroup><![CDATA[<a href="{proxy}"></a>]]></nextgroup>
<recordset>{records}</recordset></datastore></script></div>
<script language="javascript" src="/module/jslib/jquery/jquery.js"></script>
<script language="javascript" src="/module/web/jpage/jpage.js"></script>
<script>$(document).ready(function(){{var pager = new Pager({{unitid:{unitid},totalRecord:{len(docs)},
dataproxy:'/module/web/jpage/dataproxy.jsp',perpage:{PER_PAGE},col:1,webid:{webid},path:'/',
columnid:{col.slug},sourceContentType:1,permissiontype:0}});}});</script></body></html>""",
        )
        self.out.data.setdefault("hanweb_records", {})[col.slug] = [self.record(d) for d in docs]

    def render_detail(self, doc: Doc) -> str:
        if doc.show_table:
            cells = table_cells(self, doc, LABELS[self.spec.site_id])
            rows = "".join(
                f'<tr><td class="bt">{k}</td><td class="nr">{escape(v)}</td></tr>' for k, v in cells
            )
            info = f'<table class="xxgk_table" width="100%">{rows}</table>'
        else:
            info = ""
        byline = (
            f'<div class="main-fl-xx">发布日期：{self.fmt(doc.published)} {doc.time}　'
            f'来源：{escape(self.spec.short)}　浏览次数：<span id="c">'
            f'<script src="/module/visitcount/articlehits.jsp?colid={doc.column.slug}&artid={self.art_id(doc)}"></script></span></div>'
        )
        css = "xgwj" if doc.doc_type == "interpretation" else "xgjd"
        return f"""<!DOCTYPE html><html><head><meta charset="utf-8">
{self.meta_tags(doc)}
<title>{escape(self.spec.name)} {escape(doc.title)}</title></head><body>
{info}
<div class="main-fl-tit">{escape(doc.title)}</div>
{byline}
<div id="zoom"><!--ZJEG_RSS.content.begin--><meta name="ContentStart">
{self.body(doc)}
<meta name="ContentEnd"><!--ZJEG_RSS.content.end--></div>
{self.related_block(doc, css)}
</body></html>"""
