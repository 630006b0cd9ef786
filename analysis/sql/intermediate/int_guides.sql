-- 办事指南 pages (body fact `guide`, crawlers/extract/body_facts.py): one row per guide published
-- by the as-of date (or undated), the required elements it does not head
-- (service_guides.required_elements, read by the words of crawlers/extract/labels.py
-- GUIDE_ELEMENTS), whether it hands the service to a 政务服务网, and whether it is complete.
with guides as (
    select site_id, url, title,
           from_json(value -> 'elements', '["varchar"]') as elements,
           coalesce((value ->> 'service_portal')::boolean, false) as service_portal
    from stg_body_facts
    where fact = 'guide' and coalesce(published_date <= getvariable('as_of'), true)
),

final as (
    select *,
           list_filter(getvariable('service_guides__required_elements'),
                       lambda e: not list_contains(elements, e)) as missing,
           service_portal or len(missing) = 0 as complete
    from guides
)

select * from final
