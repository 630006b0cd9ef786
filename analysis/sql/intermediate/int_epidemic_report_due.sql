-- Each month's 法定传染病疫情概况 of the sites of the rule's levels
-- (getvariable('epidemic_reports__levels')), from a year before the window to the as-of month:
-- its deadline (the end of the month `due_months` after it), the report the site published for
-- it (known by the rule's title words; the month its title names, else the month before it was
-- published), and whether it is missing or late.
with months as (
    select s.site_id, s.homepage, m::date as month_start,
           (m + to_months(1 + getvariable('epidemic_reports__due_months')::int)
              - interval 1 day)::date as deadline
    from sites s,
         range(date_trunc('month', getvariable('window_start')) - interval 12 month,
               getvariable('as_of'), interval 1 month) t(m)
    where list_contains(getvariable('epidemic_reports__levels'), s.level)
),

reports as (
    select site_id, url, published_date,
           coalesce(make_date(title_year, title_month, 1),
                    date_trunc('month', published_date - interval 1 month)::date) as month_start
    from int_title_periods
    where regexp_matches(title, array_to_string(getvariable('epidemic_reports__titles'), '|'))
      and published_date <= getvariable('as_of')
    qualify row_number() over (partition by site_id, month_start order by published_date, url) = 1
),

final as (
    select m.*, r.url, r.published_date, (r.published_date - m.deadline)::int as days_late,
           r.url is null or r.published_date > m.deadline as missing_or_late,
           m.deadline between getvariable('window_start') and getvariable('as_of') as counted
    from months m
    left join reports r using (site_id, month_start)
)

select * from final
