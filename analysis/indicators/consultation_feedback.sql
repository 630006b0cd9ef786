-- label: 意见采纳反馈
-- short: 采纳反馈
-- order: 190
-- kind: share
-- threshold: required
-- keys: required, max_days
-- rule: （截止后{max_days:g}日内）
-- definition: 窗口内发布、征求意见已截止且反馈期限已过的征求意见中，在截止后规定日数内发布意见采纳情况（意见反馈）的比例
-- quote: 济南市卫健委 2021 (一)“及时公开征求意见反馈结果”；黔南 2017 要求公开意见征集和采纳情况；反馈期限各地不一，本项目默认截止后30日

-- score: consultations whose feedback was published in time / consultations whose feedback was
-- due by the as-of date (int_consultation_feedback_due)
select s.site_id, count(d.url) filter (d.answered_in_time) as numerator,
       count(d.url) as denominator, 'exact' as basis
from sites s
left join int_consultation_feedback_due d on d.site_id = s.site_id and d.feedback_counted
group by all

-- findings: each consultation without feedback by its due day, or with a late one
select site_id, url,
       case when feedback_date is null
            then '征求意见应于 ' || strftime(feedback_due, '%Y-%m-%d') || ' 前反馈采纳情况，截至评估日未见：'
            else '意见采纳情况 ' || strftime(feedback_date, '%Y-%m-%d') || ' 才发布，晚于 '
                 || strftime(feedback_due, '%Y-%m-%d') || '：'
       end || title as detail,
       feedback_url as related_url, (feedback_date - feedback_due)::int as amount
from int_consultation_feedback_due
where feedback_counted and not coalesce(answered_in_time, false)

-- pending: each consultation whose feedback is not yet due (still open, or inside the days
-- after closing), with what is known of its feedback
select site_id, url,
       '未到期：意见采纳情况应于 ' || strftime(feedback_due, '%Y-%m-%d') || ' 前发布'
           || coalesce('（已于 ' || strftime(feedback_date, '%Y-%m-%d') || ' 发布）', '') || '：'
           || title as detail,
       feedback_url as related_url, (feedback_due - getvariable('as_of'))::int as amount
from int_consultation_feedback_due
where not feedback_counted
