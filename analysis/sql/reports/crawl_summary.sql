-- The crawl summary `zwgk crawl` prints: one row per site of one run (the parameter: its run_id),
-- all of it about that run: the site's outcome, pages, columns seen, documents fetched by type,
-- 发布日期 coverage, warnings, dead links (the dead_links view: the one definition the
-- indicators use), and the items the lists state against the items found.
with run as (
    select run_id, started_at from runs where run_id = $run_id
),
docs as (
    select site_id,
           count(*) as documents,
           count(*) filter (doc_type = 'policy') as policy,
           count(*) filter (doc_type = 'interpretation') as interpretation,
           count(*) filter (doc_type = 'notice') as notice,
           count(*) filter (doc_type = 'news') as news,
           count(*) filter (doc_type = 'other') as other,
           count(published_date) as with_published,
           min(published_date) as first_published,
           max(published_date) as last_published,
           count(*) filter (len(warnings) > 0) as with_warnings
    from documents where run_id = $run_id group by site_id
),
cols as (
    select site_id, count(*) as columns, count(*) filter (item_count = 0) as blank_columns,
           sum(stated_count) as stated, sum(item_count) filter (stated_count is not null) as found
    from columns where last_seen_at >= (select started_at from run) group by site_id
),
dead as (
    select site_id, count(*) as dead_links from dead_links group by site_id
)
select r.site_id, s.name, r.status, r.reason, r.pages, coalesce(c.columns, 0),
       coalesce(c.blank_columns, 0), coalesce(d.documents, 0), r.unchanged, d.policy,
       d.interpretation,
       d.notice, d.news, d.other, d.with_published, d.first_published, d.last_published,
       d.with_warnings, coalesce(x.dead_links, 0), c.stated, c.found
from site_runs r
join sites s using (site_id)
left join cols c using (site_id)
left join docs d using (site_id)
left join dead x using (site_id)
where r.run_id = $run_id
order by r.site_id
