"""`zwgk sites check`: first contact with the six samples, the county portal, and sites that
refuse (a firewall's page, 403, a page that is only JavaScript), redirect elsewhere or are dead;
every row right, the CSV written and the registry updated."""

from __future__ import annotations

import csv
import socket

import pytest

from crawlers.profiles import load_profiles
from crawlers.registry import sitesfile
from tests.conftest import read_csv, run_zwgk
from tests.support.pages_server import serve_answers, serve_pages

pytestmark = pytest.mark.slow

WAF_PAGE = (
    "<html><head><title>访问被拦截 - 网站防火墙</title></head><body>您的访问被拦截</body></html>"
)
JS_PAGE = (
    '<html><head><title>卫生健康委</title><script src="/app.js"></script></head>'
    '<body><div id="app"></div><script>render()</script></body></html>'
)


def answering(status: int, **headers: str):
    """A site that answers every path with `status` and `headers` (PORT: its own port)."""
    port = []
    server = serve_answers(
        lambda path: (status, {k: v.replace("PORT", str(port[0])) for k, v in headers.items()}, "")
    )
    port.append(server.server_address[1])
    return server


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def checked(sample_sites, tmp_path_factory):
    from samples import server

    tmp = tmp_path_factory.mktemp("check")
    (portal,) = server.start(server.load_sites(server.PORTALS_DIR), port=0)
    waf = serve_pages(lambda path: WAF_PAGE)
    js = serve_pages(lambda path: JS_PAGE)
    forbidden = answering(403)
    moved = answering(301, Location="http://localhost:PORT/index.html")
    extra = {
        "waf": ("某市卫生健康委员会", f"http://127.0.0.1:{waf.server_address[1]}/"),
        "js": ("某县卫生健康局", f"http://127.0.0.1:{js.server_address[1]}/"),
        "forbidden": ("某区卫生健康局", f"http://127.0.0.1:{forbidden.server_address[1]}/"),
        "moved": ("某州卫生健康局", f"http://127.0.0.1:{moved.server_address[1]}/"),
        "dead": ("某旗卫生健康局", f"http://127.0.0.1:{closed_port()}/"),
    }
    levels = {r["site_id"]: r["level"] for r in read_csv("sites.csv")}
    lines = ["# the assessor's registry: this comment stays", ""]
    for s in sample_sites.values():
        lines += ["[[site]]", f'id = "{s.site_id}"', f'name = "{s.config["name"]}"']
        lines += [f'level = "{levels[s.site_id]}"', f'homepage = "{s.homepage_url}"']
        lines += ["private_network = true", "verified = false", ""]
    lines += ["[[site]]", 'id = "yunxiu-wjj"', 'name = "云岫县卫生健康局"', 'level = "county"']
    lines += [f'portal = "{portal.homepage_url}"', "private_network = true", ""]
    for site_id, (name, url) in extra.items():
        lines += ["[[site]]", f'id = "{site_id}"', f'name = "{name}"', f'homepage = "{url}"']
        lines += ["private_network = true", "verified = true", ""]
    registry = tmp / "registry.toml"
    registry.write_text("\n".join(lines), encoding="utf-8")
    out = tmp / "first-contact.csv"
    result = run_zwgk("sites", "check", "--sites", str(registry), "--csv", str(out), "--progress")
    for s in (waf, js, forbidden, moved):
        s.shutdown()
    server.stop([portal])
    assert result.returncode == 0, result.stderr[-3000:]
    with out.open(encoding="utf-8-sig") as f:
        rows = {r["site_id"]: r for r in csv.DictReader(f)}
    return registry, rows, result, portal


def test_every_sample_answers_with_its_family_entry_and_columns(checked):
    _, rows, result, _ = checked
    for site in read_csv("sites.csv"):
        row = rows[site["site_id"]]
        assert (row["result"], row["reason"], row["family"]) == ("ok", "", site["family"])
        assert row["entry"] and row["status"] == "200"
        assert "policy" in row["column_kinds"] and "interpretation" in row["column_kinds"]
    # a column the key's directory lacks is named as missing (黔溪 has no 公开制度 column)
    assert "公开制度" in rows["qianxi"]["required_missing"]
    assert "sites checked" in result.stderr  # the progress bar


def test_the_bureau_inside_its_portal_is_found_with_its_section(checked):
    _, rows, _, portal = checked
    row = rows["yunxiu-wjj"]
    assert (row["result"], row["family"], row["scope"]) == ("ok", "trs", "/bm/wjj/")
    assert row["entry"] == portal.base_url + "/bm/wjj/index.html"
    assert row["columns"] == "通知公告；政策文件；政策解读；工作动态"


@pytest.mark.parametrize(
    "site_id, result, reason, needs",
    [
        ("waf", "refused", "waf", "firewall"),
        ("forbidden", "refused", "forbidden", "User-Agent"),
        ("js", "refused", "javascript", "browser"),
        ("moved", "redirected", "redirect", "new address"),
        ("dead", "dead", "dead", "try again later"),
    ],
)
def test_a_site_that_cannot_be_read_is_named_with_why_and_what_a_crawl_needs(
    checked, site_id, result, reason, needs
):
    _, rows, out, _ = checked
    row = rows[site_id]
    assert (row["result"], row["reason"]) == (result, reason)
    assert needs in row["needs"]
    assert f"  {site_id} (" in out.stdout
    if site_id == "moved":
        assert row["redirected_to"].startswith("http://localhost:")


def test_the_registry_records_what_was_found_and_when(checked):
    registry, rows, _, portal = checked
    text = registry.read_text(encoding="utf-8")
    assert text.startswith("# the assessor's registry: this comment stays")
    tables = {b.id: b.table for b in sitesfile.read(registry).blocks}
    for site_id, row in rows.items():
        table = tables[site_id]
        assert table["checked_at"] == row["checked_at"]
        assert table["check"].startswith(row["result"])
        assert table["verified"] is (row["result"] == "ok")
        assert ("verified_at" in table) is (row["result"] == "ok")
    assert tables["jiangan"]["entry"] == rows["jiangan"]["entry"]
    assert tables["jiangan"]["family"] == "trs"
    assert tables["yunxiu-wjj"]["scope"] == ["/bm/wjj/"]
    assert "waf" in tables["waf"]["check"]
    profiles = {p.id: p for p in load_profiles(registry)}  # still a sites file the crawl reads
    assert profiles["yunxiu-wjj"].scope == ("/bm/wjj/",)


def test_a_check_stopped_midway_records_nothing_for_the_sites_it_did_not_reach(tmp_path):
    from crawlers.spiders.first_contact import ContactResult
    from zwgk.sites import record

    registry = tmp_path / "registry.toml"
    registry.write_text(
        '[[site]]\nid = "a"\nname = "甲县卫生健康局"\nhomepage = "https://a.example.gov.cn/"\n'
        'verified = true\nverified_at = "2026-11-01"\ncheck = "ok"\n\n'
        '[[site]]\nid = "b"\nname = "乙县卫生健康局"\nhomepage = "https://b.example.gov.cn/"\n',
        encoding="utf-8",
    )
    results = {
        "a": ContactResult(
            "a",
            "甲县卫生健康局",
            "https://a.example.gov.cn/",
            "2026-12-06T10:00:00",
            result="unchecked",
        ),
        "b": ContactResult(
            "b",
            "乙县卫生健康局",
            "https://b.example.gov.cn/",
            "2026-12-06T10:00:00",
            result="dead",
            reason="dead",
        ),
    }
    assert record(registry, results) == 1
    tables = {b.id: b.table for b in sitesfile.read(registry).blocks}
    assert tables["a"]["verified"] is True and tables["a"]["verified_at"] == "2026-11-01"
    assert tables["b"]["verified"] is False and tables["b"]["check"].startswith("dead")
