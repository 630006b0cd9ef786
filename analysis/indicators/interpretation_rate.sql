-- label: 政策解读率
-- short: 解读率
-- order: 20
-- kind: share
-- threshold: required
-- keys: required, classes
-- definition: 窗口内发布、须解读的政策文件（规则所列文件类别，及被解读引用或链接的文件）中，已有解读（截至评估日）的比例

-- score: policies with an interpretation / documents that must be interpreted (int_policies)
select s.site_id, count(f.interpretation_url) as numerator, count(p.url) as denominator,
       'exact' as basis
from sites s
left join int_policies p using (site_id)
left join int_first_interpretations f on f.site_id = p.site_id and f.policy_url = p.url
group by all

-- findings: each policy without an interpretation
select d.site_id, d.url, '政策文件无解读：' || d.title as detail, null as related_url, null as amount
from int_policies d
left join int_first_interpretations f on f.site_id = d.site_id and f.policy_url = d.url
where f.policy_url is null
