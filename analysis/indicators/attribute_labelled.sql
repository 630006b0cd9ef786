-- label: 公开属性标注
-- short: 公开属性
-- order: 70
-- kind: share
-- threshold: required
-- keys: required
-- definition: 政策文件中标注公开属性（主动公开、依申请公开、不予公开）的比例

-- score: policies of the window showing 公开属性 / policies of the window
select s.site_id, count(d.disclosure_attr) as numerator, count(d.url) as denominator,
       'exact' as basis
from sites s
left join stg_documents d on d.site_id = s.site_id and d.in_window and d.doc_type = 'policy'
group by all

-- findings: each policy without it
select site_id, url, '未标注公开属性：' || title as detail, null as related_url, null as amount
from stg_documents where in_window and doc_type = 'policy' and disclosure_attr is null
