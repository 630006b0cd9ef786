-- Enforcement decisions made public (行政执法公示: 行政处罚, 行政许可): one row per page the body
-- fact `decision` was read on (its title or its 处罚决定日期 label, crawlers/extract/body_facts.py),
-- with the day the decision was made (null where the page shows none), the working days from it
-- to the page's 发布日期, and what enforcement_disclosure judges, worked out once:
-- * `counted`: published in the window with its decision's day shown;
-- * `late`: counted and published more than the rule's working days after the decision (a
--   county's: county_workdays, its 基层政务公开标准目录's 7; the others': workdays);
-- * `slow`: counted at another level, within workdays but after county_workdays (listed);
-- * `undated`: published in the window without the decision's day (listed for a person).
with decisions as (
    select site_id, url, title, published_date, value ->> 'kind' as kind,
           (value ->> 'decided')::date as decided
    from stg_body_facts
    where fact = 'decision'
),

timed as (
    select d.*, s.level = 'county' as county, p.workday_index - w.workday_index as lag_workdays,
           case when s.level = 'county'
                then getvariable('enforcement_disclosure__county_workdays')
                else getvariable('enforcement_disclosure__workdays') end::int as limit_workdays,
           d.published_date between getvariable('window_start') and getvariable('as_of')
               as in_window
    from decisions d
    join sites s using (site_id)
    left join workdays w on w.day = d.decided
    left join workdays p on p.day = d.published_date
),

final as (
    select *,
           in_window and lag_workdays is not null as counted,
           in_window and lag_workdays > limit_workdays as late,
           in_window and not county and lag_workdays <= limit_workdays
               and lag_workdays > getvariable('enforcement_disclosure__county_workdays') as slow,
           in_window and decided is null as undated
    from timed
)

select * from final
