-- Pairs the pages state themselves: a policy's 相关解读 link to an interpretation, or an
-- interpretation's 相关文件 / 原文 link back, checked to join a policy and an interpretation.
with docs as (
    select site_id, url, doc_type from stg_documents
),

links as (
    select * from stg_related_links
),

forward as (
    select l.site_id, l.from_url as policy_url, l.to_url as interpretation_url,
           '政策页链接：' || l.anchor_text as evidence
    from links l
    join docs p on p.site_id = l.site_id and p.url = l.from_url and p.doc_type = 'policy'
    join docs i on i.site_id = l.site_id and i.url = l.to_url and i.doc_type = 'interpretation'
    where l.relation in ('interpretation', 'related')
),

backward as (
    select l.site_id, l.to_url as policy_url, l.from_url as interpretation_url,
           '解读页链接：' || l.anchor_text as evidence
    from links l
    join docs i on i.site_id = l.site_id and i.url = l.from_url and i.doc_type = 'interpretation'
    join docs p on p.site_id = l.site_id and p.url = l.to_url and p.doc_type = 'policy'
    where l.relation in ('policy', 'related')
),

final as (
    select site_id, policy_url, interpretation_url, 'link' as method, 1.0::double as confidence,
           string_agg(distinct evidence, '；' order by evidence) as evidence
    from (select * from forward union all select * from backward)
    group by all
)

select * from final
