-- Each consultation on a draft (征求意见, 意见征集) with its period and the feedback published on
-- it (采纳情况, 意见反馈: the first one naming the same draft in 《》, or linked either way).
-- The period counts both ends: 3月1日至3月31日 is 31 days; a stated number of days wins; a
-- period with neither a closing date nor a number of days is unstated (NULL).
with facts as (
    select site_id, url, title, published_date, in_window,
           json_extract_string(value, '$.role') as role,
           json_extract_string(value, '$.draft') as draft,
           json_extract_string(value, '$.opens')::date as opens_stated,
           json_extract_string(value, '$.closes')::date as closes_stated,
           json_extract(value, '$.days')::int as days_stated
    from stg_body_facts
    where fact = 'consultation'
),

consultations as (
    select *,
           coalesce(opens_stated, published_date) as opens,
           coalesce(closes_stated, coalesce(opens_stated, published_date) + days_stated - 1)
               as closes,
           coalesce(days_stated, closes_stated - coalesce(opens_stated, published_date) + 1)
               as period_days
    from facts
    where role = 'consultation'
),

feedback as (
    select * from facts where role = 'feedback'
),

answered as (
    select c.site_id, c.url, min(f.published_date) as feedback_date,
           arg_min(f.url, f.published_date) as feedback_url
    from consultations c
    join feedback f
      on f.site_id = c.site_id
     and f.published_date >= c.published_date
     and (f.draft = c.draft
          or exists (select 1 from document_links l
                     where l.site_id = c.site_id
                       and ((l.from_url = f.url and l.to_url = c.url)
                            or (l.from_url = c.url and l.to_url = f.url))))
    group by all
),

final as (
    select c.*, a.feedback_date, a.feedback_url
    from consultations c
    left join answered a using (site_id, url)
)

select * from final
