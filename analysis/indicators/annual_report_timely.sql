-- label: 年报按时公开
-- short: 年报按时
-- order: 150
-- kind: count
-- unit: 份
-- threshold: max_count
-- keys: max_count, deadline_month, deadline_day
-- rule: （次年{deadline_month:g}月{deadline_day:g}日前发布）
-- definition: 截止日期（规则所定，默认次年1月31日）落在窗口内的年份中，政府信息公开工作年度报告未发布或晚于截止日期发布的份数

-- score: years whose report fell due in the window without a report on the site, or with a late
-- one / years due (int_annual_report_due)
select s.site_id, count(d.report_year) filter (d.missing_or_late) as numerator,
       count(d.report_year) as denominator, 'exact' as basis
from sites s left join int_annual_report_due d using (site_id)
group by all

-- findings: each year without a report (url: the homepage) or with a late one (amount: days late)
select site_id, coalesce(url, homepage) as url,
       case when url is null
            then '网站上未找到' || report_year || '年政府信息公开工作年度报告（应于 '
                 || strftime(deadline, '%Y-%m-%d') || ' 前发布）'
            else report_year || '年年度报告 ' || strftime(published_date, '%Y-%m-%d')
                 || ' 发布，晚于 ' || strftime(deadline, '%Y-%m-%d') || ' ' || days_late || ' 天'
       end as detail,
       null as related_url, days_late as amount
from int_annual_report_due
where missing_or_late
