-- The crawl summary `zwgk crawl` prints: per site of a run (the parameter: its run_id), columns,
-- documents by type, 发布日期 coverage, warnings, dead links, and items the lists state vs found.
with docs as (
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
    from documents group by site_id
),
cols as (
    select site_id, count(*) as columns, count(*) filter (item_count = 0) as blank_columns,
           sum(stated_count) as stated, sum(item_count) filter (stated_count is not null) as found
    from columns group by site_id
),
dead as (
    select site_id, count(*) as dead_links from link_checks
    where status >= 400 or error is not null group by site_id
)
select s.site_id, s.name, coalesce(c.columns, 0), coalesce(c.blank_columns, 0),
       coalesce(d.documents, 0), d.policy, d.interpretation, d.notice, d.news, d.other,
       d.with_published, d.first_published, d.last_published, d.with_warnings,
       coalesce(x.dead_links, 0), c.stated, c.found
from sites s
left join cols c using (site_id)
left join docs d using (site_id)
left join dead x using (site_id)
where s.site_id in (select unnest(site_ids) from runs where run_id = ?)
order by s.site_id
