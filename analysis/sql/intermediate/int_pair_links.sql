-- Per counted pair of a policy that must be interpreted (int_policies), whether the pages are
-- published linked to each other (济南 2021: 政策文件与政策解读相关联): the policy page links its
-- interpretation (`forward`) and the interpretation page links back to the policy (`backward`).
-- materialized
-- (read by several indicators' queries: computed once per scoring)
with pairs_ as (
    select p.site_id, p.policy_url, p.interpretation_url
    from pairs p
    join int_policies pol on pol.site_id = p.site_id and pol.url = p.policy_url
    join stg_documents i on i.site_id = p.site_id and i.url = p.interpretation_url
    where p.counted and i.published_date <= getvariable('as_of')
),

links as (
    select * from stg_related_links
),

final as (
    select p.*,
           exists (select 1 from links l
                   where l.site_id = p.site_id and l.from_url = p.policy_url
                     and l.to_url = p.interpretation_url
                     and l.relation in ('interpretation', 'related')) as forward,
           exists (select 1 from links l
                   where l.site_id = p.site_id and l.from_url = p.interpretation_url
                     and l.to_url = p.policy_url
                     and l.relation in ('policy', 'related')) as backward
    from pairs_ p
)

select * from final
