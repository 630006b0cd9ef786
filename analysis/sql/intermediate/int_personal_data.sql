-- Each personal number a document's title or body shows (crawlers/personal_data.py): its kind
-- (id_card, mobile, bank_card), the number masked and the words around it, masked too. The full
-- number was never stored: pages are masked before they are read or archived.
with exposures as (
    select site_id, url, title, published_date,
           unnest(from_json(json_extract(value, '$.items'),
                            '[{"kind": "VARCHAR", "masked": "VARCHAR", "context": "VARCHAR"}]'))
               as item
    from stg_body_facts
    where fact = 'personal_data'
),

final as (
    select site_id, url, title, published_date,
           item.kind as kind, item.masked as masked, item.context as context,
           -- what a finding says: 页面公开了身份证号 110105********002X（…）
           '页面公开了' || getvariable('personal_kind_labels')[item.kind] || ' ' || item.masked
               || '（' || item.context || '）' as shown
    from exposures
)

select * from final
