-- label: 政策解读率
-- short: 解读率
-- order: 20
-- kind: share
-- threshold: required
-- keys: required, classes
-- definition: 窗口内发布、须解读的政策文件（规则所列文件类别，及被解读引用或链接的文件）中，截至评估日已有解读的比例；发布后尚在解读时限内、还没有解读的文件为“未到期”，不计入分子分母，单独列出
-- quote: 中卫市卫健委 2020 (十五)“2020年，政策解读要达到100%”；黔南 2017 (七)1“以政府或政府办公室名义印发的政策性文件、以部门名义印发的政策性文件均要解读”
-- changed: 旧定义把评估日前刚发布、尚在3个工作日解读时限内的文件计为“无解读”；新定义列为未到期，不计入

-- score: policies with an interpretation / documents that must be interpreted and are due
select s.site_id, count(p.url) filter (p.interpreted) as numerator,
       count(p.url) filter (not p.pending) as denominator, 'exact' as basis
from sites s
left join int_policies_due p using (site_id)
group by all

-- findings: each due policy without an interpretation
select site_id, url, '政策文件无解读：' || title as detail, null as related_url, null as amount
from int_policies_due
where not interpreted and not pending

-- pending: each policy still inside its interpretation time limit without one (amount: the days
-- left to its last day)
select site_id, url,
       '未到期：解读时限至 ' || strftime(due_day, '%Y-%m-%d') || '：' || title as detail,
       null as related_url, (due_day - getvariable('as_of'))::int as amount
from int_policies_due
where pending
