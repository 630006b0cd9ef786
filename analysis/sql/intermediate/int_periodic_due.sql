-- Every period of every periodic duty (analysis/periodic.py: one row per duty in
-- `periodic_duties`) for each site of the duty's levels: the periods whose deadline falls in the
-- window or after it up to the as-of date's period; the deadline (the end of the `due_months`-th
-- month counted from the period's first month); the first document the site published for the
-- period (known by the duty's title words and not its excluded words, read in the title without
-- its spaces; the period its title names, else the period it was published in, or the one before
-- when the duty is expected only once its period is over); whether it is missing or late,
-- counted (deadline in the window) or not yet due (a duty judged `where_published`: only for the
-- sites that published its document, from the first period they did); and whether it came after
-- the usual bound (`review_after_months`, where the source's own day cannot be seen) but within
-- the deadline: listed for a person.
-- materialized
-- (read by every periodic indicator's queries: computed once per scoring)
with duties as (
    select *, case when expected_from = 'end' then period_months else 0 end as expected_after,
           make_date(first_year, 1, 1) as first_period
    from periodic_duties
),

-- the first period to look at: the one holding the year before the window's earliest due
-- period, aligned on the duty's `first_year` (a two-year duty's periods start in its even or
-- odd years; a month's or a year's align on any January)
starts as (
    select *,
           first_period + to_months(period_months * floor(
               datediff('month', first_period,
                        date_trunc('year', getvariable('window_start') - to_months(due_months)))
               / period_months)::int) as first_start
    from duties
),

periods as (
    select d.indicator, d.document, d.period, d.period_months, d.parts, d.where_published,
           s.site_id, s.homepage,
           p::date as period_start,
           (p + to_months(d.due_months) - interval 1 day)::date as deadline,
           (p + to_months(d.expected_after))::date as expected_from,
           (p + to_months(d.review_after_months) - interval 1 day)::date as usual_bound
    from starts d
    join sites s on d.levels is null or list_contains(d.levels, s.level),
         range(d.first_start, getvariable('as_of'), to_months(d.period_months)) t(p)
),

-- every duty's title words in one constant pattern first (getvariable('periodic_titles')): a
-- pattern read from a joined column is compiled again for each row (21 s for 2 million titles
-- and four duties, against 0.2 s for the constant one)
candidates as (
    select * from int_title_periods
    where regexp_matches(flat_title, getvariable('periodic_titles'))
      and published_date <= getvariable('as_of')
),

documents as (
    select d.indicator, t.site_id, t.url, t.published_date, d.period_months, t.title_month,
           case when d.period_months = 1
                then coalesce(make_date(t.title_year, t.title_month, 1),
                              date_trunc('month', t.published_date - to_months(d.expected_after)))
                -- the period holding the year the title names, else the publication's
                else make_date(d.first_year + (d.period_months // 12) * floor(
                         (coalesce(t.title_year,
                                   year(t.published_date - to_months(d.expected_after)))
                          - d.first_year) / (d.period_months // 12))::int, 1, 1)
           end::date as period_start
    from duties d
    join candidates t on regexp_matches(t.flat_title, d.title_pattern)
        and not coalesce(regexp_matches(t.flat_title, d.excluded_pattern), false)
    qualify row_number() over (
        partition by d.indicator, t.site_id, period_start order by t.published_date, t.url
    ) = 1
),

-- where a site keeps a series of its own accord (`where_published`): the first period it
-- published the duty's document for (for a monthly duty, one whose month is named in its title
-- or its opening, so that a yearly or a quarterly report does not start a monthly series); the
-- periods before it are not judged (no series was kept then)
series as (
    select indicator, site_id, min(period_start) as first_published
    from documents
    where period_months <> 1 or title_month is not null
    group by all
),

final as (
    select p.*,
           case when p.period = 'month' then strftime(p.period_start, '%Y年%-m月')
                when p.period = 'year' then year(p.period_start) || '年度'
                else year(p.period_start) || '—'
                     || year(p.period_start + to_months(p.period_months) - interval 1 day) || '年'
           end as period_label,
           doc.url, doc.published_date, (doc.published_date - p.deadline)::int as days_late,
           doc.url is null or doc.published_date > p.deadline as missing_or_late,
           p.deadline between getvariable('window_start') and getvariable('as_of') as counted,
           p.deadline > getvariable('as_of') and doc.url is null
               and p.expected_from <= getvariable('as_of') as pending,
           coalesce(doc.published_date > p.usual_bound and doc.published_date <= p.deadline,
                    false) as after_usual_bound
    from periods p
    left join documents doc using (indicator, site_id, period_start)
    where not p.where_published
       or exists (select 1 from series s
                  where s.indicator = p.indicator and s.site_id = p.site_id
                    and p.period_start >= s.first_published)
)

select * from final
