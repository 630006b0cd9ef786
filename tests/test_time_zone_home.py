"""China's time zone has one home (crawlers.status.CHINA); the scoring's SQL reads its offset as a
variable. A second spelling of "+8 hours" is how two layers come to name different days."""

from __future__ import annotations

import datetime as dt
import re

from analysis.rules import load_rules
from analysis.scoring import set_variables
from crawlers.status import CHINA
from pipelines.store import Store

from .conftest import ROOT

SPELLED = re.compile(r"interval\s*'?8\s*hours?'?|hours\s*=\s*8|\+08:?00|Asia/Shanghai", re.I)
PACKAGES = ("crawlers", "pipelines", "analysis", "reports", "zwgk")


def test_no_file_spells_chinas_offset_but_its_home():
    home = ROOT / "crawlers" / "status.py"
    spelled = [
        f"{path.relative_to(ROOT)}:{n}"
        for package in PACKAGES
        for path in sorted((ROOT / package).rglob("*"))
        if path.suffix in (".py", ".sql") and path != home
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if SPELLED.search(line.split("--")[0] if path.suffix == ".sql" else line.split("#")[0])
    ]
    assert spelled == []


def test_the_scoring_sql_turns_a_utc_time_into_chinas_day(tmp_path):
    con = Store(tmp_path / "a.duckdb").con
    set_variables(con, dt.date(2026, 11, 30), dt.date(2025, 12, 1), load_rules())
    # 2026-11-30 17:30 UTC is 12-01 01:30 in Beijing: the day a finding names is 12-01
    (day,) = con.execute(
        "select strftime(timestamp '2026-11-30 17:30:00' + getvariable('china_offset'), '%Y-%m-%d')"
    ).fetchone()
    assert day == "2026-12-01"
    assert CHINA.utcoffset(None) == dt.timedelta(hours=8)
