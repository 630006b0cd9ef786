-- Letters to the commission (领导信箱, 咨询投诉, 留言办理) and their replies: one row per page the
-- body fact `letter` was read on (its 来信时间 and 回复时间 labels, crawlers/extract/body_facts.py):
-- the day received and answered (null where the page shows no reply), the working days the reply
-- took, the day it was due (letter_replies.reply_days after it was received), the days it has
-- waited unanswered by the as-of date, and what the two letters' indicators judge, worked out once:
-- * reply_unknown: the page shows a reply without a day, or one dated before the letter: neither
--   counted as answered in time nor as unanswered (listed for a person);
-- * letter_replies: `counted` when its day falls in the window (each letter counted in the one
--   run whose window holds its day, however long the window), `late_or_missing` when counted
--   and answered after its day or not at all, `pending` when unanswered and not yet due, `slow`
--   when answered in the window within its day but after the usual working days;
-- * letters_unanswered: `in_lookback` (received in the lookback_months before the as-of date),
--   `unanswered_too_long` (unanswered more than unanswered_months after it came).
with letters as (
    select site_id, url, title,
           (value ->> 'received')::date as received,
           (value ->> 'replied')::date as replied,
           nullif(value ->> 'status', '') as status,
           coalesce((value ->> 'reply_undated')::boolean, false)
               or (value ->> 'problem') is not null as reply_unknown,
           value ->> 'problem' as problem
    from stg_body_facts
    where fact = 'letter'
),

timed as (
    select l.*,
           (l.received + to_days(getvariable('letter_replies__reply_days')::int))::date
               as deadline,
           a.workday_index - r.workday_index as reply_workdays,
           case when l.replied is null and not l.reply_unknown
                then (getvariable('as_of') - l.received)::int end as days_unanswered
    from letters l
    left join workdays r on r.day = l.received
    left join workdays a on a.day = l.replied
    where l.received <= getvariable('as_of')
),

final as (
    select *,
           deadline between getvariable('window_start') and getvariable('as_of')
               and not reply_unknown as counted,
           deadline between getvariable('window_start') and getvariable('as_of')
               and not reply_unknown and (replied is null or replied > deadline)
               as late_or_missing,
           replied is null and not reply_unknown and deadline > getvariable('as_of') as pending,
           coalesce(replied between getvariable('window_start') and getvariable('as_of')
                    and replied <= deadline
                    and reply_workdays > getvariable('letter_replies__usual_workdays'), false)
               as slow,
           received > getvariable('as_of')
               - to_months(getvariable('letters_unanswered__lookback_months')::int) as in_lookback,
           replied is null and not reply_unknown
               and received <= getvariable('as_of')
                   - to_months(getvariable('letters_unanswered__unanswered_months')::int)
               as unanswered_too_long
    from timed
)

select * from final
