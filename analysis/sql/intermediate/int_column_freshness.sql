-- Each column against the update period the national checklist states for its kind (国办秘函
-- 〔2019〕19号, from the 2015 普查评分表): 动态、要闻 2 weeks; 通知公告、政策文件 6 months; 人事、
-- 规划计划 1 year (the rule's numbers). `oldest_fresh` is the oldest newest-item date that
-- passes; a column of another kind (解读, 预决算 …) has no stated period and is never stale.
-- `counted_kind` says which veto count a stale column belongs to: 'frequent' (动态要闻、通知公告、
-- 政策文件: 累计超过5个) or 'yearly' (only in 应更新但长期未更新: 超过10个).
with columns_ as (
    select * from stg_columns
),

final as (
    select *,
           case
               when kind = 'news' then getvariable('as_of') - to_days(getvariable('stale_columns__news_days')::int)
               when kind = 'notice' then getvariable('as_of') - to_months(getvariable('stale_columns__notice_months')::int)
               when kind = 'policy' then getvariable('as_of') - to_months(getvariable('stale_columns__policy_months')::int)
               when kind in ('personnel', 'planning') then getvariable('as_of') - to_months(getvariable('stale_columns__personnel_months')::int)
           end::date as oldest_fresh,
           case when kind in ('news', 'notice', 'policy') then 'frequent'
                when kind in ('personnel', 'planning') then 'yearly' end as counted_kind,
           items = 0 as blank,
           items > 0 and last_published < oldest_fresh as stale
    from columns_
)

select * from final
