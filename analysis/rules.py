"""The rule set: thresholds, sources and weights of every indicator, from a TOML file."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from analysis.dimensions import Dimension, Judged
from analysis.indicators import INDICATORS, REQUIRED_KEYS
from analysis.periodic import is_periodic, problems
from crawlers.extract.labels import GUIDE_ELEMENTS

DEFAULT_RULES = Path(__file__).with_name("rules.toml")

# rule tables that are no indicator: settings of the mechanism the indicators rest on
SETTINGS = {
    "pairing": ("similarity_counts_from", "similarity_review_from"),
}


class RulesError(ValueError):
    """A rules file that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Rules:
    name: str
    path: Path
    table: dict[str, dict]
    dimensions: tuple[Dimension, ...] = ()
    dimensions_source: str = ""

    def __getitem__(self, indicator: str) -> dict:
        return self.table[indicator]

    @property
    def vetoes(self) -> tuple[str, ...]:
        """The indicators whose failure is a single veto (单项否决), in indicator order."""
        return tuple(n for n in INDICATORS if self.table[n].get("veto", False))

    def judged(self, indicator: str, passed: bool | None) -> Judged:
        """An indicator's verdict with its rule's weight and whether it counts (the roll-up's)."""
        rule = self.table[indicator]
        return Judged(passed, float(rule.get("weight", 1)), bool(rule.get("counts", True)))

    def variables(self) -> dict[str, float | str | list[str]]:
        """Every number, word (a unit) and list of names as a SQL variable, `<indicator>__<key>`
        (read with getvariable)."""
        return {
            f"{ind}__{key}": _variable(value)
            for ind, keys in REQUIRED_KEYS.items()
            for key, value in self.table[ind].items()
            if key in keys
        }


def _variable(value) -> float | str | list[str]:
    if isinstance(value, list):
        return [str(v) for v in value]
    if isinstance(value, str):
        return value
    return float(value)


def load_rules(path: str | Path = DEFAULT_RULES) -> Rules:
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RulesError(f"{path}: no such rules file") from None
    except tomllib.TOMLDecodeError as exc:
        raise RulesError(f"{path}: not valid TOML: {exc}") from None
    table = {}
    for indicator in INDICATORS:
        entry = data.get(indicator)
        if not isinstance(entry, dict):
            raise RulesError(f"{path}: no [{indicator}] table; every indicator needs its rule")
        for key in (*REQUIRED_KEYS[indicator], "source"):
            if key not in entry:
                raise RulesError(f"{path}: [{indicator}] needs `{key}`")
        table[indicator] = {"weight": 1, "counts": True, **entry}
    for setting, keys in SETTINGS.items():
        entry = data.get(setting)
        if not isinstance(entry, dict) or any(k not in entry for k in (*keys, "source")):
            raise RulesError(f"{path}: [{setting}] needs {', '.join((*keys, 'source'))}")
        table[setting] = entry
    classes = table["interpretation_rate"]["classes"]
    if not isinstance(classes, list) or not all(isinstance(c, str) for c in classes):
        raise RulesError(f"{path}: [interpretation_rate] classes must be a list of class names")
    required = table["service_guides"]["required_elements"]
    if not isinstance(required, list) or not set(required) <= set(GUIDE_ELEMENTS) or not required:
        raise RulesError(
            f"{path}: [service_guides] required_elements must be a list of the elements pages "
            f"are read for: {list(GUIDE_ELEMENTS)}"
        )
    days = table["backdated_dates"].get("sequence_min_days", 0)
    if not isinstance(days, int | float) or days < 0:
        # the kept sequence places hold the pages out of order by any days (analysis/sequences.py)
        raise RulesError(f"{path}: [backdated_dates] sequence_min_days must be 0 or more days")
    unknown = set(data) - set(INDICATORS) - set(SETTINGS) - {"name", "dimensions"}
    if unknown:
        raise RulesError(f"{path}: unknown tables {sorted(unknown)}; known: {list(INDICATORS)}")
    for indicator in INDICATORS:
        if not isinstance(table[indicator].get("veto", False), bool):
            raise RulesError(f"{path}: [{indicator}] veto must be true or false")
        if is_periodic(table[indicator]) and (wrong := problems(indicator, table[indicator])):
            raise RulesError(f"{path}: {'; '.join(wrong)}")
    dimensions, source = read_dimensions(data.get("dimensions"), table, path)
    return Rules(str(data.get("name", path.stem)), path, table, dimensions, source)


def read_dimensions(entry, table: dict, path: Path) -> tuple[tuple[Dimension, ...], str]:
    """`[dimensions]`: a `source` and one table per dimension (label, weight, note); each
    indicator's rule names its dimension (`dimension = "…"`)."""
    if not isinstance(entry, dict) or not isinstance(entry.get("source"), str):
        raise RulesError(
            f"{path}: needs a [dimensions] table with a `source` and one [dimensions.<key>] "
            "table per dimension (label, weight)"
        )
    keys = [k for k in entry if k != "source"]
    for key in keys:
        d = entry[key]
        if not isinstance(d, dict) or not {"label", "weight"} <= set(d):
            raise RulesError(f"{path}: [dimensions.{key}] needs a label and a weight")
        if not isinstance(d["weight"], int | float) or d["weight"] <= 0:
            raise RulesError(f"{path}: [dimensions.{key}] weight must be a positive number")
    for name in INDICATORS:
        key = table[name].get("dimension")
        if key not in keys:
            raise RulesError(
                f"{path}: [{name}] needs `dimension` = one of {', '.join(map(repr, keys))}"
                + (f", not {key!r}" if key is not None else "")
            )
    dimensions = tuple(
        Dimension(
            key,
            entry[key]["label"],
            float(entry[key]["weight"]),
            tuple(n for n in INDICATORS if table[n]["dimension"] == key),
            entry[key].get("note", ""),
        )
        for key in keys
    )
    return dimensions, entry["source"]
