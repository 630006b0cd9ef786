"""China's administrative divisions (统计用区划代码): names and codes, and finding them in text.

The table is `cpca`'s `adcodes.csv` (PyPI, MIT): 3,511 divisions with 12-digit codes: 34
provincial, 344 prefecture-level, 3,133 county-level, as of its 2020 release. It is read as
data (the file beside the package), not through cpca's address matcher. Why this one and what
it lacks: README, "Division codes". A division renamed or created since then is added in
`divisions_added.csv` here (same columns), which is read after the table and wins.
"""

from __future__ import annotations

import csv
import importlib.util
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ADDED = Path(__file__).with_name("divisions_added.csv")
# what a division's name ends with, longest first: 黔南布依族苗族自治州 → 黔南
SUFFIXES = (
    "维吾尔自治区",
    "壮族自治区",
    "回族自治区",
    "特别行政区",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "地区",
    "林区",
    "新区",
    "省",
    "市",
    "州",
    "盟",
    "县",
    "区",
    "旗",
)
PLACEHOLDERS = ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划")


@dataclass(frozen=True)
class Division:
    code: str  # 12 digits
    name: str

    @property
    def level(self) -> str:
        if self.code[2:] == "0" * 10:
            return "provincial"
        if self.code[4:] == "0" * 8:
            return "prefecture"
        return "county"

    @property
    def short(self) -> str:
        return short_name(self.name)

    @property
    def code6(self) -> str:
        return self.code[:6]


def short_name(name: str) -> str:
    """黔南布依族苗族自治州 → 黔南, 内蒙古自治区 → 内蒙古, 洪山区 → 洪山 (kept whole if too short)."""
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            stem = name[: -len(suffix)]
            while (people := next((p for p in peoples() if stem.endswith(p)), None)) and len(
                stem
            ) > len(people) + 1:
                stem = stem[: -len(people)]  # 黔南布依族苗族 → 黔南
            return stem if len(stem) >= 2 else name
    return name


def _table_path() -> Path:
    spec = importlib.util.find_spec("cpca")  # the package's location, without importing it
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the division table needs the cpca package: run `make` to install it")
    return Path(next(iter(spec.submodule_search_locations))) / "resources" / "adcodes.csv"


@cache
def peoples() -> tuple[str, ...]:
    """The 56 peoples' names (cpca's 56_nations.csv), longest first: in autonomous divisions'
    names (黔南布依族苗族自治州) they are dropped for the short form."""
    path = _table_path().with_name("56_nations.csv")
    names = [n.strip() for n in path.read_text(encoding="utf-8").split() if n.strip()]
    names += [n[:-1] for n in names if len(n) >= 4]  # 伊犁哈萨克自治州 names 哈萨克 without 族
    return tuple(sorted(names, key=len, reverse=True))


@cache
def divisions() -> dict[str, Division]:
    """Every division by its 12-digit code."""
    table: dict[str, Division] = {}
    for path in (_table_path(), ADDED):
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                code = row["adcode"].strip().ljust(12, "0")
                name = row["name"].strip()
                if name not in PLACEHOLDERS:
                    table[code] = Division(code, name)
    return table


def parent_codes(code: str) -> tuple[str, str]:
    return code[:2] + "0" * 10, code[:4] + "0" * 8


def _match(text: str, candidates: list[Division]) -> Division | None:
    """The candidate named in text, by full name first, then short name; earliest, then longest."""
    found = []
    for d in candidates:
        for rank, name in enumerate((d.name, d.short)):
            at = text.find(name)
            if at >= 0:
                found.append((rank, at, -len(name), d.code, d))
                break
    return min(found)[-1] if found else None


@cache
def _children() -> dict[str, list[Division]]:
    children: dict[str, list[Division]] = {}
    for d in divisions().values():
        province, prefecture = parent_codes(d.code)
        if d.level == "prefecture":
            children.setdefault(province, []).append(d)
        elif d.level == "county":
            parent = prefecture if prefecture in divisions() else province
            children.setdefault(parent, []).append(d)
            if parent != province:
                children.setdefault(province + ":all", []).append(d)
    return children


def find_division(*texts: str) -> Division | None:
    """The most specific division the texts name, province first (湖北省武汉市洪山区 → 洪山区,
    420111). Texts are tried together: a 地区 column and a unit's name. None without a province:
    a county name alone is ambiguous across China."""
    text = " ".join(t for t in texts if t)
    provinces = [d for d in divisions().values() if d.level == "provincial"]
    province = _match(text, provinces)
    if province is None:
        return None
    rest = text.replace(province.name, " ") if province.name in text else text
    prefecture = _match(rest, _children().get(province.code, []))
    if prefecture is not None:
        rest = rest.replace(prefecture.name, " ").replace(prefecture.short, " ", 1)
        county = _match(rest, _children().get(prefecture.code, []))
        return county or prefecture
    county = _match(rest, _children().get(province.code + ":all", []))
    return county or province


def region_of(division: Division) -> str:
    """The division's full region: 湖北省武汉市洪山区."""
    table = divisions()
    parts = [table.get(c) for c in parent_codes(division.code)]
    names = [p.name for p in parts if p is not None and p.code != division.code]
    return "".join(dict.fromkeys([*names, division.name]))
