-- Each site's yearly reports that fell due in the window (the report on year Y is due on the
-- rule's day of Y + 1: getvariable('annual_report_timely__deadline_month' / '…_day')), with the
-- report the site published for that year, if any, and how many days after the deadline.
with years as (
    select unnest(range(year(getvariable('window_start')) - 1, year(getvariable('as_of'))))
               as report_year
),

due as (
    select s.site_id, s.homepage, y.report_year,
           make_date(y.report_year + 1, getvariable('annual_report_timely__deadline_month')::int,
                     getvariable('annual_report_timely__deadline_day')::int) as deadline
    from sites s, years y
    where deadline between getvariable('window_start') and getvariable('as_of')
),

final as (
    select d.*, r.url, r.published_date, (r.published_date - d.deadline)::int as days_late,
           r.url is null or r.published_date > d.deadline as missing_or_late
    from due d
    left join int_annual_reports r using (site_id, report_year)
)

select * from final
