"""Working days as a table, from the official calendar (`chinese-calendar`).

China moves working days around its holidays (调休), so working days are never counted Monday–
Friday where the official calendar knows better. The package covers a fixed range of years
(2004–2026 in 1.11); `calendar_overrides.toml` carries later years from the State Council's
notice; any other year is counted Monday–Friday and marked `estimated`, and every lag that
touches it carries that basis. The table is joined in SQL: the lag from A to B is
`workday_index(B) - workday_index(A)`, the working days in (A, B].
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pyarrow as pa

OVERRIDES = Path(__file__).with_name("calendar_overrides.toml")
# each basis as a reader sees it (finding texts, the workbook); the store keeps the code
BASIS_LABELS = {
    "exact": "不涉及工作日",  # an indicator counted without working days (analysis/indicators/)
    "official": "依法定节假日安排",
    "override": "依人工校正的日历",
    "estimated": "按周一至周五估算",
}


@dataclass(frozen=True)
class YearRule:
    basis: str
    holidays: frozenset[dt.date] = frozenset()
    workdays: frozenset[dt.date] = frozenset()
    source: str = ""


@cache
def official_years() -> range:
    """The years chinese-calendar knows."""
    import chinese_calendar

    years = sorted(
        {d.year for d in chinese_calendar.holidays} | {d.year for d in chinese_calendar.workdays}
    )
    return range(years[0], years[-1] + 1)


def load_overrides(path: Path = OVERRIDES) -> dict[int, YearRule]:
    """Years from a State Council notice, keyed by year; a malformed file is refused by name."""
    data = tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    rules = {}
    for entry in data.get("year", []):
        try:
            rules[int(entry["year"])] = YearRule(
                "override",
                frozenset(dt.date.fromisoformat(d) for d in entry.get("holidays", [])),
                frozenset(dt.date.fromisoformat(d) for d in entry.get("workdays", [])),
                str(entry["source"]),
            )
        except (KeyError, ValueError) as exc:
            raise ValueError(
                f"{path}: a [[year]] entry needs year, source and ISO dates: {exc}"
            ) from None
    return rules


def is_workday(day: dt.date, overrides: dict[int, YearRule]) -> tuple[bool, str]:
    """(working day?, basis) for one day."""
    if day.year in official_years():
        import chinese_calendar

        return chinese_calendar.is_workday(day), "official"
    rule = overrides.get(day.year)
    if rule is not None:
        if day in rule.workdays:
            return True, "override"
        return day.weekday() < 5 and day not in rule.holidays, "override"
    return day.weekday() < 5, "estimated"


def calendar_table(
    start: dt.date, end: dt.date, overrides: dict[int, YearRule] | None = None
) -> pa.Table:
    """Every day from start to end with its working-day flag, running index and basis."""
    overrides = load_overrides() if overrides is None else overrides
    days, flags, index, basis = [], [], [], []
    count, day = 0, start
    while day <= end:
        workday, how = is_workday(day, overrides)
        count += workday
        days.append(day)
        flags.append(workday)
        index.append(count)
        basis.append(how)
        day += dt.timedelta(1)
    return pa.table({"day": days, "is_workday": flags, "workday_index": index, "basis": basis})
