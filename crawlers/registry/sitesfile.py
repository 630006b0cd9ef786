"""A sites file read and written block by block: what is not changed stays byte for byte.

A registry is a sites file (crawlers/profiles.py): one `[[site]]` table per commission. Tools
that update it (`zwgk sites import`, `zwgk sites check`) re-render only the tables they change;
every other table, its comments and the file's header are written back as they were read.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from crawlers.files import write_atomically
from crawlers.profiles import ProfileError, check_site

SITE_LINE = re.compile(r"^[ \t]*\[\[[ \t]*site[ \t]*\]\][ \t]*(?:#.*)?$", re.M)
BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
# the order keys are written in; any other key after them, sorted
KEY_ORDER = (
    "id",
    "name",
    "level",
    "region",
    "code",
    "homepage",
    "portal",
    "scope",
    "entry",
    "site_code",
    "family",
    "verified",
    "verified_at",
    "checked_at",
    "check",
    "notes",
)
SUB_TABLES = ("columns", "imported")


@dataclass
class Block:
    """One [[site]] table: its text as read (None once changed) and its values."""

    table: dict
    text: str | None = None

    @property
    def id(self) -> str:
        return self.table["id"]


@dataclass
class SitesFile:
    path: Path
    header: str
    blocks: list[Block]

    def by_id(self) -> dict[str, Block]:
        return {b.id: b for b in self.blocks}

    def ids(self) -> set[str]:
        return {b.id for b in self.blocks}


def read(path: str | Path, *, missing_ok: bool = False) -> SitesFile:
    """The file's header and [[site]] blocks; an absent file is an empty one if missing_ok."""
    path = Path(path)
    if not path.exists():
        if missing_ok:
            return SitesFile(path, "", [])
        raise ProfileError(f"{path}: no such sites file")
    text = path.read_text(encoding="utf-8")
    starts = [m.start() for m in SITE_LINE.finditer(text)]
    header = text[: starts[0]] if starts else text
    blocks = []
    for i, start in enumerate(starts):
        chunk = text[start : starts[i + 1] if i + 1 < len(starts) else len(text)]
        try:
            tables = tomllib.loads(chunk)["site"]
        except (tomllib.TOMLDecodeError, KeyError) as exc:
            line = text.count("\n", 0, start) + 1
            raise ProfileError(
                f"{path}: the [[site]] at line {line} is not valid TOML: {exc}"
            ) from None
        blocks.append(Block(tables[0], chunk))
    return SitesFile(path, header, blocks)


def _key(key: str) -> str:
    return key if BARE_KEY.match(key) else json.dumps(key, ensure_ascii=False)


def _value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a TOML basic string
    if isinstance(value, dict):
        inner = ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items())
        return "{ " + inner + " }"
    if isinstance(value, (list, tuple)):
        if value and isinstance(value[0], dict):
            return "[\n" + "".join(f"  {_value(v)},\n" for v in value) + "]"
        return "[" + ", ".join(_value(v) for v in value) + "]"
    raise TypeError(f"no TOML for {value!r}")


def render(table: dict) -> str:
    """One [[site]] table as TOML, keys in a fixed order."""
    keys = [k for k in KEY_ORDER if k in table]
    keys += sorted(k for k in table if k not in keys and k not in SUB_TABLES)
    lines = ["[[site]]"]
    lines += [f"{_key(k)} = {_value(table[k])}" for k in keys if table[k] is not None]
    for sub in SUB_TABLES:
        if table.get(sub):
            lines += ["", f"[site.{sub}]"]
            lines += [f"{_key(k)} = {_value(v)}" for k, v in table[sub].items()]
    return "\n".join(lines) + "\n\n"


def write(sites: SitesFile) -> None:
    """Check every table by the sites-file rules, then replace the file in one rename."""
    for i, block in enumerate(sites.blocks, 1):
        check_site(block.table, f"{sites.path}: site #{i} ({block.id})")
    parts = [sites.header]
    for block in sites.blocks:
        if parts[-1] and not parts[-1].endswith("\n"):
            parts.append("\n")
        parts.append(block.text if block.text is not None else render(block.table))
    text = "".join(parts)
    write_atomically(sites.path, text)
