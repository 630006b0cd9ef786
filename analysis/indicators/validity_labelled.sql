-- label: 有效性标注
-- short: 有效性
-- order: 80
-- kind: share
-- threshold: required
-- keys: required
-- definition: 政策文件中标注有效性（有效、失效、废止）的比例

-- score: policies of the window showing 有效性 / policies of the window
select s.site_id, count(d.validity) as numerator, count(d.url) as denominator, 'exact' as basis
from sites s
left join stg_documents d on d.site_id = s.site_id and d.in_window and d.doc_type = 'policy'
group by all

-- findings: each policy without it
select site_id, url, '未标注有效性：' || title as detail, null as related_url, null as amount
from stg_documents where in_window and doc_type = 'policy' and validity is null
