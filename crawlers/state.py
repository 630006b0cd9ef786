"""What an earlier crawl knew about a site: the input that makes a crawl incremental.

The crawl layer never reads the store. Before a crawl, `zwgk crawl` writes each site's known
state (pipelines/known_state.py) to a JSON-lines file, one site per line; the spider reads the
lines of its own sites. So a crawl of one site can run on any machine that has its line.

A site's state holds, per listed document, the list row's change signal (title, date, 文号) and
the page's validators (ETag, Last-Modified); per column, how many items it listed, when its
whole list was last walked and, for a shell, where its rows come from; per checked link, when it
was last checked.
"""

from __future__ import annotations

import datetime as dt
import json
import zlib
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from crawlers.files import Replacement

FORMAT = 2  # bumped when a line's shape changes; a line of another format is not read


@dataclass
class KnownDocument:
    """A document an earlier crawl listed: what its list row said, and whether its page was
    stored (`fetched`), answered an error (`dead`) or was never read (neither)."""

    title: str | None = None
    list_date: str | None = None  # ISO, as the list showed it
    doc_no: str | None = None
    written: str | None = None  # ISO: a table list's 成文日期 column
    list_page: str | None = None  # the list page that showed it last
    linked_url: str | None = None  # as the list linked it, when it differs
    columns: list[str] = field(default_factory=list)  # the column URLs that listed it
    fetched: bool = False
    dead: bool = False
    etag: str | None = None
    last_modified: str | None = None


@dataclass
class KnownColumn:
    name: str = ""
    kind: str | None = None
    walked_at: str | None = None  # ISO UTC: the last crawl that walked every list page
    stated: int | None = None  # the item count its list stated then
    interrupted: bool = False  # a crawl listed items there and never finished its walk
    family: str | None = None  # the CMS family its list pages were read with
    list_url: str | None = None  # a shell column's list (gkmlpt's API): asked for directly


@dataclass
class KnownCheck:
    found_on: str
    checked_at: str | None  # ISO UTC; None: never checked (due at once)
    outcome: str | None = None  # ok / dead are results; any other (no answer …) is due at once


@dataclass
class SiteState:
    site_id: str
    documents: dict[str, KnownDocument] = field(default_factory=dict)
    columns: dict[str, KnownColumn] = field(default_factory=dict)
    checks: dict[str, KnownCheck] = field(default_factory=dict)

    def to_line(self) -> str:
        return json.dumps({"format": FORMAT, **asdict(self)}, ensure_ascii=False) + "\n"

    @classmethod
    def from_line(cls, line: str) -> SiteState:
        data = json.loads(line)
        if data.get("format") != FORMAT:
            raise ValueError(f"known-state line of format {data.get('format')}, not {FORMAT}")
        return cls(
            site_id=data["site_id"],
            documents={u: KnownDocument(**d) for u, d in data["documents"].items()},
            columns={u: KnownColumn(**c) for u, c in data["columns"].items()},
            checks={u: KnownCheck(**c) for u, c in data["checks"].items()},
        )


def write_states(path: Path, states: Iterable[SiteState]) -> int:
    """Write the sites' states, one line each; returns how many documents they know."""
    known = 0
    with Replacement(path) as part, open(part, "w", encoding="utf-8") as f:
        for state in states:
            f.write(state.to_line())
            known += len(state.documents)
    return known


def read_states(path: str | Path, site_ids: Iterable[str]) -> dict[str, SiteState]:
    """The states of these sites in the file; a site without a line has none (a first crawl)."""
    wanted = set(site_ids)
    states = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                state = SiteState.from_line(line)
            except (ValueError, KeyError, TypeError) as exc:
                raise ValueError(f"{path} line {n} is no known state: {exc}") from None
            if state.site_id in wanted:
                states[state.site_id] = state
    return states


SETTLED = ("ok", "dead")  # check outcomes that are results; the others are asked again at once


def check_due(check: KnownCheck, period_days: float, url: str, now: dt.datetime) -> bool:
    """A link check is due when it never settled (no answer, a firewall, too big) or its
    rotation came round."""
    return check.outcome not in SETTLED or due(check.checked_at, period_days, url, now)


def due(last: str | None, period_days: float, key: str, now: dt.datetime) -> bool:
    """Whether work last done at `last` is due again. Each key falls due somewhere between half
    the period and the whole of it (a fixed share from its hash), so a site's columns and links
    come due spread over the weeks instead of all in the same one."""
    if last is None:
        return True
    share = 0.5 + (zlib.crc32(key.encode()) % 1000) / 2000
    return now - dt.datetime.fromisoformat(last) >= dt.timedelta(days=period_days * share)
