"""Pairs every policy with its interpretations, strongest evidence first.

1. `link`: the pages link each other (相关解读 on the policy, 相关文件 / 原文 on the
   interpretation), checked to join a policy and an interpretation (intermediate/int_pairs_linked.sql);
2. `quote`: the interpretation's title quotes the policy's title or 文号
   (intermediate/int_pairs_quoted.sql);
3. `similar`: for interpretations still unpaired, jieba title similarity within the site and a
   time window (similarity.py).
A pair found several ways keeps its strongest method and all its evidence. The reviewed-pairs
file is applied last (reviews.py). Lags are working days in (policy date, interpretation date].
"""

from __future__ import annotations

from collections import defaultdict

import duckdb
import pyarrow as pa

from analysis.db import sql
from analysis.reviews import Review, apply_reviews

METHOD_RANK = {"manual": 0, "link": 1, "quote": 2, "similar": 3}
PAIR_COLUMNS = (
    "site_id",
    "policy_url",
    "interpretation_url",
    "method",
    "confidence",
    "evidence",
    "reviewed",
    "review_note",
)


def machine_pairs(con: duckdb.DuckDBPyConnection) -> dict[tuple, dict]:
    """Pairs from links and quotations (SQL), then similarity for the interpretations left."""
    pairs: dict[tuple, dict] = {}
    for view in ("int_pairs_linked", "int_pairs_quoted"):
        rows = sql(
            con,
            f"select site_id, policy_url, interpretation_url, method, confidence, evidence from {view}",
        )
        for site, policy, interp, method, confidence, evidence in rows:
            key = (site, policy, interp)
            if key in pairs:
                pairs[key]["evidence"] += "；" + evidence
                continue
            pairs[key] = {"method": method, "confidence": confidence, "evidence": evidence}
    for key, pair in similar_pairs(con, {k[2] for k in pairs}).items():
        pairs.setdefault(key, pair)
    return pairs


def similar_pairs(con: duckdb.DuckDBPyConnection, paired: set[str]) -> dict[tuple, dict]:
    """Title similarity for interpretations no link or quotation paired (jieba loads only here,
    and only when there is one)."""
    interps = [
        row
        for row in sql(
            con,
            "select site_id, url, title, published_date from stg_documents "
            "where doc_type = 'interpretation' and published_date is not null",
        )
        if row[1] not in paired
    ]
    if not interps:
        return {}
    from analysis.similarity import Candidate, best_policy

    sites = sorted({row[0] for row in interps})
    policies: dict[str, list[Candidate]] = defaultdict(list)
    for site, url, title, published in sql(
        con,
        "select site_id, url, title, published_date from stg_documents "
        "where doc_type = 'policy' and published_date is not null and list_contains(?, site_id)",
        [sites],
    ):
        policies[site].append(Candidate(url, title, published))
    found = {}
    for site, url, title, published in interps:
        best = best_policy(title, published, policies[site])
        if best:
            policy, score = best
            found[(site, policy.url, url)] = {
                "method": "similar",
                "confidence": score,
                "evidence": f"标题相似 {score:.2f}：{policy.title}",
            }
    return found


def write_pairs(con: duckdb.DuckDBPyConnection, pairs: dict[tuple, dict]) -> int:
    """Replace the pairs table, with each pair's working-day lag and the basis of that count."""
    rows = {name: [] for name in PAIR_COLUMNS}
    for (site, policy, interp), pair in sorted(pairs.items()):
        for name, value in zip(PAIR_COLUMNS[:3], (site, policy, interp), strict=True):
            rows[name].append(value)
        for name in PAIR_COLUMNS[3:]:
            rows[name].append(pair.get(name))
    batch = pa.table(
        rows,
        schema=pa.schema(
            [(n, pa.float64() if n == "confidence" else pa.string()) for n in PAIR_COLUMNS]
        ),
    )
    con.register("new_pairs", batch)
    try:
        sql(con, "begin transaction")
        sql(con, "delete from pairs")
        sql(
            con,
            """
            insert into pairs
            select n.site_id, n.policy_url, n.interpretation_url, n.method, n.confidence,
                   n.evidence,
                   wi.workday_index - wp.workday_index as lag_workdays,
                   case when wp.basis is null or wi.basis is null then null
                        when 'estimated' in (wp.basis, wi.basis) then 'estimated'
                        when 'override' in (wp.basis, wi.basis) then 'override'
                        else 'official' end as lag_basis,
                   n.reviewed, n.review_note
            from new_pairs n
            left join documents p on p.site_id = n.site_id and p.url = n.policy_url
            left join documents i on i.site_id = n.site_id and i.url = n.interpretation_url
            left join workdays wp on wp.day = p.published_date
            left join workdays wi on wi.day = i.published_date
        """,
        )
        sql(con, "commit")
    except BaseException:
        sql(con, "rollback")
        raise
    finally:
        con.unregister("new_pairs")
    return len(pairs)


def pair_documents(con: duckdb.DuckDBPyConnection, reviews: list[Review]) -> dict[str, int]:
    """Pair, apply the reviews, store; the counts by method and by review decision."""
    pairs = machine_pairs(con)
    review_counts = apply_reviews(pairs, reviews)
    write_pairs(con, pairs)
    counts = defaultdict(int)
    for pair in pairs.values():
        counts[pair["method"]] += 1
    return {**counts, **{f"review_{k}": v for k, v in review_counts.items()}}
