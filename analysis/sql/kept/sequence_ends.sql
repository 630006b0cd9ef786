-- Each sequence's end after placing `kept_source`'s pages (sequence_positions.sql): its last
-- number, its latest date and how many pages it holds, the end kept before included.
with placed as (
    select site_id, sequence, max(number) as last_number, max(published_date) as latest_date,
           count(*) as pages
    from kept_source
    group by site_id, sequence
),

final as (
    select p.site_id, p.sequence,
           greatest(e.last_number, p.last_number) as last_number,
           greatest(e.latest_date, p.latest_date) as latest_date,
           coalesce(e.pages, 0) + p.pages as pages
    from placed p
    left join sequence_ends e using (site_id, sequence)
)

select * from final
