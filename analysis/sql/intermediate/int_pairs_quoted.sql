-- Pairs by the policy's title or 文号 quoted in the interpretation's title: 解读《…》,
-- 《…》政策解读, 关于《…》的解读, 图解：…, 一图读懂…, 【图解】…, 视频解读：…; a title quoting two
-- 《…》 pairs with both policies.
with interpretations as (
    select site_id, url, title from stg_documents where doc_type = 'interpretation'
),

policies as (
    select site_id, url, title, quoted_name, doc_no from stg_documents where doc_type = 'policy'
),

quotes as (
    select site_id, url, unnest(regexp_extract_all(title, '《([^》]+)》', 1)) as name
    from interpretations
),

prefixed as (
    select site_id, url,
           trim(regexp_replace(title, '^(【图解】|图解[:：]|图说[:：]?|一图读懂|一图看懂|一图了解|视频解读[:：]|政策解读[:：])', '')) as name
    from interpretations
    where not contains(title, '《')
      and regexp_matches(title, '^(【图解】|图解[:：]|图说|一图读懂|一图看懂|一图了解|视频解读[:：]|政策解读[:：])')
),

doc_numbers as (
    select site_id, url, unnest(regexp_extract_all(title, '[^（(\s]{2,12}[〔\[［【][0-9]{4}[〕\]］】][0-9]+号')) as doc_no
    from interpretations
),

named as (
    select q.site_id, p.url as policy_url, q.url as interpretation_url,
           '标题引用：《' || q.name || '》' as evidence
    from (select * from quotes union all select * from prefixed) q
    join policies p on p.site_id = q.site_id and (p.quoted_name = q.name or p.title = q.name)
),

numbered as (
    select n.site_id, p.url, n.url, '引用文号：' || n.doc_no
    from doc_numbers n
    join policies p on p.site_id = n.site_id
        and p.doc_no = regexp_replace(n.doc_no, '[\[［【]([0-9]{4})[\]］】]', '〔\1〕')
),

final as (
    select site_id, policy_url, interpretation_url, 'quote' as method, 0.95::double as confidence,
           string_agg(distinct evidence, '；' order by evidence) as evidence
    from (select * from named union all select * from numbered)
    group by all
)

select * from final
