"""The known state of each site, read from the store for the next crawl (crawlers/state.py).

A column's current items are those its list showed at its last complete walk or since (a
document gone from the list at that walk is not counted, nor one marked removed). A document is
`fetched` when the store holds its page and `dead` when its last check found it dead.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from crawlers.state import KnownCheck, KnownColumn, KnownDocument, SiteState, write_states

COLUMNS_SQL = """
with walks as (
    select w.site_id, w.column_url,
           max(w.walked_at) filter (where w.complete) as walked_at,
           arg_max(w.stated_count, w.walked_at) filter (where w.accounted) as stated,
           max(w.walked_at) as last_walk_end
    from column_walks w
    where list_contains($sites, w.site_id)
    group by all
)
select c.site_id, c.column_url, c.name, c.kind, w.walked_at, w.stated, w.last_walk_end,
       (select max(l.last_seen_at) from listings l
        where l.site_id = c.site_id and l.column_url = c.column_url) as last_listed,
       c.family, c.list_url
from columns c left join walks w using (site_id, column_url)
where list_contains($sites, c.site_id)
"""

DOCUMENTS_SQL = """
with walks as (
    select w.site_id, w.column_url, max(r.started_at) as walk_started
    from column_walks w join runs r using (run_id)
    where w.complete and list_contains($sites, w.site_id)
    group by all
),
listed as (
    select l.site_id, l.item_url, l.column_url, l.title, l.list_date, l.doc_no, l.last_seen_at,
           l.written_date, l.list_page, l.linked_url,
           l.last_seen_at >= coalesce(w.walk_started, l.last_seen_at) as current
    from listings l left join walks w using (site_id, column_url)
    where list_contains($sites, l.site_id)
)
select l.site_id, l.item_url,
       arg_max(l.title, l.last_seen_at), arg_max(l.list_date, l.last_seen_at),
       arg_max(l.doc_no, l.last_seen_at), arg_max(l.written_date, l.last_seen_at),
       arg_max(l.list_page, l.last_seen_at), arg_max(l.linked_url, l.last_seen_at),
       list(distinct l.column_url) filter (where l.current and d.removed_at is null),
       bool_or(d.url is not null and d.removed_at is null),
       bool_or(k.outcome = 'dead'),
       any_value(d.etag), any_value(d.last_modified)
from listed l
left join documents d on d.site_id = l.site_id and d.url = l.item_url
left join link_checks k on k.site_id = l.site_id and k.url = l.item_url
group by all
"""

# links checked before, with their outcome; and the attachments and images of stored pages that
# were never checked (a crawl killed between reading a page and checking its links)
CHECKS_SQL = """
select site_id, url, found_on, checked_at, outcome from link_checks
where list_contains($sites, site_id) and outcome not in ('robots', 'refused')
union all
select l.site_id, l.to_url, any_value(l.from_url), null, null
from document_links l
where list_contains($sites, l.site_id) and l.relation in ('attachment', 'image')
  and not exists (select 1 from link_checks k where k.site_id = l.site_id and k.url = l.to_url)
group by all
"""


def iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def known_states(con: duckdb.DuckDBPyConnection, site_ids: list[str]) -> list[SiteState]:
    """Every listed site's state, as the store knows it (sites it never crawled have none)."""
    states: dict[str, SiteState] = {}
    params = {"sites": site_ids}

    def state(site_id: str) -> SiteState:
        return states.setdefault(site_id, SiteState(site_id))

    for (
        site_id,
        url,
        title,
        list_date,
        doc_no,
        written,
        list_page,
        linked_url,
        columns,
        fetched,
        dead,
        etag,
        modified,
    ) in con.execute(DOCUMENTS_SQL, params).fetchall():
        state(site_id).documents[url] = KnownDocument(
            title=title,
            list_date=iso(list_date),
            doc_no=doc_no,
            written=iso(written),
            list_page=list_page,
            linked_url=linked_url,
            columns=sorted(c for c in columns or [] if c),
            fetched=bool(fetched),
            dead=bool(dead),
            etag=etag,
            last_modified=modified,
        )
    for (
        site_id,
        url,
        name,
        kind,
        walked_at,
        stated,
        last_end,
        last_listed,
        family,
        list_url,
    ) in con.execute(COLUMNS_SQL, params).fetchall():
        state(site_id).columns[url] = KnownColumn(
            name=name or "",
            kind=kind,
            walked_at=iso(walked_at),
            stated=stated,
            interrupted=bool(last_end and last_listed and last_listed > last_end),
            family=family,
            list_url=list_url,
        )
    for site_id, url, found_on, checked_at, outcome in con.execute(CHECKS_SQL, params).fetchall():
        state(site_id).checks[url] = KnownCheck(found_on or "", iso(checked_at), outcome)
    return [states[s] for s in site_ids if s in states]


def write_known_state(
    con: duckdb.DuckDBPyConnection, site_ids: list[str], path: Path
) -> tuple[int, int]:
    """Write the sites' known state from the store to `path`; returns (sites with a state,
    documents known). A store that never crawled them knows nothing: an empty file."""
    states = known_states(con, site_ids)
    return len(states), write_states(path, states)
