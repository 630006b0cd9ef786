-- label: 不更新栏目
-- short: 不更新栏目
-- order: 90
-- kind: count
-- unit: 个
-- threshold: max_count
-- keys: news_days, notice_months, policy_months, personnel_months, max_count
-- rule: （动态要闻{news_days:g}天、通知公告和政策文件{notice_months:g}个月未更新）
-- definition: 动态、要闻类栏目超过规定天数（默认2周）、通知公告和政策文件类栏目超过规定月数（默认6个月）未更新的栏目数；累计5个（含）以上单项否决。人事、规划计划类栏目及空白栏目计入“应更新未更新栏目”
-- quote: 国办秘函〔2019〕19号（沿用2015年普查评分表）：“监测时间点前2周内的动态、要闻类栏目，以及监测时间点前6个月内的通知公告、政策文件类栏目，累计超过（含）5个未更新”，即单项否决
-- changed: 旧定义把人事、规划计划及其他各类栏目（1年）、政策解读栏目（6个月）都计入本项；新定义只计检查指标所列的动态要闻、通知公告、政策文件类栏目，其余按“应更新未更新栏目”另计（超过10个否决）

-- score: stale 动态要闻 / 通知公告 / 政策文件 columns (denominator: such columns)
select s.site_id, count(c.column_url) filter (c.stale) as numerator,
       count(c.column_url) as denominator, 'exact' as basis
from sites s
left join int_column_freshness c on c.site_id = s.site_id and c.counted_kind = 'frequent'
group by all

-- findings: each stale column, its newest item and the limit (amount: days since)
select site_id, column_url as url,
       name || '：最近更新 ' || strftime(last_published, '%Y-%m-%d') || '，早于 '
           || strftime(oldest_fresh, '%Y-%m-%d') as detail,
       null as related_url, (getvariable('as_of') - last_published)::int as amount
from int_column_freshness
where stale and counted_kind = 'frequent'
