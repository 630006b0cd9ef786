"""The rule set: thresholds, sources and weights of every indicator, from a TOML file."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from analysis.indicators import INDICATORS, REQUIRED_KEYS

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

    def __getitem__(self, indicator: str) -> dict:
        return self.table[indicator]

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
    unknown = set(data) - set(INDICATORS) - set(SETTINGS) - {"name"}
    if unknown:
        raise RulesError(f"{path}: unknown tables {sorted(unknown)}; known: {list(INDICATORS)}")
    return Rules(str(data.get("name", path.stem)), path, table)
