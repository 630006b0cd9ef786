"""The terminal summary printed after a crawl: one run, per site its outcome, what was found and
how complete it is, then every site that is not ok with the reason. `docs` counts the documents
this run fetched; `same` the known ones an incremental run left alone as unchanged."""

from __future__ import annotations

from pathlib import Path

import duckdb

from pipelines.store import column_shortfalls
from reports.text_table import safe_text, table

SUMMARY_SQL = (
    Path(__file__).resolve().parent.parent / "analysis" / "sql" / "reports" / "crawl_summary.sql"
)
HEADER = [
    ("site", 10, "<"),
    ("status", 11, "<"),
    ("pages", 6, ">"),
    ("columns", 7, ">"),
    ("blank", 5, ">"),
    ("docs", 6, ">"),
    ("same", 5, ">"),  # known documents not fetched again: list row unchanged, or HTTP 304
    ("政策", 5, ">"),
    ("解读", 5, ">"),
    ("通知", 5, ">"),
    ("动态", 5, ">"),
    ("其他", 5, ">"),
    ("发布日期 coverage", 29, "<"),
    ("warn", 5, ">"),
    ("dead", 5, ">"),
    ("stated/found", 12, ">"),
    ("name", 0, "<"),
]


def crawl_summary(
    con: duckdb.DuckDBPyConnection, db_path: str | Path, run_id: str | None = None
) -> str:
    """The summary of run `run_id` (default: the latest started) in the file at db_path, read
    through `con`: the store the crawl wrote with, still open."""
    run = con.execute(
        "select run_id, status, started_at, finished_at, pages, errors, dateparser_fallbacks, "
        "site_ids, warc_bytes from runs "
        + ("where run_id = ?" if run_id else "order by started_at desc limit 1"),
        [run_id] if run_id else [],
    ).fetchone()
    if run is None:
        return f"{db_path}: no crawl has been run into this database yet"
    rows = con.execute(SUMMARY_SQL.read_text(encoding="utf-8"), {"run_id": run[0]}).fetchall()
    warnings = con.execute(
        "select w, count(*) from (select unnest(warnings) as w from documents "
        "where run_id = ?) group by w order by 2 desc, 1",
        [run[0]],
    ).fetchall()
    shortfalls = column_shortfalls(con, list(run[7] or []))
    seconds = (run[3] - run[2]).total_seconds() if run[3] else 0
    lines = [
        f"run {run[0]}: {run[1]}, {run[4] or 0} pages in {seconds:.0f} s, "
        f"{run[5] or 0} dead links found, {run[6] or 0} dates needed the dateparser fallback",
    ]
    if run[8]:
        lines.append(
            f"evidence: every response as served, {run[8] / 1e6:.1f} MB of WARC in warc/{run[0]}/ "
            "beside the database (zwgk evidence URL)"
        )
    lines.append("")
    body, not_ok = [], []
    for r in rows:
        (site, name, status, reason, pages, cols, blank, docs, same, pol, interp, notice, news,
         other, dated, first, last, warn, dead, stated, found) = r  # fmt: skip
        coverage = f"{100 * dated / docs:5.1f}% {first}…{last}" if docs else "—"
        # items the columns' own counters state (共N条) against items found in those columns
        listed = f"{stated}/{found}" if stated is not None else "not stated"
        body.append(
            [
                site,
                status,
                pages or 0,
                cols,
                blank,
                docs,
                same or 0,
                pol or 0,
                interp or 0,
                notice or 0,
                news or 0,
                other or 0,
                coverage,
                warn or 0,
                dead,
                listed,
                name,
            ]  # fmt: skip
        )
        if status != "ok":
            not_ok.append(f"  {safe_text(site)} {status}: {safe_text(reason)}")
    lines += table(HEADER, body)
    if not_ok:
        lines += ["", f"sites not ok ({len(not_ok)} of {len(rows)}):", *not_ok]
    if warnings:
        lines += ["", "warnings: " + ", ".join(f"{w} {n}" for w, n in warnings)]
    if shortfalls:
        lines += ["", "columns listing fewer items than they state:"]
        lines += [
            f"  {s} {safe_text(n)}: stated {st}, found {f}  {safe_text(u)}"
            for s, n, u, st, f in shortfalls
        ]
    return "\n".join(lines)
