"""Hanweb JCMS (大汉): records in a <datastore>, further pages through dataproxy.jsp.

Two sister sites configured as real ones are: 泉阳 pages through dataproxy.jsp with a `Pager`
script; 黔溪 is a portal of the real shape described in ../shared/LAYOUTS.md — static list pages
(`index_2.html` …) with 下一页/numbered links and a `共N条 第1/M页` counter, a `<nextgroup>` that
names either the next static page or a dataproxy.jsp that answers 404, `?xxgkhide=1` on list
links, a metadata block redesigned in mid-2025 from label cells to label-and-value-in-one-cell,
related links inline at the end of the body, an automatic 相关阅读 block, and long noisy bodies.
"""

from __future__ import annotations

import datetime as dt
import random
from html import escape

from samples.generator.plan import Doc
from samples.generator.render_base import SiteRenderer, hexid, table_cells
from samples.generator.specs import SEED, ColumnSpec

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
        "topic": "主题分类:",
        "issuer": "发文单位:",
        "written": "生成日期:",
        "doc_no": "文件编号:",
        "published": "公开日期:",
        "validity": "有效性:",
    },
}
REDESIGN = dt.date(2025, 7, 1)  # 黔溪's new detail template: label and value in one cell
NBSP = "&nbsp;"
PER_PAGE = 15
IN_PAGE = 45  # records embedded in the column page; the rest come from dataproxy.jsp
WEBID = {"quanyang": 28, "qianxi": 41}


class HanwebRenderer(SiteRenderer):
    family = "hanweb"

    def __init__(self, plan):
        super().__init__(plan)
        self.portal = self.spec.realistic  # the real-portal shape (黔溪)
        if self.portal:
            self.out.config["presentation_params"] = ["xxgkhide"]
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
        query = "?xxgkhide=1" if self.portal else ""  # presentation only: the same document
        return (
            f'<li><a href="{doc.path}{query}" title="{escape(doc.title)}" target="_blank">{escape(doc.title)}</a>'
            f"<span>{doc.published.isoformat()}</span></li>"
        )

    def render_directory(self) -> None:
        self.put(self.homepage_path, self.homepage())
        groups: dict[str, list[ColumnSpec]] = {}
        for c in self.spec.columns:
            groups.setdefault(c.department, []).append(c)
        blocks = []
        for department, cols in groups.items():
            links = "".join(
                f'<li><a href="{self.column_path(c)}" target="_blank">{c.name}</a></li>'
                for c in cols
            )
            heading = f"<h4>{escape(department)}</h4>" if department else ""
            blocks.append(f'<div class="dept">{heading}<ul>{links}</ul></div>')
        self.put(
            self.directory_path,
            f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>政务公开_{escape(self.spec.name)}</title></head><body>
<div class="zwgk-menu"><h3>政府信息公开目录</h3>{"".join(blocks)}</div></body></html>""",
        )

    def stated_count(self, col: ColumnSpec, docs: list[Doc]) -> int:
        """The item count the list's counter states: more than it lists where planted."""
        extra = sum(
            r["extra"]
            for r in self.plan.planted
            if r["case"] == "stated_count_exceeds_listed" and r["column"] == col.name
        )
        return len(docs) + extra

    def render_column(self, col: ColumnSpec, docs: list[Doc]) -> None:
        if self.portal:
            return self.render_static_column(col, docs)
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
        self.out.columns[-1]["stated_count"] = len(docs)

    def static_page_path(self, col: ColumnSpec, i: int) -> str:
        return self.column_path(col) if i == 0 else f"/col/col{col.slug}/index_{i + 1}.html"

    def render_static_column(self, col: ColumnSpec, docs: list[Doc]) -> None:
        """黔溪: every list page static; the visible pager is the only complete way through."""
        pages = self.paginate(docs, PER_PAGE, lambda i: self.static_page_path(col, i))
        stated = self.stated_count(col, docs)
        self.out.columns[-1]["stated_count"] = stated
        via_proxy = int(col.slug) % 2 == 1  # these name a dataproxy.jsp that answers 404
        webid, unitid = WEBID[self.spec.site_id], 70000 + int(col.slug)
        n = len(pages)
        for i, page in enumerate(pages):
            records = "".join(f"<record><![CDATA[\n{self.record(d)}]]></record>" for d in page)
            if via_proxy:
                nextgroup = (
                    f"/module/web/jpage/dataproxy.jsp?page=1&appid=1&webid={webid}&path=/"
                    f"&columnid={col.slug}&unitid={unitid}&permissiontype=0"
                )
            else:
                nextgroup = self.static_page_path(col, i + 1) if i + 1 < n else ""
            pager = [f"<span>共{stated}条 第{i + 1}/{n}页</span>"]
            if i > 0:
                pager.append(
                    f'<a href="index.html">首页</a> <a href="{self.rel(col, i - 1)}">上一页</a>'
                )
            for k in range(max(0, i - 2), min(n, i + 3)):
                pager.append(
                    f"<b>{k + 1}</b>" if k == i else f'<a href="{self.rel(col, k)}">{k + 1}</a>'
                )
            if i + 1 < n:
                pager.append(
                    f'<a href="{self.rel(col, i + 1)}">下一页</a> <a href="{self.rel(col, n - 1)}">尾页</a>'
                )
            script = (
                f"""<script>$(document).ready(function(){{var pager = new Pager({{unitid:{unitid},totalRecord:{stated},
dataproxy:'/module/web/jpage/dataproxy.jsp',perpage:{PER_PAGE},col:1,webid:{webid},path:'/',
columnid:{col.slug},sourceContentType:1,permissiontype:0}});}});</script>"""
                if via_proxy and i == 0
                else ""
            )
            group = (
                f'<nextgroup><![CDATA[<a href="{nextgroup}"></a>]]></nextgroup>'
                if nextgroup
                else ""
            )
            self.put(
                self.static_page_path(col, i),
                f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<meta name="ColumnName" content="{col.name}"><title>{col.name}_{escape(self.spec.name)}</title></head><body>
<div class="bt-position">当前位置：<a href="/">首页</a> &gt; <a href="{self.directory_path}">政务公开</a> &gt; {col.name}</div>
<div class="default_pgContainer" id="{unitid}"><script type="text/xml"><datastore>
{group}<recordset>{records}</recordset></datastore></script></div>
<div class="default_pgPanel">{" ".join(pager)}</div>
{script}</body></html>""",
            )

    def rel(self, col: ColumnSpec, i: int) -> str:
        """A pager link as the page writes it: relative to the column folder."""
        return "index.html" if i == 0 else f"index_{i + 1}.html"

    def cells_table(self, doc: Doc, extra: list[tuple[str, str]] = ()) -> str:
        """Label cell | value cell, one pair a row (泉阳; 黔溪 before its redesign)."""
        cells = table_cells(self, doc, LABELS[self.spec.site_id]) + list(extra)
        rows = "".join(
            f'<tr><td class="bt">{k}</td><td class="nr">{escape(v)}</td></tr>' for k, v in cells
        )
        return f'<table class="xxgk_table" width="100%">{rows}</table>'

    def same_cell_table(self, doc: Doc) -> str:
        """LAYOUTS 1b: label and value in one cell, three pairs a row, NBSP-padded labels with
        an ASCII colon, `无` for no 文号 and an empty cell where a value is missing."""
        pad = NBSP * 2
        cells = [
            (f"<b><span>索{pad}引{pad}号: </span></b>", doc.index_no_raw or ""),
            ("<b> 发文机关: </b>", doc.issuer or ""),
            (f"<b>文{NBSP * 6}号:</b>", doc.doc_no_raw or "无"),
            ("<b>主题分类: </b>", doc.topic or ""),
            ("<b>组配分类: </b>", doc.column.name),
            ("<b>生成日期: </b>", f"{doc.written.isoformat()}{' ' * 10}" if doc.written else ""),
            ("<b>有 效 性: </b>", doc.validity or ""),
        ]
        rows = []
        for r in range(0, len(cells), 3):
            tds = "".join(
                f'<td width="33%">{label} {escape(value)}</td>' for label, value in cells[r : r + 3]
            )
            rows.append(f"<tr>{tds}</tr>")
        return f"<table border='0' width='99%'>{''.join(rows)}</table>"

    def render_detail(self, doc: Doc) -> str:
        rng = random.Random(f"{SEED}:{doc.site_id}:{doc.seq}:layout")
        if not doc.show_table:
            info = ""
        elif self.portal and doc.published >= REDESIGN:
            info = self.same_cell_table(doc)
        elif self.portal:
            info = self.cells_table(doc, [("组配分类:", doc.column.name)])
        else:
            info = self.cells_table(doc)
        # 黔溪 leaves the byline off some pages: their only 发布日期 is the meta tag and the URL
        meta_only = self.portal and doc.meta_pubdate is None and rng.random() < 0.12
        byline = (
            ""
            if meta_only
            else f'<div class="main-fl-xx">发布日期：{self.fmt(doc.published)} {doc.time}　'
            f'来源：{escape(self.spec.short)}　浏览次数：<span id="c">'
            f'<script src="/module/visitcount/articlehits.jsp?colid={doc.column.slug}&artid={self.art_id(doc)}"></script></span></div>'
        )
        meta = self.meta_tags(doc)
        if meta_only:  # a placeholder time, as real CMSs write it
            meta = meta.replace(
                f"{doc.published.isoformat()} {doc.time}", f"{doc.published.isoformat()} 00:00"
            )
        if self.portal:
            body = self.long_noisy_body(doc) + "\n" + self.related_inline(doc)
            after = self.automatic_related(doc)
        else:
            css = "xgwj" if doc.doc_type == "interpretation" else "xgjd"
            body, after = self.body(doc), self.related_block(doc, css)
        return f"""<!DOCTYPE html><html><head><meta charset="utf-8">
{meta}
<title>{escape(self.spec.name)} {escape(doc.title)}</title></head><body>
{info}
<div class="main-fl-tit">{escape(doc.title)}</div>
{byline}
<div id="zoom"><!--ZJEG_RSS.content.begin--><meta name="ContentStart">
{body}
<meta name="ContentEnd"><!--ZJEG_RSS.content.end--></div>
{after}
</body></html>"""
