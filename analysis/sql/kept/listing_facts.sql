-- When and where each item was first listed, kept between scorings (analysis/kept.py):
-- computed again for the items whose list rows were stored since the last scoring, carried over
-- for the rest. Read by int_backdated.
with source as (
    select site_id, item_url, column_url, first_seen_at from kept_source
),

final as (
    select
        site_id,
        item_url,
        min(first_seen_at) as first_listed,
        -- the column of the first listing (of two listed at the same moment, the first by URL)
        arg_min(column_url, (first_seen_at, column_url)) filter (first_seen_at is not null)
            as column_url,
        count(*) as source_rows
    from source
    group by site_id, item_url
)

select * from final
