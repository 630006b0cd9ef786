-- Columns with their newest item on or before the as-of date (a listing's date where the
-- document itself was not read: each list row's date is kept between scorings,
-- analysis/sql/kept/listed_items.sql).
with columns_ as (
    select site_id, column_url, name, kind from columns
),

items as (
    select site_id, column_url, day as published_date from listed_items
),

final as (
    select
        c.site_id,
        c.column_url,
        c.name,
        c.kind,
        count(i.column_url) as items,
        max(i.published_date) filter (i.published_date <= getvariable('as_of')) as last_published
    from columns_ c
    left join items i on i.site_id = c.site_id and i.column_url = c.column_url
    group by all
)

select * from final
