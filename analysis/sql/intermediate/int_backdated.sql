-- Documents whose 发布日期 is false (伪造发稿日期, a single-veto item of the national inspection).
--
-- `backdated`: an earlier crawl read the column's list where the document would have stood and
-- did not show it, although its stated 发布日期 lies before that crawl (by more than
-- min_days). The walk counts when it read the whole list, or read past the stated date (its
-- oldest list date is not later). A past as-of date sees only the crawls up to it: scoring
-- reads the stored tables as they were known then (analysis/snapshot.py).
--
-- `possibly_backdated`, from one crawl: the CMS numbers its pages in the order it makes them
-- (Hanweb art_<col>_<id>, TRS t<date>_<id>, gkmlpt post_<id>, ?ArticleID=<id>); a page whose
-- stated date lies more than sequence_min_days before the latest date of the pages numbered
-- before it was made after them. TRS also names the page by the day it was made.
--
-- Not counted either way: a document posted again under its title or 文号 (a correction), and a
-- run of `batch_min` or more such pages in one column or number sequence at once (a batch moved
-- in from an old site).
with docs as (
    select d.site_id, d.url, d.title, d.doc_no, d.published_date,
           coalesce(l.first_listed, d.first_seen_at) as first_listed,
           coalesce(l.column_url, d.column_url) as column_url
    from documents d
    left join (
        select site_id, item_url, min(first_seen_at) as first_listed,
               arg_min(column_url, first_seen_at) as column_url
        from listings group by all
    ) l on l.site_id = d.site_id and l.item_url = d.url
    where d.published_date is not null
),

walks as (
    select w.*, (w.walked_at + interval 8 hour)::date as walked_day
    from column_walks w
),

-- a document posted again: another page of the site, seen before it, with its title or 文号
reposted as (
    select distinct d.site_id, d.url
    from docs d join docs e
      on e.site_id = d.site_id and e.url <> d.url and e.first_listed < d.first_listed
     and (e.title = d.title or (d.doc_no is not null and e.doc_no = d.doc_no))
),

missed as (
    select d.*, w.run_id as missed_by, w.walked_at as missed_at,
           (w.walked_day - d.published_date) as days_before
    from docs d
    join walks w
      on w.site_id = d.site_id and w.column_url = d.column_url
     and w.walked_at < d.first_listed
     and (w.complete or w.oldest_list_date <= d.published_date)
     and d.published_date < w.walked_day - getvariable('backdated_dates__min_days')::int
    qualify row_number() over (partition by d.site_id, d.url order by w.walked_at) = 1
),

crawled as (
    select m.*, count(*) over (
               partition by m.site_id, m.column_url, date_trunc('day', m.first_listed)
           ) as batch
    from missed m anti join reposted r using (site_id, url)
),

numbered as (
    select d.site_id, d.url, d.title, d.published_date, d.first_listed, d.column_url,
           regexp_replace(d.url, '\d+', '#', 'g') as sequence, s.page_number as number,
           try_strptime(regexp_extract(d.url, '/t(\d{8})_\d+\.s?html?$', 1), '%Y%m%d')::date
               as made_day
    from docs d
    join stg_documents s using (site_id, url)
),

ranked as (
    select *, max(published_date) over (
               partition by site_id, sequence order by number
               rows between unbounded preceding and 1 preceding
           ) as latest_before
    from numbered where number is not null
),

behind as (
    select *,
           published_date < latest_before - getvariable('backdated_dates__sequence_min_days')::int
               or made_day > published_date
                   + getvariable('backdated_dates__sequence_min_days')::int as behind
    from ranked
),

runs as (
    select *, sum(case when behind then 0 else 1 end) over (
               partition by site_id, sequence order by number
           ) as run_key
    from behind
),

sequenced as (
    select *, count(*) over (partition by site_id, sequence, run_key) as run_size
    from runs where behind
),

final as (
    select site_id, url, 'backdated' as kind, title, published_date, first_listed,
           missed_by, missed_at, days_before, null::bigint as number, null::date as latest_before
    from crawled
    where batch < getvariable('backdated_dates__batch_min')::int
    union all
    select s.site_id, s.url, 'possibly_backdated', s.title, s.published_date, s.first_listed,
           null, null, null, s.number, coalesce(s.latest_before, s.made_day)
    from sequenced s
    anti join reposted r using (site_id, url)
    anti join crawled c using (site_id, url)
    where s.run_size < getvariable('backdated_dates__batch_min')::int
)

select * from final
