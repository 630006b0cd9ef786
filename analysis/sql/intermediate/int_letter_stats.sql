-- Mailbox and 12345 statistics (body fact `letter_stats`, crawlers/extract/body_facts.py): one
-- row per statistics page and health-commission row of it (unit null: the site's own figures in
-- prose), with the letters received, closed, open and overdue as the page states them (null: not
-- stated, never 0), the page's 发布日期, and `counted`: published in the window by a site that
-- shows no letter due in it (letter_replies scores such a site on its statistics).
with source as (
    select site_id, url, title, published_date, unnest(from_json(value -> 'rows', '["json"]'))
        as row_json
    from stg_body_facts
    where fact = 'letter_stats'
),

final as (
    select site_id, url, title, published_date,
           row_json ->> 'unit' as unit,
           (row_json ->> 'received')::int as received,
           (row_json ->> 'closed')::int as closed,
           (row_json ->> 'open')::int as open,
           (row_json ->> 'overdue')::int as overdue,
           published_date between getvariable('window_start') and getvariable('as_of')
               and site_id not in (select site_id from int_letters where counted) as counted
    from source
)

select * from final
