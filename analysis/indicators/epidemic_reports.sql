-- label: 疫情信息按月发布
-- short: 疫情月报
-- order: 210
-- kind: count
-- unit: 月
-- threshold: max_count
-- keys: max_count, levels, period, due_months, expected_from, titles, document
-- rule: （每月法定传染病疫情概况于该月起第{due_months:g}个月末前公开）
-- definition: 发布期限（规则所定，默认为次月底）落在窗口内的月份中，未发布或晚于期限发布该月法定传染病疫情概况的月数；只评规则所列层级（默认国家和省级）；某月的概况以标题所写年月认定，标题未写月份的按发布日期的上一个月
-- quote: 卫办发〔2006〕79号：“各省、自治区、直辖市卫生行政部门应按照《传染病防治法》第三十八条第二款的规定，定期发布本行政区域的传染病疫情信息”；所附发布方案：卫生部“以月报、季报、年报方式”公布法定报告传染病疫情

-- score: periods due in the window without the document or with a late one / periods due
select site_id, count(*) filter (counted and missing_or_late) as numerator,
       count(*) filter (counted) as denominator, 'exact' as basis
from int_periodic_due where indicator = 'epidemic_reports' group by all

-- findings: worded in int_periodic_findings.sql
select site_id, url, detail, null as related_url, amount
from int_periodic_findings where indicator = 'epidemic_reports' and status = 'finding'

-- pending: not yet due and not yet seen
select site_id, url, detail, null as related_url, amount
from int_periodic_findings where indicator = 'epidemic_reports' and status = 'pending'
