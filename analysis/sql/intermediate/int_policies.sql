-- The documents of the window that must be interpreted: a policy whose official class the rules
-- count (`[interpretation_rate] classes`: 政策性文件, 规范性文件 by default), or any document
-- an interpretation links to or names (the strongest evidence that it is a policy).
-- materialized
-- (read by several indicators' queries: computed once per scoring)
with docs as (
    select * from stg_documents where in_window
),

named as (
    -- the pair's evidence says how it was named (pairs.method, pairs.evidence)
    select distinct site_id, policy_url as url from pairs where counted
),

final as (
    select d.site_id, d.url, d.title, d.doc_type, d.official_class, d.published_date,
           d.disclosure_attr, d.validity
    from docs d
    left join named n on n.site_id = d.site_id and n.url = d.url
    where (d.doc_type = 'policy'
           and list_contains(getvariable('interpretation_rate__classes'), d.official_class))
       or n.url is not null
)

select * from final
