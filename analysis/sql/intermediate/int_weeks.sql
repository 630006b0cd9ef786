-- Complete Monday–Sunday weeks of the window: the items published in each, and the updates
-- (days with at least one new item: two items posted one afternoon are one update).
-- materialized
-- (read by the indicator's score and findings queries: computed once per scoring)
with weeks as (
    select site_id, unnest(generate_series(
        getvariable('window_start'),
        getvariable('as_of') - interval 7 day,
        interval 7 day
    ))::date as week_start
    from (select distinct site_id from sites)
),

items as (
    select site_id, date_trunc('week', published_date)::date as week_start, count(*) as items,
           count(distinct published_date) as updates
    from stg_documents
    where in_window
    group by all
),

final as (
    select w.site_id, w.week_start, coalesce(i.items, 0) as items,
           coalesce(i.updates, 0) as updates
    from weeks w
    left join items i using (site_id, week_start)
    where w.week_start + 6 < getvariable('as_of')
)

select * from final
