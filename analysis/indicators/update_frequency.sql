-- label: 每周更新
-- short: 每周更新
-- order: 10
-- kind: share
-- threshold: required
-- keys: min_per_week, unit, required
-- rule: （每周不少于{min_per_week:g}{unit}）
-- definition: 窗口内每个完整自然周（周一至周日）更新次数（有新信息发布的天数；规则单位为“条”时按信息条数）不少于规定数的周数占比
-- quote: 黔南州卫计委 2017 (九)3“加强网站内容保障，每周更新不少于2次”：“次”是更新的次数，同一天发布多条信息为一次更新
-- changed: 旧定义按每周新发布信息条数计；新定义按更新次数（有新信息的天数）计，单位写入规则（默认“次”）

-- score: complete weeks of the window with enough updates (or items) / complete weeks
select site_id,
       count(*) filter (
           case when getvariable('update_frequency__unit') = '条' then items else updates end
               >= getvariable('update_frequency__min_per_week')) as numerator,
       count(*) as denominator, 'exact' as basis
from int_weeks group by all

-- findings: each silent week (its Monday, its updates and items)
select site_id, null as url,
       strftime(week_start, '%Y-%m-%d') || ' 起一周更新 ' || updates || ' 次（发布 ' || items
           || ' 条），少于 ' || getvariable('update_frequency__min_per_week')::int || ' '
           || getvariable('update_frequency__unit') as detail,
       null as related_url,
       case when getvariable('update_frequency__unit') = '条' then items else updates end as amount
from int_weeks
where case when getvariable('update_frequency__unit') = '条' then items else updates end
      < getvariable('update_frequency__min_per_week')
