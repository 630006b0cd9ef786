"""A legacy county site in GBK: table layout, bylines, 页次 paging, query-string URLs, no meta tags."""

from __future__ import annotations

from html import escape

from samples.generator.plan import Doc
from samples.generator.render_base import SiteRenderer
from samples.generator.specs import ColumnSpec

PER_PAGE = 20


class LegacyRenderer(SiteRenderer):
    family = "legacy"
    encoding = "gbk"
    date_style = "loose"
    related_on = ()  # the county site prints no related links
    directory_path = "/Article/Index.asp"
    directory_label = "信息公开"

    def article_id(self, doc: Doc) -> int:
        return 300 + doc.seq

    def detail_path(self, doc: Doc) -> str:
        return f"/Article/ShowArticle.asp?ArticleID={self.article_id(doc)}"

    def asset_path(self, doc: Doc, kind: str, i: int, ext: str) -> str:
        p = doc.published
        return f"/UploadFiles/{p.year}{p.month}/{p:%Y%m%d}{self.article_id(doc)}{i}.{ext}"

    def column_path(self, col: ColumnSpec) -> str:
        return f"/Article/ShowClass.asp?ClassID={col.slug}"

    def page_url(self, col: ColumnSpec, i: int) -> str:
        return f"/Article/ShowClass.asp?ClassID={col.slug}&page={i + 1}"

    def head(self, title: str) -> str:
        return (
            f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
            f"<title>{escape(title)}</title></head>"
        )

    def render_directory(self) -> None:
        extra = '<a href="/calendar.asp?d=2026-11-20">活动日历</a> <a href="/old/">旧版网站</a>'
        self.put(self.homepage_path, self.homepage(extra))
        links = "".join(
            f'<tr><td>·<a href="ShowClass.asp?ClassID={c.slug}">{c.name}</a></td></tr>'
            for c in self.spec.columns
        )
        self.put(
            self.directory_path,
            f"""{self.head("信息公开")}<body>
<table width="760" border="0" align="center"><tr><td class="title">政府信息公开</td></tr>{links}</table></body></html>""",
        )

    def render_column(self, col: ColumnSpec, docs: list[Doc]) -> None:
        pages = self.paginate(docs, PER_PAGE, lambda i: self.page_url(col, i))
        self.out.columns[-1]["stated_count"] = len(docs)  # 共有N条
        for i, page in enumerate(pages):
            rows = "".join(
                f'<tr><td width="85%">·<a href="ShowArticle.asp?ArticleID={self.article_id(d)}" target="_blank">'
                f"{escape(d.title)}</a></td><td>{self.fmt(d.published)}</td></tr>"
                for d in page
            )
            n = len(pages)
            first, last = (
                self.page_url(col, 0).split("/")[-1],
                self.page_url(col, n - 1).split("/")[-1],
            )
            prev = (
                f'<a href="{self.page_url(col, i - 1).split("/")[-1]}">上一页</a>'
                if i > 0
                else "上一页"
            )
            nxt = (
                f'<a href="{self.page_url(col, i + 1).split("/")[-1]}">下一页</a>'
                if i < n - 1
                else "下一页"
            )
            html = f"""{self.head(col.name)}<body>
<table width="760" border="0" align="center"><tr><td class="title" colspan="2">{col.name}</td></tr>{rows}
<tr><td colspan="2" class="page">页次：{i + 1}/{n}页 每页{PER_PAGE}条 共有{len(docs)}条 <a href="{first}">首页</a> {prev} {nxt} <a href="{last}">尾页</a></td></tr>
</table></body></html>"""
            self.put(self.page_url(col, i), html)
            if i == 0:
                self.put(self.column_path(col), html)

    def render_detail(self, doc: Doc) -> str:
        info = ""
        if doc.show_table and doc.doc_type in ("policy", "notice"):
            cells = [f"索引号：{doc.index_no_raw}"]
            if doc.doc_no_raw:
                cells.append(f"文号：{doc.doc_no_raw}")
            cells.append(f"发文单位：{escape(doc.issuer or '')}")
            info = (
                '<table class="wjxx" width="100%"><tr>'
                + "".join(f"<td>{c}</td>" for c in cells)
                + "</tr></table>"
            )
        return f"""{self.head(doc.title)}<body>
<table width="760" border="0" align="center">
<tr><td class="atitle" align="center"><b>{escape(doc.title)}</b></td></tr>
<tr><td class="byline" align="center">发布时间：{self.fmt(doc.published)} {doc.time}:{doc.seq % 60:02d}　来源：{escape(self.spec.short)}　点击数：{doc.seq * 7 % 900 + 12}</td></tr>
<tr><td>{info}</td></tr>
<tr><td id="fontzoom">{self.body(doc)}</td></tr>
</table></body></html>"""

    def render(self):
        out = super().render()
        out.config["wrong_charset"] = sorted(
            d.path for d in self.docs if d.wrong_charset_header and d.has_page
        )
        out.config["calendar_trap"] = "/calendar.asp"
        out.config["redirects"] = {"/old/": "/old/index.asp", "/old/index.asp": "/old/"}
        return out
