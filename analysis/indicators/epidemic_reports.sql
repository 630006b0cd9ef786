-- label: 疫情信息按月发布
-- short: 疫情月报
-- order: 210
-- kind: count
-- unit: 月
-- threshold: max_count
-- keys: max_count, levels, titles, due_months
-- rule: （每月法定传染病疫情概况于次月起{due_months:g}个月内发布）
-- definition: 发布期限（规则所定，默认为次月底）落在窗口内的月份中，未发布或晚于期限发布该月法定传染病疫情概况的月数；只评规则所列层级（默认国家和省级）；某月的概况以标题所写年月认定，标题未写月份的按发布日期的上一个月
-- quote: 卫办发〔2006〕79号：“各省、自治区、直辖市卫生行政部门应按照《传染病防治法》第三十八条第二款的规定，定期发布本行政区域的传染病疫情信息”；所附发布方案：卫生部“以月报、季报、年报方式”公布法定报告传染病疫情

-- score: months whose report fell due in the window without it, or with a late one / months due
select s.site_id, count(d.month_start) filter (d.missing_or_late) as numerator,
       count(d.month_start) as denominator, 'exact' as basis
from sites s
left join int_epidemic_report_due d on d.site_id = s.site_id and d.counted
where list_contains(getvariable('epidemic_reports__levels'), s.level)
group by all

-- findings: each month without its report (url: the homepage) or with a late one (days late)
select site_id, coalesce(url, homepage) as url,
       strftime(month_start, '%Y年%-m月') || '法定传染病疫情概况' ||
       case when url is null then '未发布（应于 ' || strftime(deadline, '%Y-%m-%d') || ' 前）'
            else ' ' || strftime(published_date, '%Y-%m-%d') || ' 发布，晚于 '
                 || strftime(deadline, '%Y-%m-%d') || ' ' || days_late || ' 天'
       end as detail,
       null as related_url, days_late as amount
from int_epidemic_report_due
where counted and missing_or_late

-- pending: a month ended whose report is not due yet and not yet published
select site_id, homepage as url,
       '未到期：' || strftime(month_start, '%Y年%-m月') || '法定传染病疫情概况应于 '
           || strftime(deadline, '%Y-%m-%d') || ' 前发布，尚未见' as detail,
       null as related_url, (deadline - getvariable('as_of'))::int as amount
from int_epidemic_report_due
where deadline > getvariable('as_of') and url is null
  and month_start < date_trunc('month', getvariable('as_of'))
