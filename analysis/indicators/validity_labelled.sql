-- label: 有效性标注
-- short: 有效性
-- order: 80
-- kind: share
-- threshold: required
-- keys: required
-- definition: 窗口内发布的可公开发布的公文（政策文件及带发文字号的通知等，未标为依申请公开或不予公开）中，标注有效性（有效、失效、废止）的比例
-- quote: 黔南州卫计委 2017 (五)3“自2017年起，所有注明可以公开发布的文件，要于印发当日在政府门户网站公开，并标注文件的有效性”
-- changed: 旧定义只查政策文件；新定义查每件可公开发布的公文（含带文号的通知）。同一句的“印发当日公开”由公开及时性规则的工作日数表达（取0个工作日），与《条例》的20个工作日二选一

-- score: publishable 公文 of the window showing 有效性 / publishable 公文 of the window
select s.site_id, count(d.validity) as numerator, count(d.url) as denominator, 'exact' as basis
from sites s
left join stg_documents d
  on d.site_id = s.site_id and d.in_window and d.official_document
 and d.disclosure_attr is distinct from '依申请公开' and d.disclosure_attr is distinct from '不予公开'
group by all

-- findings: each without it
select site_id, url, '未标注有效性：' || title as detail, null as related_url, null as amount
from stg_documents
where in_window and official_document and validity is null
  and disclosure_attr is distinct from '依申请公开' and disclosure_attr is distinct from '不予公开'
