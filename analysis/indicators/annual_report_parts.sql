-- label: 年报内容完整
-- short: 年报完整
-- order: 160
-- kind: share
-- threshold: required
-- keys: required
-- definition: 窗口内发布的政府信息公开工作年度报告中，五个法定部分（主动公开、收到和处理申请、行政复议和诉讼、存在的主要问题及改进情况、其他需要报告的事项）齐全的比例
-- quote: 《政府信息公开条例》(2019) 第五十条“年度报告应当包括下列内容：（一）行政机关主动公开政府信息的情况；（二）行政机关收到和处理政府信息公开申请的情况；（三）因政府信息公开工作被申请行政复议、提起行政诉讼的情况；（四）政府信息公开工作存在的主要问题及改进情况……；（五）其他需要报告的事项”

-- score: reports of the window whose headings name every required part / reports of the window
select s.site_id, count(r.url) filter (len(r.missing_parts) = 0) as numerator,
       count(r.url) as denominator, 'exact' as basis
from sites s
left join int_annual_reports r on r.site_id = s.site_id and r.in_window
group by all

-- findings: each report lacking parts, naming them (amount: how many)
select site_id, url,
       report_year || '年年度报告缺少：' || array_to_string(missing_parts, '、') as detail,
       null as related_url, len(missing_parts) as amount
from int_annual_reports
where in_window and len(missing_parts) > 0
