"""Pairs every interpretation with the document it explains, strongest evidence first.

1. `link`: the pages link each other (相关解读 on the policy, 相关文件 / 原文 on the
   interpretation; intermediate/int_pairs_linked.sql);
2. `quote`: the interpretation names the document — a 《…》 or 图解：… name matched as people write
   it (titles.py: wrappers, issuer prefixes, 关于, 〈〉, （试行）, years), a 文号, or a law's name in
   running text;
3. `similar`: for interpretations still unpaired and citing nothing, jieba title similarity
   within the site and a time window (similarity.py). It never overrides a link or a quote; a
   score below the rules file's `[pairing] similarity_counts_from` waits for review
   (`pairs.counted = false`) instead of counting.

The document an interpretation links to or names is paired whatever type it was given, and then
counts as a policy needing interpretation (int_policies.sql). A name no page of the site carries
is recorded in `outside_citations` (a national or provincial document): it counts against
nobody. The reviewed-pairs file is applied last (reviews.py). Lags are working days in
(policy date, interpretation date].
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable
from itertools import accumulate

import duckdb
import pyarrow as pa

from analysis.db import sql, transaction
from analysis.titles import (
    MIN_NAME,
    Name,
    cited_doc_nos,
    cited_names,
    cited_variants,
    fold,
    is_bare_name,
    looks_like_document,
    loose,
    mentioned,
    name_of,
    plain_sql,
)
from pipelines.attributes import normalize_doc_no

PAIR_COLUMNS = (
    "site_id",
    "policy_url",
    "interpretation_url",
    "method",
    "confidence",
    "evidence",
    "reviewed",
    "review_note",
    "counted",
)
# a pair as the machine found it, and as int_pairs_linked states one
FOUND_COLUMNS = PAIR_COLUMNS[:6]
# the pairs table's columns, as written
STORED_COLUMNS = (
    *FOUND_COLUMNS,
    "lag_workdays",
    "lag_basis",
    "reviewed",
    "review_note",
    "counted",
)
QUOTE_CONFIDENCE = 0.95


class SiteDocuments:
    """A site's documents an interpretation can name, found by the cited name's core.

    A core is always a contiguous piece of its document's folded, unquoted title (titles.py
    strips only prefixes, suffixes and quote marks), so DuckDB folds every title
    (`titles.plain_sql`) and joins a site's into one string, which is searched for the cited core
    at C speed; only the documents found are given their full name (cached) and compared
    exactly. Running-text mentions are looked for among the documents titled by a bare name (a
    law, a regulation: no 关于 / 印发 / …的通知 wrapper)."""

    def __init__(
        self,
        text: str,
        urls: list[str],
        titles: list[str],
        types: list[str],
        lengths: list[int],
        bare: list[bool] | None = None,
    ) -> None:
        self.text, self.urls, self.titles, self.types = text, urls, titles, types
        self.starts = [0, *accumulate(n + 1 for n in lengths)][: len(lengths)]
        self.by_doc_no: dict[str, list[str]] = defaultdict(list)
        self._names: dict[int, Name] = {}
        # which titles are bare names, when the caller knows (else found when first needed)
        self._bare: list[int] | None = (
            None if bare is None else [i for i, b in enumerate(bare) if b]
        )
        self._loose: tuple[str, list[int]] | None = None

    @classmethod
    def empty(cls) -> SiteDocuments:
        return cls("", [], [], [], [])

    def name(self, i: int) -> Name:
        if i not in self._names:
            self._names[i] = name_of(self.titles[i])
        return self._names[i]

    def named(self, cited: str) -> list[str]:
        """The documents a cited name names; policies first when several carry it. When none
        carries it as it is: what it may stand for (titles.cited_variants), each document once."""
        found = self._named(name_of(cited))
        if found:
            return found
        for group in cited_variants(cited):
            for variant in group:
                hits = self._named(variant)
                if hits:
                    found += [url for url in hits if url not in found]
                    break
        return found

    def _named(self, wanted: Name) -> list[str]:
        if len(wanted.core) < MIN_NAME:
            return []
        found = self._search(self.text, self.starts, wanted.core, wanted)
        if not found:  # a 的 one side leaves out: searched among the titles without 的
            text, starts = self.loose_index()
            found = self._search(text, starts, wanted.loose, wanted)
        policies = [self.urls[i] for i in found if self.types[i] == "policy"]
        return policies or [self.urls[i] for i in found]

    def _search(self, text: str, starts: list[int], core: str, wanted: Name) -> list[int]:
        found = []
        pos = text.find(core) if core else -1
        while pos != -1:
            i = bisect_right(starts, pos) - 1
            if self.name(i).matches(wanted):
                found.append(i)
            following = starts[i + 1] if i + 1 < len(starts) else len(text)
            pos = text.find(core, following)
        return found

    def loose_index(self) -> tuple[str, list[int]]:
        """The joined titles without 的, and where each starts (built once, when needed)."""
        if self._loose is None:
            plains = [loose(t) for t in self.text.split("\x00")] if self.text else []
            starts = [0, *accumulate(len(t) + 1 for t in plains)][: len(plains)]
            self._loose = ("\x00".join(plains), starts)
        return self._loose

    def with_doc_no(self, doc_no: str | None) -> list[str]:
        """The documents carrying a (normalised) 文号."""
        return self.by_doc_no.get(doc_no, []) if doc_no else []

    def mentioned_in(self, title: str) -> list[tuple[str, str]]:
        """Documents a title names in running text, no 《》: (url, the name)."""
        if self._bare is None:
            self._bare = [
                i for i, plain in enumerate(self.text.split("\x00")) if is_bare_name(plain)
            ]
        folded = fold(title)
        return [
            (self.urls[i], self.name(i).core)
            for i in self._bare
            if mentioned(folded, self.name(i), folded=True)
        ]


def site_documents(
    con: duckdb.DuckDBPyConnection, source: str | None = None
) -> dict[str, SiteDocuments]:
    """Every site's explainable documents, aggregated by DuckDB: stg_documents' (folded here), or
    those of `source`, a relation of explainable documents with their folded title (`plain`)
    and whether it is a bare name (`bare`)."""
    if source is None:
        plain = plain_sql("coalesce(title, '')")
        source = (
            f"(select *, {plain} as plain, null::boolean as bare "
            "from stg_documents where explainable)"
        )
    sites: dict[str, SiteDocuments] = defaultdict(SiteDocuments.empty)
    for site, text, urls, titles, types, lengths, bare in sql(
        con,
        f"""
        select site_id, string_agg(plain, chr(0) order by i), list(url order by i),
               list(coalesce(title, '') order by i), list(doc_type order by i),
               list(length(plain) order by i), list(bare order by i)
        -- each list in the order of the URLs, sorted once (sorting each by URL took 30% longer)
        from (select *, row_number() over (partition by site_id order by url) as i from {source})
        group by site_id
        """,
    ):
        known = None if any(b is None for b in bare) else bare
        sites[site] = SiteDocuments(text, urls, titles, types, lengths, known)
    for site, url, doc_no in sql(
        con, f"select site_id, url, doc_no from {source} where doc_no is not null"
    ):
        sites[site].by_doc_no[doc_no].append(url)
    return sites


def named_by(docs: SiteDocuments, title: str) -> tuple[list[tuple[str, str]], list[str]]:
    """What one interpretation's title names among its site's documents: (document url,
    evidence) in the order found, and the cited names no document carries."""
    named: list[tuple[str, str]] = []
    outside: list[str] = []
    found = False
    quoted = "《" in fold(title)  # 〈〉 and <> fold to 《》
    for name in cited_names(title):
        hits = docs.named(name)
        named += [(policy, f"标题引用：《{name}》") for policy in hits]
        found = found or bool(hits)
        if not hits and (quoted or looks_like_document(name)):
            outside.append(name)
    for raw in cited_doc_nos(title):
        hits = docs.with_doc_no(normalize_doc_no(raw))
        named += [(policy, f"引用文号：{raw}") for policy in hits]
        found = found or bool(hits)
    if not found and not quoted:
        named += [(policy, f"标题提及：{name}") for policy, name in docs.mentioned_in(title)]
    return named, outside


def named_pairs(
    con: duckdb.DuckDBPyConnection,
    interps: list[tuple[str, str, str]] | None = None,
    sites: dict[str, SiteDocuments] | None = None,
    also: Callable[[str, str, str], None] | None = None,
) -> tuple[dict[tuple, dict], list[dict]]:
    """Pairs by what each interpretation's title names (site, url, title: every interpretation
    when None), among `sites`' documents (every site's when None), and the names no page of its
    site carries (outside citations). `also` is called with each interpretation after it (the
    pairing state records what its title looks for while the names are fresh in the cache)."""
    sites = site_documents(con) if sites is None else sites
    if interps is None:
        interps = sql(
            con,
            "select site_id, url, coalesce(title, '') from stg_documents "
            "where doc_type = 'interpretation' order by site_id, url",
        )
    pairs: dict[tuple, dict] = {}
    outside: list[dict] = []
    for site, url, title in interps:
        named, cited_outside = named_by(sites.get(site) or SiteDocuments.empty(), title)
        for policy, evidence in named:
            if policy == url:
                continue
            found = pairs.setdefault(
                (site, policy, url),
                {"method": "quote", "confidence": QUOTE_CONFIDENCE, "evidence": evidence},
            )
            if evidence not in found["evidence"]:
                found["evidence"] += "；" + evidence
        outside += [
            {"site_id": site, "interpretation_url": url, "cited_name": name}
            for name in cited_outside
        ]
        if also is not None:
            also(site, url, title)
    return pairs, outside


def machine_pairs(
    con: duckdb.DuckDBPyConnection,
    *,
    counts_from: float,
    review_from: float,
    interps: list[tuple[str, str, str]] | None = None,
    sites: dict[str, SiteDocuments] | None = None,
    also: Callable[[str, str, str], None] | None = None,
) -> tuple[dict[tuple, dict], list[dict]]:
    """Pairs from links and names, then similarity for the interpretations left; the outside
    citations. For the interpretations given (site, url, title), among `sites`' documents (a
    site's documents those titles can find: pairing_state.py), or for every one; `also` as
    for named_pairs."""
    only = None if interps is None else {(site, url) for site, url, _ in interps}
    pairs: dict[tuple, dict] = {
        (site, policy, interp): {"method": method, "confidence": confidence, "evidence": evidence}
        for site, policy, interp, method, confidence, evidence in _linked(con, only)
    }
    named, outside = named_pairs(con, interps, sites, also)
    for key, pair in named.items():
        if key in pairs:
            pairs[key]["evidence"] += "；" + pair["evidence"]
        else:
            pairs[key] = pair
    settled = {k[2] for k in pairs} | {o["interpretation_url"] for o in outside}
    for key, pair in similar_pairs(con, settled, review_from, only).items():
        pair["counted"] = pair["confidence"] >= counts_from
        pairs.setdefault(key, pair)
    for pair in pairs.values():
        pair.setdefault("counted", True)
    return pairs, outside


def _linked(con: duckdb.DuckDBPyConnection, only: set[tuple[str, str]] | None) -> list[tuple]:
    """The pairs the pages state (int_pairs_linked), of the interpretations `only` names (None:
    every one)."""
    query = f"select {', '.join(f'l.{c}' for c in FOUND_COLUMNS)} from int_pairs_linked l"
    if only is None:
        return sql(con, query)
    asked = pa.table(
        {
            "site_id": pa.array([site for site, _ in only], pa.string()),
            "url": pa.array([url for _, url in only], pa.string()),
        }
    )
    con.register("pairing_asked", asked)
    try:
        return sql(
            con,
            f"{query} semi join pairing_asked a "
            "on a.site_id = l.site_id and a.url = l.interpretation_url",
        )
    finally:
        con.unregister("pairing_asked")


def similar_pairs(
    con: duckdb.DuckDBPyConnection,
    settled: set[str],
    floor: float,
    only: set[tuple[str, str]] | None = None,
) -> dict[tuple, dict]:
    """Title similarity for interpretations no link, name or outside citation settled (of
    `only`, when given; jieba loads only here, and only when there is one)."""
    query = (
        "select site_id, url, title, published_date from stg_documents "
        "where doc_type = 'interpretation' and published_date is not null"
    )
    if only is not None:
        con.register(
            "similar_only",
            pa.table(
                {
                    "site_id": pa.array([k[0] for k in only], pa.string()),
                    "url": pa.array([k[1] for k in only], pa.string()),
                }
            ),
        )
        query += " and (site_id, url) in (select (site_id, url) from similar_only)"
    try:
        interps = [row for row in sql(con, query + " order by url") if row[1] not in settled]
    finally:
        if only is not None:
            con.unregister("similar_only")
    if not interps:
        return {}
    from analysis.similarity import AFTER_DAYS, WINDOW_DAYS, Candidate, best_policy

    # the policies some interpretation's window holds (best_policy looks at no other)
    con.register(
        "similar_interps",
        pa.table(
            {
                "site_id": pa.array([row[0] for row in interps], pa.string()),
                "published_date": pa.array([row[3] for row in interps], pa.date32()),
            }
        ),
    )
    policies: dict[str, list[Candidate]] = defaultdict(list)
    try:
        rows = sql(
            con,
            f"""
            select p.site_id, p.url, p.title, p.published_date from stg_documents p
            semi join similar_interps i
              on i.site_id = p.site_id
             and (i.published_date - p.published_date) between -{AFTER_DAYS} and {WINDOW_DAYS}
            where p.doc_type = 'policy' and p.published_date is not null
            order by p.site_id, p.url
            """,
        )
    finally:
        con.unregister("similar_interps")
    for site, url, title, published in rows:
        policies[site].append(Candidate(url, title, published))
    found = {}
    for site, url, title, published in interps:
        best = best_policy(title, published, policies[site], floor=floor)
        if best:
            policy, score = best
            found[(site, policy.url, url)] = {
                "method": "similar",
                "confidence": score,
                "evidence": f"标题相似 {score:.2f}：{policy.title}",
            }
    return found


def write_pairs(
    con: duckdb.DuckDBPyConnection,
    pairs: dict[tuple, dict],
    outside: list[dict],
    also: str | None = None,
    dates: str = "documents",
) -> int:
    """Replace the pairs table (with each pair's working-day lag and the basis of that count)
    and the outside citations. `also`: a query of more pairs (PAIR_COLUMNS), the pairs kept
    from the last pairing, written as they are without passing through Python. `dates`: where
    the pages' 发布日期 are read (site_id, url, published_date), a relation holding every page a
    kept pair names (smaller than `documents`); a page of the other pairs it lacks (one a person
    added) is read from `documents`."""
    rows = {name: [] for name in PAIR_COLUMNS}
    for (site, policy, interp), pair in sorted(pairs.items()):
        for name, value in zip(PAIR_COLUMNS[:3], (site, policy, interp), strict=True):
            rows[name].append(value)
        for name in PAIR_COLUMNS[3:]:
            rows[name].append(pair.get(name))
    types = {"confidence": pa.float64(), "counted": pa.bool_()}
    batch = pa.table(rows, schema=pa.schema([(n, types.get(n, pa.string())) for n in PAIR_COLUMNS]))
    cited = pa.table(
        {k: [o[k] for o in outside] for k in ("site_id", "interpretation_url", "cited_name")},
        schema=pa.schema(
            [(k, pa.string()) for k in ("site_id", "interpretation_url", "cited_name")]
        ),
    )
    con.register("new_pairs", batch)
    con.register("new_outside", cited)
    columns = ", ".join(STORED_COLUMNS)
    try:
        sql(
            con,
            f"""
            create or replace temp table computed_pairs ({columns}) as
            with elsewhere as (  -- a page of the pairs from Python that `dates` lacks
                select * from (
                    select site_id, policy_url as url from new_pairs
                    union select site_id, interpretation_url from new_pairs
                ) anti join {dates} using (site_id, url)
            ),
            dates as (
                select site_id, url, published_date from {dates}
                union all
                select site_id, url, published_date from documents
                semi join elsewhere using (site_id, url)
            )
            select n.site_id, n.policy_url, n.interpretation_url, n.method, n.confidence,
                   n.evidence,
                   wi.workday_index - wp.workday_index as lag_workdays,
                   case when wp.basis is null or wi.basis is null then null
                        when 'estimated' in (wp.basis, wi.basis) then 'estimated'
                        when 'override' in (wp.basis, wi.basis) then 'override'
                        else 'official' end as lag_basis,
                   n.reviewed, n.review_note, n.counted
            from (select * from new_pairs {f"union all {also}" if also else ""}) n
            left join dates p on p.site_id = n.site_id and p.url = n.policy_url
            left join dates i on i.site_id = n.site_id and i.url = n.interpretation_url
            left join workdays wp on wp.day = p.published_date
            left join workdays wi on wi.day = i.published_date
        """,
        )
    finally:
        con.unregister("new_pairs")
    # only what changed is written: deleting and inserting every pair each scoring cost seconds
    # of index upkeep at 300,000 pairs, for a table that changes by a few a week
    try:
        with transaction(con):
            sql(
                con,
                "delete from pairs where rowid in (select p.rowid from pairs p anti join "
                "computed_pairs c using (site_id, policy_url, interpretation_url))",
            )
            updates = ", ".join(f"{c} = excluded.{c}" for c in STORED_COLUMNS[3:])
            sql(
                con,
                f"insert into pairs ({columns}) select * from (select {columns} from computed_pairs "
                f"except select {columns} from pairs) on conflict (site_id, policy_url, "
                f"interpretation_url) do update set {updates}",
            )
            sql(con, "delete from outside_citations")
            sql(con, "insert into outside_citations select distinct * from new_outside")
    finally:
        con.unregister("new_outside")
        sql(con, "drop table if exists computed_pairs")
    return sql(con, "select count(*) from pairs")[0][0]
