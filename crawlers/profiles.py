"""Site profiles: what an assessor writes to add a commission (TOML, one `[[site]]` table each).

Only `id`, `name` and `homepage` are required. Everything else is a hint or an override:
`level`, `region`, `family`, `columns` (name → list URL, skipping discovery), `allow_hosts`
(more hosts the site's pages may be on), `concurrency`, `delay` (seconds between requests;
AutoThrottle never goes below it, 0 means none), `timeout` (seconds to wait for a response),
`max_pages`, `max_page_mb` (a larger response is not read), `drop_query` (query parameters that
only change a page's presentation, on top of the family's), `private_network` (allow addresses in
private, loopback and link-local ranges: the samples on 127.0.0.1; never for a real site),
`verified`, `notes`, `as_of` (for sample sites whose history ends on a fixed day: the default
as-of date of `zwgk score`).

Every value is checked for type and range when the file is read; a bad one stops the crawl
before anything is fetched, with one line naming the file, the site and the key.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from crawlers.addresses import is_private_host

LEVELS = ("national", "provincial", "prefecture", "county")
FAMILIES = ("hanweb", "trs", "shtml", "legacy", "gkmlpt", "generic")


ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
HOST_PATTERN = re.compile(r"^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:.]+\]$")


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
    timeout: float | None = None
    max_pages: int = 50_000
    max_page_mb: float | None = None
    drop_query: tuple[str, ...] = ()
    private_network: bool = False
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

    @property
    def request_meta(self) -> dict:
        """Per-request settings the profile overrides (Scrapy's download_timeout, _maxsize)."""
        meta: dict = {}
        if self.timeout is not None:
            meta["download_timeout"] = self.timeout
        if self.max_page_mb is not None:
            meta["download_maxsize"] = int(self.max_page_mb * 1024 * 1024)
        return meta


def _text(value, key: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{key} must be a non-empty string, got {value!r}")
    return value.strip()


def _http_url(value, key: str) -> str:
    url = _text(value, key)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise ValueError(f"{key} must be an http(s) URL, got {url!r}")
    if not parts.hostname or not HOST_PATTERN.match(parts.hostname):
        raise ValueError(f"{key} has no host: {url!r}")
    try:
        parts.port  # noqa: B018 - raises on a bad port
    except ValueError:
        raise ValueError(f"{key} has a bad port: {url!r}") from None
    return url


def _number(value, key: str, low: float, high: float, *, integer: bool = False) -> float:
    kinds = (int,) if integer else (int, float)
    if isinstance(value, bool) or not isinstance(value, kinds):
        kind = "a whole number" if integer else "a number"
        raise ValueError(f"{key} must be {kind} from {low:g} to {high:g}, got {value!r}")
    if not low <= value <= high:
        raise ValueError(f"{key} must be from {low:g} to {high:g}, got {value!r}")
    return value


def _string_list(value, key: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValueError(f'{key} must be a list of strings, e.g. ["a", "b"], got {value!r}')
    return tuple(v.strip() for v in value)


def _choice(value, key: str, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise ValueError(f"{key} must be one of {', '.join(choices)}, got {value!r}")
    return value


def _boolean(value, key: str) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{key} must be true or false, got {value!r}")
    return value


def _date(value, key: str) -> str:
    try:
        return dt.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise ValueError(f"{key} must be a date YYYY-MM-DD, got {value!r}") from None


def _columns(value, key: str) -> dict[str, str]:
    if not isinstance(value, dict) or not value:
        raise ValueError(f'{key} must be a table of name = "list URL", got {value!r}')
    return {_text(name, key): _http_url(url, f"{key}.{name}") for name, url in value.items()}


def _id(value, key: str) -> str:
    if not isinstance(value, str) or not ID_PATTERN.match(value):
        raise ValueError(
            f"{key} must be letters, digits, '-', '_' or '.' (at most 64), got {value!r}"
        )
    return value


def _hosts(value, key: str) -> tuple[str, ...]:
    hosts = _string_list(value, key)
    for host in hosts:
        if not HOST_PATTERN.match(host):
            raise ValueError(f"{key} must list host names (no scheme or path), got {host!r}")
    return tuple(h.lower() for h in hosts)


CHECKS = {
    "id": _id,
    "name": _text,
    "homepage": _http_url,
    "level": lambda v, k: _choice(v, k, LEVELS),
    "region": _text,
    "family": lambda v, k: _choice(v, k, FAMILIES),
    "columns": _columns,
    "allow_hosts": _hosts,
    "concurrency": lambda v, k: _number(v, k, 1, 16, integer=True),
    "delay": lambda v, k: _number(v, k, 0, 600),
    "timeout": lambda v, k: _number(v, k, 0.1, 600),
    "max_pages": lambda v, k: _number(v, k, 1, 10_000_000, integer=True),
    "max_page_mb": lambda v, k: _number(v, k, 0.01, 1024),
    "drop_query": _string_list,
    "private_network": _boolean,
    "as_of": _date,
    "verified": _boolean,
    "notes": lambda v, k: v if isinstance(v, str) else _text(v, k),
}


def check_site(table: dict, where: str) -> SiteProfile:
    """One [[site]] table checked key by key; ProfileError names the file, the site and the key."""
    if not isinstance(table, dict):
        raise ProfileError(f"{where}: each [[site]] must be a table")
    missing = [k for k in ("id", "name", "homepage") if k not in table]
    if missing:
        raise ProfileError(f"{where}: missing {', '.join(missing)}")
    unknown = set(table) - set(CHECKS)
    if unknown:
        raise ProfileError(f"{where}: unknown keys {sorted(unknown)}; allowed: {sorted(CHECKS)}")
    values = {}
    for key, value in table.items():
        try:
            values[key] = CHECKS[key](value, key)
        except ValueError as exc:
            raise ProfileError(f"{where}: {exc}") from None
    profile = SiteProfile(**values)
    if not profile.private_network:
        urls = [("homepage", profile.homepage), *(("columns", u) for u in profile.columns.values())]
        for key, url in urls:
            if is_private_host(urlsplit(url).hostname or ""):
                raise ProfileError(
                    f"{where}: {key} {url!r} is a private, loopback or link-local address; "
                    "real sites are never there (set private_network = true for a local test site)"
                )
    for name, url in profile.columns.items():
        host = urlsplit(url).hostname or ""
        if host not in profile.hosts:
            raise ProfileError(
                f"{where}: columns.{name} is on {host}, not on the site's hosts "
                f"{', '.join(profile.hosts)}; add it to allow_hosts if it belongs to the site"
            )
    return profile


def load_profiles(path: str | Path, only: list[str] | None = None) -> list[SiteProfile]:
    """Read a sites file; raise ProfileError naming the file and site for anything wrong."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ProfileError(f"{path}: no such sites file") from None
    except IsADirectoryError:
        raise ProfileError(f"{path}: is a directory, not a sites file") from None
    except UnicodeDecodeError:
        raise ProfileError(f"{path}: not UTF-8 text; save the sites file as UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{path}: not valid TOML: {exc}") from None
    tables = data.get("site")
    if not isinstance(tables, list) or not tables:
        raise ProfileError(f"{path}: no [[site]] tables; each needs id, name and homepage")
    profiles, seen = [], set()
    for i, table in enumerate(tables, 1):
        label = table.get("id", "no id") if isinstance(table, dict) else "?"
        profile = check_site(table, f"{path}: site #{i} ({label})")
        if profile.id in seen:
            raise ProfileError(f"{path}: site #{i} ({profile.id}): duplicate id {profile.id!r}")
        seen.add(profile.id)
        profiles.append(profile)
    if only:
        unknown_ids = set(only) - seen
        if unknown_ids:
            raise ProfileError(
                f"{path}: no site with id {sorted(unknown_ids)}; ids here: {sorted(seen)}"
            )
        profiles = [p for p in profiles if p.id in only]
    return profiles
