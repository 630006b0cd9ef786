"""Benchmark: pairing + scoring on a synthetic audit generated straight into DuckDB.

    .venv/bin/python -m bench.score [--sites 3000] [--docs 2000] [--increment 30000]

Each site gets `--docs` documents over a year (5% policies, 5% interpretations, 20% notices, the
rest news), five columns, a listing per document and a homepage listing. Interpretations find
their policy by a link (45%), a quoted title (50%) or title similarity only (5%). The history, and
then the increment, are each found by one crawl the day after their newest document (a run and a
complete walk of every column), as a weekly audit's crawls find them. Measured, each in a
fresh process state: the full run (calendar, pairing, indicators, findings) from scratch, then a
weekly increment — `--increment` new documents one week later — scored again. Reports seconds
and the process's peak resident memory (DuckDB's native memory included).
Goals (issue 27): full run under 60 s, increment under 10 s, peak under 6 GB.
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.scoring import score  # noqa: E402
from bench.machine import run_measured  # noqa: E402
from pipelines.publish import publish, working_path  # noqa: E402
from pipelines.store import Store  # noqa: E402

START = dt.date(2025, 11, 3)
FULL_GOAL_S, INCREMENT_GOAL_S, PEAK_GOAL_MB = 60, 10, 6144
SUBJECTS = (
    "家庭医生签约服务", "重点传染病防控", "医养结合机构服务质量提升", "妇幼健康服务",
    "中医药传承创新发展", "公立医院高质量发展", "职业病防治", "健康乡村建设", "适龄儿童疫苗接种",
    "卫生应急能力建设", "院前医疗急救服务", "医疗质量安全改进", "智慧医院建设", "爱国卫生运动",
    "老年健康服务", "无偿献血工作", "公共场所控烟", "县域医共体建设",
)  # fmt: skip

DOCUMENTS = """
insert into documents (site_id, url, title, column_name, column_kind, column_url, doc_type,
                       published_date, written_date, disclosure_attr, validity,
                       interpretation_form, fetched_at, first_seen_at)
select site_id, url, title, column_kind, column_kind,
       'http://' || site_id || '.example.gov.cn/col/' || column_kind || '/index.html',
       column_kind, published,
       -- sites differ: one in five publishes 40 days after issue, one in three omits 有效性
       case when column_kind in ('policy', 'notice') then published - (case when s % 5 = 0 then 40 else 3 end) end,
       case when column_kind = 'policy' and i % 7 <> 0 then '主动公开' end,
       case when column_kind = 'policy' and s % 3 <> 0 then '有效' end,
       case when column_kind = 'interpretation' then (case when i % 5 = 1 then 'text' else 'graphic' end) end,
       $seen, $seen
from (
    select site_id, s, i, url, published, column_kind,
           case
               when column_kind = 'policy' then '关于印发《' || site_id || subject || '工作方案（第' || i || '号）》的通知'
               when column_kind = 'interpretation' and (i // 20) % 20 = 0 then '在线访谈：' || site_id || subject || '工作方案答记者问'
               when column_kind = 'interpretation' and (i // 20) % 2 = 0 then '一图读懂《' || site_id || subject || '工作方案（第' || (i - 1) || '号）》'
               when column_kind = 'interpretation' then site_id || '第' || (i - 1) || '号文件解读'
               else site_id || subject || '工作动态第' || i || '期'
           end as title
    from (
        select 's' || s as site_id, s, i,
               'http://s' || s || '.example.gov.cn/art/' || i || '.html' as url,
               $start::date + (i * $span // $docs)::int as published,
               $subjects[1 + (i // 20) % len($subjects)] as subject,
               case when i % 20 = 0 then 'policy' when i % 20 = 1 then 'interpretation'
                    when i % 5 = 2 then 'notice' else 'news' end as column_kind
        from range($first_site, $last_site) t(s), range($first_doc, $last_doc) u(i)
    )
)
"""
LINKS = """
insert into document_links (site_id, from_url, to_url, anchor_text, relation)
select 's' || s, 'http://s' || s || '.example.gov.cn/art/' || i || '.html',
       'http://s' || s || '.example.gov.cn/art/' || (i - 1) || '.html', '原文', 'policy'
from range($first_site, $last_site) t(s), range($first_doc, $last_doc) u(i)
where i % 20 = 1 and (i // 20) % 2 = 1
"""
LISTINGS = """
insert into listings (site_id, column_url, item_url, title, list_date, list_page, first_seen_at)
select site_id, column_url, url, title, published_date, column_url, $seen from documents
where published_date >= $start::date + ($first_doc * $span // $docs)::int
union all
select site_id, 'http://' || site_id || '.example.gov.cn/', url, title, published_date,
       'http://' || site_id || '.example.gov.cn/', $seen
from documents where column_kind = 'news' and published_date >= $start::date + ($first_doc * $span // $docs)::int
on conflict do nothing
"""
# the crawl that found them: a run, and a complete walk of every column (read by the rule on
# backdated dates, as a weekly audit's crawls are)
RUN = """
insert into runs (run_id, started_at, finished_at, status, sites, pages, errors)
values ($run_id, $seen, $seen + interval 1 hour, 'ok', $sites, 0, 0)
"""
WALKS = """
insert into column_walks (run_id, site_id, column_url, walked_at, pages, listed, new_items,
                          oldest_list_date, complete, incremental, accounted)
select $run_id, site_id, column_url, $seen + interval 30 minute, 1, 0, 0, $start, true, false, true
from columns
"""


def generate(store: Store, sites: int, first_doc: int, last_doc: int, docs: int, span: int) -> None:
    """Documents first_doc … last_doc - 1 of every site (SQL only: no Python per row), found by
    one crawl at 02:00 the day after the newest of them is dated."""
    seen = dt.datetime.combine(START + dt.timedelta(days=last_doc * span // docs + 1), dt.time(2))
    params = {
        "first_site": 0,
        "last_site": sites,
        "first_doc": first_doc,
        "last_doc": last_doc,
        "docs": docs,
        "span": span,
        "start": START,
        "subjects": list(SUBJECTS),
        "seen": seen,
        "run_id": f"bench-{first_doc}",
        "sites": sites,
    }
    for query in (DOCUMENTS, LINKS, LISTINGS, RUN, WALKS):
        store.con.execute(query, {k: v for k, v in params.items() if f"${k}" in query}).fetchall()


def levels_and_regions(sites: int) -> list[tuple[str, str, str]]:
    """(name, level, region) per site as China's population has them: the national commission,
    then every province, then prefectures and counties in the division table's order."""
    from crawlers.registry.divisions import divisions, region_of

    table = sorted(divisions().values(), key=lambda d: d.code)
    by_level = {
        lv: [d for d in table if d.level == lv] for lv in ("provincial", "prefecture", "county")
    }
    units = [("国家卫生健康委员会", "national", "全国")]
    for level in ("provincial", "prefecture", "county"):
        units += [(f"{d.name}卫生健康委", level, region_of(d)) for d in by_level[level]]
    return [units[s % len(units)] for s in range(sites)]


def setup(store: Store, sites: int) -> None:
    rows = [
        (f"s{s}", name, level, region)
        for s, (name, level, region) in enumerate(levels_and_regions(sites))
    ]
    store.con.executemany(
        "insert into sites (site_id, name, level, region, homepage) "
        "values (?, ?, ?, ?, 'http://' || ? || '.example.gov.cn/')",
        [(*r, r[0]) for r in rows],
    )
    store.con.execute(
        "insert into columns (site_id, column_url, name, kind) "
        "select 's' || s, 'http://s' || s || '.example.gov.cn/col/' || k || '/index.html', k, k "
        "from range(?) t(s), unnest(['policy', 'interpretation', 'notice', 'news', 'other']) u(k)",
        [sites],
    ).fetchall()


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sites", type=int, default=3000)
    parser.add_argument("--docs", type=int, default=2000, help="documents per site")
    parser.add_argument("--increment", type=int, default=30_000, help="new documents, in all")
    parser.add_argument("--threads", type=int, default=2, help="DuckDB threads")
    args = parser.parse_args()
    span = 364  # the documents cover one year
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(working_path(Path(tmp) / "bench.duckdb"), threads=args.threads)
        t0 = time.perf_counter()
        setup(store, args.sites)
        generate(store, args.sites, 0, args.docs, args.docs, span)
        total = store.sql("select count(*) from documents")[0][0]
        print(
            f"generated {total:,} documents for {args.sites:,} sites in {time.perf_counter() - t0:.0f} s"
        )
        as_of = START + dt.timedelta(span + 6)
        t0 = time.perf_counter()
        result = score(store.con, as_of=as_of, weeks=52)
        full = time.perf_counter() - t0
        pairs = sum(v for k, v in result.pairs.items() if not k.startswith("review_"))
        right = store.sql(
            "select count(*) from pairs where regexp_extract(interpretation_url, '(\\d+)\\.html', 1)::int "
            "= regexp_extract(policy_url, '(\\d+)\\.html', 1)::int + 1"
        )[0][0]
        methods = {k: v for k, v in result.pairs.items() if not k.startswith("review_")}
        print(
            f"full run: {full:.1f} s; {pairs:,} pairs {methods}, {right:,} of them the intended one; "
            f"{result.indicators:,} indicator rows, {result.findings:,} findings; "
            f"peak memory {peak_mb():,.0f} MB"
        )
        per_site = max(1, args.increment // args.sites)
        new_span = span + 7
        generate(store, args.sites, args.docs, args.docs + per_site, args.docs, span)
        added = store.sql("select count(*) from documents")[0][0] - total
        t0 = time.perf_counter()
        score(store.con, as_of=START + dt.timedelta(new_span + 6), weeks=52)
        increment = time.perf_counter() - t0
        print(
            f"increment: {added:,} new documents, scored again in {increment:.1f} s; peak memory {peak_mb():,.0f} MB"
        )
        store.close()
        # what every crawl and scoring adds at its end: copying the file for the analysts
        t0 = time.perf_counter()
        published = publish(Path(tmp) / "bench.duckdb")
        print(
            f"publish: {published.stat().st_size / 2**20:,.0f} MB copied in "
            f"{time.perf_counter() - t0:.1f} s"
        )
    verdict = full < FULL_GOAL_S and increment < INCREMENT_GOAL_S and peak_mb() < PEAK_GOAL_MB
    print(
        f"goals (full < {FULL_GOAL_S} s, increment < {INCREMENT_GOAL_S} s, peak < "
        f"{PEAK_GOAL_MB} MB): {'met' if verdict else 'NOT met'}"
    )
    return 0  # the verdict is read, not an exit status: tests run this at a small size


if __name__ == "__main__":
    sys.exit(run_measured(main))
