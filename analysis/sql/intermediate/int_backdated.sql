-- Documents whose 发布日期 is false (伪造发稿日期, a single-veto item of the national inspection).
--
-- `backdated`: an earlier crawl read the column's list where the document would have stood and
-- did not show it, although its stated 发布日期 lies before that crawl (by more than
-- min_days). The walk counts when it read the whole list, or read past the stated date (its
-- oldest list date is not later), and when its crawl had ended before the document was first
-- seen ("此前一次…的抓取": a walk of the crawl that found the document proves nothing; nor does
-- one of a crawl that never recorded its end). A past as-of date sees only the crawls up to it: scoring
-- reads the stored tables as they were known then (analysis/snapshot.py).
--
-- `possibly_backdated`, from one crawl: the CMS numbers its pages in the order it makes them
-- (Hanweb art_<col>_<id>, TRS t<date>_<id>, gkmlpt post_<id>, ?ArticleID=<id>); a page whose
-- stated date lies more than sequence_min_days before the latest date of the pages numbered
-- before it was made after them. TRS also names the page by the day it was made.
--
-- Not counted either way: a document posted again under its title or 文号 (a correction). The
-- documents a site put up on one day under one URL form are one batch. A fill (集中补发: one or a
-- few columns filled on a day, dated across their stale gap) is the commonest backdating and
-- each of its documents counts. A migration (`migration`: as many columns as
-- `migration_columns` or more, a URL form or host first seen that day, or as much of the site's
-- history as `migration_share`) looks alike: it is listed once with its size for a person to
-- judge, and counts nothing. One crawl's sequence signal drops a run of `batch_min` or more
-- pages numbered behind at once in one sequence (a batch moved in).
-- materialized
-- (read by the indicator's score, findings and review queries: computed once per scoring)
with walks as (
    select w.*, (w.walked_at + getvariable('china_offset'))::date as walked_day,
           r.finished_at as crawl_ended
    from column_walks w
    join runs r using (run_id)
),

-- the pages' places in their sequences are kept between scorings (analysis/sequences.py):
-- the pages out of order, each with the latest date numbered before it and how many pages are
-- numbered up to it
behind as (
    select site_id, url, sequence, number, published_date, made_day, latest_before, upto
    from sequence_positions
    where published_date < latest_before - getvariable('backdated_dates__sequence_min_days')::int
       or made_day > published_date + getvariable('backdated_dates__sequence_min_days')::int
),

-- a run: pages numbered behind with no page in order between them. The pages in order up to a
-- page (upto minus the behind ones up to it) are the same number for every page of one run.
numbered_runs as (
    select *, upto - count(*) over (partition by site_id, sequence order by number) as run_key
    from behind
),

sequenced as (
    select *, count(*) over (partition by site_id, sequence, run_key) as run_size
    from numbered_runs
),

-- Each step below reads only the pages it can be about (an audit holds millions): a walk can
-- have missed only a page first seen after a crawl of its site had ended, and dated more than
-- min_days before a walk of such a crawl.
site_ends as (
    select site_id, min(crawl_ended) as first_end from walks group by site_id
),

-- by each crawl's end, the latest day a walk of the site's crawls ended by then was made
crawl_reach as (
    select site_id, crawl_ended,
           max(max(walked_day)) over (partition by site_id order by crawl_ended) as reached_day
    from walks
    where crawl_ended is not null
    group by site_id, crawl_ended
),

first_seen as (
    -- a listed page, by each of its list rows first listed after a crawl of its site ended, with
    -- the date it shows (the page's first listing is at most the row's: a superset)
    select distinct l.site_id, l.item_url as url, l.day as published_date, l.first_seen_at
    from listed_items l join site_ends e using (site_id)
    where l.first_seen_at > e.first_end
    union
    -- a page on no list is first seen when it is fetched (a superset of those listed later)
    select d.site_id, d.url, d.published_date, d.first_seen_at
    from stg_documents d join site_ends e using (site_id)
    where d.first_seen_at > e.first_end
),

candidates as (
    select f.site_id, f.url
    from first_seen f
    asof join crawl_reach r on r.site_id = f.site_id and f.first_seen_at > r.crawl_ended
    where f.published_date < r.reached_day - getvariable('backdated_dates__min_days')::int
    union
    select site_id, url from sequenced
),

-- the page's first listing, from its list rows, and its URL's form (both kept between scorings:
-- analysis/sql/kept/)
docs as (
    select d.site_id, d.url, d.title, d.doc_no, d.published_date,
           coalesce(l.first_listed, d.first_seen_at) as first_listed,
           coalesce(l.first_column, d.column_url) as column_url,
           f.url_form
    from stg_documents d
    semi join candidates k using (site_id, url)
    join document_facts f on f.site_id = d.site_id and f.url = d.url
    left join (
        select l.site_id, l.item_url, min(l.first_seen_at) as first_listed,
               -- of two listed at the same moment, the first by URL
               arg_min(l.column_url, (l.first_seen_at, l.column_url))
                   filter (l.first_seen_at is not null) as first_column
        from listed_items l
        semi join candidates k on k.site_id = l.site_id and k.url = l.item_url
        group by all
    ) l on l.site_id = d.site_id and l.item_url = d.url
    where d.published_date is not null
),

missed as (
    select d.*, w.run_id as missed_by, w.walked_at as missed_at,
           (w.walked_day - d.published_date) as days_before
    from docs d
    join walks w
      on w.site_id = d.site_id and w.column_url = d.column_url
     and w.crawl_ended < d.first_listed
     and (w.complete or w.oldest_list_date <= d.published_date)
     and d.published_date < w.walked_day - getvariable('backdated_dates__min_days')::int
    qualify row_number() over (partition by d.site_id, d.url order by w.walked_at) = 1
),

-- a document posted again: another page of the site, seen before it, with its title or 文号;
-- asked only of the pages a walk missed or the numbers put behind (two equality joins: one
-- joined on "title or 文号" is a nested loop over the site's pages)
asked as (
    select d.*
    from docs d
    semi join (select site_id, url from missed union select site_id, url from sequenced) k
      using (site_id, url)
),

-- the site's other pages that carry an asked page's title or 文号, with their first listing
namesakes as (
    select a.site_id, a.url, a.first_listed as asked_listed, e.url as other_url, e.first_seen_at
    from asked a join stg_documents e
      on e.site_id = a.site_id and e.title = a.title and e.url <> a.url
    where e.published_date is not null
    union all
    select a.site_id, a.url, a.first_listed, e.url, e.first_seen_at
    from asked a join stg_documents e
      on e.site_id = a.site_id and e.doc_no = a.doc_no and e.url <> a.url
    where e.published_date is not null
),

reposted as (
    select distinct n.site_id, n.url
    from namesakes n
    left join (
        select l.site_id, l.item_url, min(l.first_seen_at) as first_listed
        from listed_items l
        semi join namesakes n on n.site_id = l.site_id and n.other_url = l.item_url
        group by all
    ) l on l.site_id = n.site_id and l.item_url = n.other_url
    where coalesce(l.first_listed, n.first_seen_at) < n.asked_listed
),

crawled as (
    select m.*, (m.first_listed + getvariable('china_offset'))::date as arrived
    from missed m anti join reposted r using (site_id, url)
),

-- every dated page of a site with a page missed: its URL's form and its first listing
site_pages as (
    select d.site_id, f.url_form, coalesce(l.first_listed, d.first_seen_at) as first_listed
    from stg_documents d
    semi join (select distinct site_id from crawled) c using (site_id)
    join document_facts f on f.site_id = d.site_id and f.url = d.url
    left join (
        select site_id, item_url, min(first_seen_at) as first_listed
        from listed_items
        semi join (select distinct site_id from crawled) c using (site_id)
        group by all
    ) l on l.site_id = d.site_id and l.item_url = d.url
    where d.published_date is not null
),

-- when each URL form (the URL with its digits blanked, host included) of a page missed was
-- first seen
forms as (
    select site_id, url_form, min(first_listed) as form_first_seen
    from site_pages
    semi join (select distinct site_id, url_form from crawled) c using (site_id, url_form)
    group by all
),

batches as (
    select c.site_id, c.arrived, c.url_form, count(*) as size,
           count(distinct c.column_url) as columns,
           min(c.published_date) as oldest, max(c.published_date) as newest,
           min(c.url) as first_url, min(c.first_listed) as batch_seen,
           -- no page of this URL form was seen before the batch: a new system or host
           any_value(f.form_first_seen) >= min(c.first_listed) as new_form
    from crawled c join forms f using (site_id, url_form)
    group by all
),

sized as (
    select b.*, (select count(*) from site_pages p
                 where p.site_id = b.site_id and p.first_listed < b.batch_seen) as known_before
    from batches b
),

classified as (
    select *,
           columns >= getvariable('backdated_dates__migration_columns')::int
           or new_form
           or size >= getvariable('backdated_dates__migration_share') * (known_before + size)
               as migration
    from sized
),

final as (
    select site_id, url, 'backdated' as kind, title, published_date, first_listed,
           missed_by, missed_at, days_before, null::bigint as number, null::date as latest_before,
           null::int as batch_size, null::int as batch_columns, null::date as batch_newest
    from crawled c
    semi join classified b
      on b.site_id = c.site_id and b.arrived = c.arrived and b.url_form = c.url_form
     and not b.migration
    union all
    -- a migration, once, by its first page: the day it arrived, its size and columns, the
    -- range of the dates it states
    select site_id, first_url, 'migration', null, oldest, arrived::timestamp, null, null, null,
           null, null, size, columns, newest
    from classified where migration
    union all
    select s.site_id, s.url, 'possibly_backdated', d.title, s.published_date, d.first_listed,
           null, null, null, s.number, coalesce(s.latest_before, s.made_day), null, null, null
    from sequenced s
    join docs d using (site_id, url)
    anti join reposted r using (site_id, url)
    anti join crawled c using (site_id, url)
    where s.run_size < getvariable('backdated_dates__batch_min')::int
)

select * from final
