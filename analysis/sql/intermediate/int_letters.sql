-- Letters to the commission (领导信箱, 咨询投诉, 留言办理) and their replies: one row per page the
-- body fact `letter` was read on (its 来信时间 and 回复时间 labels, crawlers/extract/body_facts.py):
-- the day received and answered (null where the page shows no reply), the working days the reply
-- took, the day it was due (letter_replies.reply_days after it was received), and the days it
-- has waited unanswered by the as-of date.
with letters as (
    select site_id, url, title,
           (value ->> 'received')::date as received,
           (value ->> 'replied')::date as replied,
           nullif(value ->> 'status', '') as status
    from stg_body_facts
    where fact = 'letter'
),

final as (
    select l.*,
           (l.received + to_days(getvariable('letter_replies__reply_days')::int))::date
               as deadline,
           a.workday_index - r.workday_index as reply_workdays,
           case when l.replied is null then (getvariable('as_of') - l.received)::int
           end as days_unanswered
    from letters l
    left join workdays r on r.day = l.received
    left join workdays a on a.day = l.replied
    where l.received <= getvariable('as_of')
)

select * from final
