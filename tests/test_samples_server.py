"""The sample server answers as real sites do: encodings, status codes, paging endpoints."""

from __future__ import annotations

import http.client
import json
import re
from urllib.parse import urlsplit

import pytest

from .conftest import read_csv


def fetch(site, url: str, method: str = "GET", body: str | None = None):
    parts = urlsplit(url)
    conn = http.client.HTTPConnection("127.0.0.1", site.port, timeout=10)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    headers = {"Content-Type": "application/x-www-form-urlencoded"} if body else {}
    conn.request(method, path, body=body, headers=headers)
    resp = conn.getresponse()
    data = resp.read()
    conn.close()
    return resp.status, dict(resp.getheaders()), data


def test_every_site_serves_robots_and_a_homepage_with_a_disclosure_entry(sample_sites):
    for site in sample_sites.values():
        status, _, robots = fetch(site, "/robots.txt")
        assert status == 200 and b"User-agent" in robots
        status, headers, page = fetch(site, "/")
        assert status == 200
        text = page.decode(site.config["encoding"])
        assert re.search("政务公开|信息公开", text), site.site_id


def test_every_document_in_the_key_answers_200(sample_sites, truth_documents):
    for doc in truth_documents:
        status, _, _ = fetch(sample_sites[doc["site_id"]], doc["url"], method="HEAD")
        assert status == 200, doc["url"]


def test_every_dead_link_in_the_key_answers_404(sample_sites):
    for link in read_csv("dead_links.csv"):
        status, _, _ = fetch(sample_sites[link["site_id"]], link["url"])
        assert status == 404, link


def test_every_column_list_answers_200(sample_sites):
    for col in read_csv("columns.csv"):
        status, _, _ = fetch(sample_sites[col["site_id"]], col["url"])
        assert status == 200, col


def test_legacy_site_sends_gbk_without_charset_and_sometimes_a_wrong_one(sample_sites):
    site = sample_sites["shiling"]
    wrong = site.config["wrong_charset"]
    status, headers, body = fetch(site, wrong[0])
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    assert "发布时间" in body.decode("gbk")
    right = next(
        d for d in read_csv("documents.csv") if d["site_id"] == "shiling" and d["url"] not in wrong
    )
    _, headers, body = fetch(site, right["url"])
    assert headers["Content-Type"] == "text/html"
    assert right["title"].split("<")[0][:6] in body.decode("gbk")


def test_redirect_loop_and_calendar_trap(sample_sites):
    site = sample_sites["shiling"]
    status, headers, _ = fetch(site, "/old/")
    assert status == 302 and headers["Location"] == "/old/index.asp"
    status, headers, _ = fetch(site, "/old/index.asp")
    assert status == 302 and headers["Location"] == "/old/"
    _, _, page = fetch(site, "/calendar.asp?d=2031-01-01")
    assert 'href="?d=2031-01-02"' in page.decode("gbk")


def test_hanweb_dataproxy_pages_through_records(sample_sites):
    site = sample_sites["quanyang"]
    column = next(
        c for c in read_csv("columns.csv") if c["site_id"] == "quanyang" and c["kind"] == "news"
    )
    colid = re.search(r"col(\d+)", column["url"]).group(1)
    status, headers, body = fetch(
        site,
        f"/module/web/jpage/dataproxy.jsp?col=1&columnid={colid}",
        method="POST",
        body="startrecord=46&endrecord=60&perpage=15",
    )
    assert status == 200 and headers["Content-Type"].startswith("text/xml")
    xml = body.decode("utf-8")
    assert f"<totalrecord>{column['item_count']}</totalrecord>" in xml
    assert xml.count("<record>") == 15


def test_gkmlpt_list_comes_from_the_json_api(sample_sites):
    site = sample_sites["lingnan"]
    column = next(
        c for c in read_csv("columns.csv") if c["site_id"] == "lingnan" and c["kind"] == "policy"
    )
    _, _, shell = fetch(site, column["url"])
    assert "/content/" not in shell.decode()  # no links in the HTML: they come from the API
    classify = column["url"].rsplit("/", 1)[1]
    status, headers, body = fetch(site, f"/gkmlpt/api/all/{classify}?page=1")
    payload = json.loads(body)
    assert status == 200 and headers["Content-Type"].startswith("application/json")
    assert payload["total"] == int(column["item_count"])
    assert payload["articles"][0]["url"].startswith(f"http://127.0.0.1:{site.port}/gkmlpt/content/")
    status, _, _ = fetch(site, "/gkmlpt/api/all/999")
    assert status == 404


def test_path_traversal_is_refused(sample_sites):
    status, _, _ = fetch(sample_sites["nhc"], "/../../server.json")
    assert status == 404
