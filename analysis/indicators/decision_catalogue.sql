-- label: 重大决策目录
-- short: 决策目录
-- order: 170
-- kind: count
-- unit: 年
-- threshold: max_count
-- keys: max_count, period, due_months, expected_from, titles, document
-- rule: （当年起第{due_months:g}个月末前公开）
-- definition: 截止日期（规则所定；来源未定日期，默认当年12月31日，即年度目录须在当年公开）落在窗口内的年份中，年度重大行政决策事项目录未公开或晚于截止日期公开的年数；某年的目录以标题所写年份认定，标题未写年份的按发布年份
-- quote: 济南市卫健委 2021 政务公开工作要点 二(一)：“推进重大行政决策公开。落实年度重大决策事项目录公开制度”

-- score: years whose catalogue fell due in the window without one, or with a late one / years due
select site_id, count(*) filter (counted and missing_or_late) as numerator,
       count(*) filter (counted) as denominator, 'exact' as basis
from int_periodic_due
where indicator = 'decision_catalogue'
group by all

-- findings: each period without its document (url: the homepage) or with a late one (days late)
select site_id, coalesce(url, homepage) as url,
       period_label || document ||
       case when url is null then '未公开（应于 ' || strftime(deadline, '%Y-%m-%d') || ' 前）'
            else ' ' || strftime(published_date, '%Y-%m-%d') || ' 公开，晚于 '
                 || strftime(deadline, '%Y-%m-%d') || ' ' || days_late || ' 天'
       end as detail,
       null as related_url, days_late as amount
from int_periodic_due
where indicator = 'decision_catalogue' and counted and missing_or_late

-- pending: a period whose document can be expected but is not due yet, and not yet seen
select site_id, homepage as url,
       '未到期：' || period_label || document || '应于 ' || strftime(deadline, '%Y-%m-%d')
           || ' 前公开，尚未见' as detail,
       null as related_url, (deadline - getvariable('as_of'))::int as amount
from int_periodic_due
where indicator = 'decision_catalogue' and pending
