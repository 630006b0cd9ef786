"""TRS WCM: index.html / index_1.html paging known only from createPageHTML, t<yyyymmdd>_<id>.html."""

from __future__ import annotations

import datetime as dt
from html import escape

from samples.generator.plan import Doc
from samples.generator.render_base import SiteRenderer, metadata_block, table_cells
from samples.generator.specs import ColumnSpec

LABELS = {
    "index_no": "索 引 号：",
    "topic": "主题分类：",
    "issuer": "发布机构：",
    "written": "成文日期：",
    "title": "标　　题：",
    "doc_no": "文　　号：",
    "published": "发布日期：",
    "validity": "时 效 性：",
    "disclosure": "公开方式：",
}
PER_PAGE = 20
# the columns whose 信息公开 table writes its labels in brackets without a colon (重庆 TRS sites:
# `[ 索引号 ] 11500242322384326D/2023-00148`; tests/files/disclosures/youyang_…)
BRACKETED = {"interp"}
REDESIGN = dt.date(2026, 1, 1)  # the new template lists the attributes as <li><span> rows


class TrsRenderer(SiteRenderer):
    family = "trs"
    date_style = "cn"
    directory_path = "/xxgk/"
    directory_label = "信息公开"

    def article_id(self, doc: Doc) -> int:
        return 5_100_000 + doc.seq * 7

    def detail_path(self, doc: Doc) -> str:
        made = doc.created or doc.published  # TRS names a page by the day it was made
        return f"/xxgk/{doc.column.slug}/{made:%Y%m}/t{made:%Y%m%d}_{self.article_id(doc)}.html"

    def asset_path(self, doc: Doc, kind: str, i: int, ext: str) -> str:
        folder = doc.path.rsplit("/", 1)[0]
        prefix = "W" if kind == "image" else "P"
        return (
            f"{folder}/{prefix}0{doc.published:%Y%m%d}{self.article_id(doc) % 100000:05d}{i}.{ext}"
        )

    def column_path(self, col: ColumnSpec) -> str:
        return f"/xxgk/{col.slug}/"

    def page_url(self, col: ColumnSpec, i: int) -> str:
        return f"/xxgk/{col.slug}/index.html" if i == 0 else f"/xxgk/{col.slug}/index_{i}.html"

    def render_directory(self) -> None:
        self.put(self.homepage_path, self.homepage())
        links = "".join(f'<li><a href="./{c.slug}/">{c.name}</a></li>' for c in self.spec.columns)
        self.put(
            "/xxgk/index.html",
            f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>政府信息公开_{escape(self.spec.name)}</title></head><body>
<div class="gkml-tree"><div class="title">公开目录</div><ul>{links}</ul></div></body></html>""",
        )

    def list_rows(self, col: ColumnSpec, page: list[Doc], start: int) -> str:
        """A list's rows: <li> items; the policy column is a table with a header row
        (序号 | 标题 | 文号 | 产生日期 | 发布日期), the first date of a row being the 产生日期, as some real
        portals lay it out (issue 15)."""
        href = lambda d: f".{d.path[len(self.column_path(col)) - 1 :]}"  # noqa: E731
        if col.kind != "policy":
            items = "".join(
                f'<li><a href="{href(d)}" target="_blank">{escape(d.title)}</a>'
                f"<span>{d.published.isoformat()}</span></li>"
                for d in page
            )
            return f'<ul class="list">{items}</ul>'
        rows = "".join(
            f"<tr><td>{start + n}</td>"
            f'<td class="title"><a href="{href(d)}" target="_blank" title="{escape(d.title)}">{escape(d.title)}</a></td>'
            f"<td>{escape(d.doc_no_raw or '无')}</td>"
            f"<td>{d.written.isoformat() if d.written else ''}</td><td>{d.published.isoformat()}</td></tr>"
            for n, d in enumerate(page, 1)
        )
        return (
            '<table class="list-table"><thead><tr><th>序号</th><th>标题</th><th>文号</th>'
            f"<th>产生日期</th><th>发布日期</th></tr></thead><tbody>{rows}</tbody></table>"
        )

    def render_column(self, col: ColumnSpec, docs: list[Doc]) -> None:
        pages = self.paginate(docs, PER_PAGE, lambda i: self.page_url(col, i))
        for i, page in enumerate(pages):
            rows = self.list_rows(col, page, i * PER_PAGE + 1)
            self.put(
                self.page_url(col, i),
                f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<meta name="ColumnName" content="{col.name}"><title>{col.name}</title></head><body>
<div class="main-list"><div class="bt">{col.name}</div>{rows}
<div class="page"><script type="text/javascript">
var currentPage = {i};//所在页从0开始
var countPage = {len(pages)}//共多少页
createPageHTML(countPage, currentPage, "index", "html");
</script></div></div></body></html>""",
            )

    def render_detail(self, doc: Doc) -> str:
        if doc.show_table and doc.published >= REDESIGN:
            info = metadata_block(table_cells(self, doc, LABELS), "li")
        elif doc.show_table:
            cells = table_cells(self, doc, LABELS)
            if doc.column.key in BRACKETED:  # 重庆 酉阳's shape: `[ 索引号 ]`, no colon
                cells = [(f"[ {k.rstrip(':：')} ]", v) for k, v in cells]
            pairs = [cells[i : i + 2] for i in range(0, len(cells), 2)]
            rows = "".join(
                "<tr>"
                + "".join(f'<td class="t">{k}</td><td class="c">{escape(v)}</td>' for k, v in pair)
                + "</tr>"
                for pair in pairs
            )
            info = f'<table class="xxgk-table">{rows}</table>'
        else:
            info = ""
        byline = (
            f'<div class="info">发布时间：{self.fmt(doc.published)} {doc.time}　'
            f"来源：{escape(self.spec.short)}</div>"
        )
        css = "xgwj" if doc.doc_type == "interpretation" else "xgjd"
        return f"""<!DOCTYPE html><html><head><meta charset="utf-8">
{self.meta_tags(doc)}
<title>{escape(doc.title)}_{escape(self.spec.name)}</title></head><body>
{info}
<div class="article"><h1 class="title">{escape(doc.title)}</h1>
{byline if not doc.show_table else ""}
<div class="TRS_Editor">{self.body(doc)}</div>
{self.related_block(doc, css)}
</div></body></html>"""
