-- label: 突发公共卫生事件信息按月发布
-- short: 突发事件
-- order: 215
-- kind: count
-- unit: 月
-- threshold: max_count
-- judged: 网站发布过突发公共卫生事件月度报告的
-- keys: max_count, period, due_months, expected_from, titles, document, levels
-- rule: （已按月发布的，每月报告于次月底前发布；周期为网站自定，不计入综合得分）
-- definition: 截止日期（次月底）落在窗口内的月份中，突发公共卫生事件月度报告（标题写明突发公共卫生事件及情况、概况、报告、信息、分析或通报；预案、演练、培训、方案、办法、通知及季度、年度报告不算）未发布或晚于截止日期发布的月数；只评国家和省级、且截至评估日发布过写明月份的此类报告的网站，自其首份报告所属月份起评（此前网站未按月发布，不算缺）；某月的报告以标题所写月份认定，标题未写月份的以正文所写月份或发布月的上一月认定
-- quote: 国家卫生计生委 2017：“继续抓好法定传染病和重大突发公共卫生事件的信息公开”；《突发公共卫生事件应急条例》第二十五条：“国务院卫生行政主管部门负责向社会发布突发事件的信息。必要时，可以授权省、自治区、直辖市人民政府卫生行政主管部门向社会发布本行政区域内突发事件的信息”

-- score: months due in the window without a report or with a late one / months due
select site_id, count(*) filter (counted and missing_or_late) as numerator,
       count(*) filter (counted) as denominator, 'exact' as basis
from int_periodic_due where indicator = 'emergency_events' group by all

-- findings: worded in int_periodic_findings.sql
select site_id, url, detail, null as related_url, amount
from int_periodic_findings where indicator = 'emergency_events' and status = 'finding'

-- pending: not yet due and not yet seen
select site_id, url, detail, null as related_url, amount
from int_periodic_findings where indicator = 'emergency_events' and status = 'pending'
