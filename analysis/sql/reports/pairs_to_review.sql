-- What waits for a person (the workbook's 待复核配对 sheet): pairs title similarity proposed below
-- the rules' threshold (they count nothing until confirmed), policies no counted pair explains,
-- and interpretations that name nothing the site hosts and no counted pair explains.
with docs as (
    select site_id, url, title, doc_type from documents
),

counted as (
    select * from pairs where counted
),

waiting as (
    select '相似待复核' as kind, p.site_id, p.policy_url, p.interpretation_url, p.evidence, p.confidence
    from pairs p
    where not p.counted
),

lonely_policies as (
    select '政策无解读', d.site_id, d.url, null, null, null
    from docs d
    where d.doc_type = 'policy'
      and not exists (select 1 from counted c where c.site_id = d.site_id and c.policy_url = d.url)
      and not exists (select 1 from waiting w where w.site_id = d.site_id and w.policy_url = d.url)
),

lonely_interpretations as (
    select '解读无对应政策', d.site_id, null, d.url, null, null
    from docs d
    where d.doc_type = 'interpretation'
      and not exists (select 1 from counted c where c.site_id = d.site_id and c.interpretation_url = d.url)
      and not exists (select 1 from waiting w where w.site_id = d.site_id and w.interpretation_url = d.url)
      and not exists (select 1 from outside_citations o where o.site_id = d.site_id and o.interpretation_url = d.url)
),

final as (
    select r.kind, r.site_id, p.title as policy_title, r.policy_url, i.title as interpretation_title,
           r.interpretation_url, r.evidence, r.confidence
    from (select * from waiting union all select * from lonely_policies
          union all select * from lonely_interpretations) r
    left join docs p on p.site_id = r.site_id and p.url = r.policy_url
    left join docs i on i.site_id = r.site_id and i.url = r.interpretation_url
    order by r.kind desc, r.site_id, r.policy_url nulls last, r.interpretation_url
)

select * from final
