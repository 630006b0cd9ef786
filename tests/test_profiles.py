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
