"""Site profiles: what an assessor writes to add a commission (TOML, one `[[site]]` table each).

Only `id`, `name` and `homepage` (or `portal`) are required. Everything else is a hint or an override:
`level`, `region`, `family`, `columns` (name → list URL, skipping discovery), `allow_hosts`
(more hosts the site's pages may be on), `concurrency`, `delay` (seconds between requests;
AutoThrottle never goes below it, 0 means none), `timeout` (seconds to wait for a response),
`max_pages`, `max_page_mb` (a larger response is not read), `drop_query` (query parameters that
only change a page's presentation, on top of the family's), `private_network` (allow addresses in
private, loopback and link-local ranges: the samples on 127.0.0.1; never for a real site),
`verified`, `notes`, `as_of` (for sample sites whose history ends on a fixed day: the default
as-of date of `zwgk score`).

A commission without a site of its own lives in a portal (a county bureau in its county's
portal): `portal` is the portal's homepage and `name` what the portal calls the commission; the
crawl finds the commission's section from the portal's department directory. `scope` (path
prefixes, e.g. ["/bm/wjj/"]) keeps the crawl inside the section: with it, `homepage` may be the
section's page. A page outside the scope is never the commission's.

The registry keys (crawlers/registry: a registry *is* a sites file): `code` (行政区划代码),
`site_code` (政府网站标识码), `entry` (the 政务公开 entry found), `sources` (where the row comes
from: a list of {what, url, date}), `verified_at`, `checked_at` and `check` (what the last
`zwgk sites check` saw), `imported` (what the last `zwgk sites import` read: the base its next
import merges against, so hand edits are kept).

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
    portal: str | None = None  # the portal the commission lives in (then homepage = the start)
    scope: tuple[str, ...] = ()  # path prefixes of the commission's section of a portal
    code: str | None = None  # 行政区划代码
    site_code: str | None = None  # 政府网站标识码
    entry: str | None = None  # the 政务公开 entry, as found or given
    sources: tuple[dict, ...] = ()
    verified_at: str | None = None
    checked_at: str | None = None
    check: str | None = None
    imported: dict = field(default_factory=dict)

    @property
    def host(self) -> str:
        return urlsplit(self.homepage).hostname or ""

    def reaches(self, url: str) -> bool:
        """An http(s) URL on the site's hosts: the only URLs ever requested for it."""
        parts = urlsplit(url)
        return parts.scheme in ("http", "https") and (parts.hostname or "") in self.hosts

    @property
    def in_portal(self) -> bool:
        """A section of a portal: only pages within `scope` (given or found) are its own."""
        return self.portal is not None

    def in_scope(self, url: str, scope: tuple[str, ...] | None = None) -> bool:
        """Within the commission's section: always for a site of its own; for a portal section,
        a path under one of the scope's prefixes (the profile's, or `scope` found by the crawl)."""
        if not self.in_portal:
            return True
        prefixes = scope if scope is not None else self.scope
        path = urlsplit(url).path or "/"
        return any(path.startswith(p) for p in prefixes)

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


def _paths(value, key: str) -> tuple[str, ...]:
    paths = _string_list(value, key)
    for path in paths:
        if not path.startswith("/") or "://" in path:
            raise ValueError(f'{key} must list URL paths starting with "/", got {path!r}')
    return paths


def _digits(value, key: str, lengths: tuple[int, ...]) -> str:
    text = str(value).strip() if isinstance(value, (str, int)) else ""
    if not text.isdigit() or len(text) not in lengths:
        sizes = " or ".join(str(n) for n in lengths)
        raise ValueError(f"{key} must be {sizes} digits, got {value!r}")
    return text


SITE_CODE = re.compile(r"^[A-Za-z0-9]{4,16}$")  # 政府网站标识码: 3301000001, bm13000002


def _site_code(value, key: str) -> str:
    text = _text(value, key)
    if not SITE_CODE.match(text):
        raise ValueError(f"{key} must be the 政府网站标识码's letters and digits, got {value!r}")
    return text


SOURCE_KEYS = ("what", "url", "date")


def _sources(value, key: str) -> tuple[dict, ...]:
    if not isinstance(value, list):
        raise ValueError(f'{key} must be a list of {{what = "…", url = "…", date = "…"}}')
    out = []
    for source in value:
        if not isinstance(source, dict) or not isinstance(source.get("what"), str):
            raise ValueError(f"{key}: each source needs `what` (a string), got {source!r}")
        unknown = set(source) - set(SOURCE_KEYS)
        if unknown or not all(isinstance(v, str) for v in source.values()):
            raise ValueError(f"{key}: a source has only string {', '.join(SOURCE_KEYS)}")
        out.append(dict(source))
    return tuple(out)


def _flat_table(value, key: str) -> dict:
    if not isinstance(value, dict) or not all(
        isinstance(v, (str, bool, int)) for v in value.values()
    ):
        raise ValueError(f"{key} must be a table of plain values, got {value!r}")
    return dict(value)


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
    "portal": _http_url,
    "scope": _paths,
    "code": lambda v, k: _digits(v, k, (6, 9, 12)),
    "site_code": _site_code,
    "entry": _http_url,
    "sources": _sources,
    "verified_at": _date,
    "checked_at": _text,
    "check": _text,
    "imported": _flat_table,
}


def check_site(table: dict, where: str) -> SiteProfile:
    """One [[site]] table checked key by key; ProfileError names the file, the site and the key."""
    if not isinstance(table, dict):
        raise ProfileError(f"{where}: each [[site]] must be a table")
    missing = [k for k in ("id", "name") if k not in table]
    if "homepage" not in table and "portal" not in table:
        missing.append("homepage (or portal, for a commission inside a portal)")
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
    values.setdefault("homepage", values.get("portal"))  # a portal section starts at the portal
    profile = SiteProfile(**values)
    if profile.in_portal and urlsplit(profile.portal).hostname not in profile.hosts:
        raise ProfileError(
            f"{where}: portal {profile.portal!r} is not on the homepage's host {profile.host}; "
            "a section's homepage is a page of its portal"
        )
    if profile.in_portal and profile.homepage != profile.portal and not profile.scope:
        raise ProfileError(
            f"{where}: a homepage inside the portal needs its scope (the section's path "
            'prefixes, e.g. scope = ["/bm/wjj/"]); or give the portal alone to find the section'
        )
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
        raise ProfileError(
            f"{path}: no [[site]] tables; each needs id, name and homepage (or portal)"
        )
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


def safe_name(site_id: str) -> str:
    """A site id as a file name (its WARC file, its seed and shard, its crawl log)."""
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in site_id) or "site"
