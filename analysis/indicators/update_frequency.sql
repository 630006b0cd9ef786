-- label: 每周更新
-- short: 每周更新
-- order: 10
-- kind: share
-- threshold: required
-- keys: min_per_week, required
-- rule: （每周不少于{min_per_week:g}条）
-- definition: 窗口内每个完整自然周（周一至周日）新发布信息不少于规定条数的周数占比

-- score: complete weeks of the window with enough new items / complete weeks
select site_id,
       count(*) filter (items >= getvariable('update_frequency__min_per_week')) as numerator,
       count(*) as denominator, 'exact' as basis
from int_weeks group by all

-- findings: each silent week (its Monday and count)
select site_id, null as url,
       strftime(week_start, '%Y-%m-%d') || ' 起一周发布 ' || items || ' 条，少于 '
           || getvariable('update_frequency__min_per_week')::int || ' 条' as detail,
       null as related_url, items as amount
from int_weeks
where items < getvariable('update_frequency__min_per_week')
