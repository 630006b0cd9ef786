"""Pairing again only what a change can reach.

The last pairing's view of things is kept beside the pairs (pipelines/migrations/
009_pairing_state.sql): every document it read (a fingerprint of its title, type, 文号 and
发布日期; its folded title), what each interpretation's title looked for, the machine's pairs
before the reviews, the outside citations and the pages' links. An interpretation's pairs depend
only on its own title, its pages' links (int_pairs_linked) and the documents of its site its
title can find, so this scoring pairs again:
- every interpretation of a site where a document pairing reads changed or went away;
- a new interpretation, and one whose links changed;
- an interpretation a new document of its site can answer: the new title holds a name core (or
  loose core) it looked for, carries a 文号 it cited, or is a bare name (a law) while it looks
  for names in running text; or the new document is a policy inside its title-similarity window.
The rest keep their pairs. The interpretations paired again search only the documents of their
site that what they look for can find — the titles holding one of their cores, found by DuckDB —
which `SiteDocuments` finds as it would among all of them. Without a state, or under another
version of the pairing code and its word lists, or other thresholds, everything is paired and
the state written whole. tests/test_pairing_increment.py checks the result against pairing
everything.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa

from analysis.db import sql, transaction
from analysis.pairing import (
    FOUND_COLUMNS,
    PAIR_COLUMNS,
    SiteDocuments,
    machine_pairs,
    named_by,
    site_documents,
    write_pairs,
)
from analysis.reviews import Review, apply_reviews
from analysis.similarity import AFTER_DAYS, WINDOW_DAYS
from analysis.titles import MIN_NAME, Name, bare_name_sql, is_bare_name, loose_sql, plain_sql
from crawlers.status import utc_now

ROOT = Path(__file__).resolve().parent.parent
# what decides a pair besides the documents: a change to any of these pairs everything again
CODE = (
    "analysis/pairing.py",
    "analysis/pairing_state.py",
    "analysis/titles.py",
    "analysis/similarity.py",
    "analysis/jieba_words.txt",
    "analysis/sql/staging/stg_documents.sql",
    "crawlers/extract/labels.py",
    "pipelines/attributes.py",
)
KEY = "site_id, policy_url, interpretation_url"  # a pair's key
# a pair's columns as the machine found it: the pair's, less what a person's review sets
MACHINE_COLUMNS = tuple(c for c in PAIR_COLUMNS[3:] if not c.startswith("review"))
# a document's search text without 的 (SiteDocuments.loose_index)
LOOSE = loose_sql("plain")
# a document a search can find: a title holding the core, the 文号, a bare name for mentions
FOUND_BY = """
    (q.kind = 'core' and contains(d.plain, q.query))
    or (q.kind = 'loose' and contains(d.loose, q.query))
    or (q.kind = 'doc_no' and d.doc_no = q.query)
    or (q.kind = 'mention' and d.bare)
"""


class SearchRecorder(SiteDocuments):
    """A site without documents that notes what a title looks for. Nothing is found, so every
    cited name and every variant of it is tried: all that any document could be found by."""

    def __init__(self) -> None:
        super().__init__("", [], [], [], [])
        self.searches: set[tuple[str, str]] = set()

    def _named(self, wanted: Name) -> list[str]:
        if len(wanted.core) >= MIN_NAME:  # as SiteDocuments._named: a shorter core finds nothing
            self.searches |= {("core", wanted.core), ("loose", wanted.loose)}
        return []

    def with_doc_no(self, doc_no: str | None) -> list[str]:
        if doc_no:
            self.searches.add(("doc_no", doc_no))
        return []

    def mentioned_in(self, title: str) -> list[tuple[str, str]]:
        self.searches.add(("mention", ""))
        return []


def searches_of(title: str, recorder: SearchRecorder | None = None) -> list[tuple[str, str]]:
    """What an interpretation's title looks for among its site's documents: (kind, text)."""
    recorder = recorder or SearchRecorder()
    recorder.searches = set()
    named_by(recorder, title)
    return sorted(recorder.searches)


def code_digest() -> str:
    digest = hashlib.sha256()
    for name in CODE:
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()[:16]


@dataclass
class Plan:
    """What this pairing computes: everything, or the interpretations a change can reach."""

    everything: bool
    again: list[tuple[str, str, str]] = field(default_factory=list)  # (site, url, title)
    dirty_sites: list[str] = field(default_factory=list)
    code: str = ""  # the digest of the pairing code this pairing runs (code_digest)


def plan_pairing(con: duckdb.DuckDBPyConnection, counts_from: float, review_from: float) -> Plan:
    """Compare the documents pairing reads now with the state's; leaves the temporary tables
    `pairing_now` and `pairing_fresh` (new or changed documents, with their search text)."""
    sql(
        con,
        """
        create or replace temp table pairing_now as
        select site_id, url, hash(title, doc_type, doc_no, published_date) as fingerprint,
               doc_type, doc_no, published_date, explainable, coalesce(title, '') as title
        from stg_documents
        where explainable or doc_type = 'interpretation'
        """,
    )
    code = code_digest()
    basis = sql(con, "select code, counts_from, review_from from pairing_basis")
    if basis != [(code, counts_from, review_from)]:
        # no state yet, or the pairing code or thresholds changed
        sql(con, "create or replace temp table pairing_fresh as select * from pairing_now")
        _add_search_text(con)
        return Plan(everything=True, code=code)
    sql(
        con,
        """
        create or replace temp table pairing_fresh as
        select n.*, s.url is not null as changed
        from pairing_now n left join pairing_documents s using (site_id, url)
        where s.url is null or s.fingerprint <> n.fingerprint
        """,
    )
    _add_search_text(con)
    dirty = [
        site
        for (site,) in sql(
            con,
            """
            select site_id from pairing_fresh where changed
            union
            select site_id from pairing_documents anti join pairing_now using (site_id, url)
            """,
        )
    ]
    con.register("pairing_dirty", pa.table({"site_id": pa.array(dirty, pa.string())}))
    try:
        again = sql(
            con,
            f"""
            with searched as (
                select q.site_id, q.interpretation_url as url
                from pairing_searches q
                join (select *, {LOOSE} as loose from pairing_fresh where explainable) d
                  using (site_id)
                where {FOUND_BY}
            ),
            links_changed as (
                select site_id, interpretation_url as url from (
                    (select * from int_pairs_linked except select * from pairing_links)
                    union all
                    (select * from pairing_links except select * from int_pairs_linked)
                )
            ),
            similar_window as (
                select i.site_id, i.url
                from pairing_now i
                join pairing_fresh p on p.site_id = i.site_id and p.doc_type = 'policy'
                where i.doc_type = 'interpretation'
                  and (i.published_date - p.published_date) between -{AFTER_DAYS} and {WINDOW_DAYS}
            ),
            reached as (
                select site_id, url from pairing_fresh where doc_type = 'interpretation'
                union select * from searched
                union select * from links_changed
                union select * from similar_window
                union select site_id, url from pairing_now semi join pairing_dirty using (site_id)
            )
            select i.site_id, i.url, i.title
            from pairing_now i semi join reached r using (site_id, url)
            where i.doc_type = 'interpretation'
            order by i.site_id, i.url
            """,
        )
    finally:
        con.unregister("pairing_dirty")
    return Plan(everything=False, again=again, dirty_sites=dirty, code=code)


def _add_search_text(con: duckdb.DuckDBPyConnection) -> None:
    """Each fresh document's search text (`plain`) and whether it is a bare name."""
    sql(
        con,
        f"create or replace temp table pairing_fresh as select *, "
        f"{plain_sql('title')} as plain from pairing_fresh",
    )
    rows = sql(
        con,
        "select site_id, url, plain from pairing_fresh "
        f"where explainable and {bare_name_sql('plain')}",
    )
    bare = pa.table(
        {
            "site_id": pa.array([r[0] for r in rows], pa.string()),
            "url": pa.array([r[1] for r in rows], pa.string()),
            "bare": pa.array([is_bare_name(r[2]) for r in rows], pa.bool_()),
        }
    )
    con.register("pairing_bare", bare)
    try:
        sql(
            con,
            "create or replace temp table pairing_fresh as select f.*, coalesce(b.bare, false) "
            "as bare from pairing_fresh f left join pairing_bare b using (site_id, url)",
        )
    finally:
        con.unregister("pairing_bare")


def candidate_sites(
    con: duckdb.DuckDBPyConnection, again: list[tuple[str, str, str]]
) -> tuple[dict[str, SiteDocuments], pa.Table]:
    """Each site's documents the interpretations to pair again can find (what their titles look
    for: `searches_of`), as SiteDocuments; and those searches, to keep."""
    table = searches_table(again)
    con.register("pairing_wanted", table)
    try:
        rows = sql(
            con,
            f"""
            with docs as (
                select site_id, url, doc_no, plain, bare
                from pairing_documents anti join pairing_fresh using (site_id, url)
                where explainable
                union all
                select site_id, url, doc_no, plain, bare from pairing_fresh where explainable
            ),
            found as (
                select distinct d.site_id, d.url
                from (select *, {LOOSE} as loose from docs) d
                join (select distinct site_id, kind, query from pairing_wanted) q using (site_id)
                where {FOUND_BY}
            )
            select n.site_id, n.url, n.title, n.doc_type, n.doc_no, d.plain, d.bare
            from found f
            join pairing_now n using (site_id, url)
            join docs d using (site_id, url)
            order by n.site_id, n.url
            """,
        )
    finally:
        con.unregister("pairing_wanted")
    grouped: dict[str, list[tuple]] = defaultdict(list)
    for site, url, title, doc_type, doc_no, plain, bare in rows:
        grouped[site].append((url, title, doc_type, doc_no, plain, bare))
    sites = {}
    for site, docs in grouped.items():
        found = SiteDocuments(
            "\x00".join(d[4] for d in docs),
            [d[0] for d in docs],
            [d[1] for d in docs],
            [d[2] for d in docs],
            [len(d[4]) for d in docs],
            [d[5] for d in docs],
        )
        for url, _, _, doc_no, _, _ in docs:
            if doc_no is not None:
                found.by_doc_no[doc_no].append(url)
        sites[site] = found
    return sites, table


@contextmanager
def _kept(
    con: duckdb.DuckDBPyConnection, plan: Plan, reviews: list[Review]
) -> Iterator[tuple[dict[tuple, dict], list[dict], str]]:
    """The state's pairs and outside citations of the interpretations not paired again: the
    pairs a review names, as dicts (the reviews apply to them), the outside citations, and a
    query of the other pairs, which stay in DuckDB (valid inside the `with`)."""
    _register_again(con, plan)
    named = pa.table(
        {
            name: pa.array([r.key[n] for r in reviews], pa.string())
            for n, name in enumerate(PAIR_COLUMNS[:3])
        }
    )
    con.register("pairing_reviewed", named)
    keep = (
        "anti join pairing_again a on a.site_id = s.site_id and a.url = s.interpretation_url "
        "where s.site_id not in (select site_id from pairing_again_sites)"
    )
    machine = ", ".join(MACHINE_COLUMNS)
    try:
        reviewed = {
            (site, policy, interp): dict(zip(MACHINE_COLUMNS, rest, strict=True))
            for site, policy, interp, *rest in sql(
                con,
                f"select s.site_id, s.policy_url, s.interpretation_url, {machine} "
                f"from pairing_machine s semi join pairing_reviewed using ({KEY}) {keep}",
            )
        }
        outside = [
            {"site_id": site, "interpretation_url": url, "cited_name": name}
            for site, url, name in sql(
                con,
                f"select s.site_id, s.interpretation_url, s.cited_name from pairing_outside s {keep}",
            )
        ]
        # the rest, as write_pairs takes them (PAIR_COLUMNS: no review)
        rest = (
            f"select {', '.join(f's.{c}' for c in FOUND_COLUMNS)}, null::varchar, null::varchar, "
            f"s.counted from pairing_machine s anti join pairing_reviewed using ({KEY}) {keep}"
        )
        yield reviewed, outside, rest
    finally:
        _unregister_again(con)
        con.unregister("pairing_reviewed")


def _register_again(con: duckdb.DuckDBPyConnection, plan: Plan) -> None:
    con.register(
        "pairing_again",
        pa.table(
            {
                "site_id": pa.array([r[0] for r in plan.again], pa.string()),
                "url": pa.array([r[1] for r in plan.again], pa.string()),
            }
        ),
    )
    con.register(
        "pairing_again_sites", pa.table({"site_id": pa.array(plan.dirty_sites, pa.string())})
    )


def _unregister_again(con: duckdb.DuckDBPyConnection) -> None:
    con.unregister("pairing_again")
    con.unregister("pairing_again_sites")


def _save(
    con: duckdb.DuckDBPyConnection,
    plan: Plan,
    machine: dict[tuple, dict],
    outside: list[dict],
    searches: pa.Table,
    basis: tuple[float, float],
) -> None:
    """Keep what this pairing read and found, in one transaction: whole when it paired
    everything, else the documents that changed and the interpretations paired again."""
    rows = sorted(machine.items())
    pairs = pa.table(
        {
            "site_id": pa.array([k[0] for k, _ in rows], pa.string()),
            "policy_url": pa.array([k[1] for k, _ in rows], pa.string()),
            "interpretation_url": pa.array([k[2] for k, _ in rows], pa.string()),
            "method": pa.array([p["method"] for _, p in rows], pa.string()),
            "confidence": pa.array([p["confidence"] for _, p in rows], pa.float64()),
            "evidence": pa.array([p["evidence"] for _, p in rows], pa.string()),
            "counted": pa.array([p["counted"] for _, p in rows], pa.bool_()),
        }
    )
    cited = pa.table(
        {
            k: pa.array([o[k] for o in outside], pa.string())
            for k in ("site_id", "interpretation_url", "cited_name")
        }
    )
    con.register("pairing_new_machine", pairs)
    con.register("pairing_new_outside", cited)
    con.register("pairing_new_searches", searches)
    _register_again(con, plan)
    try:
        with transaction(con):
            if plan.everything:
                for table in ("documents", "searches", "machine", "outside"):
                    sql(con, f"delete from pairing_{table}")
            else:
                sql(
                    con,
                    "delete from pairing_documents where rowid in ("
                    "select rowid from pairing_documents semi join pairing_fresh using (site_id, url) "
                    "union all "
                    "select rowid from pairing_documents anti join pairing_now using (site_id, url))",
                )
                for table in ("searches", "machine", "outside"):
                    sql(
                        con,
                        f"delete from pairing_{table} where site_id in "
                        f"(select site_id from pairing_again_sites) or (site_id, interpretation_url) "
                        f"in (select (site_id, url) from pairing_again)",
                    )
            sql(
                con,
                "insert into pairing_documents select site_id, url, fingerprint, doc_type, doc_no, "
                "published_date, explainable, plain, bare from pairing_fresh",
            )
            sql(con, "insert into pairing_searches select * from pairing_new_searches")
            sql(con, "insert into pairing_machine select * from pairing_new_machine")
            sql(con, "insert into pairing_outside select * from pairing_new_outside")
            # the links as pairing read them: only what changed is written (150,000 rows rewritten
            # each scoring cost 0.3 s on the bench for the few that change in a week)
            links = ", ".join(FOUND_COLUMNS)
            sql(
                con,
                f"delete from pairing_links where rowid in (select rowid from pairing_links s "
                f"anti join int_pairs_linked n on {_same_link('s', 'n')})",
            )
            sql(
                con,
                f"insert into pairing_links select {links} from int_pairs_linked "
                f"except all select {links} from pairing_links",
            )
            sql(con, "delete from pairing_basis")
            sql(
                con, "insert into pairing_basis values (?, ?, ?, ?)", [plan.code, *basis, utc_now()]
            )
    finally:
        for name in ("pairing_new_machine", "pairing_new_outside", "pairing_new_searches"):
            con.unregister(name)
        _unregister_again(con)


def _same_link(a: str, b: str) -> str:
    """Two rows of linked pairs alike in every column (a NULL alike a NULL)."""
    return " and ".join(f"{a}.{c} is not distinct from {b}.{c}" for c in FOUND_COLUMNS)


class Searches:
    """What interpretations' titles look for (`searches_of`), gathered as pairing_searches rows."""

    def __init__(self) -> None:
        self.recorder = SearchRecorder()
        self.interpretations = 0
        self.columns: dict[str, list[str]] = {
            "site_id": [],
            "interpretation_url": [],
            "kind": [],
            "query": [],
        }

    def add(self, site: str, url: str, title: str) -> None:
        self.interpretations += 1
        for kind, query in searches_of(title, self.recorder):
            for values, value in zip(self.columns.values(), (site, url, kind, query), strict=True):
                values.append(value)

    def table(self) -> pa.Table:
        return pa.table({k: pa.array(v, pa.string()) for k, v in self.columns.items()})


def searches_table(interps: list[tuple[str, str, str]]) -> pa.Table:
    """What each interpretation's title looks for, as pairing_searches rows."""
    searches = Searches()
    for interp in interps:
        searches.add(*interp)
    return searches.table()


def pair_documents(
    con: duckdb.DuckDBPyConnection,
    reviews: list[Review],
    *,
    counts_from: float,
    review_from: float,
) -> tuple[dict[str, int], int]:
    """Pair (again, what a change can reach), apply the reviews, store; the counts by method,
    by review decision, of the pairs waiting for review and of the outside citations; and how
    many interpretations were paired (every one when the state could not be used)."""
    plan = plan_pairing(con, counts_from, review_from)
    thresholds = {"counts_from": counts_from, "review_from": review_from}
    if plan.everything:
        sites = site_documents(con, "(select * from pairing_fresh where explainable)")
        recorded = Searches()  # what each title looks for, recorded right after its pairing
        pairs, outside = machine_pairs(con, **thresholds, sites=sites, also=recorded.add)
        searches = recorded.table()
        paired = recorded.interpretations
        found = outside
    else:
        sites, searches = candidate_sites(con, plan.again)
        pairs, found = machine_pairs(con, **thresholds, interps=plan.again, sites=sites)
        paired = len(plan.again)
    machine = {key: {k: pair[k] for k in MACHINE_COLUMNS} for key, pair in pairs.items()}
    if plan.everything:
        review_counts = apply_reviews(pairs, reviews)
        write_pairs(con, pairs, outside, dates="pairing_now")
    else:
        with _kept(con, plan, reviews) as (reviewed, kept_outside, rest):
            pairs.update(reviewed)
            outside = kept_outside + found
            review_counts = apply_reviews(pairs, reviews)
            write_pairs(con, pairs, outside, also=rest, dates="pairing_now")
    _save(con, plan, machine, found, searches, (counts_from, review_from))
    counts: dict[str, int] = defaultdict(
        int,
        sql(
            con,
            "select case when counted then method else 'waiting_review' end, count(*) "
            "from pairs group by all",
        ),
    )
    counts["outside"] = len({o["interpretation_url"] for o in outside})
    return {**counts, **{f"review_{k}": v for k, v in review_counts.items()}}, paired
