-- Per document that must be interpreted (int_policies): the last day its interpretation is on
-- time (the working day `interpretation_timeliness.max_workdays` after it, and the rest days
-- after that working day), whether it has an interpretation by the as-of date, whether that is
-- a 图解, and whether it is still not due, which counts in neither numerator nor denominator:
-- `pending` (未到期 for 解读率: no interpretation yet, its last day not past by the as-of date)
-- and `graphic_pending` (未到期 for 图解占比: no 图解 yet, the same last day not past: a 图解 is an
-- interpretation, due within the same working days as any).
-- materialized
-- (read by several indicators' queries: computed once per scoring)
with policies as (
    select * from int_policies
),

due as (
    select p.*, (
               select max(w.day) from workdays w
               where w.workday_index = s.workday_index
                   + getvariable('interpretation_timeliness__max_workdays')::int
           ) as due_day
    from policies p
    left join workdays s on s.day = p.published_date
),

graphic as (
    select distinct pa.site_id, pa.policy_url
    from pairs pa
    join stg_documents i on i.site_id = pa.site_id and i.url = pa.interpretation_url
    where pa.counted and i.published_date <= getvariable('as_of')
      and i.interpretation_form = 'graphic'
),

final as (
    select d.*, f.interpretation_url is not null as interpreted,
           g.policy_url is not null as graphic,
           coalesce(d.due_day >= getvariable('as_of'), false) as within_limit,
           not interpreted and within_limit as pending,
           not graphic and within_limit as graphic_pending
    from due d
    left join int_first_interpretations f on f.site_id = d.site_id and f.policy_url = d.url
    left join graphic g on g.site_id = d.site_id and g.policy_url = d.url
)

select * from final
