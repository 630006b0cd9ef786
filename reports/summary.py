"""The terminal summary printed after a crawl: per site, what was found and how complete it is."""

from __future__ import annotations

from pathlib import Path

from pipelines.store import column_shortfalls, connect

SUMMARY_SQL = (
    Path(__file__).resolve().parent.parent / "analysis" / "sql" / "reports" / "crawl_summary.sql"
)


def crawl_summary(db_path: str | Path, run_id: str | None = None) -> str:
    con = connect(db_path, read_only=True)
    try:
        run = con.execute(
            "select run_id, status, started_at, finished_at, pages, errors, dateparser_fallbacks from runs "
            + ("where run_id = ?" if run_id else "order by started_at desc limit 1"),
            [run_id] if run_id else [],
        ).fetchone()
        if run is None:
            return f"{db_path}: no crawl has been run into this database yet"
        rows = con.execute(SUMMARY_SQL.read_text(encoding="utf-8"), [run[0]]).fetchall()
        warnings = con.execute(
            "select w, count(*) from (select unnest(warnings) as w from documents "
            "where site_id in (select unnest(site_ids) from runs where run_id = ?)) "
            "group by w order by 2 desc, 1",
            [run[0]],
        ).fetchall()
        site_ids = con.execute("select site_ids from runs where run_id = ?", [run[0]]).fetchone()
        shortfalls = column_shortfalls(con, list(site_ids[0] or []))
    finally:
        con.close()
    seconds = (run[3] - run[2]).total_seconds() if run[3] else 0
    lines = [
        f"run {run[0]}: {run[1]}, {run[4] or 0} pages in {seconds:.0f} s, "
        f"{run[5] or 0} dead links or errors, {run[6] or 0} dates needed the dateparser fallback",
        "",
        f"{'site':10s} {'columns':>8s} {'blank':>5s} {'docs':>6s} {'政策':>5s} {'解读':>5s} {'通知':>5s} "
        f"{'动态':>5s} {'其他':>5s}  {'发布日期 coverage':24s} {'warn':>5s} {'dead':>5s} "
        f"{'listed: stated/found':>20s}  name",
    ]
    for r in rows:
        (
            site,
            name,
            cols,
            blank,
            docs,
            pol,
            interp,
            notice,
            news,
            other,
            dated,
            first,
            last,
            warn,
            dead,
            stated,
            found,
        ) = r
        coverage = f"{100 * dated / docs:5.1f}% {first}…{last}" if docs else "—"
        # items the columns' own counters state (共N条) against items found in those columns
        listed = f"{stated}/{found}" if stated is not None else "not stated"
        lines.append(
            f"{site:10s} {cols:8d} {blank:5d} {docs:6d} {pol or 0:5d} {interp or 0:5d} {notice or 0:5d} "
            f"{news or 0:5d} {other or 0:5d}  {coverage:24s} {warn or 0:5d} {dead:5d} "
            f"{listed:>20s}  {name}"
        )
    if warnings:
        lines += ["", "warnings: " + ", ".join(f"{w} {n}" for w, n in warnings)]
    if shortfalls:
        lines += ["", "columns listing fewer items than they state:"]
        lines += [f"  {s} {n}: stated {st}, found {f}  {u}" for s, n, u, st, f in shortfalls]
    return "\n".join(lines)
