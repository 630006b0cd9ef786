"""Site profiles: one line per commission, clear errors, the real commissions marked unverified."""

from __future__ import annotations

import pytest

from crawlers.profiles import ProfileError, load_profiles

from .conftest import ROOT

SITES = ROOT / "crawlers" / "sites"


def test_samples_file_names_every_sample_site_by_homepage_alone():
    profiles = load_profiles(SITES / "samples.toml")
    assert sorted(p.id for p in profiles) == [
        "jiangan",
        "lingnan",
        "nhc",
        "qianxi",
        "quanyang",
        "shiling",
    ]
    assert all(p.is_local and not p.columns and p.family is None for p in profiles)


def test_real_commissions_are_listed_and_marked_unverified():
    profiles = {p.id: p for p in load_profiles(SITES / "commissions.toml")}
    assert {"nhc-gov", "zaozhuang", "qiannan", "zhongwei", "jinan"} <= set(profiles)
    assert not any(p.verified for p in profiles.values())
    assert not any(p.is_local for p in profiles.values())
    assert all((p.concurrency or 2) <= 2 for p in profiles.values())  # polite by default
    assert profiles["jinan"].family == "hanweb"


def test_only_selects_and_unknown_ids_are_named(tmp_path):
    assert [p.id for p in load_profiles(SITES / "samples.toml", only=["nhc"])] == ["nhc"]
    with pytest.raises(ProfileError, match="no site with id.*nope"):
        load_profiles(SITES / "samples.toml", only=["nope"])


def test_duplicate_ids_are_refused(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text(
        '[[site]]\nid="a"\nname="A"\nhomepage="http://a/"\n[[site]]\nid="a"\nname="B"\nhomepage="http://b/"\n'
    )
    with pytest.raises(ProfileError, match="duplicate id"):
        load_profiles(path)


GOOD = 'id = "x"\nname = "某县卫生健康局"\nhomepage = "https://wsjkw.example.gov.cn/"\n'


@pytest.mark.parametrize(
    "extra, message",
    [
        ('allow_hosts = "127.0.0.1"', 'allow_hosts must be a list of strings, e.g. ["a", "b"]'),
        ('allow_hosts = ["http://cdn.example.gov.cn/"]', "allow_hosts must list host names"),
        ('columns = "x"', 'columns must be a table of name = "list URL"'),
        (
            'columns = { "通知公告" = "file:///etc/hostname" }',
            "columns.通知公告 must be an http(s) URL",
        ),
        (
            'columns = { "通知公告" = "https://other.example.com/tzgg/" }',
            "columns.通知公告 is on other.example.com",
        ),
        ("max_pages = -1", "max_pages must be from 1 to 1e+07, got -1"),
        ("max_pages = 1.5", "max_pages must be a whole number"),
        ('concurrency = "2"', "concurrency must be a whole number from 1 to 16"),
        ("concurrency = 100", "concurrency must be from 1 to 16"),
        ("delay = -1", "delay must be from 0 to 600"),
        ("timeout = 0", "timeout must be from 0.1 to 600"),
        ("max_page_mb = 0", "max_page_mb must be from 0.01 to 1024"),
        ('verified = "no"', "verified must be true or false"),
        ("private_network = 1", "private_network must be true or false"),
        ('level = "city"', "level must be one of national, provincial, prefecture, county"),
        ('family = "wordpress"', "family must be one of"),
        ('as_of = "2026-13-01"', "as_of must be a date YYYY-MM-DD"),
        ("drop_query = [1]", "drop_query must be a list of strings"),
        ("region = 3", "region must be a non-empty string"),
        ("levle = 'county'", "unknown keys ['levle']"),
    ],
)
def test_every_bad_sites_file_value_is_named_in_one_line(tmp_path, extra, message):
    path = tmp_path / "sites.toml"
    path.write_text(f"[[site]]\n{GOOD}{extra}\n", encoding="utf-8")
    with pytest.raises(ProfileError) as caught:
        load_profiles(path)
    text = str(caught.value)
    assert text.startswith(f"{path}: site #1 (x): "), text
    assert message in text and "\n" not in text


@pytest.mark.parametrize(
    "table, message",
    [
        ('id = 5\nname = "A"\nhomepage = "https://a.gov.cn/"', "id must be letters, digits"),
        ('id = "a b"\nname = "A"\nhomepage = "https://a.gov.cn/"', "id must be letters, digits"),
        ('id = "a"\nname = ""\nhomepage = "https://a.gov.cn/"', "name must be a non-empty string"),
        ('id = "a"\nname = "A"\nhomepage = "http://"', "homepage has no host"),
        ('id = "a"\nname = "A"\nhomepage = "http://a.gov.cn:99999/"', "homepage has a bad port"),
        (
            'id = "a"\nname = "A"\nhomepage = "file:///etc/hostname"',
            "homepage must be an http(s) URL",
        ),
        (
            'id = "a"\nname = "A"\nhomepage = "http://127.0.0.1:8401/"',
            "private, loopback or link-local",
        ),
        ('id = "a"\nname = "A"\nhomepage = "http://10.0.0.7/"', "private, loopback or link-local"),
        (
            'id = "a"\nname = "A"\nhomepage = "http://169.254.169.254/"',
            "private, loopback or link-local",
        ),
        ('id = "a"\nname = "A"\nhomepage = "http://localhost/"', "private, loopback or link-local"),
    ],
)
def test_bad_required_values_and_private_addresses_are_refused(tmp_path, table, message):
    path = tmp_path / "sites.toml"
    path.write_text(f"[[site]]\n{table}\n", encoding="utf-8")
    with pytest.raises(ProfileError) as caught:
        load_profiles(path)
    assert message in str(caught.value) and str(path) in str(caught.value)


def test_a_local_test_site_may_use_a_private_address_when_its_profile_says_so(tmp_path):
    path = tmp_path / "sites.toml"
    path.write_text(
        '[[site]]\nid = "a"\nname = "A"\nhomepage = "http://127.0.0.1:8401/"\n'
        "private_network = true\n",
        encoding="utf-8",
    )
    assert load_profiles(path)[0].private_network
