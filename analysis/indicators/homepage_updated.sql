-- label: 首页更新
-- short: 首页天数
-- order: 120
-- kind: count
-- unit: 天
-- threshold: max_days
-- keys: max_days
-- definition: 首页最新一条带日期信息距评估日的天数
-- quote: 国办秘函〔2019〕19号（沿用2015年普查评分表）：“监测2周，首页栏目无信息更新的，即单项否决（未注明信息发布时间的视为不更新）”

-- score: days since the newest dated homepage item (none: NULL, which fails)
select site_id, (getvariable('as_of') - last_update)::int as numerator, null::int as denominator,
       'exact' as basis
from int_homepage

-- findings: the homepage when it is older than the rule, or shows no date
select site_id, homepage as url,
       coalesce('首页最新信息日期 ' || strftime(last_update, '%Y-%m-%d'), '首页没有带日期的信息')
           as detail,
       null as related_url, (getvariable('as_of') - last_update)::int as amount
from int_homepage
where last_update is null
   or getvariable('as_of') - last_update > getvariable('homepage_updated__max_days')
