-- label: 年报按时公开
-- short: 年报按时
-- order: 150
-- kind: count
-- unit: 份
-- threshold: max_count
-- keys: max_count, deadline_month, deadline_day
-- definition: 截止日期（次年1月31日）落在窗口内的年份中，政府信息公开工作年度报告未发布或晚于截止日期发布的份数

-- score: the years whose report fell due in the window (deadline between the window's start and
-- the as-of date); counted: those without a report on the site, or published after the deadline
with due as (
    select s.site_id, y.report_year,
           make_date(y.report_year + 1, getvariable('annual_report_timely__deadline_month')::int,
                     getvariable('annual_report_timely__deadline_day')::int) as deadline
    from sites s,
         (select unnest(range(year(getvariable('window_start')) - 1, year(getvariable('as_of'))))
              as report_year) y
    where deadline between getvariable('window_start') and getvariable('as_of')
)

select d.site_id,
       count(*) filter (r.url is null or r.published_date > d.deadline) as numerator,
       count(*) as denominator, 'exact' as basis
from due d
left join int_annual_reports r using (site_id, report_year)
group by all

-- findings: each year without a report (no page) or with a late one (amount: days late)
with due as (
    select s.site_id, s.homepage, y.report_year,
           make_date(y.report_year + 1, getvariable('annual_report_timely__deadline_month')::int,
                     getvariable('annual_report_timely__deadline_day')::int) as deadline
    from sites s,
         (select unnest(range(year(getvariable('window_start')) - 1, year(getvariable('as_of'))))
              as report_year) y
    where deadline between getvariable('window_start') and getvariable('as_of')
)

select d.site_id, coalesce(r.url, d.homepage) as url,
       case when r.url is null
            then '网站上未找到' || d.report_year || '年政府信息公开工作年度报告（应于 '
                 || strftime(d.deadline, '%Y-%m-%d') || ' 前发布）'
            else d.report_year || '年年度报告 ' || strftime(r.published_date, '%Y-%m-%d')
                 || ' 发布，晚于 ' || strftime(d.deadline, '%Y-%m-%d') || ' '
                 || (r.published_date - d.deadline) || ' 天'
       end as detail,
       null as related_url, (r.published_date - d.deadline)::int as amount
from due d
left join int_annual_reports r using (site_id, report_year)
where r.url is null or r.published_date > d.deadline
