"""Site profiles: what an assessor writes to add a commission (TOML, one `[[site]]` table each).

Only `id`, `name` and `homepage` are required. Everything else is a hint or an override:
`level`, `region`, `family`, `columns` (name → list URL, skipping discovery), `allow_hosts`,
`concurrency`, `delay` (seconds between requests; AutoThrottle never goes below it, 0 means
none), `max_pages`, `drop_query` (query parameters that only change a page's presentation, on
top of the family's), `verified`, `notes`, `as_of` (for sample sites whose history ends on a fixed day: the default
as-of date of `zwgk score`).
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

LEVELS = ("national", "provincial", "prefecture", "county")
FAMILIES = ("hanweb", "trs", "shtml", "legacy", "gkmlpt", "generic")


class ProfileError(ValueError):
    """A sites file that cannot be used, with the file and site named in the message."""


@dataclass(frozen=True)
class SiteProfile:
    id: str
    name: str
    homepage: str
    level: str | None = None
    region: str | None = None
    family: str | None = None
    columns: dict[str, str] = field(default_factory=dict)
    allow_hosts: tuple[str, ...] = ()
    concurrency: int | None = None
    delay: float | None = None
    max_pages: int = 50_000
    drop_query: tuple[str, ...] = ()
    as_of: str | None = None  # the day a sample's history ends (YYYY-MM-DD): scoring's default
    verified: bool = True
    notes: str = ""

    @property
    def host(self) -> str:
        return urlsplit(self.homepage).hostname or ""

    @property
    def hosts(self) -> tuple[str, ...]:
        return (self.host, *self.allow_hosts)

    @property
    def is_local(self) -> bool:
        """Served from this machine (the samples): politeness can be off."""
        try:
            return ipaddress.ip_address(self.host).is_loopback
        except ValueError:
            return self.host == "localhost"


def load_profiles(path: str | Path, only: list[str] | None = None) -> list[SiteProfile]:
    """Read a sites file; raise ProfileError naming the file and site for anything wrong."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ProfileError(f"{path}: no such sites file") from None
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{path}: not valid TOML: {exc}") from None
    tables = data.get("site")
    if not isinstance(tables, list) or not tables:
        raise ProfileError(f"{path}: no [[site]] tables; each needs id, name and homepage")
    profiles, seen = [], set()
    allowed = set(SiteProfile.__dataclass_fields__)
    for i, table in enumerate(tables, 1):
        where = f"{path}: site #{i} ({table.get('id', 'no id')})"
        missing = [k for k in ("id", "name", "homepage") if not table.get(k)]
        if missing:
            raise ProfileError(f"{where}: missing {', '.join(missing)}")
        unknown = set(table) - allowed
        if unknown:
            raise ProfileError(
                f"{where}: unknown keys {sorted(unknown)}; allowed: {sorted(allowed)}"
            )
        if urlsplit(table["homepage"]).scheme not in ("http", "https"):
            raise ProfileError(
                f"{where}: homepage must be an http(s) URL, got {table['homepage']!r}"
            )
        if table.get("level") and table["level"] not in LEVELS:
            raise ProfileError(f"{where}: level must be one of {LEVELS}")
        if table.get("as_of"):
            try:
                dt.date.fromisoformat(str(table["as_of"]))
            except ValueError:
                raise ProfileError(f"{where}: as_of must be a date YYYY-MM-DD") from None
            table["as_of"] = str(table["as_of"])
        if table.get("family") and table["family"] not in FAMILIES:
            raise ProfileError(f"{where}: family must be one of {FAMILIES}")
        if table["id"] in seen:
            raise ProfileError(f"{where}: duplicate id {table['id']!r}")
        seen.add(table["id"])
        table = dict(table)
        table["allow_hosts"] = tuple(table.get("allow_hosts", ()))
        table["drop_query"] = tuple(table.get("drop_query", ()))
        profiles.append(SiteProfile(**table))
    if only:
        unknown_ids = set(only) - seen
        if unknown_ids:
            raise ProfileError(
                f"{path}: no site with id {sorted(unknown_ids)}; ids here: {sorted(seen)}"
            )
        profiles = [p for p in profiles if p.id in only]
    return profiles
