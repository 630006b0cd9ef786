-- label: 不更新栏目
-- short: 不更新栏目
-- order: 90
-- kind: count
-- unit: 个
-- threshold: max_count
-- keys: news_days, notice_months, policy_months, other_months, max_count
-- rule: （动态{news_days:g}天、通知{notice_months:g}个月、政策{policy_months:g}个月、其他{other_months:g}个月）
-- definition: 最新信息早于规则所定期限（默认动态类2周，通知公告、政策文件6个月，其他1年）的栏目数

-- score: stale columns (denominator: columns)
select s.site_id, count(c.column_url) filter (c.stale) as numerator,
       count(c.column_url) as denominator, 'exact' as basis
from sites s left join int_column_freshness c using (site_id) group by all

-- findings: each stale column, its newest item and the limit (amount: days since)
select site_id, column_url as url,
       name || '：最近更新 ' || strftime(last_published, '%Y-%m-%d') || '，早于 '
           || strftime(oldest_fresh, '%Y-%m-%d') as detail,
       null as related_url, (getvariable('as_of') - last_published)::int as amount
from int_column_freshness
where stale
