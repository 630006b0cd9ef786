-- Each site's yearly 重大行政决策事项目录 whose deadline (getvariable('decision_catalogue__
-- deadline_month' / '…_day') of its own year) fell in the window or is still ahead this year:
-- the catalogue the site published for that year (known by the rule's title words; the year its
-- title names, else the year it was published), and whether it is missing or late.
with years as (
    select unnest(range(year(getvariable('window_start')), year(getvariable('as_of')) + 1))
               as catalogue_year
),

due as (
    select s.site_id, s.homepage, y.catalogue_year,
           make_date(y.catalogue_year, getvariable('decision_catalogue__deadline_month')::int,
                     getvariable('decision_catalogue__deadline_day')::int) as deadline
    from sites s, years y
),

catalogues as (
    select site_id, url, published_date,
           coalesce(title_year, year(published_date)) as catalogue_year
    from int_title_periods
    where regexp_matches(title, array_to_string(getvariable('decision_catalogue__titles'), '|'))
      and published_date <= getvariable('as_of')
    qualify row_number() over (
        partition by site_id, catalogue_year order by published_date, url
    ) = 1
),

final as (
    select d.*, c.url, c.published_date, (c.published_date - d.deadline)::int as days_late,
           c.url is null or c.published_date > d.deadline as missing_or_late,
           d.deadline between getvariable('window_start') and getvariable('as_of') as counted
    from due d
    left join catalogues c using (site_id, catalogue_year)
)

select * from final
