-- label: 规范性文件清理结果公开
-- short: 文件清理
-- order: 85
-- kind: count
-- unit: 期
-- threshold: max_count
-- keys: max_count, period, first_year, due_months, expected_from, titles, document
-- rule: （自{first_year:g}年起每2年清理一次，每期末前公布清理结果）
-- definition: 截止日期（规则所定，默认为每两年一期的期末）落在窗口内的各期中，本期没有公布任何规范性文件清理结果（标题写明规范性文件的清理结果或情况、清理后的废止或失效决定；开展清理的通知、工作方案不算）的期数；某期的结果以标题所写年份认定，标题未写年份的按发布年份
-- quote: 黔南州卫计委 2017 (五)3：“建立健全规范性文件定期清理制度，对规范性文件每隔2年清理一次，清理结果向社会公布”；国家卫生计生委 2017：“2017年底前，完成对现行规章和规范性文件清理工作，以后定期开展，并及时公开清理结果”；济南市卫健委 2021：“按要求定期清理规范性文件，并向社会公布清理结果”

-- score: periods due in the window without any cleanup result published in them / periods due
select site_id, count(*) filter (counted and missing_or_late) as numerator,
       count(*) filter (counted) as denominator, 'exact' as basis
from int_periodic_due where indicator = 'normative_cleanup' group by all

-- findings: worded in int_periodic_findings.sql
select site_id, url, detail, null as related_url, amount
from int_periodic_findings where indicator = 'normative_cleanup' and status = 'finding'

-- pending: not yet due and not yet seen
select site_id, url, detail, null as related_url, amount
from int_periodic_findings where indicator = 'normative_cleanup' and status = 'pending'
