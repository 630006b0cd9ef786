"""Requests held to public addresses: every spelling of an address, and a name by the address it
resolves to (crawlers/addresses.py, crawlers/middlewares.py ScopeMiddleware)."""

from __future__ import annotations

import ipaddress
import socket

import pytest

from crawlers.addresses import host_address, is_private_host
from crawlers.profiles import ProfileError, load_profiles

from .conftest import run_zwgk
from .support.db import query
from .support.fragile import fragile_server

HOSTS = [
    # (host as a URL writes it, private?)
    ("127.0.0.1", True),
    ("127.1", True),  # short form
    ("2130706433", True),  # decimal
    ("0x7f.1", True),  # hex
    ("0177.0.0.1", True),  # octal
    ("[::1]", True),
    ("[::ffff:127.0.0.1]", True),  # IPv4-mapped IPv6
    ("10.0.0.7", True),
    ("172.16.3.4", True),
    ("192.168.1.1", True),
    ("169.254.169.254", True),  # link-local: cloud metadata
    ("100.64.0.1", True),  # shared address space
    ("0.0.0.0", True),
    ("localhost", True),
    ("LOCALHOST.", True),
    ("intranet.localhost", True),
    ("8.8.8.8", False),
    ("134.175.1.1", False),
    ("wsjkw.sh.gov.cn", False),  # a name: judged by what it resolves to
    ("1a2b.gov.cn", False),
]


@pytest.mark.parametrize(("host", "private"), HOSTS)
def test_every_spelling_of_an_address(host, private):
    assert is_private_host(host) is private


def test_numeric_spellings_are_the_same_address():
    loopback = ipaddress.ip_address("127.0.0.1")
    for host in ("127.1", "2130706433", "0x7f.1", "0177.0.0.1", "[::ffff:127.0.0.1]"):
        assert host_address(host) == loopback, host
    assert host_address("wsjkw.sh.gov.cn") is None


@pytest.mark.parametrize("homepage", ["http://127.1/", "http://2130706433/", "http://0x7f.1:8080/"])
def test_a_profile_on_a_numeric_private_address_is_refused(tmp_path, homepage):
    sites = tmp_path / "sites.toml"
    sites.write_text(f'[[site]]\nid = "a"\nname = "A"\nhomepage = "{homepage}"\n', encoding="utf-8")
    with pytest.raises(ProfileError, match="private, loopback or link-local"):
        load_profiles(sites)


def private_name() -> str:
    """This machine's host name, when it resolves to a private address (as /etc/hosts here
    makes it: 127.0.0.1)."""
    name = socket.gethostname()
    try:
        address = ipaddress.ip_address(socket.gethostbyname(name))
    except OSError:
        pytest.skip(f"{name} does not resolve here")
    if address.is_global:
        pytest.skip(f"{name} resolves to a public address ({address}) here")
    return name


def crawl(tmp_path, homepage: str, private_network: bool):
    sites = tmp_path / "sites.toml"
    sites.write_text(
        f'[[site]]\nid = "s"\nname = "S"\nhomepage = "{homepage}"\n'
        + ("private_network = true\n" if private_network else ""),
        encoding="utf-8",
    )
    db = tmp_path / "s.duckdb"
    result = run_zwgk("crawl", "--sites", str(sites), "--db", str(db), "--no-progress")
    return result, db


def test_a_name_resolving_to_a_private_address_is_refused(tmp_path):
    name = private_name()
    with fragile_server("private_redirect") as base:
        port = base.rsplit(":", 1)[1]
        result, db = crawl(tmp_path, f"http://{name}:{port}/", private_network=False)
    assert result.returncode == 3, result.stderr[-2000:]
    (outcome, error), *_ = query(db, "select outcome, error from link_checks")
    assert outcome == "refused"
    assert f"{name} resolves to 127.0.0.1" in error
    assert query(db, "select count(*) from documents") == [(0,)]


def test_a_redirect_to_a_private_name_is_refused(tmp_path):
    """The site's own host is allowed (a local test site); the name its column redirects to is not
    one of its hosts, and resolves to a private address."""
    name = private_name()
    with fragile_server("private_redirect") as base:
        result, db = crawl(tmp_path, base + "/", private_network=True)
    assert result.returncode == 3, result.stderr[-2000:]
    checks = dict(query(db, "select url, outcome || ': ' || coalesce(error, '') from link_checks"))
    assert checks[f"{base}/zwgk/tzgg/"].startswith("refused")
    assert f"{name} resolves to" in checks[f"{base}/zwgk/tzgg/"]


def test_an_operators_proxy_resolves_names_itself(monkeypatch):
    """Behind the office's http_proxy the crawl cannot resolve names itself: the proxy does, and
    only the URL's text is checked (still no 10.x or 127.1 written in a URL)."""
    from crawlers.middlewares import ScopeMiddleware

    for key in ("https_proxy", "HTTPS_PROXY", "HTTP_PROXY", "NO_PROXY"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("http_proxy", "http://proxy.office.example:3128")
    monkeypatch.setenv("no_proxy", "intranet.example")
    scope = ScopeMiddleware(crawler=None)
    assert scope.proxied("http", "wsjkw.sh.gov.cn")
    assert not scope.proxied("http", "intranet.example")
    assert not scope.proxied("https", "wsjkw.sh.gov.cn")
