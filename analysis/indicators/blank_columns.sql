-- label: 空白栏目
-- short: 空白栏目
-- order: 100
-- kind: count
-- unit: 个
-- threshold: max_count
-- keys: max_count
-- definition: 没有任何信息的栏目数
-- quote: 国办秘函〔2019〕19号（沿用2015年普查评分表）：“空白栏目数量超过（含）5个”，即单项否决；“有栏目无内容”

-- score: blank columns (denominator: columns)
select s.site_id, count(c.column_url) filter (c.blank) as numerator,
       count(c.column_url) as denominator, 'exact' as basis
from sites s left join int_column_freshness c using (site_id) group by all

-- findings: each blank column
select site_id, column_url as url, name || '：空白栏目' as detail, null as related_url, 0 as amount
from int_column_freshness where blank
