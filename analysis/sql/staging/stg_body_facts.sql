-- What document bodies say beyond the fields (crawlers/extract/body_facts.py): one row per
-- document and fact (annual_report, consultation, leader, stated_month, budget_parts, reply,
-- letter, letter_stats: docs/schema.md), the fact as JSON, with its document's
-- title, type and date.
with source as (
    select site_id, url, field as fact, value::json as value
    from document_fields
    where source = 'body:' || field  -- a fact's own row (body:signing etc. are field evidence)
),

final as (
    select s.site_id, s.url, s.fact, s.value, d.title, d.doc_type, d.published_date, d.in_window
    from source s
    join stg_documents d using (site_id, url)
)

select * from final
