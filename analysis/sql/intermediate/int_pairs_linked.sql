-- Pairs the pages state themselves: a document's 相关解读 link to an interpretation, or an
-- interpretation's 相关文件 / 原文 link back. The linked document is paired whatever type it was
-- given (a 文件 filed under 工作动态 is still the policy an interpretation links to), when it is
-- `explainable` (stg_documents: not another interpretation, not a news item without 文号).
-- materialized
-- (pairing reads it up to three times: computed once per scoring)
with docs as (
    select site_id, url, doc_type, explainable from stg_documents
),

links as (
    select * from stg_related_links
),

explained as (
    select * from docs where explainable
),

forward as (
    select l.site_id, l.from_url as policy_url, l.to_url as interpretation_url,
           '政策页链接：' || l.anchor_text as evidence
    from links l
    join explained p on p.site_id = l.site_id and p.url = l.from_url
    join docs i on i.site_id = l.site_id and i.url = l.to_url and i.doc_type = 'interpretation'
    where l.relation in ('interpretation', 'related')
),

backward as (
    select l.site_id, l.to_url as policy_url, l.from_url as interpretation_url,
           '解读页链接：' || l.anchor_text as evidence
    from links l
    join docs i on i.site_id = l.site_id and i.url = l.from_url and i.doc_type = 'interpretation'
    join explained p on p.site_id = l.site_id and p.url = l.to_url
    where l.relation in ('policy', 'related')
),

final as (
    select site_id, policy_url, interpretation_url, 'link' as method, 1.0::double as confidence,
           string_agg(distinct evidence, '；' order by evidence) as evidence
    from (select * from forward union all select * from backward)
    group by all
)

select * from final
