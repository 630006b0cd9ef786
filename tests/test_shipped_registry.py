"""The shipped registry: the national and 31 provincial commissions at least, each with its
sources and none claimed verified, a sites file `zwgk crawl` takes as it is."""

from __future__ import annotations

from pathlib import Path

from crawlers.profiles import load_profiles
from crawlers.registry.divisions import divisions
from pipelines.runs import open_for_crawl, run_files

REGISTRY = Path(__file__).resolve().parent.parent / "crawlers" / "sites" / "registry.toml"


def test_every_province_and_the_nation_with_sources_and_none_verified():
    profiles = load_profiles(REGISTRY)
    top = [p for p in profiles if p.level in ("national", "provincial")]
    provinces = {d.code[:2] for d in divisions().values() if d.level == "provincial"}
    provinces -= {"71", "81", "82"}  # 台湾, 香港, 澳门: no commission of this audit
    assert {p.code[:2] for p in top if p.code} == provinces
    assert [p.name for p in top if p.level == "national"] == ["国家卫生健康委员会"]
    assert len(top) == 32
    for p in profiles:
        assert p.verified is False, p.id
        assert p.sources and all(s["what"] for s in p.sources), p.id
        assert p.name.endswith(("卫生健康委员会", "卫生健康局")), p.id
        assert p.delay and p.delay >= 1 and p.concurrency == 1, p.id  # polite to real servers
    # prefecture-level ones whose host public material attests, some inside their city portal
    prefectures = [p for p in profiles if p.level == "prefecture"]
    assert len(prefectures) > 100
    assert any(p.in_portal for p in prefectures)


def test_zwgk_crawl_takes_it_unchanged(tmp_path):
    files = run_files(tmp_path / "audit.duckdb")
    opened = open_for_crawl(REGISTRY, files.working, files.state)
    opened.close()  # the working file held for a crawl that does not come
    assert len(opened.profiles) == len(load_profiles(REGISTRY)) and opened.known_sites == 0
