-- label: 文件与解读关联
-- short: 相互关联
-- order: 50
-- kind: share
-- threshold: required
-- keys: required
-- definition: 已配对的政策文件与解读中，政策页面链接了解读、解读页面也链接回政策文件的比例
-- quote: 济南市卫健委 2021 (一)“做好公开时政策文件与政策解读相关联”：“相关联”是两件相互关联，政策页面链接解读、解读页面链接回政策，单向链接不算

-- score: pairs whose pages link each other both ways / counted pairs
select s.site_id, count(l.policy_url) filter (l.forward and l.backward) as numerator,
       count(l.policy_url) as denominator, 'exact' as basis
from sites s left join int_pair_links l using (site_id) group by all

-- findings: each pair missing a link, and which side lacks it
select site_id, policy_url as url,
       case when not forward and not backward then '政策页面与解读页面互未链接'
            when not forward then '政策页面未链接其解读'
            else '解读页面未链接回政策文件' end as detail,
       interpretation_url as related_url, null as amount
from int_pair_links
where not (forward and backward)
