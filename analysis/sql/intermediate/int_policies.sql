-- The documents of the window that must be interpreted, and why: a policy whose official class
-- the rules count (`[interpretation_rate] classes`: 政策性文件, 规范性文件 by default), or any document
-- an interpretation links to or names (the strongest evidence that it is a policy).
with docs as (
    select * from stg_documents where in_window
),

named as (
    select site_id, policy_url as url,
           string_agg(distinct method, ',' order by method) as methods
    from pairs
    where counted and method in ('link', 'quote', 'manual', 'similar')
    group by all
),

final as (
    select d.site_id, d.url, d.title, d.doc_type, d.official_class, d.published_date,
           d.disclosure_attr, d.validity,
           case when d.doc_type = 'policy'
                     and list_contains(getvariable('interpretation_rate__classes'), d.official_class)
                then 'class' else 'named:' || n.methods end as why
    from docs d
    left join named n on n.site_id = d.site_id and n.url = d.url
    where (d.doc_type = 'policy'
           and list_contains(getvariable('interpretation_rate__classes'), d.official_class))
       or n.url is not null
)

select * from final
