"""A provincial 公开平台 (gkmlpt): list pages are empty shells filled from a JSON API."""

from __future__ import annotations

import datetime as dt
from html import escape

from samples.generator.plan import Doc
from samples.generator.render_base import SiteRenderer, hexid, table_cells
from samples.generator.specs import ColumnSpec

LABELS = {
    "index_no": "索引号：",
    "topic": "分类：",
    "issuer": "发布机构：",
    "written": "成文日期：",
    "title": "名称：",
    "doc_no": "文号：",
    "published": "发布日期：",
    "validity": "有效性:",
    "disclosure": "公开方式:",
}
CHINA = dt.timezone(dt.timedelta(hours=8))


class GkmlptRenderer(SiteRenderer):
    family = "gkmlpt"
    directory_path = "/gkmlpt/index"
    directory_label = "政府信息公开"

    def post_id(self, doc: Doc) -> int:
        return 4_200_000 + doc.seq * 3

    def detail_path(self, doc: Doc) -> str:
        pid = self.post_id(doc)
        return f"/gkmlpt/content/{pid // 1_000_000}/{pid // 1000}/post_{pid}.html"

    def asset_path(self, doc: Doc, kind: str, i: int, ext: str) -> str:
        return f"/attachment/0/{self.post_id(doc) // 1000}/{hexid(doc.seq, kind, i, n=16)}.{ext}"

    def column_path(self, col: ColumnSpec) -> str:
        return f"/gkmlpt/column/{col.slug}"

    def render_directory(self) -> None:
        self.put(self.homepage_path, self.homepage())
        links = "".join(
            f'<li><a href="{self.column_path(c)}" data-classify="{c.slug}">{c.name}</a></li>'
            for c in self.spec.columns
        )
        self.put(
            self.directory_path,
            f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>政府信息公开平台_{escape(self.spec.name)}</title></head><body>
<div class="gkmlpt-side"><h3>信息公开目录</h3><ul class="classify-tree">{links}</ul></div>
<div id="app"></div><script src="/gkmlpt/static/app.js"></script></body></html>""",
        )

    def render_column(self, col: ColumnSpec, docs: list[Doc]) -> None:
        self.out.columns[-1]["stated_count"] = len(docs)  # the API's total
        self.put(
            self.column_path(col),
            f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>{col.name}_政府信息公开平台</title></head><body>
<div class="gkmlpt-side"><h3>{col.name}</h3></div>
<div id="list-container"><!-- 列表由脚本从接口加载 --></div>
<script>var CLASSIFY_ID = {col.slug}; var SID = "{self.spec.site_id}";
window.gkmlptConfig = {{"api": "/gkmlpt/api/all/{col.slug}", "page_size": 20}};</script>
<script src="/gkmlpt/static/list.js"></script></body></html>""",
        )
        self.paginate(docs, 20, lambda i: f"/gkmlpt/api/all/{col.slug}?page={i + 1}")
        self.out.data.setdefault("gkmlpt_api", {})[col.slug] = [
            {
                "id": self.post_id(d),
                "title": d.title,
                "url": f"http://__ORIGIN__{d.path}",
                "display_publish_time": int(
                    dt.datetime.combine(
                        d.published, dt.time.fromisoformat(d.time), CHINA
                    ).timestamp()
                ),
                "identifier": d.index_no_raw or "",
                "document_number": d.doc_no_raw or "",
                "publisher": d.issuer or "",
                "classify_main_name": col.name,
            }
            for d in docs
        ]

    def render_detail(self, doc: Doc) -> str:
        cells = table_cells(self, doc, LABELS)
        rows = "".join(f'<tr><td class="first">{k}</td><td>{escape(v)}</td></tr>' for k, v in cells)
        css = "related-policy" if doc.doc_type == "interpretation" else "related-interp"
        related = self.related_block(doc, css).replace("<h4>相关文件</h4>", "<h4>政策原文</h4>")
        return f"""<!DOCTYPE html><html><head><meta charset="utf-8">
{self.meta_tags(doc)}
<title>{escape(doc.title)}</title></head><body>
<div class="classify"><table>{rows}</table></div>
<div class="content"><h1 class="content-title">{escape(doc.title)}</h1>
<div class="article-content">{self.body(doc)}</div>
{related}
</div></body></html>"""
