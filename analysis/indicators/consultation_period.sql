-- label: 征求意见期限
-- short: 征求期限
-- order: 180
-- kind: share
-- threshold: required
-- keys: required, min_days
-- rule: （不少于{min_days:g}日）
-- definition: 窗口内发布的征求意见（征求意见稿、意见征集）中，写明的征求意见期限不少于规定日数的比例；未写明期限的不计为达标
-- quote: 《重大行政决策程序暂行条例》(2019) 第十四条“公开征求意见的期限一般不少于30日”

-- score: consultations of the window with a stated period long enough / consultations of the window
select s.site_id,
       count(c.url) filter (c.period_days >= getvariable('consultation_period__min_days'))
           as numerator,
       count(c.url) as denominator, 'exact' as basis
from sites s
left join int_consultations c on c.site_id = s.site_id and c.in_window
group by all

-- findings: each consultation with a short or unstated period (amount: its days)
select site_id, url,
       case when period_days is null then '未写明征求意见期限：'
            else '征求意见期限 ' || period_days || ' 日（' || strftime(opens, '%Y-%m-%d') || ' 至 '
                 || strftime(closes, '%Y-%m-%d') || '），少于 '
                 || getvariable('consultation_period__min_days')::int || ' 日：'
       end || title as detail,
       null as related_url, period_days as amount
from int_consultations
where in_window
  and (period_days is null or period_days < getvariable('consultation_period__min_days'))
