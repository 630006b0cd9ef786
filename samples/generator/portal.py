"""A county portal whose health bureau has no site of its own (the shape of most county bureaus).

云岫县人民政府's portal (TRS, as 重庆's district portals): a top menu with 政务公开 (the county's
own catalogue) and 部门信息公开 (the department directory); each department's section under
`/bm/<dept>/` with its columns; lists paged only by `createPage(N, i, "index", "html")`; the
bureau's pages link to other departments' pages and to the county's catalogue, and one of its
lists shows a county document. The key (samples/truth/portal_documents.csv) says which pages
are the bureau's: exactly those in its section.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from html import escape

from samples.generator.specs import AS_OF

PORTAL_ID = "yunxiu"
COUNTY = "云岫县"
BUREAU = "云岫县卫生健康局"
PER_PAGE = 10
DEPARTMENTS = (  # (slug, name, items per column)
    ("jyj", "云岫县教育局", 6),
    ("wjj", BUREAU, 0),  # the bureau: its own counts below
    ("czj", "云岫县财政局", 5),
    ("mzj", "云岫县民政局", 7),
)
COLUMNS = (  # (slug, name, the bureau's items)
    ("tzgg", "通知公告", 23),
    ("zcwj", "政策文件", 12),
    ("zcjd", "政策解读", 8),
    ("gzdt", "工作动态", 31),
)
COUNTY_COLUMNS = (("zcwj", "政策文件", 14), ("tzgg", "通知公告", 9))
TOPICS = ("医疗卫生", "疾病预防控制", "妇幼健康", "基层卫生", "中医药", "爱国卫生", "老龄健康")


@dataclass
class Page:
    path: str
    title: str
    published: dt.date
    owner: str  # the department's name, or the county's
    column: str


def _header(title: str) -> str:
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{escape(title)}</title></head>'
        '<body><div class="top-nav"><a href="/index.html">首页</a> <a href="/zwgk/index.html">'
        '政务公开</a> <a href="/bm/index.html">部门信息公开</a> <a href="/bsfw/index.html">政务服务'
        '</a> <a href="/hdjl/index.html">互动交流</a></div>'
    )


def _list_page(title: str, pages: list[Page], i: int, n: int) -> str:
    rows = "".join(
        f'<li><a href="{p.path}" title="{escape(p.title)}">{escape(p.title)}</a>'
        f"<span>{p.published.isoformat()}</span></li>"
        for p in pages
    )
    return (
        _header(title)
        + f'<div class="crumb">当前位置：{escape(title)}</div><ul class="list">{rows}</ul>'
        f'<div class="page"><script>createPage({n}, {i}, "index", "html");</script></div>'
        "</body></html>"
    )


def _detail(page: Page, index_no: str, related: list[Page], others: list[tuple[str, str]]) -> str:
    links = "".join(f'<li><a href="{r.path}">{escape(r.title)}</a></li>' for r in related)
    menu = "".join(f'<li><a href="/bm/{slug}/index.html">{name}</a></li>' for slug, name in others)
    return (
        _header(page.title) + f'<div class="left"><h3>其他部门</h3><ul>{menu}</ul></div>'
        '<table class="xxgk">'
        f"<tr><td>索引号：</td><td>{index_no}</td><td>发布机构：</td><td>{escape(page.owner)}</td></tr>"
        f"<tr><td>成文日期：</td><td>{page.published.isoformat()}</td>"
        f"<td>发布日期：</td><td>{page.published.isoformat()}</td></tr></table>"
        f'<h1 class="title">{escape(page.title)}</h1>'
        f'<div class="TRS_Editor"><p>{escape(page.owner)}：{escape(page.title)}。'
        "各有关单位要高度重视，认真抓好落实。</p></div>"
        f'<div class="xglj"><h4>相关链接</h4><ul>{links}</ul></div></body></html>'
    )


def _titles(rng: random.Random, owner: str, column: str, n: int) -> list[str]:
    short = owner.removeprefix(COUNTY)
    out = []
    for i in range(n):
        topic = rng.choice(TOPICS) if "卫生" in owner else column
        if column == "政策解读":
            out.append(f"《关于做好{topic}工作的通知》政策解读（{i + 1}）")
        elif column == "政策文件":
            out.append(f"{short}关于印发{topic}工作方案的通知（{i + 1}）")
        elif column == "通知公告":
            out.append(f"{short}关于{topic}有关事项的公告（{i + 1}）")
        else:
            out.append(f"{short}开展{topic}专项活动（{i + 1}）")
    return out


def _dates(rng: random.Random, n: int) -> list[dt.date]:
    start = AS_OF - dt.timedelta(days=600)
    return sorted((start + dt.timedelta(days=rng.randrange(600)) for _ in range(n)), reverse=True)


def build_portal(seed: int = 1) -> tuple[dict[str, str], list[dict]]:
    """The portal's files (URL path → HTML) and the key's rows (one per document page)."""
    rng = random.Random(f"portal-{seed}")
    files: dict[str, str] = {}
    pages: dict[str, list[Page]] = {}  # list path → its pages
    doc_id = 1000
    owners = [(f"/bm/{slug}/", name, count) for slug, name, count in DEPARTMENTS]
    owners.append(("/zwgk/", f"{COUNTY}人民政府", 0))
    for base, owner, count in owners:
        columns = COUNTY_COLUMNS if base == "/zwgk/" else COLUMNS
        for slug, column, bureau_count in columns:
            n = bureau_count if owner == BUREAU or base == "/zwgk/" else count
            items = []
            for title, published in zip(
                _titles(rng, owner, column, n), _dates(rng, n), strict=True
            ):
                doc_id += 1
                path = f"{base}{slug}/{published:%Y%m}/t{published:%Y%m%d}_{doc_id}.html"
                items.append(Page(path, title, published, owner, column))
            pages[f"{base}{slug}/"] = items
    everything = [p for items in pages.values() for p in items]
    county = [p for p in everything if p.owner.endswith("人民政府")]
    strangers = [p for p in everything if p.owner not in (BUREAU,) and p not in county]
    # the bureau's 通知公告 also lists a county document (转发): shown there, never the bureau's
    bureau_notices = pages["/bm/wjj/tzgg/"]
    bureau_notices.insert(3, county[0])
    # lists, paged by createPage
    for list_path, items in pages.items():
        owner = items[-1].owner if items else ""
        column = next(
            (c for s, c, _ in (*COLUMNS, *COUNTY_COLUMNS) if list_path.endswith(f"/{s}/")), ""
        )
        chunks = [items[i : i + PER_PAGE] for i in range(0, len(items), PER_PAGE)] or [[]]
        for i, chunk in enumerate(chunks):
            name = "index.html" if i == 0 else f"index_{i}.html"
            files[list_path + name] = _list_page(f"{owner} {column}", chunk, i, len(chunks))
    # documents
    others = [(slug, name) for slug, name, _ in DEPARTMENTS]
    for n, page in enumerate(everything):
        related = (
            [strangers[n % len(strangers)], county[n % len(county)]] if page.owner == BUREAU else []
        )
        index_no = f"11500{n:04d}/{page.published.year}-{n:05d}"
        files[page.path] = _detail(
            page, index_no, related, [o for o in others if o[1] != page.owner]
        )
    # department pages, the directory, the county catalogue, the homepage
    for slug, name, _ in DEPARTMENTS:
        columns = "".join(
            f'<li><a href="/bm/{slug}/{s}/index.html">{c}</a></li>' for s, c, _ in COLUMNS
        )
        menu = "".join(
            f'<li><a href="/bm/{o}/index.html">{n}</a></li>' for o, n, _ in DEPARTMENTS if o != slug
        )
        files[f"/bm/{slug}/index.html"] = (
            _header(name) + f'<div class="bm-title"><h2>{name}</h2></div>'
            f'<div class="xxgk-lm"><h3>政府信息公开</h3><ul>{columns}</ul></div>'
            f'<div class="left"><h3>其他部门</h3><ul>{menu}</ul></div></body></html>'
        )
    directory = "".join(
        f'<li><a href="/bm/{slug}/index.html">{name.removeprefix(COUNTY) if slug == "wjj" else name}</a></li>'
        for slug, name, _ in DEPARTMENTS
    )
    files["/bm/index.html"] = (
        _header("部门信息公开")
        + f'<div class="bmlist"><h3>部门信息公开</h3><ul>{directory}</ul></div></body></html>'
    )
    catalogue = "".join(
        f'<li><a href="/zwgk/{s}/index.html">{c}</a></li>' for s, c, _ in COUNTY_COLUMNS
    )
    files["/zwgk/index.html"] = (
        _header(f"{COUNTY}政府信息公开")
        + f'<div class="xxgk-lm"><h3>政府信息公开目录</h3><ul>{catalogue}</ul></div>'
        '<div><a href="/bm/index.html">部门信息公开</a></div></body></html>'
    )
    news = "".join(
        f'<li><a href="{p.path}">{escape(p.title)}</a><span>{p.published}</span></li>'
        for p in county[:6]
    )
    files["/index.html"] = (
        _header(f"{COUNTY}人民政府")
        + f'<div class="news"><h3>要闻动态</h3><ul>{news}</ul></div></body></html>'
    )
    key = [
        {
            "site_id": PORTAL_ID,
            "url": p.path,
            "owner": p.owner,
            "column": p.column,
            "title": p.title,
            "published": p.published.isoformat(),
            "bureau": int(p.path.startswith("/bm/wjj/")),
        }
        for p in sorted(everything, key=lambda p: p.path)
    ]
    return files, key
