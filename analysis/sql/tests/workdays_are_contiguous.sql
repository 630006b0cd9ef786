-- The calendar has every day once, and its running index never skips.
select *
from (
    select day, workday_index, is_workday,
           lag(day) over (order by day) as previous_day,
           lag(workday_index) over (order by day) as previous_index
    from workdays
)
where previous_day is not null
  and (day - previous_day <> 1 or workday_index - previous_index <> is_workday::int)
