"""What every sample site shares: document bodies, 47号文 meta tags, file assets, the homepage.

Family renderers subclass `SiteRenderer` and supply URLs, list pages and page chrome.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from dataclasses import dataclass, field
from html import escape

from samples.generator.plan import Doc, SitePlan
from samples.generator.render_assessment import consultation_body, report_body
from samples.generator.specs import FILLER, SEED, ColumnSpec

# Tiny but valid files, so that attachment and image links answer with real content.
PNG_1PX = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0000003010100c9fe92ef0000000049454e44ae426082"
)
JPG_STUB = bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffd9")
PDF_STUB = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
DOC_STUB = bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 56
MP4_STUB = bytes.fromhex("0000001866747970") + b"mp42\0\0\0\0mp42isom"
ASSET_BYTES = {
    "pdf": PDF_STUB,
    "doc": DOC_STUB,
    "docx": DOC_STUB,
    "xls": DOC_STUB,
    "jpg": JPG_STUB,
    "png": PNG_1PX,
    "mp4": MP4_STUB,
}

ROBOTS = "User-agent: *\nDisallow: /admin/\nDisallow: /search/\n"


@dataclass
class SiteFiles:
    """Everything the generator writes for one site: document root files and server config."""

    files: dict[str, bytes] = field(default_factory=dict)  # URL path (with ?query) -> bytes
    data: dict[str, object] = field(default_factory=dict)  # dynamic endpoint data
    config: dict[str, object] = field(default_factory=dict)
    dead_links: list[dict] = field(default_factory=list)
    columns: list[dict] = field(default_factory=list)  # column name, kind, list URL
    homepage_items: list[int] = field(default_factory=list)


def hexid(*parts: object, n: int = 32) -> str:
    return hashlib.md5(":".join(map(str, parts)).encode()).hexdigest()[:n]


class SiteRenderer:
    family = ""
    encoding = "utf-8"
    homepage_path = "/index.html"
    date_style = "iso"  # iso: 2026-11-18, cn: 2026年11月18日, loose: 2026-11-8
    # the pages whose related links (相关解读 / 相关文件) this family prints
    related_on: tuple[str, ...] = ("policy", "interpretation")

    def __init__(self, plan: SitePlan):
        self.plan = plan
        self.spec = plan.spec
        self.docs = plan.docs
        self.out = SiteFiles()
        self.by_column: dict[str, list[Doc]] = {c.key: [] for c in self.spec.columns}
        for doc in self.docs:
            self.by_column[doc.column.key].append(doc)
        for docs in self.by_column.values():
            docs.sort(key=lambda d: (d.published, d.time, d.seq), reverse=True)

    # ----- hooks for families --------------------------------------------------------------
    def detail_path(self, doc: Doc) -> str:
        raise NotImplementedError

    def asset_path(self, doc: Doc, kind: str, i: int, ext: str) -> str:
        raise NotImplementedError

    def moved_path(self, doc: Doc) -> str:
        """A page moved in from an older system keeps that system's URL form."""
        return f"/{doc.moved_from}/{doc.column.slug}/{doc.seq}.html"

    def column_path(self, col: ColumnSpec) -> str:
        raise NotImplementedError

    def render_directory(self) -> None:
        raise NotImplementedError

    def render_column(self, col: ColumnSpec, docs: list[Doc]) -> None:
        raise NotImplementedError

    def render_detail(self, doc: Doc) -> str:
        raise NotImplementedError

    directory_path = "/"
    directory_label = "政务公开"

    # ----- shared rendering ------------------------------------------------------------------
    def fmt(self, d: dt.date, style: str | None = None) -> str:
        style = style or self.date_style
        if style == "cn":
            return f"{d.year}年{d.month:02d}月{d.day:02d}日"
        if style == "loose":
            return f"{d.year}-{d.month}-{d.day}"
        return d.isoformat()

    def put(self, path: str, text: str | bytes) -> None:
        self.out.files[path] = text if isinstance(text, bytes) else text.encode(self.encoding)

    def doc_rng(self, doc: Doc) -> random.Random:
        return random.Random(f"{SEED}:{doc.site_id}:{doc.seq}:body")

    def meta_tags(self, doc: Doc) -> str:
        pub = doc.meta_pubdate or doc.published
        col = doc.column
        column_type = {"policy": "政策文件", "interpretation": "政策解读"}.get(col.kind, "")
        return "\n".join(
            [
                f'<meta name="SiteName" content="{escape(self.spec.name)}">',
                f'<meta name="SiteDomain" content="{self.spec.site_id}.sample.local">',
                f'<meta name="SiteIDCode" content="{hexid(self.spec.site_id, n=10)}">',
                f'<meta name="ColumnName" content="{escape(col.name)}">',
                f'<meta name="ColumnType" content="{column_type}">',
                f'<meta name="ArticleTitle" content="{escape(doc.title)}">',
                f'<meta name="PubDate" content="{pub.isoformat()} {doc.time}">',
                f'<meta name="ContentSource" content="{escape(self.spec.short)}">',
                '<meta name="Keywords" content="">',
                f'<meta name="Url" content="http://__ORIGIN__{doc.path}">',
            ]
        )

    def link(self, doc: Doc) -> str:
        return f'<a href="{doc.path}" target="_blank" title="{escape(doc.title)}">{escape(doc.title)}</a>'

    def policy_name(self, doc: Doc) -> str:
        t = doc.title
        return t[t.index("《") + 1 : t.rindex("》")] if "《" in t and "》" in t else t

    @staticmethod
    def attachments_html(doc: Doc) -> list[str]:
        """The body's 附件 paragraph (none without attachments)."""
        if not doc.attachments:
            return []
        links = "<br>".join(f'<a href="{a.path}">{escape(a.name)}</a>' for a in doc.attachments)
        return [f"<p>附件：<br>{links}</p>"]

    def body(self, doc: Doc) -> str:
        """The article body: paragraphs, signature, disclosure note, attachments, media."""
        rng = self.doc_rng(doc)
        parts: list[str] = []
        subject = doc.subject
        if doc.report:
            return report_body(doc, self.spec.short)
        if doc.body_html is not None:
            return "\n".join([doc.body_html, *self.attachments_html(doc)])
        if doc.consultation:  # then the signature, note and attachments as any notice
            parts.append(consultation_body(doc, self.spec.short))
        elif doc.doc_type == "interpretation":
            policy = self.docs[doc.interprets] if doc.interprets is not None else None
            name = self.policy_name(policy) if policy else subject
            ref = f"（{policy.doc_no_raw}）" if policy and policy.doc_no_raw else ""
            if doc.interp_form == "graphic":
                for img in doc.images:
                    parts.append(f'<p style="text-align:center"><img src="{img.path}" alt=""></p>')
            elif doc.interp_form == "video":
                video = self.asset_path(doc, "video", 1, "mp4")
                self.put(video, ASSET_BYTES["mp4"])
                parts.append(
                    f'<p><video controls="controls" src="{video}" width="640"></video></p>'
                )
                parts.append(f"<p>视频解读《{escape(name)}》{ref}。</p>")
            elif doc.interp_form == "interview":
                guest = doc.leader or "负责同志"
                parts.append(
                    f"<p>主持人：欢迎收看本期在线访谈。今天我们邀请到{escape(self.spec.short)}{escape(guest)}，解读《{escape(name)}》{ref}。</p>"
                )
                for q in range(rng.randint(2, 4)):
                    parts.append(
                        f"<p>主持人：请介绍一下{escape(subject)}的第{q + 1}方面重点任务？</p>"
                    )
                    parts.append(
                        f"<p>嘉宾：{escape(subject)}工作坚持以人民健康为中心，第{q + 1}项任务是完善服务体系，提升服务质量。</p>"
                    )
            else:
                parts.append(
                    f"<p>近日，{escape(policy.issuer or self.spec.short) if policy else ''}印发了《{escape(name)}》{ref}。现就有关内容解读如下。</p>"
                )
                for i, head in enumerate(("出台背景", "主要内容", "保障措施")):
                    parts.append(f"<p><strong>{'一二三'[i]}、{head}</strong></p>")
                    parts.append(
                        f"<p>{escape(subject)}是卫生健康领域的重要工作。文件围绕{head}作出规定，共{rng.randint(3, 9)}条。</p>"
                    )
            return "\n".join(parts)
        if doc.doc_type in ("policy", "notice") or (
            doc.doc_type == "news" and doc.duplicate_of is not None
        ):
            parts.append("<p>各区县卫生健康行政部门，委机关各处室、直属各单位：</p>")
            if "《" in doc.title:
                parts.append(
                    f"<p>现将《{escape(self.policy_name(doc))}》印发给你们，请结合实际认真贯彻执行。</p>"
                )
            else:
                parts.append(f"<p>为做好{escape(subject)}工作，现将有关事项通知如下。</p>")
            for i in range(rng.randint(2, 4)):
                parts.append(
                    f"<p>{'一二三四'[i]}、加强{escape(subject)}的组织领导，落实工作责任，于{rng.randint(1, 12)}月底前完成。</p>"
                )
        else:
            for _ in range(rng.randint(2, 4)):
                parts.append(
                    f"<p>{escape(subject)}工作有序推进。{escape(self.spec.short)}有关负责同志出席并讲话，要求各单位提高认识、狠抓落实。</p>"
                )
            for img in doc.images:
                parts.append(f'<p style="text-align:center"><img src="{img.path}" alt=""></p>')
        parts.extend(self.attachments_html(doc))
        if doc.signing:
            parts.append(f'<p style="text-align:right">{escape(doc.issuer or self.spec.short)}</p>')
            parts.append(f'<p style="text-align:right">{doc.signing}</p>')
        if doc.disclosure_in_body and doc.disclosure_raw:
            if doc.disclosure_raw.startswith("此件"):
                parts.append(f"<p>（{doc.disclosure_raw}）</p>")
            else:
                parts.append(f"<p>（信息公开形式：{doc.disclosure_raw}）</p>")
        return "\n".join(parts)

    def long_noisy_body(self, doc: Doc) -> str:
        """The body as real editors leave it (LAYOUTS §6): 1,500–3,000 characters, paragraphs in
        styled spans with U+3000 indentation, `&nbsp;`, `<font>`, empty `<p><br/></p>`."""
        html = self.body(doc)
        if doc.doc_type == "interpretation" and doc.interp_form == "graphic":
            return html  # an image body stays an image body
        rng = random.Random(f"{SEED}:{doc.site_id}:{doc.seq}:noise")
        lines = html.split("\n")
        filler = []
        if doc.doc_type in ("policy", "notice", "news", "other") and not doc.bare_body:
            target = rng.randint(1500, 3000)
            size = 0
            while size < target:
                sentence = rng.choice(FILLER).format(subject=escape(doc.subject))
                filler.append(sentence)
                size += len(sentence)
        paragraphs = ["".join(filler[i : i + 3]) for i in range(0, len(filler), 3)]
        head = 2 if len(lines) > 2 else len(lines)
        lines = lines[:head] + [f"<p>{t}</p>" for t in paragraphs] + lines[head:]
        out = []
        for line in lines:
            if line.startswith("<p>") and "<img" not in line and "<video" not in line:
                inner = line[3:-4]
                style = rng.choice(
                    [
                        'style="font-family: 仿宋_GB2312; font-size: 16pt;"',
                        'style="font-family: 仿宋; font-size: 21px;"',
                    ]
                )
                inner = inner.replace("，", "，&nbsp;", 1) if rng.random() < 0.3 else inner
                if rng.random() < 0.2:
                    inner = f'<font face="楷体">{inner}</font>'
                out.append(
                    f'<p style="text-indent: 2em;"><span {style}>\u3000\u3000{inner}</span></p>'
                )
                if rng.random() < 0.25:
                    out.append("<p><br/></p>")
            else:
                out.append(line)
        return "\n".join(out)

    def related_inline(self, doc: Doc) -> str:
        """Related links inline at the end of the body, in a coloured span (LAYOUTS §2)."""
        if not doc.related:
            return ""
        if doc.doc_type == "interpretation":
            heading = "相关文件"
        else:
            heading = "相关文章" if doc.seq % 3 == 0 else "相关解读"
        links = "<br/>".join(self.link(self.docs[s]) for s in doc.related)
        return (
            f'<p><br/></p>\n<p><span style="color: rgb(79,129,189);">{heading}：{links}</span></p>'
        )

    def automatic_related(self, doc: Doc) -> str:
        """The CMS's own 相关阅读 block: recent items of the same column, no relation at all."""
        others = [
            d
            for d in self.by_column[doc.column.key]
            if d.has_page and d.seq != doc.seq and d.seq not in doc.related
        ][:3]
        if not others:
            return ""
        items = "".join(
            f"<li>{self.link(d)}<span>{d.published.isoformat()}</span></li>" for d in others
        )
        return f'<div class="xgyd"><h4>相关阅读</h4><ul>{items}</ul></div>'

    def related_block(self, doc: Doc, css: str = "xgjd") -> str:
        if not doc.related:
            return ""
        heading = "相关文件" if doc.doc_type == "interpretation" else "相关解读"
        items = "".join(f"<li>{self.link(self.docs[s])}</li>" for s in doc.related)
        return f'<div class="{css}"><h4>{heading}</h4><ul>{items}</ul></div>'

    def assign_paths(self) -> None:
        for doc in self.docs:
            doc.path = self.moved_path(doc) if doc.moved_from else self.detail_path(doc)
            for i, att in enumerate(doc.attachments, 1):
                att.path = self.asset_path(doc, "attach", i, att.ext)
            for i, img in enumerate(doc.images, 1):
                img.path = self.asset_path(doc, "image", i, "png" if i % 2 else "jpg")

    def write_assets(self) -> None:
        for doc in self.docs:
            for att in doc.attachments:
                if att.exists and doc.has_page:
                    self.put(att.path, ASSET_BYTES[att.ext])
                elif not att.exists:
                    self.out.dead_links.append(
                        {"url": att.path, "found_on": doc.path, "kind": "attachment"}
                    )
            for img in doc.images:
                if img.exists and doc.has_page:
                    self.put(img.path, ASSET_BYTES[img.path.rsplit(".", 1)[1]])
                elif not img.exists:
                    self.out.dead_links.append(
                        {"url": img.path, "found_on": doc.path, "kind": "image"}
                    )

    def latest(self, n: int = 8) -> list[Doc]:
        docs = [d for d in self.docs if d.column.kind in ("news", "notice") and d.has_page]
        docs.sort(key=lambda d: (d.published, d.time, d.seq), reverse=True)
        return docs[:n]

    def homepage(self, extra_links: str = "") -> str:
        latest = self.latest()
        self.out.homepage_items = [d.seq for d in latest]
        items = "".join(
            f'<li>{self.link(d)}<span class="date">{self.fmt(d.published)}</span></li>'
            for d in latest
        )
        charset = "gb2312" if self.encoding != "utf-8" else "utf-8"
        return f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{escape(self.spec.name)}</title></head>
<body><div class="header"><h1>{escape(self.spec.name)}</h1></div>
<div class="nav"><a href="{self.homepage_path}">首页</a> <a href="{self.directory_path}">{self.directory_label}</a> <a href="/search/">站内搜索</a> {extra_links}</div>
<div class="latest"><h2>最新动态</h2><ul>{items}</ul></div>
<div class="footer">主办：{escape(self.spec.name)}　网站标识码：{hexid(self.spec.site_id, n=10)}</div>
</body></html>
"""

    def render(self) -> SiteFiles:
        self.assign_paths()
        self.put("/robots.txt", ROBOTS.encode())
        self.render_directory()
        for col in self.spec.columns:
            self.out.columns.append(
                {
                    "name": col.name,
                    "kind": col.kind,
                    "url": self.column_path(col),
                    "department": col.department,
                    "stated_count": None,  # set by a renderer whose list states its item count
                }
            )
            self.render_column(col, [d for d in self.by_column[col.key]])
        for doc in self.docs:
            if doc.has_page:
                self.put(doc.path, self.render_detail(doc))
        self.write_assets()
        self.out.config.setdefault("family", self.family)
        self.out.config.setdefault("homepage", self.homepage_path)
        return self.out

    def paginate(self, docs: list[Doc], per_page: int, page_url) -> list[list[Doc]]:
        """Split a column into list pages; a listed document without a page is a dead link."""
        pages = chunks(docs, per_page)
        for i, page in enumerate(pages):
            for doc in page:
                if not doc.has_page:
                    self.out.dead_links.append(
                        {"url": doc.path, "found_on": page_url(i), "kind": "page"}
                    )
        return pages


def chunks(items: list, size: int) -> list[list]:
    return [items[i : i + size] for i in range(0, len(items), size)] or [[]]


TABLE_FIELDS = (
    "index_no",
    "topic",
    "issuer",
    "title",
    "written",
    "doc_no",
    "published",
    "validity",
    "disclosure",
)


def table_cells(renderer: SiteRenderer, doc: Doc, labels: dict[str, str]) -> list[tuple[str, str]]:
    """(label, shown value) for each 信息公开 attribute this document displays, in table order."""
    values = {
        "index_no": doc.index_no_raw,
        "topic": doc.topic,
        "issuer": doc.issuer,
        "title": doc.title,
        "written": renderer.fmt(doc.written) if doc.written else None,
        "doc_no": doc.doc_no_raw,
        "published": renderer.fmt(doc.published),
        "validity": doc.validity,
        "disclosure": None if doc.disclosure_in_body else doc.disclosure_raw,
    }
    return [(labels[f], values[f]) for f in TABLE_FIELDS if f in labels and values[f]]


def metadata_block(cells: list[tuple[str, str]], shape: str) -> str:
    """The 信息公开 block in one of the list-like shapes of LAYOUTS §1 (1c, 1d)."""
    if shape == "li":  # 1c: label in a <span>, value as the text after it
        items = "".join(f"<li><span>{k}</span>{escape(v)}</li>" for k, v in cells)
        return f'<ul class="xxgk-info">{items}</ul>'
    if shape == "dl":  # 1d: dl/dt/dd
        items = "".join(f"<dt>{k}</dt><dd>{escape(v)}</dd>" for k, v in cells)
        return f'<dl class="xxgk-dl">{items}</dl>'
    if shape == "div":  # 1d: div rows, label and value spans, labels without a colon
        return "".join(
            f'<div class="row"><span class="label">{k.rstrip(":：")}</span>'
            f'<span class="value">{escape(v)}</span></div>'
            for k, v in cells
        )
    raise ValueError(f"unknown metadata block shape {shape!r}")
