-- label: 部门决算公开
-- short: 部门决算
-- order: 176
-- kind: count
-- unit: 年
-- threshold: max_count
-- keys: max_count, period, due_months, review_after_months, expected_from, titles, document, parts
-- rule: （次年起第{due_months:g}个月末前公开；第{review_after_months:g}个月末后公开的列出待人工判断）
-- definition: 截止日期（规则所定，默认为决算年度的次年年底）落在窗口内的年份中，本部门该年度部门决算未公开或晚于截止日期公开的年数；某年的决算以标题所写年份认定，标题未写年份的按发布年份的上一年；只认标题写明“部门决算”的页面；晚于一般期限（默认次年9月底：人大常委会批准决算后批复、批复后20日内公开）但在截止日期内公开的，以及页面未见三公经费的，列出待人工判断
-- quote: 枣庄市卫计委 2016 三(六)：“深入推进预决算公开。按照财政部门有关要求，推进预决算公开，公开内容应包括本单位职责、机构设置、一般公共预算收支、政府性基金预算收支、机关运行经费等情况”；济南市卫健委 2021：“稳步扩大预决算公开范围,推进卫生健康预算、决算及相关报表公开”

-- score: periods due in the window without the document or with a late one / periods due
select site_id, count(*) filter (counted and missing_or_late) as numerator,
       count(*) filter (counted) as denominator, 'exact' as basis
from int_periodic_due where indicator = 'department_final_accounts' group by all

-- findings: worded in int_periodic_findings.sql
select site_id, url, detail, null as related_url, amount
from int_periodic_findings where indicator = 'department_final_accounts' and status = 'finding'

-- pending: not yet due and not yet seen
select site_id, url, detail, null as related_url, amount
from int_periodic_findings where indicator = 'department_final_accounts' and status = 'pending'

-- review: after the usual bound, or a page without the rule's parts
select site_id, url, detail, null as related_url, amount
from int_periodic_findings where indicator = 'department_final_accounts' and status = 'review'
