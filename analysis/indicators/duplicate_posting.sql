-- label: 重复发布
-- short: 重复发布
-- order: 140
-- kind: count
-- unit: 条
-- threshold: max_count
-- keys: max_count
-- definition: 同一信息作为不同页面在多个栏目重复发布的条数（同一页面从目录和栏目两处可达、网址不同而编号相同的，不算重复发布）
-- quote: 黔南州卫计委 2017 (九)“优化公开平台栏目设置，明确栏目定位，避免同类信息在不同栏目进行发布，影响公众获取政府信息的效率和体验”
-- changed: 旧定义按标题计，同一页面的两个访问地址（目录视图与栏目视图）也算重复；新定义只计另发的页面

-- score: pages posted again under one title in other columns, beyond the page kept
select s.site_id, count(d.url) as numerator, null::int as denominator, 'exact' as basis
from sites s left join int_duplicates d using (site_id) group by all

-- findings: each page posted again, the page kept and the number of columns
select site_id, url, '同一信息在多个栏目发布：' || title as detail, kept_url as related_url,
       columns as amount
from int_duplicates
