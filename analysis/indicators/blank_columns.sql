-- label: 空白栏目
-- short: 空白栏目
-- order: 100
-- kind: count
-- unit: 个
-- threshold: max_count
-- keys: max_count
-- definition: 没有任何信息的栏目数

-- score: blank columns (denominator: columns)
select s.site_id, count(c.column_url) filter (c.blank) as numerator,
       count(c.column_url) as denominator, 'exact' as basis
from sites s left join int_column_freshness c using (site_id) group by all

-- findings: each blank column
select site_id, column_url as url, name || '：空白栏目' as detail, null as related_url, 0 as amount
from int_column_freshness where blank
