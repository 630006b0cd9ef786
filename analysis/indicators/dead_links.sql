-- label: 不可用链接
-- short: 死链
-- order: 110
-- kind: count
-- unit: 个
-- threshold: max_count
-- keys: max_count
-- definition: 抓取时打不开的页面、附件和图片链接数
-- quote: 国办秘函〔2019〕19号 政府网站检查指标：“链接可用性：首页及其他页面不能正常访问的链接数量”，每个扣分

-- score: the one definition (view dead_links): failed in the latest run that reached it, with
-- an answer from the server; a timeout, an outage, robots.txt or the size limit is not dead.
-- Denominator: links checked.
select s.site_id, count(k.url) filter (k.outcome = 'dead') as numerator,
       count(k.url) as denominator, 'exact' as basis
from sites s
left join link_checks k on k.site_id = s.site_id and k.outcome in ('ok', 'dead')
group by all

-- findings: each dead link, its status, since when, and the page linking it
select site_id, url,
       trim(coalesce('HTTP ' || status, '') || coalesce(' ' || error, ''))
       || coalesce('（' || strftime(dead_since + getvariable('china_offset'), '%Y-%m-%d') || ' 起无法访问）', '')
           as detail,
       found_on as related_url, status as amount
from dead_links
