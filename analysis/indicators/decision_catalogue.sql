-- label: 重大决策目录
-- short: 决策目录
-- order: 170
-- kind: count
-- unit: 年
-- threshold: max_count
-- keys: max_count, period, due_months, expected_from, titles, document
-- rule: （当年起第{due_months:g}个月末前公开）
-- definition: 截止日期（规则所定；来源未定日期，默认当年12月31日，即年度目录须在当年公开）落在窗口内的年份中，年度重大行政决策事项目录未公开或晚于截止日期公开的年数；某年的目录以标题所写年份认定，标题未写年份的按发布年份
-- quote: 济南市卫健委 2021 政务公开工作要点 二(一)：“推进重大行政决策公开。落实年度重大决策事项目录公开制度”

-- score: periods due in the window without the document or with a late one / periods due
select site_id, count(*) filter (counted and missing_or_late) as numerator,
       count(*) filter (counted) as denominator, 'exact' as basis
from int_periodic_due where indicator = 'decision_catalogue' group by all

-- findings: worded in int_periodic_findings.sql
select site_id, url, detail, null as related_url, amount
from int_periodic_findings where indicator = 'decision_catalogue' and status = 'finding'

-- pending: not yet due and not yet seen
select site_id, url, detail, null as related_url, amount
from int_periodic_findings where indicator = 'decision_catalogue' and status = 'pending'
