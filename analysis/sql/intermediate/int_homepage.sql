-- The newest dated item the homepage listed, by the as-of date.
-- materialized
-- (read by the indicator's score and findings queries: computed once per scoring)
with final as (
    select s.site_id, s.homepage,
           max(l.list_date) filter (l.list_date <= getvariable('as_of')) as last_update
    from sites s
    left join listings l on l.site_id = s.site_id and l.column_url = s.homepage
    group by all
)

select * from final
