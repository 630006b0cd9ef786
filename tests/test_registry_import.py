"""`zwgk sites import`: two provinces' downloads of the national register (3,300 rows, the real
file's columns, malformed rows) into a registry the crawl reads; a second import of a changed
file changes only those rows and keeps what was edited by hand."""

from __future__ import annotations

import re

import pytest

from crawlers.profiles import load_profiles
from crawlers.registry import sitesfile
from crawlers.registry.divisions import find_division
from samples.generator.register import build_register, write_register
from tests.conftest import run_zwgk


@pytest.fixture(scope="module")
def registers(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("register")
    henan, sichuan = build_register("41", 1650), build_register("51", 1650)
    files = [
        write_register(henan, tmp / "河南省.xlsx"),
        write_register(sichuan, tmp / "四川省.csv"),
    ]
    return tmp, (henan, sichuan), files


@pytest.fixture(scope="module")
def imported(registers):
    tmp, regs, files = registers
    registry = tmp / "registry.toml"
    result = run_zwgk("sites", "import", *map(str, files), "--registry", str(registry))
    assert result.returncode == 0, result.stderr
    return registry, result


def test_every_row_is_read_and_the_malformed_ones_are_named(registers, imported):
    tmp, regs, files = registers
    registry, result = imported
    assert "read 3300 websites from 2 file(s)" in result.stdout
    refused = set(re.findall(r"^  (\S+) line (\d+): .*?: (.+)$", result.stderr, re.M))
    planted = {
        (path.name, str(line), reason)
        for reg, path in zip(regs, files, strict=True)
        for line, reason in reg.malformed.items()
    }
    assert {(f, line) for f, line, _ in refused} == {(f, line) for f, line, _ in planted}
    for file, line, reason in planted:
        said = next(r for f, n, r in refused if (f, n) == (file, line))
        assert reason in said


def test_each_commission_and_each_portal_is_in_the_registry_with_its_division(registers, imported):
    _, regs, _ = registers
    registry, _ = imported
    profiles = load_profiles(registry)  # the crawl accepts the registry as it is
    by_code = {}
    for p in profiles:
        by_code.setdefault(p.code, []).append(p)
    for reg in regs:
        for code6, homepage in reg.commissions.items():
            (site,) = by_code[code6]
            assert site.homepage == homepage and not site.in_portal and site.verified is False
        for code6, portal in reg.portals.items():
            if code6 in reg.commissions or code6.endswith("0000"):
                continue
            (site,) = by_code[code6]
            assert site.portal == portal
            assert site.name.endswith("卫生健康局") or site.name.endswith("卫生健康委员会")
    成都 = next(p for p in profiles if p.code == "510100")
    assert (成都.name, 成都.level, 成都.region) == (
        "成都市卫生健康委员会",
        "prefecture",
        "四川省成都市",
    )
    # nothing but commissions and portal sections: no hospital, no other department
    assert not [p for p in profiles if "医院" in p.name or "教育" in p.name]


def test_a_second_import_changes_only_the_changed_rows_and_keeps_hand_edits(
    registers, imported, tmp_path
):
    tmp, (henan, sichuan), files = registers
    registry, _ = imported
    edited = tmp_path / "registry.toml"
    edited.write_text(registry.read_text(encoding="utf-8"), encoding="utf-8")
    # an assessor's hand edits: a corrected homepage and a note; a portal section's scope
    sites = sitesfile.read(edited)
    blocks = sites.by_id()
    hand = blocks["wjw-410100"]
    hand.table = {**hand.table, "homepage": "https://wjw.zhengzhou.gov.cn/", "notes": "改版后新址"}
    hand.text = None
    section = next(b for b in sites.blocks if b.table.get("portal"))
    section.table = {**section.table, "scope": ["/bm/wjj/"]}
    section.text = None
    sitesfile.write(sites)
    before = {b.id: b.text for b in sitesfile.read(edited).blocks}

    # the register changes: 郑州's homepage (edited by hand here too), 洛阳's name, a new
    # county site (郑州市中原区)
    rows = henan.rows
    row_of = {r["主办单位"]: r for r in rows}
    row_of["郑州市卫生健康委员会"]["首页网址"] = "http://wsjkw.d410100.gov.cn/"
    luoyang = next(r for r in rows if r["地区"] == "河南省洛阳市" and "卫生" in r["主办单位"])
    luoyang["主办单位"] = "洛阳市卫生健康委员会（洛阳市中医药管理局）"
    rows.append(
        {
            **row_of["郑州市卫生健康委员会"],
            "网站名称": "中原区卫生健康局",
            "主办单位": "郑州市中原区卫生健康局",
            "首页网址": "http://wjw.d410102.gov.cn/",
            "政府网站标识码": "4101020999",
            "地区": "河南省郑州市中原区",
        }
    )
    changed = write_register(henan, tmp_path / "河南省.xlsx")
    result = run_zwgk("sites", "import", str(changed), str(files[1]), "--registry", str(edited))
    assert result.returncode == 0, result.stderr
    assert "1 added, 2 changed" in result.stdout
    assert "wjw-410100: homepage kept as edited by hand" in result.stdout
    # 中原区 now has a site of its own: its portal section is kept, and said to be no longer called for
    assert "no longer call for it: wjw-410102 (中原区卫生健康局)" in result.stdout

    after = sitesfile.read(edited)
    texts = {b.id: b.text for b in after.blocks}
    changed_ids = {i for i in before if texts[i] != before[i]}
    assert changed_ids == {"wjw-410100", "wjw-410300"}
    tables = after.by_id()
    assert tables["wjw-410100"].table["homepage"] == "https://wjw.zhengzhou.gov.cn/"
    assert tables["wjw-410100"].table["notes"] == "改版后新址"
    assert tables["wjw-410300"].table["name"] == "洛阳市卫生健康委员会（洛阳市中医药管理局）"
    assert tables[section.id].table["scope"] == ["/bm/wjj/"]
    new = [b for b in after.blocks if b.id not in before]
    assert [b.table["homepage"] for b in new] == ["http://wjw.d410102.gov.cn/"]
    load_profiles(edited)


def test_the_xls_download_and_a_file_that_is_no_download(tmp_path):
    xls = write_register(build_register("42", 300), tmp_path / "湖北省.xls")
    registry = tmp_path / "hubei.toml"
    result = run_zwgk("sites", "import", str(xls), "--registry", str(registry))
    assert result.returncode == 0, result.stderr
    assert "read 300 websites" in result.stdout
    assert load_profiles(registry, only=["wjw-420000"])[0].name == "湖北省卫生健康委员会"
    other = tmp_path / "别的表.csv"
    other.write_text("姓名,电话\n张三,123\n", encoding="utf-8")
    result = run_zwgk("sites", "import", str(other), "--registry", str(registry))
    assert result.returncode == 2
    assert "no header row naming 首页网址 / 主办单位" in result.stderr


@pytest.mark.parametrize(
    "texts, code",
    [
        (("湖北省武汉市洪山区",), "420111"),
        (("湖北省 武汉市", "武汉市洪山区卫生健康局"), "420111"),
        (("贵州省", "黔南布依族苗族自治州卫生健康局"), "522700"),
        (("贵州省黔南州",), "522700"),
        (("新疆维吾尔自治区伊犁州",), "654000"),
        (("重庆市涪陵区",), "500102"),
        (("河南省济源市",), "419001"),  # a county-level city under the province directly
        (("洪山区",), None),  # no province: ambiguous across China
    ],
)
def test_division_codes_from_the_register_texts(texts, code):
    division = find_division(*texts)
    assert (division.code6 if division else None) == code
