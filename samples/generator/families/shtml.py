"""The national `.shtml` site: list.shtml / list_2.shtml paging, a 信息公开 table with `:` labels."""

from __future__ import annotations

import datetime as dt
from html import escape

from samples.generator.plan import Doc
from samples.generator.render_base import SiteRenderer, hexid, metadata_block, table_cells
from samples.generator.specs import ColumnSpec

LABELS = {
    "index_no": "索引号:",
    "topic": "主题分类:",
    "issuer": "发文机关:",
    "title": "标　　题:",
    "written": "成文日期:",
    "doc_no": "发文字号:",
    "published": "发布日期:",
}
PER_PAGE = 24
REDESIGN = dt.date(2025, 10, 1)  # the new template: dl/dt/dd, then div rows for interpretations


class ShtmlRenderer(SiteRenderer):
    family = "shtml"
    homepage_path = "/index.shtml"
    related_on = ("policy",)  # interpretation pages link nothing back
    directory_path = "/wjw/xxgk/index.shtml"
    directory_label = "信息公开"

    def column_index(self, col: ColumnSpec) -> int:
        return [c.key for c in self.spec.columns].index(col.key)

    def detail_path(self, doc: Doc) -> str:
        return (
            f"/wjw/c1001{self.column_index(doc.column):02d}/{doc.published:%Y%m}/"
            f"{hexid(doc.site_id, doc.seq)}.shtml"
        )

    def asset_path(self, doc: Doc, kind: str, i: int, ext: str) -> str:
        folder = doc.path.rsplit("/", 1)[0]
        return f"{folder}/files/{hexid(doc.seq, kind, i)}.{ext}"

    def column_path(self, col: ColumnSpec) -> str:
        return f"/wjw/{col.slug}/list.shtml"

    def page_url(self, col: ColumnSpec, i: int) -> str:
        return f"/wjw/{col.slug}/list.shtml" if i == 0 else f"/wjw/{col.slug}/list_{i + 1}.shtml"

    def render_directory(self) -> None:
        self.put(self.homepage_path, self.homepage())
        links = "".join(
            f'<li><a href="{self.column_path(c)}">{c.name}</a></li>' for c in self.spec.columns
        )
        self.put(
            self.directory_path,
            f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>信息公开_{escape(self.spec.name)}</title></head><body>
<div class="xxgk_nav"><h2>政府信息公开目录</h2><ul>{links}</ul></div>
<div class="xxgk_guide"><a href="/wjw/xxgkzn/list.shtml">信息公开指南</a></div></body></html>""",
        )

    def render_column(self, col: ColumnSpec, docs: list[Doc]) -> None:
        pages = self.paginate(docs, PER_PAGE, lambda i: self.page_url(col, i))
        for i, page in enumerate(pages):
            rows = "".join(
                f'<li><a href="{d.path}" title="{escape(d.title)}" target="_blank">{escape(d.title)}</a>'
                f'<span class="ml">{self.fmt(d.published)}</span></li>'
                for d in page
            )
            nav = [f"<span>共{len(pages)}页</span>"]
            if i > 0:
                nav.append(
                    f'<a href="{self.page_url(col, 0)}">首页</a> <a href="{self.page_url(col, i - 1)}">上一页</a>'
                )
            if i < len(pages) - 1:
                nav.append(
                    f'<a href="{self.page_url(col, i + 1)}">下一页</a> <a href="{self.page_url(col, len(pages) - 1)}">尾页</a>'
                )
            self.put(
                self.page_url(col, i),
                f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<meta name="ColumnName" content="{col.name}"><title>{col.name}</title></head><body>
<div class="list"><h2 class="lm_title">{col.name}</h2><ul class="zxxx_list">{rows}</ul>
<div class="pagination_index_num">{" ".join(nav)}</div></div></body></html>""",
            )

    def render_detail(self, doc: Doc) -> str:
        head = self.meta_tags(doc)
        if doc.show_table and doc.published >= REDESIGN:
            shape = "div" if doc.doc_type == "interpretation" else "dl"
            info = f'<div class="xxgk_top">{metadata_block(table_cells(self, doc, LABELS), shape)}</div>'
        elif doc.show_table:
            cells = table_cells(self, doc, LABELS)
            rows = "".join(
                f'<tr><td class="label">{k}</td><td>{escape(v)}</td></tr>' for k, v in cells
            )
            info = f'<div class="xxgk_top"><table class="xxgk_table">{rows}</table></div>'
        else:
            info = (
                f'<div class="source"><span>来源：{escape(self.spec.short)}</span>'
                f"<span>发布时间：{self.fmt(doc.published)}</span></div>"
            )
        return f"""<!DOCTYPE html><html><head><meta charset="utf-8">
{head}
<title>{escape(doc.title)}</title></head><body>
<div class="w1200"><div class="tit">{escape(doc.title)}</div>
{info}
<div id="xw_box" class="con">{self.body(doc)}</div>
{self.related_block(doc) if doc.doc_type == "policy" else ""}
</div></body></html>"""
