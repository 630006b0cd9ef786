"""A county bureau that lives in its county's portal: the crawl stores the bureau's documents,
exactly those the key names, and nothing of the other departments or of the county's catalogue."""

from __future__ import annotations

import duckdb
import pytest

from crawlers.profiles import ProfileError, load_profiles
from crawlers.sections import section_scope
from tests.conftest import read_csv, run_zwgk

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def portal():
    from samples import server

    sites = server.start(server.load_sites(server.PORTALS_DIR), port=0)
    yield sites[0]
    server.stop(sites)


def test_a_profile_naming_only_the_portal_and_the_bureau_stores_exactly_the_bureau(
    portal, tmp_path
):
    sites = tmp_path / "sites.toml"
    sites.write_text(
        f"""[[site]]
id = "yunxiu-wjj"
name = "云岫县卫生健康局"
portal = "{portal.homepage_url}"
level = "county"
private_network = true
""",
        encoding="utf-8",
    )
    db = tmp_path / "audit.duckdb"
    result = run_zwgk("crawl", "--sites", str(sites), "--db", str(db), "--no-progress")
    assert result.returncode == 0, result.stderr[-3000:]

    key = read_csv("portal_documents.csv")
    bureau = {portal.base_url + r["url"] for r in key if r["bureau"] == "1"}
    others = {portal.base_url + r["url"] for r in key if r["bureau"] == "0"}
    with duckdb.connect(str(db), read_only=True) as con:
        stored = {u for (u,) in con.execute("select url from documents").fetchall()}
        listed = {u for (u,) in con.execute("select item_url from listings").fetchall()}
        columns = {n for (n,) in con.execute("select name from columns").fetchall()}
        (homepage,) = con.execute("select homepage from sites").fetchone()
    assert stored == bureau  # 74 pages over four columns, three of them paged by createPage
    assert not listed & others  # the county document its 通知公告 shows is not the bureau's
    assert columns == {"通知公告", "政策文件", "政策解读", "工作动态"}
    # its homepage is its section's page (what 首页更新 reads), not the county portal's
    assert homepage == portal.base_url + "/bm/wjj/index.html"


def test_the_section_is_the_path_of_the_bureau_page():
    cases = [
        ("http://x.gov.cn/bm/wjj/index.html", ("/bm/wjj/",)),
        ("http://x.gov.cn/bm/wjj/", ("/bm/wjj/",)),
        ("http://x.gov.cn/zfxxgk/bm/xwjj/index.shtml", ("/zfxxgk/bm/xwjj/",)),
        # real sections (../shared/registry/pages_attestations.csv): 长春, 大渡口, 江津, 合水, 泰州
        ("http://zwgk.changchun.gov.cn/zcbm/swjw_3974/index.html", ("/zcbm/swjw_3974/",)),
        ("http://www.ddk.gov.cn/bm/qwsjkw/index.html", ("/bm/qwsjkw/",)),
        ("http://www.jiangjin.gov.cn/bm/qwsjkw_69019/", ("/bm/qwsjkw_69019/",)),
        ("https://www.hsxzf.gov.cn/wjj/index.html", ("/wjj/",)),
        ("https://www.cmc.gov.cn/zfxxgk/wsjkwyh/index.html", ("/zfxxgk/wsjkwyh/",)),
        # a node of a shared tree: no path of its own, the profile must give the scope
        ("http://x.gov.cn/col/col12345/index.html", ()),
        ("http://x.gov.cn/index.html", ()),
    ]
    for url, scope in cases:
        assert section_scope(url) == scope, url


def test_a_section_homepage_needs_its_scope(tmp_path):
    sites = tmp_path / "sites.toml"
    sites.write_text(
        """[[site]]
id = "a"
name = "某县卫生健康局"
portal = "https://www.example.gov.cn/"
homepage = "https://www.example.gov.cn/bm/wjj/index.html"
""",
        encoding="utf-8",
    )
    with pytest.raises(ProfileError, match="scope"):
        load_profiles(sites)
    sites.write_text(sites.read_text(encoding="utf-8") + 'scope = ["/bm/wjj/"]\n', encoding="utf-8")
    (profile,) = load_profiles(sites)
    assert profile.in_scope("https://www.example.gov.cn/bm/wjj/tzgg/t1.html")
    assert not profile.in_scope("https://www.example.gov.cn/zwgk/zcwj/t2.html")
