-- Every periodic duty's items, worded once (analysis/periodic.py): status 'finding' for a period
-- due in the window without its document or with a late one (url: the homepage where none);
-- 'pending' for a period whose document can be expected, is not due yet and is not seen;
-- 'review' for a document published after the usual bound but within the deadline, and for a
-- document whose page names none of the duty's parts (they may be in its attachments). Each
-- indicator file selects its own duty's rows.
-- materialized
-- (read by every periodic indicator's queries: computed once per scoring)
with named_parts as (
    select site_id, url, json_extract_string(value, '$.parts[*]') as parts
    from stg_body_facts
    where fact = 'budget_parts'
),

due as (
    select p.*, list_filter(p.parts, lambda x: not list_contains(coalesce(n.parts, []), x))
               as parts_missing
    from int_periodic_due p
    left join named_parts n using (site_id, url)
),

findings as (
    select indicator, site_id, coalesce(url, homepage) as url,
           period_label || document ||
           case when url is null then '未公开（应于 ' || strftime(deadline, '%Y-%m-%d') || ' 前）'
                else ' ' || strftime(published_date, '%Y-%m-%d') || ' 公开，晚于 '
                     || strftime(deadline, '%Y-%m-%d') || ' ' || days_late || ' 天'
           end as detail,
           days_late as amount, 'finding' as status
    from due
    where counted and missing_or_late
),

pending as (
    select indicator, site_id, homepage as url,
           '未到期：' || period_label || document || '应于 ' || strftime(deadline, '%Y-%m-%d')
               || ' 前公开，尚未见' as detail,
           (deadline - getvariable('as_of'))::int as amount, 'pending' as status
    from due
    where pending
),

after_bound as (
    select indicator, site_id, url,
           period_label || document || ' ' || strftime(published_date, '%Y-%m-%d')
               || ' 公开，晚于一般期限 ' || strftime(usual_bound, '%Y-%m-%d')
               || '（法定期限起算日网站未载明）' as detail,
           (published_date - usual_bound)::int as amount, 'review' as status
    from due
    where after_usual_bound and deadline >= getvariable('window_start')
),

without_parts as (
    select indicator, site_id, url,
           period_label || document || '页面未见' || array_to_string(parts_missing, '、')
               || '（可能在附件中，请人工核对）' as detail,
           null::int as amount, 'review' as status
    from due
    where url is not null and deadline >= getvariable('window_start') and len(parts_missing) > 0
),

final as (
    select * from findings
    union all select * from pending
    union all select * from after_bound
    union all select * from without_parts
)

select * from final
