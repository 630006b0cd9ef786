"""The 公开目录: every column it lists, whatever its name, with its department; sub-levels."""

from __future__ import annotations

from scrapy.http import HtmlResponse, Request

from crawlers.directory import column_links
from crawlers.families import FAMILIES
from crawlers.spiders.disclosure import DisclosureSpider

DIRECTORY = """<html><body>
<div class="nav"><a href="/">首页</a> <a href="/zwgk/">政务公开</a> <a href="/search/">站内搜索</a></div>
<div class="tree"><h3>政府信息公开目录</h3>
<div class="dept"><h4>省卫生健康委</h4><ul>
  <li><a href="/col/col11/index.html">政策文件</a></li>
  <li><a href="/col/col12/index.html">政策解读</a></li>
  <li><a href="/col/col13/index.html">机构职能</a></li>
</ul></div>
<div class="dept"><h4>省疾控局</h4><ul>
  <li><a href="/col/col21/index.html">政策文件</a></li>
  <li><a href="/col/col22/index.html">食品抽检信息</a></li>
  <li><a href="/col/col23/index.html">表彰奖励</a></li>
</ul></div></div>
<div class="hot"><ul><li><a href="/art/2024/5/10/art_11_99.html">关于印发某某方案的通知</a></li></ul></div>
<div class="footer"><a href="http://other.gov.cn/">国务院</a></div>
</body></html>"""


def links(html: str, *, directory: bool = True) -> list[tuple]:
    return [
        (
            ln.url.removeprefix("https://wsjkw.example.gov.cn"),
            ln.name,
            ln.kind,
            ln.department,
            ln.entry,
        )
        for ln in column_links(
            html,
            "https://wsjkw.example.gov.cn/zwgk/",
            lambda url: url.startswith("https://wsjkw.example.gov.cn/"),
            directory=directory,
        )
    ]


def test_every_column_the_directory_lists_with_its_department():
    assert links(DIRECTORY) == [
        ("/zwgk/", "政务公开", None, None, True),
        ("/col/col11/index.html", "政策文件", "policy", "省卫生健康委", False),
        ("/col/col12/index.html", "政策解读", "interpretation", "省卫生健康委", False),
        ("/col/col13/index.html", "机构职能", "other", "省卫生健康委", False),
        # the same name under another department is another column
        ("/col/col21/index.html", "政策文件", "policy", "省疾控局", False),
        ("/col/col22/index.html", "食品抽检信息", "other", "省疾控局", False),
        ("/col/col23/index.html", "表彰奖励", "other", "省疾控局", False),
    ]


def test_the_homepage_names_only_the_columns_it_knows():
    assert [name for _, name, kind, _, _ in links(DIRECTORY, directory=False) if kind] == [
        "政策文件",
        "政策解读",
        "政策文件",
    ]


def spider(tmp_path) -> DisclosureSpider:
    sites = tmp_path / "sites.toml"
    sites.write_text(
        '[[site]]\nid = "x"\nname = "某省卫生健康委"\nhomepage = "https://wsjkw.example.gov.cn/"\n',
        encoding="utf-8",
    )
    return DisclosureSpider(sites=str(sites))


def column_page(url: str, html: str, **meta) -> HtmlResponse:
    request = Request(
        url,
        meta={
            "site_id": "x",
            "column_name": "政务公开目录",
            "column_kind": "other",
            "discovered_from": "https://wsjkw.example.gov.cn/zwgk/",
            **meta,
        },
    )
    return HtmlResponse(url, body=html.encode("utf-8"), encoding="utf-8", request=request)


def test_a_column_page_that_lists_sub_columns_is_followed_to_a_bounded_depth(tmp_path):
    s = spider(tmp_path)
    url = "https://wsjkw.example.gov.cn/col/col10/index.html"
    requests = list(s.parse_column(column_page(url, DIRECTORY, department="办公室")))
    followed = {
        (r.url.rsplit("/", 2)[-2], r.meta["column_kind"], r.meta["sub_depth"]) for r in requests
    }
    assert ("col13", "other", 1) in followed and ("col22", "other", 1) in followed
    assert len(followed) == 6
    # one level further down nothing is followed any more
    deeper = column_page(url.replace("col10", "col13"), DIRECTORY, sub_depth=0)
    assert list(spider(tmp_path).parse_column(deeper)) == []


def test_a_column_whose_rows_cannot_be_read_is_said_and_not_recorded(tmp_path, caplog):
    url = "https://wsjkw.example.gov.cn/gkmlpt/column/2"
    shell = "<div id='list'></div><script>var api = '/gkmlpt/api/all/' + CLASSIFY_ID;</script>"
    with caplog.at_level("WARNING"):
        out = list(spider(tmp_path).parse_column(column_page(url, shell, column_name="政策文件")))
    assert out == []  # no column row (it would say the column lists nothing) and no request
    [said] = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert said.startswith("x: column 政策文件: its rows come from an address")
    assert said.endswith(f"; the column is left out of this crawl ({url})")


def test_a_shell_read_again_whose_rows_cannot_be_read_leaves_its_walk_incomplete(tmp_path, caplog):
    """Read again (its list failed), the shell now builds its list's address in script: said,
    and its walk is not complete, so nothing is concluded from the rows it did not show."""
    s = spider(tmp_path)
    url = "https://wsjkw.example.gov.cn/gkmlpt/column/2"
    first = "<div id='list'></div><script>var api = '/gkmlpt/api/all/2';</script>"
    [column, api] = list(s.parse_column(column_page(url, first, column_name="政策文件")))
    assert api.url == "https://wsjkw.example.gov.cn/gkmlpt/api/all/2?page=1"
    now = "<div id='list'></div><script>var api = '/gkmlpt/api/all/' + CLASSIFY_ID;</script>"
    again = HtmlResponse(
        url, body=now.encode(), encoding="utf-8", request=Request(url, meta=api.meta)
    )
    with caplog.at_level("WARNING"):
        out = list(s.parse_list_page(again))
    walk = s.walks[("x", column.column_url)]
    assert walk.failed_pages == 1 and not walk.complete
    assert not any(isinstance(o, type(column)) for o in out)  # the column's row is not rewritten
    assert [r.getMessage() for r in caplog.records if r.levelname == "WARNING"] == [
        f"x: column 政策文件: {FAMILIES['gkmlpt'].parse_list(url, now).unread}; "
        f"its walk is left incomplete, so nothing is concluded from the rows not shown ({url})"
    ]
