-- label: 办事指南要素齐全
-- short: 办事指南
-- order: 174
-- kind: share
-- unit: 件
-- threshold: required
-- judged: 网站有办事指南的
-- keys: required, required_elements
-- rule: （每件办事指南载明必备要素，或链接到政务服务网办理）
-- definition: 本次采集所见、截至评估日已发布的办事指南（服务指南）页面中，载明全部必备要素（默认：事项名称、办理依据、办理条件、申请材料、办理流程、办理时限、收费、办理地点、办理时间、咨询方式、监督投诉），或将该事项交由政务服务网办理（链接或写明）的比例；政府信息公开指南不算办事指南；网站未见办事指南的不评
-- quote: 国家卫生计生委 2017：“逐项编制办事指南，并向社会公开”，“统一服务事项办理指南内容”；卫生健康领域基层政务公开标准目录：“办事指南，包括：适用范围、事项审查类型、项目信息（项目名称、审批类别、项目编码）、办理依据、受理机构、决定机构、审批数量、办理条件、申请材料、申请接收、办理基本流程、办理方式、审批时限、审批收费依据及标准、审批结果、结果送达、申请人权利和义务、咨询途径、监督和投诉渠道、办公地址和时间、公开查询方式等”；中卫市卫健委 2020 (九)：“在宁夏政务服务网集中公布‘四级四同’政务服务清单目录”

-- score: guides carrying every required element (or handed to a 政务服务网) / guides seen
select site_id, count(*) filter (complete) as numerator, count(*) as denominator,
       'exact' as basis
from int_guides
group by all

-- findings: each guide without some required element (amount: how many it lacks)
select site_id, url,
       '办事指南未载明：' || array_to_string(missing, '、') as detail,
       null as related_url, len(missing) as amount
from int_guides
where not complete
