-- Per policy needing interpretation in the window: its first counted interpretation published
-- by the as-of date, and the lag.
-- materialized
-- (read by several indicators' queries: computed once per scoring)
with policies as (
    select site_id, url, published_date from int_policies
),

paired as (
    select p.site_id, p.policy_url, p.interpretation_url, p.lag_workdays, p.lag_basis,
           i.published_date as interpretation_published
    from pairs p
    join stg_documents i on i.site_id = p.site_id and i.url = p.interpretation_url
    where p.counted and i.published_date <= getvariable('as_of')
),

ranked as (
    select pol.site_id, pol.url as policy_url, pa.interpretation_url, pa.lag_workdays,
           pa.lag_basis,
           row_number() over (
               partition by pol.site_id, pol.url
               order by pa.interpretation_published, pa.interpretation_url
           ) as n
    from policies pol
    join paired pa on pa.site_id = pol.site_id and pa.policy_url = pol.url
),

final as (
    select site_id, policy_url, interpretation_url, lag_workdays, lag_basis
    from ranked
    where n = 1
)

select * from final
