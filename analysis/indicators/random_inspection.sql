-- label: 双随机抽查结果公开
-- short: 双随机结果
-- order: 177
-- kind: count
-- unit: 年
-- threshold: max_count
-- keys: max_count, period, due_months, expected_from, titles, document, levels
-- rule: （每年至少公开一次，当年起第{due_months:g}个月末前）
-- definition: 截止日期（规则所定，默认为当年年底）落在窗口内的年份中，当年没有公开任何“双随机、一公开”抽查结果（标题写明双随机或随机抽查，及结果、情况或查处；抽查计划、事项清单、实施方案不算）的年数；某年的结果以标题所写年份认定，标题未写年份的按发布年份；只评省、市、县三级（国家卫生健康委的必设栏目不含此项）
-- quote: 黔南州卫计委 2017 政务公开工作实施方案：“全面推行行政执法公示制度,严格执行‘双随机一公开’监管模式……及时公布抽查情况及查处结果”；济南市卫健委 2021：“推进‘双随机、一公开’监管，并及时公开检查结果”；中卫市卫健委 2020 (十)：“将卫生健康执法检查处置结果在市政府网站……即时公开”

-- score: years due in the window without any result published in them / years due
select site_id, count(*) filter (counted and missing_or_late) as numerator,
       count(*) filter (counted) as denominator, 'exact' as basis
from int_periodic_due where indicator = 'random_inspection' group by all

-- findings: worded in int_periodic_findings.sql
select site_id, url, detail, null as related_url, amount
from int_periodic_findings where indicator = 'random_inspection' and status = 'finding'

-- pending: not yet due and not yet seen
select site_id, url, detail, null as related_url, amount
from int_periodic_findings where indicator = 'random_inspection' and status = 'pending'
