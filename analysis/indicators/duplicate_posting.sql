-- label: 重复发布
-- short: 重复发布
-- order: 140
-- kind: count
-- unit: 条
-- threshold: max_count
-- keys: max_count
-- definition: 同一标题信息在多个栏目重复发布的条数

-- score: documents posted under one title in several columns, beyond the copy kept
select s.site_id, count(d.url) as numerator, null::int as denominator, 'exact' as basis
from sites s left join int_duplicates d using (site_id) group by all

-- findings: each copy, the copy kept and the number of columns
select site_id, url, '同一信息在多个栏目发布：' || title as detail, kept_url as related_url,
       columns as amount
from int_duplicates
