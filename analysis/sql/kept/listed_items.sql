-- Every list row with the date it shows (its page's 发布日期 where the page was read, else the
-- date the list states) and, on each row of an item, when and in which column the item was first
-- listed. Kept between scorings (analysis/kept.py): computed again for the items whose list rows
-- or documents were stored since the last scoring. Read by stg_columns (each column's newest
-- item), int_concern_columns and int_backdated (the first listing).
with source as (
    select site_id, column_url, item_url, list_date, first_seen_at from kept_source
),

first_listings as (
    select
        site_id,
        item_url,
        min(first_seen_at) as first_listed,
        -- of two listed at the same moment, the first by URL
        arg_min(column_url, (first_seen_at, column_url)) filter (first_seen_at is not null)
            as first_column
    from source
    group by site_id, item_url
),

final as (
    select s.site_id, s.item_url, s.column_url,
           coalesce(d.published_date, s.list_date) as day,
           f.first_listed, f.first_column,
           1 as source_rows
    from source s
    join first_listings f on f.site_id = s.site_id and f.item_url = s.item_url
    left join documents d on d.site_id = s.site_id and d.url = s.item_url
)

select * from final
