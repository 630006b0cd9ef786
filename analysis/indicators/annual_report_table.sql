-- label: 年报数据勾稽
-- short: 年报勾稽
-- order: 170
-- kind: share
-- threshold: required
-- keys: required
-- definition: 窗口内发布的年度报告中，“收到和处理政府信息公开申请情况”表可读且各列满足“本年新收＋上年结转＝办理结果总计＋结转下年度”的比例；表格为图片或附件而无法核对的不计为达标
-- quote: 国办公开办函〔2021〕30号 年度报告格式：“本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和”

-- score: reports of the window whose application table was read and adds up / reports of the window
select s.site_id, count(r.url) filter (r.table_adds_up) as numerator,
       count(r.url) as denominator, 'exact' as basis
from sites s
left join int_annual_reports r on r.site_id = s.site_id and r.in_window
group by all

-- findings: the sum that fails (the 总计 column's figures, and every column that fails), or why
-- the table could not be checked
select site_id, url,
       report_year || '年年度报告' || case table_state
           when 'read' then '申请情况表不平：本年新收 ' || new_requests || ' + 上年结转 '
               || carried_over || ' ≠ 办理结果总计 ' || handled || ' + 结转下年度 '
               || carried_forward || '（总计列）；不平的列：' || array_to_string(unbalanced_columns, '、')
           when 'image' then '的申请情况表是图片，无法核对'
           when 'attachment' then '正文在附件中，申请情况表未能核对'
           when 'unreadable' then '的申请情况表缺少行：' || array_to_string(missing_rows, '、')
           else '未见“收到和处理政府信息公开申请情况”表'
       end as detail,
       null as related_url,
       (new_requests + carried_over) - (handled + carried_forward) as amount
from int_annual_reports
where in_window and not table_adds_up
