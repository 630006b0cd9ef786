-- label: 年报按时公开
-- short: 年报按时
-- order: 150
-- kind: count
-- unit: 份
-- threshold: max_count
-- keys: max_count, deadline_month, deadline_day
-- rule: （次年{deadline_month:g}月{deadline_day:g}日前发布）
-- definition: 截止日期（规则所定，默认次年1月31日）落在窗口内的年份中，政府信息公开工作年度报告未发布或晚于截止日期发布的份数
-- quote: 《政府信息公开条例》(2019) 第四十九条“每年1月31日前向本级政府信息公开工作主管部门提交本行政机关上一年度政府信息公开工作年度报告并向社会公布”

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

-- pending: last year's report while its deadline has not passed and the site shows none yet
select s.site_id, s.homepage as url,
       '未到期：' || year(getvariable('as_of')) - 1 || '年政府信息公开工作年度报告应于 '
           || strftime(d.deadline, '%Y-%m-%d') || ' 前发布，尚未见' as detail,
       null as related_url, (d.deadline - getvariable('as_of'))::int as amount
from sites s,
     (select make_date(year(getvariable('as_of'))::int,
                       getvariable('annual_report_timely__deadline_month')::int,
                       getvariable('annual_report_timely__deadline_day')::int) as deadline) d
where d.deadline > getvariable('as_of')
  and not exists (select 1 from int_annual_reports r
                  where r.site_id = s.site_id
                    and r.report_year = year(getvariable('as_of')) - 1
                    and r.published_date <= getvariable('as_of'))
