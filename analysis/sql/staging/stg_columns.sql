-- Columns with their newest item on or before the as-of date (a listing's date where the
-- document itself was not read).
with columns_ as (
    select site_id, column_url, name, kind from columns
),

items as (
    select l.site_id, l.column_url, coalesce(d.published_date, l.list_date) as published_date
    from listings l
    left join documents d on d.site_id = l.site_id and d.url = l.item_url
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
