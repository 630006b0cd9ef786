-- Each column against the staleness rule of its kind: the oldest newest-item date that passes.
with columns_ as (
    select * from stg_columns
),

final as (
    select *,
           case
               when kind = 'news' then getvariable('as_of') - to_days(getvariable('stale_columns__news_days')::int)
               when kind = 'notice' then getvariable('as_of') - to_months(getvariable('stale_columns__notice_months')::int)
               when kind in ('policy', 'interpretation') then getvariable('as_of') - to_months(getvariable('stale_columns__policy_months')::int)
               else getvariable('as_of') - to_months(getvariable('stale_columns__other_months')::int)
           end::date as oldest_fresh,
           items = 0 as blank,
           items > 0 and last_published < oldest_fresh as stale
    from columns_
)

select * from final
