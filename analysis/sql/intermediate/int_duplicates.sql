-- Documents of the window published under one title in several columns: the copy in the most
-- specific column (policy > interpretation > notice > others > news) is kept, the rest counted.
with docs as (
    select * from stg_documents where in_window
),

ranked as (
    select site_id, url, title, column_url,
           first_value(url) over w as kept_url,
           row_number() over w as n,
           count(distinct column_url) over (partition by site_id, title) as columns
    from docs
    window w as (
        partition by site_id, title
        order by case column_kind when 'policy' then 1 when 'interpretation' then 2
                 when 'notice' then 3 when 'news' then 5 else 4 end, published_date, url
    )
),

final as (
    select site_id, url, title, kept_url, columns
    from ranked
    where n > 1 and columns > 1
)

select * from final
