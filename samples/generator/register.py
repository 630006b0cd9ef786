"""A synthetic download of the 全国政府网站基本信息数据库, shaped like a province's real file.

Every division of the province (from the division table) gets its portal and its departments'
sites; the health commission has a site of its own at province and prefecture level and in a
few counties, and lives in its county's portal elsewhere. The real download's columns, a title
row above the header, old names (卫生和计划生育委员会), a hospital whose 主办单位 names 卫生, and
malformed rows (planted, each with the reason an import must give) are all there. Same seed,
same file.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass, field
from pathlib import Path

from crawlers.registry.divisions import Division, divisions, region_of

COLUMNS = (
    "序号",
    "网站名称",
    "首页网址",
    "主办单位",
    "主管单位",
    "政府网站标识码",
    "ICP备案号",
    "公安机关备案号",
    "地区",
    "网站类型",
    "网站状态",
)
DEPARTMENTS = (
    ("教育局", "jyj"),
    ("财政局", "czj"),
    ("公安局", "gaj"),
    ("民政局", "mzj"),
    ("人力资源和社会保障局", "rsj"),
    ("自然资源局", "zrzyj"),
    ("生态环境局", "sthjj"),
    ("住房和城乡建设局", "zjj"),
    ("交通运输局", "jtj"),
    ("农业农村局", "nyj"),
    ("市场监督管理局", "scjgj"),
    ("医疗保障局", "ybj"),
    ("应急管理局", "yjj"),
    ("文化和旅游局", "wlj"),
    ("统计局", "tjj"),
    ("审计局", "sjj"),
)
MALFORMED = (
    ("首页网址", "", "首页网址 is empty"),
    ("首页网址", "见附件", "is not a web address"),
    ("主办单位", "", "主办单位 is empty"),
)


@dataclass
class Register:
    province: Division
    rows: list[dict] = field(default_factory=list)
    malformed: dict[int, str] = field(default_factory=dict)  # line in the file → the reason
    commissions: dict[str, str] = field(default_factory=dict)  # code6 → homepage
    portals: dict[str, str] = field(default_factory=dict)  # code6 → portal homepage
    title: str = ""

    def line_of(self, index: int) -> int:
        return index + 3  # a title row and the header above the first row


def _host(code6: str, sub: str = "www") -> str:
    return f"http://{sub}.d{code6}.gov.cn/"


def _commission_name(division: Division) -> str:
    if division.level == "county":
        return f"{division.name}卫生健康局"
    return f"{division.name}卫生健康委员会"


def build_register(province_code: str, rows: int, seed: int = 1, malformed: int = 12) -> Register:
    """A province's register of exactly `rows` websites (fewer if the province is small)."""
    rng = random.Random(f"{seed}-{province_code}")
    table = divisions()
    province = table[province_code.ljust(12, "0")]
    units = sorted(
        (d for d in table.values() if d.code[:2] == province.code[:2]), key=lambda d: d.code
    )
    register = Register(province, title=f"全国政府网站基本信息（{province.name}）")
    per_unit = max(2, -(-rows // len(units)))
    for division in units:
        code6, region = division.code6, region_of(division)
        portal = _host(code6)
        entries = [(f"{region}人民政府", portal, f"{division.name}人民政府", "政府门户网站")]
        own_site = division.level != "county" or rng.random() < 0.15
        if own_site:
            name = _commission_name(division)
            if rng.random() < 0.1:  # an old registration, before the 2018 reform
                name = name.replace("卫生健康", "卫生和计划生育")
            entries.append((name, _host(code6, "wjw"), name, "部门网站"))
        if rng.random() < 0.2:  # a hospital: 卫生 in its name, not a commission
            entries.append(
                (
                    f"{division.name}人民医院",
                    _host(code6, "rmyy"),
                    f"{division.name}人民医院",
                    "其他",
                )
            )
        for word, sub in DEPARTMENTS[: max(0, per_unit - len(entries))]:
            if division.level == "provincial" and word.endswith("局"):
                word = word[:-1] + "厅"
            organ = f"{division.name}{word}"
            entries.append((organ, _host(code6, sub), organ, "部门网站"))
        for name, url, organizer, kind in entries:
            register.rows.append(
                {
                    "网站名称": name,
                    "首页网址": url,
                    "主办单位": organizer,
                    "主管单位": f"{division.name}人民政府办公室",
                    "政府网站标识码": f"{code6}{len(register.rows) % 10000:04d}",
                    "ICP备案号": f"{province.short}ICP备{rng.randrange(10**7, 10**8)}号",
                    "公安机关备案号": f"{code6[:2]}{rng.randrange(10**11, 10**12)}号",
                    "地区": region,
                    "网站类型": kind,
                    "网站状态": "运行",
                    "_code": code6,  # not a column: what the key says of the row
                }
            )
    del register.rows[rows:]
    for row in register.rows:
        if row["网站类型"] == "政府门户网站":
            register.portals[row["_code"]] = row["首页网址"]
        elif "卫生" in row["主办单位"] and "医院" not in row["主办单位"]:
            register.commissions[row["_code"]] = row["首页网址"]
    for i, row in enumerate(register.rows):
        row["序号"] = str(i + 1)
    # planted malformed rows: none of them a commission or a portal, so nothing else is lost
    others = [
        i
        for i, r in enumerate(register.rows)
        if r["网站类型"] == "部门网站" and "卫生" not in r["主办单位"]
    ]
    for n, index in enumerate(rng.sample(others, min(malformed, len(others)))):
        column, value, reason = MALFORMED[n % len(MALFORMED)]
        register.rows[index][column] = value
        register.malformed[register.line_of(index)] = reason
    return register


def write_register(register: Register, path: Path) -> Path:
    """The register as the download is: .csv, .xlsx or .xls by the path's suffix."""
    header = [register.title] + [""] * (len(COLUMNS) - 1)
    body = [[row.get(c, "") for c in COLUMNS] for row in register.rows]
    suffix = path.suffix.lower()
    if suffix == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as f:
            csv.writer(f).writerows([header, list(COLUMNS), *body])
    elif suffix == ".xlsx":
        import openpyxl

        book = openpyxl.Workbook(write_only=True)
        sheet = book.create_sheet("网站基本信息")
        for row in [header, list(COLUMNS), *body]:
            sheet.append(row)
        book.save(path)
    elif suffix == ".xls":
        import xlwt

        book = xlwt.Workbook(encoding="utf-8")
        sheet = book.add_sheet("网站基本信息")
        for r, row in enumerate([header, list(COLUMNS), *body]):
            for c, value in enumerate(row):
                sheet.write(r, c, value)
        book.save(str(path))
    else:
        raise ValueError(f"no register format {suffix}")
    return path
