-- Every list row with the date it shows (its page's 发布日期 where the page was read, else the
-- date the list states) and when it was first listed. Kept between scorings (analysis/kept.py):
-- computed again for the items whose list rows or documents were stored since the last scoring.
-- Read by stg_columns (each column's newest item), int_concern_columns and int_backdated (an
-- item's first listing: the earliest of its rows, asked of the few pages the rule reads).
with source as (
    select site_id, column_url, item_url, list_date, first_seen_at from kept_source
),

final as (
    select s.site_id, s.item_url, s.column_url,
           coalesce(d.published_date, s.list_date) as day,
           s.first_seen_at,
           1 as source_rows
    from source s
    left join documents d on d.site_id = s.site_id and d.url = s.item_url
)

select * from final
