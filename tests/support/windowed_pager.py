"""A Hanweb-style column paged as index_N.html with a windowed pager, served on 127.0.0.1.

The shape real Hanweb portals print (首页 / 上一页 / up to nine numbered links around the current
page / 下一页 / 尾页, rows in a `<datastore>` script, 共N条 第n/m页), with the 下一页 link carrying
a fragment (`index_6.html#list`) beside the plain numbered link to the same page: one page under
two spellings, which Scrapy's duplicate filter drops the second of. tests/files/hanweb/
list_windowed_pager.html is page 5 as this writes it.
"""

from __future__ import annotations

from .pages_server import serve_pages

PAGES, PER = 27, 15
TOTAL = PAGES * PER - 5


def rows(n):
    out = []
    for k in range(PER):
        i = (n - 1) * PER + k
        if i >= TOTAL:
            break
        day = 28 - (i % 27)
        month = 12 - (i // 27) % 12
        art = 900000 - i
        t = f"关于做好第{i + 1}批卫生健康工作的通知"
        out.append(
            f'<record><![CDATA[\n<li><a href="/art/2024/{month}/{day}/art_5678_{art}.html" title="{t}" target="_blank">{t}</a><span>2024-{month:02d}-{day:02d}</span></li>]]></record>'
        )
    return "\n".join(out)


def page_name(n):
    return "index.html" if n == 1 else f"index_{n}.html"


def pager(n):
    parts = [f"<span>共{TOTAL}条 第{n}/{PAGES}页</span>", f'<a href="{page_name(1)}">首页</a>']
    if n > 1:
        parts.append(f'<a href="{page_name(n - 1)}">上一页</a>')
    lo = max(1, min(n - 4, PAGES - 8))
    hi = min(PAGES, lo + 8)
    for k in range(lo, hi + 1):
        parts.append(f"<b>{k}</b>" if k == n else f'<a href="{page_name(k)}">{k}</a>')
    if n < PAGES:
        parts.append(f'<a href="{page_name(n + 1)}#list">下一页</a>')
    parts.append(f'<a href="{page_name(PAGES)}">尾页</a>')
    return " ".join(parts)


def list_page(n):
    nxt = (
        f'<nextgroup><![CDATA[<a href="/col/col5678/{page_name(n + 1)}"></a>]]></nextgroup>'
        if n < PAGES
        else ""
    )
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><meta name="ColumnName" content="通知公告"><title>通知公告_某市卫生健康委员会</title></head>
<body><div class="bt-position">当前位置：<a href="/">首页</a> &gt; 通知公告</div>
<div class="default_pgContainer" id="4821"><script type="text/xml"><datastore>
{nxt}
<recordset>
{rows(n)}
</recordset></datastore></script></div>
<div class="default_pgPanel">{pager(n)}</div>
</body></html>"""


def detail(path):
    art = path.rsplit("_", 1)[1].split(".")[0]
    y, m, d = path.split("/")[2:5]
    return f"""<html><head><meta charset="utf-8"><title>关于做好卫生健康工作的通知{art}</title></head><body>
<div class="title">关于做好卫生健康工作的通知{art}</div><div>发布日期：{y}-{int(m):02d}-{int(d):02d}</div>
<div id="zoom"><!--ZJEG_RSS.content.begin--><p>各有关单位：现将有关事项通知如下。</p><!--ZJEG_RSS.content.end--></div></body></html>"""


def page_at(path: str) -> str | None:
    """The site's page at a path: the homepage, the column's list pages, the articles."""
    if path == "/":
        return '<html><body><a href="/col/col5678/">通知公告</a></body></html>'
    if path.startswith("/col/col5678/"):
        name = path.rsplit("/", 1)[1]
        n = 1 if name in ("index.html", "") else int(name[6:-5])
        return list_page(n) if 1 <= n <= PAGES else None
    if path.startswith("/art/"):
        return detail(path)
    return None


def serve():
    return serve_pages(page_at)
